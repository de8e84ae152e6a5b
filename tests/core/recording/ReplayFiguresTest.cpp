// A replayed recording plots every chart figure exactly as the live session
// did (issue 13, section 2): the samples stored beside each line, turned back
// into snapshots (SnapshotSample::toSnapshot), give the same Timeline series.
#include <gtest/gtest.h>

#include <vector>

#include "core/recording/RecordingReader.h"
#include "core/recording/SqliteDb.h"
#include "core/telemetry/Timeline.h"
#include "tests/core/recording/RecordingTestData.h"

namespace poolscope {
namespace {

using testdata::TempDir;

/// Live snapshots of a pool whose connections break now and then, with
/// connect errors, timeouts and validation failures at other moments.
std::vector<PoolSnapshot> liveSnapshots(int n) {
    std::vector<PoolSnapshot> out;
    uint64_t broken = 0, connectErrors = 0, validation = 0;
    for (int i = 0; i < n; ++i) {
        PoolSnapshot s = testdata::makeSnapshot(i, "orders");
        if (i % 7 == 3) broken += 2;
        if (i % 23 == 5) ++connectErrors;
        if (i % 31 == 9) ++validation;
        s.totals.closedBroken = broken;
        s.totals.connectErrors = connectErrors;
        s.totals.validationFailures = validation;
        out.push_back(s);
    }
    return out;
}

/// Every metric of every sample of `pool`, in time order.
std::vector<std::vector<double>> series(const Timeline& t, const std::string& pool) {
    std::vector<std::vector<double>> out;
    t.forEachSample(pool, 0, testdata::kT0 + 100'000'000, [&](int64_t, const double* v) {
        out.emplace_back(v, v + kMetricCount);
    });
    return out;
}

void record(const std::string& path, const std::vector<PoolSnapshot>& live) {
    auto w = RecordingWriter::create(path, testdata::sampleMeta());
    ASSERT_TRUE(w.isOk()) << w.message();
    RecordingBatch batch;
    for (const auto& s : live) batch.snapshots.push_back(RecordedSnapshot::of(s, snapshotToJsonLine(s)));
    ASSERT_TRUE((*w)->write(batch).isOk());
    ASSERT_TRUE((*w)->close(live.back().tMs).isOk());
}

std::vector<SnapshotSample> readSamples(const std::string& path) {
    auto r = RecordingReader::open(path);
    EXPECT_TRUE(r.isOk()) << r.message();
    if (!r) return {};
    EXPECT_EQ((*r)->pools().size(), 1u);
    auto samples = (*r)->samples((*r)->pools()[0].id, 0, testdata::kT0 + 100'000'000);
    EXPECT_TRUE(samples.isOk()) << samples.message();
    EXPECT_TRUE((*r)->warnings().empty()) << (*r)->warnings().front();
    return samples ? *samples : std::vector<SnapshotSample>{};
}

TEST(ReplayFiguresTest, EveryChartFigureOfAReplayEqualsTheLiveOne) {
    TempDir dir;
    const auto live = liveSnapshots(300);
    record(dir.file("broken.psrec"), live);
    Timeline liveTimeline, replayTimeline;
    for (const auto& s : live) liveTimeline.append(s);
    const auto samples = readSamples(dir.file("broken.psrec"));
    ASSERT_EQ(samples.size(), live.size());
    for (const auto& x : samples) {
        const PoolSnapshot s = x.toSnapshot("orders", "sim");
        EXPECT_TRUE(s.reported.has(Figure::ClosedBroken));
        EXPECT_FALSE(s.reported.has(Figure::Connections));  // not stored beside the line
        replayTimeline.append(s);
    }
    const auto a = series(liveTimeline, "orders");
    const auto b = series(replayTimeline, "orders");
    ASSERT_EQ(a.size(), b.size());
    bool sawBrokenRate = false;
    for (size_t i = 0; i < a.size(); ++i) {
        for (int m = 0; m < kMetricCount; ++m)
            EXPECT_EQ(a[i][m], b[i][m]) << toString(static_cast<Metric>(m)) << " at sample " << i;
        const auto err = static_cast<size_t>(Metric::ErrorRate);
        if (i % 7 == 3 && i % 23 != 5 && i % 31 != 9 && a[i][err] > 0) sawBrokenRate = true;
    }
    EXPECT_TRUE(sawBrokenRate) << "the live error rate must count broken connections";
}

TEST(ReplayFiguresTest, ARecordingWithoutClosedBrokenReadsAsBefore) {
    TempDir dir;
    const auto live = liveSnapshots(60);
    record(dir.file("old.psrec"), live);
    {
        auto db = SqliteDb::open(dir.file("old.psrec"), SqliteDb::Mode::ReadWrite);
        ASSERT_TRUE(db.isOk());
        // The snapshots table as the first release wrote it.
        ASSERT_TRUE((*db)->exec("ALTER TABLE snapshots DROP COLUMN closed_broken; "
                                "ALTER TABLE snapshots DROP COLUMN figures_crc;").isOk());
    }
    const auto samples = readSamples(dir.file("old.psrec"));
    ASSERT_EQ(samples.size(), live.size());
    Timeline replay;
    for (size_t i = 0; i < samples.size(); ++i) {
        EXPECT_FALSE(samples[i].closedBroken);
        EXPECT_EQ(samples[i].connectErrors, live[i].totals.connectErrors);
        const PoolSnapshot s = samples[i].toSnapshot("orders", "sim");
        EXPECT_FALSE(s.reported.has(Figure::ClosedBroken)) << "unknown, not 0";
        replay.append(s);
    }
    // The error rate of an older file: connect errors, timeouts and
    // validation failures, as it was before the column existed.
    const auto v = series(replay, "orders");
    for (size_t i = 1; i < v.size(); ++i) {
        const auto& t = live[i].totals;
        const auto& p = live[i - 1].totals;
        const double expected = static_cast<double>((t.connectErrors + t.timeouts + t.validationFailures) -
                                                    (p.connectErrors + p.timeouts + p.validationFailures)) /
                                0.1;
        EXPECT_FLOAT_EQ(v[i][static_cast<size_t>(Metric::ErrorRate)], static_cast<float>(expected)) << i;
    }
}

}  // namespace
}  // namespace poolscope
