// libFuzzer target: arbitrary bytes through everything that reads a
// recording. Build with -DPOOLSCOPE_FUZZ=ON (clang), then e.g.
//   build-fuzz/tests/fuzz/RecordingReaderFuzz -max_len=262144 tests/fuzz/corpus
// Bytes that start like an SQLite file are opened as a .psrec; other bytes
// go, by their first byte, to the event block decoder or the snapshot line
// parser. The regression test (RecordingFuzzRegressionTest) runs the same
// function over a corpus of damaged files in the normal build.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string_view>

#include "core/recording/EventBlockCodec.h"
#include "core/recording/RecordingReader.h"
#include "core/recording/ReplayCursor.h"
#include "core/telemetry/SnapshotLineParser.h"
#include "core/recording/TimeMath.h"

namespace {

void exerciseFile(std::string_view bytes) {
    auto opened = poolscope::RecordingReader::openBytes(bytes, "fuzz");
    if (!opened) return;
    poolscope::RecordingReader& r = **opened;
    (void)r.describe();
    (void)r.summaryLine();
    size_t frames = 0;
    r.scanFrames([&](const poolscope::ReplayFrame& f) {
        (void)poolscope::SnapshotLineParser::parse(f.line);
        return ++frames < 2000;
    });
    using poolscope::addSaturating;
    using poolscope::subSaturating;
    const auto span = r.span().value_or(poolscope::TimeSpan{0, 1000});
    const int64_t mid = span.firstMs / 2 + span.lastMs / 2;
    const int64_t before = subSaturating(span.firstMs, 1);
    (void)r.framesAt(mid);
    (void)r.framesBetween(before, span.lastMs, 500);
    (void)r.nextFrameTime(mid);
    (void)r.events(before, addSaturating(span.firstMs, 60'000));
    (void)r.alerts(std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max());
    for (const auto& p : r.pools()) {
        (void)r.samples(p.id, before, addSaturating(span.firstMs, 60'000));
        break;
    }
    poolscope::ReplayCursor cursor(r);
    for (int i = 0; i < 5 && !cursor.atEnd(); ++i) {
        auto next = cursor.nextFrameTime();
        if (!next || !*next) break;
        (void)cursor.advanceTo(**next, 100);
    }
    (void)cursor.nextAlertTime();
    (void)r.verify();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    if (bytes.substr(0, 6) == "SQLite") {
        exerciseFile(bytes);
        return 0;
    }
    if (bytes.empty()) return 0;
    const std::string_view rest = bytes.substr(1);
    switch (static_cast<uint8_t>(bytes[0]) % 3) {
        case 0: {
            std::vector<poolscope::TransitionEvent> events;
            (void)poolscope::EventBlockCodec::decode(rest, events);
            break;
        }
        case 1: (void)poolscope::SnapshotLineParser::parse(rest); break;
        default: exerciseFile(rest); break;
    }
    return 0;
}
