#pragma once
// The thresholds file (JSON): reading with strict checks, and writing (the
// GUI's threshold editor saves with toJson()). Format in the README,
// "Health thresholds file"; defaults in resources/thresholds.json.

#include <string>
#include <string_view>

#include "core/health/Thresholds.h"
#include "core/util/Result.h"

namespace poolscope {

class ThresholdsFile {
public:
    static constexpr int kSchema = 1;
    static constexpr int64_t kMaxDurationMs = 86'400'000;  ///< bound of every *_ms (a day)

    /// Reads a thresholds document. Rules and keys left out keep their
    /// defaults (Thresholds::defaults()). Refused, naming the key path and
    /// the problem ("rules.wait_p99.warning: expected a number or null, got a
    /// string"): bad JSON (with line, column and byte), unknown keys or rules, wrong
    /// types, out-of-range values, thresholds out of order (info <= warning <=
    /// danger), an enabled rule with no threshold. Pure.
    static Result<Thresholds> parse(std::string_view json);
    /// Reads the file at `path`; errors start with "thresholds file '<path>': ".
    static Result<Thresholds> load(const std::string& path);
    /// The full document for `thresholds` (every rule and key), indented,
    /// ending with a newline; parse(toJson(t)) == t.
    static std::string toJson(const Thresholds& thresholds);
};

}  // namespace poolscope
