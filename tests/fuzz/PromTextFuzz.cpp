// libFuzzer target: arbitrary bytes through the Prometheus text parser and,
// when they parse, through the format detection and the ForeignPoolTracker.
// Build with -DPOOLSCOPE_FUZZ=ON (clang), then e.g.
//   build-fuzz/tests/fuzz/PromTextFuzz -max_len=65536 tests/fuzz/corpus-promtext
// The first byte picks the format (auto, 0.0.4, OpenMetrics) and whether the
// limits are small. PromTextFuzzRegressionTest runs the same function over
// the checked-in corpus in every build.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/remote/BuiltinMappings.h"
#include "core/remote/ForeignPoolTracker.h"
#include "core/remote/PromTextParser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using poolscope::PromTextParser;
    if (size == 0) return 0;
    const auto mode = static_cast<uint8_t>(data[0]);
    const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
    const PromTextParser::Format formats[] = {PromTextParser::Format::Auto, PromTextParser::Format::Prometheus,
                                              PromTextParser::Format::OpenMetrics};
    poolscope::PromTextLimits limits;
    if (mode & 4) {
        limits.maxLineLength = 256;
        limits.maxLabels = 4;
        limits.maxSeries = 64;
    }
    auto parsed = PromTextParser::parse(text, formats[mode % 3], limits);
    if (!parsed) return 0;
    static const auto mappings = poolscope::BuiltinMappings::all();
    if (!mappings) return 0;
    for (const auto& m : mappings.value()) {
        if (!(mode & 8) && !m.detect(*parsed)) continue;
        poolscope::ForeignPoolTracker tracker(m, poolscope::ForeignTrackerOptions{.windowMs = 1000});
        (void)tracker.update(*parsed, 1000);
        (void)tracker.update(*parsed, 2500);
        (void)tracker.update(*parsed, 2500);
    }
    return 0;
}
