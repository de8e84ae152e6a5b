#pragma once
// The line reader behind PromTextParser: one object per parse, fed one line
// at a time. Internal to core/remote; use PromTextParser::parse().

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "core/remote/MetricFamily.h"
#include "core/remote/PromTextParser.h"
#include "core/util/Result.h"

namespace poolscope {

class PromTextReader {
public:
    /// `limits` must outlive the reader.
    PromTextReader(bool openMetrics, const PromTextLimits& limits);
    /// Reads one line (without its newline); `number` counts from 1. The
    /// error reads "line N: <problem>".
    Status line(std::string_view text, size_t number);
    /// True once an OpenMetrics `# EOF` line was read.
    bool sawEof() const { return sawEof_; }
    /// The exposition read so far; the reader is spent afterwards.
    Exposition take() { return std::move(out_); }

private:
    static constexpr size_t npos = static_cast<size_t>(-1);
    Error fail(const std::string& what) const;
    bool atEnd() const { return pos_ >= line_.size(); }
    void skipBlanks();
    std::string_view token();
    std::string_view metricName();
    size_t newFamily(std::string_view name);
    std::optional<size_t> findFamily(std::string_view name) const;
    size_t familyFor(std::string_view name);
    Status comment();
    Status labels(std::vector<Label>& out, std::string_view metric);
    Result<double> number(std::string_view what);
    Result<std::optional<int64_t>> timestamp();
    Status sample(size_t start);
    Status exemplar(std::string_view metric);

    const PromTextLimits& limits_;
    Exposition out_;
    std::vector<bool> typed_, helped_;
    std::optional<size_t> last_;
    std::string_view line_;
    size_t pos_ = 0;
    size_t lineNo_ = 0;
    bool sawEof_ = false;
};

}  // namespace poolscope
