// RecordingWriter → RecordingReader: everything written reads back equal.
#include <gtest/gtest.h>

#include "core/recording/RecordingReader.h"
#include "core/recording/RecordingSchema.h"
#include "core/recording/RecordingWriter.h"
#include "core/telemetry/SnapshotLineParser.h"
#include "tests/core/recording/RecordingTestData.h"

namespace poolscope {
namespace {

using testdata::TempDir;

std::unique_ptr<RecordingReader> openOrFail(const std::string& path) {
    auto r = RecordingReader::open(path);
    EXPECT_TRUE(r.isOk()) << (r.isOk() ? "" : r.message());
    return r ? std::move(r).value() : nullptr;
}

TEST(RecordingRoundTripTest, SnapshotsEventsAlertsAndMetaReadBackEqual) {
    TempDir dir;
    const std::string path = dir.file("a.psrec");
    const auto w = testdata::writeSample(path, 300, 20'000);
    auto r = openOrFail(path);
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->warnings().empty()) << r->describe();
    EXPECT_EQ(r->schemaVersion(), RecordingSchema::kSchemaVersion);
    EXPECT_EQ(r->meta().appVersion, "0.1.0-test");
    EXPECT_EQ(r->meta().source, "sim://app:***@db1/orders?query_ms=2");
    EXPECT_EQ(r->meta().host, "test-host");
    EXPECT_EQ(r->meta().startMs, testdata::kT0);
    EXPECT_EQ(r->meta().thresholds, R"({"schema":1})");
    EXPECT_EQ(r->meta().extra.at("note"), "kept as is");
    ASSERT_TRUE(r->endMs().has_value());
    ASSERT_EQ(r->pools().size(), 2u);
    EXPECT_EQ(r->pools()[0].name, "default");
    EXPECT_EQ(r->pools()[1].name, "orders");
    EXPECT_EQ(r->pools()[0].driver, "sim");
    EXPECT_EQ(r->pools()[1].configJson, RecordingSchema::configToJson(w.snapshots[1].config));
    EXPECT_EQ(r->snapshotCount(), 600u);
    ASSERT_TRUE(r->span());
    EXPECT_EQ(r->span()->firstMs, testdata::kT0);
    EXPECT_EQ(r->span()->lastMs, testdata::kT0 + 299 * 100);

    // Every frame, in recording order, byte for byte; and it parses back.
    std::vector<ReplayFrame> frames;
    const ScanReport report = r->scanFrames([&](const ReplayFrame& f) {
        frames.push_back(f);
        return true;
    });
    EXPECT_EQ(report.framesRead, 600u);
    EXPECT_EQ(report.framesUnreadable, 0u);
    EXPECT_TRUE(report.problems.empty());
    ASSERT_EQ(frames.size(), w.snapshots.size());
    for (size_t i = 0; i < frames.size(); ++i) {
        EXPECT_EQ(frames[i].line, w.snapshots[i].line) << i;
        EXPECT_EQ(frames[i].pool, w.snapshots[i].pool);
        EXPECT_EQ(frames[i].tMs, w.snapshots[i].sample.tMs);
        auto parsed = SnapshotLineParser::parse(frames[i].line);
        ASSERT_TRUE(parsed.isOk()) << parsed.message();
        EXPECT_EQ(SnapshotSample::of(*parsed), w.snapshots[i].sample);
    }

    // Events of each pool, in order, none lost.
    auto events = r->events(testdata::kT0 - 10'000, testdata::kT0 + 10'000'000);
    ASSERT_TRUE(events.isOk()) << events.message();
    std::map<std::string, std::vector<TransitionEvent>> byPool;
    for (const auto& e : *events) byPool[r->pool(e.poolId)->name].push_back(e.event);
    EXPECT_EQ(byPool, w.events);

    auto alerts = r->alerts(testdata::kT0 - 1, testdata::kT0 + 10'000'000);
    ASSERT_TRUE(alerts.isOk());
    EXPECT_EQ(*alerts, w.alerts);

    auto samples = r->samples(r->pools()[1].id, testdata::kT0 - 1, testdata::kT0 + 10'000'000);
    ASSERT_TRUE(samples.isOk());
    ASSERT_EQ(samples->size(), 300u);
    EXPECT_EQ((*samples)[17], w.snapshots[2 * 17 + 1].sample);
}

TEST(RecordingRoundTripTest, SeeksAndStepsByTime) {
    TempDir dir;
    const std::string path = dir.file("seek.psrec");
    const auto w = testdata::writeSample(path, 200, 4000);
    auto r = openOrFail(path);
    ASSERT_TRUE(r);
    const int64_t t = testdata::kT0 + 123 * 100 + 50;  // between snapshots 123 and 124
    auto at = r->framesAt(t);
    ASSERT_TRUE(at.isOk());
    ASSERT_EQ(at->size(), 2u);
    EXPECT_EQ((*at)[0].line, testdata::makeRecorded(123, "default").line);
    EXPECT_EQ((*at)[1].line, testdata::makeRecorded(123, "orders").line);
    auto before = r->framesAt(testdata::kT0 - 1);
    ASSERT_TRUE(before.isOk());
    EXPECT_TRUE(before->empty());

    auto between = r->framesBetween(t, t + 300, 100);
    ASSERT_TRUE(between.isOk());
    ASSERT_EQ(between->size(), 6u);  // 124, 125, 126 of both pools
    EXPECT_EQ((*between)[0].tMs, testdata::kT0 + 12'400);
    EXPECT_EQ((*between)[5].tMs, testdata::kT0 + 12'600);
    auto limited = r->framesBetween(t, t + 300, 4);
    ASSERT_TRUE(limited.isOk());
    EXPECT_EQ(limited->size(), 4u);

    auto next = r->nextFrameTime(t);
    ASSERT_TRUE(next.isOk());
    EXPECT_EQ(next->value_or(0), testdata::kT0 + 12'400);
    auto end = r->nextFrameTime(testdata::kT0 + 199 * 100);
    ASSERT_TRUE(end.isOk());
    EXPECT_FALSE(end->has_value());

    // Events in a window are exactly those with t in (from, to].
    auto events = r->events(t, t + 1000);
    ASSERT_TRUE(events.isOk());
    size_t expected = 0;
    for (const auto& [pool, list] : w.events)
        for (const auto& e : list) expected += e.tMs > t && e.tMs <= t + 1000;
    EXPECT_EQ(events->size(), expected);
    EXPECT_GT(expected, 0u);
}

TEST(RecordingRoundTripTest, ReplacesARecordingButRefusesToOverwriteOtherFiles) {
    TempDir dir;
    const std::string path = dir.file("x.psrec");
    testdata::writeSample(path, 10, 10);
    auto again = RecordingWriter::create(path, testdata::sampleMeta());
    ASSERT_TRUE(again.isOk()) << again.message();
    ASSERT_TRUE((*again)->close(1).isOk());
    auto r = openOrFail(path);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->snapshotCount(), 0u);

    const std::string precious = dir.file("thesis.txt");
    testdata::writeBytes(precious, "years of work");
    auto refused = RecordingWriter::create(precious, testdata::sampleMeta());
    ASSERT_FALSE(refused.isOk());
    EXPECT_NE(refused.message().find("is not a PoolScope recording; refusing to overwrite it"),
              std::string::npos) << refused.message();
    EXPECT_EQ(testdata::readBytes(precious), "years of work");

    auto noFolder = RecordingWriter::create(dir.file("missing/x.psrec"), testdata::sampleMeta());
    ASSERT_FALSE(noFolder.isOk());
    EXPECT_NE(noFolder.message().find("cannot record to '" + dir.file("missing/x.psrec") + "'"),
              std::string::npos) << noFolder.message();
}

TEST(RecordingRoundTripTest, ACleanlyClosedRecordingIsOneFile) {
    TempDir dir;
    const std::string path = dir.file("one.psrec");
    testdata::writeSample(path, 50, 1000);
    EXPECT_FALSE(testdata::fs::exists(path + "-wal"));
    EXPECT_FALSE(testdata::fs::exists(path + "-shm"));
    // A copy of the file alone holds everything.
    auto r = RecordingReader::openBytes(testdata::readBytes(path), "copy");
    ASSERT_TRUE(r.isOk()) << r.message();
    EXPECT_EQ((*r)->snapshotCount(), 100u);
    EXPECT_TRUE((*r)->warnings().empty()) << (*r)->describe();
}

}  // namespace
}  // namespace poolscope
