// libFuzzer target: arbitrary bytes as a snapshot line (SnapshotLineParser),
// the JSON an endpoint answers and a recording stores. When the line is
// accepted, checks the parser's promise that it is the inverse of the
// writer: the snapshot written again (snapshotToJsonLine) is one line that
// reads back to a snapshot that writes the same line. Then feeds the
// snapshot to what an attached or replayed snapshot reaches: the health
// engine (with the line written again with its health) and a Timeline
// (append, decimate). Build with -DPOOLSCOPE_FUZZ=ON (clang), then e.g.
//   build-fuzz/tests/fuzz/SnapshotLineFuzz -max_len=16384 tests/fuzz/corpus-snapshot
// SnapshotLineFuzzRegressionTest runs it over the corpus in every build.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/health/HealthEngine.h"
#include "core/telemetry/SnapshotJson.h"
#include "core/telemetry/SnapshotLineParser.h"
#include "core/telemetry/Timeline.h"
#include "core/util/Clock.h"
#include "tests/fuzz/FuzzCheck.h"

namespace {

using poolscope::SnapshotLineParser;

bool oneLine(std::string_view s) {
    return s.find('\n') == std::string_view::npos && s.find('\r') == std::string_view::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view line(reinterpret_cast<const char*>(data), size);
    auto parsed = SnapshotLineParser::parse(line);
    if (!parsed) return 0;
    poolscope::PoolSnapshot& s = *parsed;

    const std::string written = poolscope::snapshotToJsonLine(s);
    POOLSCOPE_FUZZ_CHECK(oneLine(written), "a snapshot line has no line break", written);
    auto again = SnapshotLineParser::parse(written);
    POOLSCOPE_FUZZ_CHECK(again.isOk(), "a written line is read back",
                         written + "\n" + (again ? std::string() : again.message()));
    const std::string rewritten = poolscope::snapshotToJsonLine(*again);
    POOLSCOPE_FUZZ_CHECK(rewritten == written, "parse and write give back the line",
                         std::string(line) + "\n-> " + written + "\n-> " + rewritten);

    // What an attached or replayed snapshot meets next.
    auto clock = std::make_shared<poolscope::ManualClock>();
    poolscope::HealthEngine engine(poolscope::Thresholds::defaults(), clock);
    const poolscope::PoolHealth first = engine.evaluate(s);
    POOLSCOPE_FUZZ_CHECK(oneLine(poolscope::snapshotToJsonLine(s, first)),
                         "a line with health has no line break", written);
    poolscope::PoolSnapshot later = s;
    later.tMs = s.tMs / 2 + 1'000;
    if (later.counts.waiting < INT64_MAX) later.counts.waiting += 1;
    later.totals.timeouts += 3;
    clock->advanceMs(10'000);
    (void)engine.evaluate(later);
    clock->advanceMs(10'000);
    (void)engine.evaluate(s);

    poolscope::Timeline timeline(64);
    timeline.append(s);
    poolscope::PoolSnapshot next = s;
    next.tMs = s.tMs < INT64_MAX - 1'000 ? s.tMs + 1'000 : s.tMs;
    next.totals.acquired += 10;
    timeline.append(next);
    for (int m = 0; m < poolscope::kMetricCount; ++m) {
        const auto metric = static_cast<poolscope::Metric>(m);
        (void)timeline.decimate(s.pool, metric, s.tMs / 2 - 1'000, next.tMs / 2 + next.tMs / 2 + 1,
                                7);
        (void)timeline.valueAt(s.pool, metric, s.tMs);
    }
    return 0;
}
