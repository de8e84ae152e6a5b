#include "core/recording/FlightRecorder.h"

#include <gtest/gtest.h>

#include "core/recording/RecordingReader.h"
#include "tests/core/recording/RecordingTestData.h"

namespace poolscope {
namespace {

using testdata::TempDir;

TEST(FlightRecorderTest, KeepsTheLastFifteenMinutesByDefault) {
    FlightRecorder fr;
    EXPECT_EQ(fr.windowMs(), 15 * 60 * 1000);
    // One hour at 1 Hz, with events.
    for (int i = 0; i < 3600; ++i) {
        fr.append(testdata::makeRecorded(i, "default", 1000));
        fr.appendEvents("default", testdata::makeEvents(10, 1 + 10 * static_cast<uint64_t>(i),
                                                        testdata::kT0 + i * 1000, 1000));
    }
    // The newest time is the last event's, 900 ms after the last snapshot;
    // the window keeps what ends within 15 min of it.
    const auto s = fr.stats();
    EXPECT_EQ(s.lastMs, testdata::kT0 + 3599 * 1000 + 900);
    EXPECT_EQ(s.snapshots, 900u);
    EXPECT_EQ(s.firstMs, testdata::kT0 + 2699 * 1000);  // an event block reaching into the window
    EXPECT_EQ(s.events, 9010u);
}

TEST(FlightRecorderTest, DropsTheOldestBeyondItsMemoryCap) {
    FlightRecorder fr(60 * 60 * 1000, 200'000);
    for (int i = 0; i < 1000; ++i) fr.append(testdata::makeRecorded(i));
    const auto s = fr.stats();
    EXPECT_LE(s.bytes, 200'000u);
    EXPECT_GT(s.snapshots, 10u);
    EXPECT_LT(s.snapshots, 1000u);
    EXPECT_EQ(s.lastMs, testdata::kT0 + 999 * 100);
}

TEST(FlightRecorderTest, SavesWhatItKeepsAsAReadableRecording) {
    TempDir dir;
    FlightRecorder fr(10'000);  // the last 10 s
    std::vector<TransitionEvent> all;
    for (int i = 0; i < 300; ++i) {  // 30 s at 10 Hz
        fr.append(testdata::makeRecorded(i));
        auto ev = testdata::makeEvents(20, 1 + 20 * static_cast<uint64_t>(i), testdata::kT0 + i * 100, 100);
        all.insert(all.end(), ev.begin(), ev.end());
        fr.appendEvents("default", std::move(ev));
        if (i % 100 == 50) fr.appendAlert({testdata::kT0 + i * 100, "default", "leak", "", "warning", "firing", "m", 1, 1});
    }
    const std::string path = dir.file("last.psrec");
    RecordingMeta meta = testdata::sampleMeta();
    meta.startMs = 0;
    ASSERT_TRUE(fr.saveTo(path, meta).isOk());

    auto r = RecordingReader::open(path);
    ASSERT_TRUE(r.isOk()) << r.message();
    EXPECT_TRUE((*r)->warnings().empty()) << (*r)->describe();
    // The newest time is the last event's (29.995 s): the window starts at 19.995 s.
    EXPECT_EQ((*r)->snapshotCount(), 100u);
    ASSERT_TRUE((*r)->span());
    EXPECT_EQ((*r)->span()->firstMs, testdata::kT0 + 200 * 100);
    EXPECT_EQ((*r)->meta().startMs, testdata::kT0 + 199 * 100);  // the oldest kept event block
    std::vector<std::string> lines;
    (*r)->scanFrames([&](const ReplayFrame& f) {
        lines.push_back(f.line);
        return true;
    });
    ASSERT_EQ(lines.size(), 100u);
    EXPECT_EQ(lines.front(), testdata::makeRecorded(200).line);
    EXPECT_EQ(lines.back(), testdata::makeRecorded(299).line);
    auto events = (*r)->events(0, testdata::kT0 + 1'000'000);
    ASSERT_TRUE(events.isOk());
    ASSERT_FALSE(events->empty());
    // Every kept event is the one that was appended with its seq, and the
    // newest ones are all there.
    for (const auto& e : *events) EXPECT_EQ(e.event, all[e.event.seq - 1]);
    EXPECT_EQ(events->back().event, all.back());
    auto alerts = (*r)->alerts(0, testdata::kT0 + 1'000'000);
    ASSERT_TRUE(alerts.isOk());
    EXPECT_EQ(alerts->size(), 1u);  // the one at 25 s; the one at 5 s is out of the window
}

}  // namespace
}  // namespace poolscope
