#pragma once
// The mapping files shipped in resources/mappings/, compiled in at build time
// (CMake writes them into a generated source as raw string literals), so a
// service finds them without locating files.

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/remote/MetricMapping.h"
#include "core/util/Result.h"

namespace poolscope {

/// One shipped file as compiled in.
struct BuiltinMappingText {
    std::string_view file;  ///< e.g. "go-sql.json"
    std::string_view json;  ///< its bytes, unchanged
};

class BuiltinMappings {
public:
    /// Every shipped file, sorted by file name.
    static std::span<const BuiltinMappingText> texts();
    /// Every shipped mapping, parsed, in texts() order. An error names the
    /// file; the tests make sure none occurs in a release.
    static Result<std::vector<MetricMapping>> all();
    /// The shipped mapping called `name` ("go-sql"); nullopt when none.
    static std::optional<MetricMapping> byName(std::string_view name);
    /// The first shipped mapping whose detect() accepts `scrape`; nullopt
    /// when none does.
    static std::optional<MetricMapping> detect(const Exposition& scrape);
};

}  // namespace poolscope
