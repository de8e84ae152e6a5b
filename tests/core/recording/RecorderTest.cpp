#include "core/recording/Recorder.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "core/recording/RecordingReader.h"
#include "tests/core/recording/RecordingTestData.h"

namespace poolscope {
namespace {

using testdata::TempDir;
using Clock = std::chrono::steady_clock;

TEST(RecorderTest, RecordsFromSeveralThreadsAndClosesCleanly) {
    TempDir dir;
    const std::string path = dir.file("r.psrec");
    auto rec = Recorder::start(path, testdata::sampleMeta());
    ASSERT_TRUE(rec.isOk()) << rec.message();
    std::vector<std::thread> threads;
    for (int t = 0; t < 3; ++t) {
        threads.emplace_back([&, t] {
            const std::string pool = "pool-" + std::to_string(t);
            for (int i = 0; i < 200; ++i) {
                (*rec)->append(testdata::makeRecorded(i, pool));
                (*rec)->appendEvents(pool, testdata::makeEvents(50, 1 + 50 * static_cast<uint64_t>(i),
                                                                testdata::kT0 + i * 100, 100));
            }
            (*rec)->appendAlert({testdata::kT0, pool, "exhausted", "", "danger", "firing", "m", 1, 1});
        });
    }
    for (auto& t : threads) t.join();
    ASSERT_TRUE((*rec)->close().isOk());
    EXPECT_TRUE((*rec)->close().isOk());  // idempotent
    const auto stats = (*rec)->stats();
    EXPECT_EQ(stats.snapshots, 600u);
    EXPECT_EQ(stats.events, 30'000u);
    EXPECT_EQ(stats.alerts, 3u);
    EXPECT_EQ(stats.eventsDropped, 0u);
    EXPECT_GT(stats.bytes, 0u);

    auto r = RecordingReader::open(path);
    ASSERT_TRUE(r.isOk()) << r.message();
    EXPECT_TRUE((*r)->warnings().empty()) << (*r)->describe();
    EXPECT_EQ((*r)->pools().size(), 3u);
    EXPECT_EQ((*r)->snapshotCount(), 600u);
    auto events = (*r)->events(0, testdata::kT0 + 1'000'000);
    ASSERT_TRUE(events.isOk());
    std::map<int64_t, uint64_t> lastSeq;
    for (const auto& e : *events) {
        EXPECT_EQ(e.event.seq, lastSeq[e.poolId] + 1) << "events of a pool stay in order";
        lastSeq[e.poolId] = e.event.seq;
    }
    EXPECT_EQ(events->size(), 30'000u);
}

// What was appended is in the file (readable by another connection) within
// one flush interval: a crash loses at most that much.
TEST(RecorderTest, CommitsWithinTheFlushInterval) {
    TempDir dir;
    const std::string path = dir.file("live.psrec");
    Recorder::Options options;
    options.flushIntervalMs = 100;
    auto rec = Recorder::start(path, testdata::sampleMeta(), options);
    ASSERT_TRUE(rec.isOk()) << rec.message();
    for (int i = 0; i < 5; ++i) {
        const auto appended = Clock::now();
        (*rec)->append(testdata::makeRecorded(i));
        uint64_t seen = 0;
        while (Clock::now() - appended < std::chrono::seconds(3)) {
            auto r = RecordingReader::open(path);
            ASSERT_TRUE(r.isOk()) << r.message();
            seen = (*r)->snapshotCount();
            if (seen == static_cast<uint64_t>(i + 1)) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        EXPECT_EQ(seen, static_cast<uint64_t>(i + 1));
        EXPECT_LT(Clock::now() - appended, std::chrono::milliseconds(1000));
    }
    EXPECT_TRUE((*rec)->close().isOk());
}

TEST(RecorderTest, CountsWhatItCannotKeepUpWith) {
    TempDir dir;
    const std::string path = dir.file("full.psrec");
    Recorder::Options options;
    options.flushIntervalMs = 1000;
    options.maxPendingEvents = 1000;
    options.maxPendingSnapshots = 2;
    options.eagerFlushEvents = 1'000'000;
    auto rec = Recorder::start(path, testdata::sampleMeta(), options);
    ASSERT_TRUE(rec.isOk()) << rec.message();
    (*rec)->appendEvents("default", testdata::makeEvents(800));
    (*rec)->appendEvents("default", testdata::makeEvents(800, 801));  // over the limit: dropped
    for (int i = 0; i < 3; ++i) (*rec)->append(testdata::makeRecorded(i));
    ASSERT_TRUE((*rec)->close().isOk());
    EXPECT_EQ((*rec)->stats().eventsDropped, 800u);
    EXPECT_EQ((*rec)->stats().snapshotsDropped, 1u);
    auto r = RecordingReader::open(path);
    ASSERT_TRUE(r.isOk());
    EXPECT_EQ((*r)->meta().extra.at("recorder_events_dropped"), "800");
}

TEST(RecorderTest, RefusesAFlushIntervalThatWouldLoseMoreThanASecond) {
    TempDir dir;
    Recorder::Options options;
    options.flushIntervalMs = 5000;
    auto rec = Recorder::start(dir.file("x.psrec"), testdata::sampleMeta(), options);
    ASSERT_FALSE(rec.isOk());
    EXPECT_NE(rec.message().find("1-1000 ms"), std::string::npos);
}

}  // namespace
}  // namespace poolscope
