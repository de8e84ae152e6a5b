// Damaged, foreign and newer files: a clear message, what is readable, no crash.
#include <gtest/gtest.h>

#include <random>
#include <set>

#include "core/recording/RecordingReader.h"
#include "core/recording/RecordingSchema.h"
#include "core/recording/SqliteDb.h"
#include "tests/core/recording/RecordingTestData.h"

namespace poolscope {
namespace {

using testdata::TempDir;

/// Everything a damaged file must never do: crash, or hand back a line or
/// an event that was not written.
struct Exercise {
    size_t frames = 0;
    bool opened = false;
    std::string openError;
    std::vector<std::string> warnings;
};

Exercise exercise(const std::string& path, const testdata::Written& w) {
    // A damaged header can make SQLite leave these beside the copy; the next
    // round must start from the bytes alone.
    struct Cleanup {
        std::string path;
        ~Cleanup() {
            std::error_code ec;
            for (const char* suffix : {"-wal", "-shm", "-journal"}) testdata::fs::remove(path + suffix, ec);
        }
    } cleanup{path};
    std::set<std::string> lines;
    for (const auto& s : w.snapshots) lines.insert(s.line);
    // A degraded frame (its line lost) must hold exactly the figures written.
    const auto checkFrame = [&](const ReplayFrame& f) {
        if (!f.degraded) {
            EXPECT_TRUE(lines.count(f.line)) << "a line that was never written, id " << f.id;
            return;
        }
        EXPECT_TRUE(f.degraded->degraded);
        EXPECT_NE(f.line.find("\"degraded\":true"), std::string::npos);
        bool written = false;
        for (const auto& s : w.snapshots)
            written = written || (s.pool == f.pool && s.sample == SnapshotSample::of(*f.degraded));
        EXPECT_TRUE(written) << "degraded figures that were never written, id " << f.id;
    };
    Exercise x;
    auto r = RecordingReader::open(path);
    if (!r) {
        x.openError = r.message();
        return x;
    }
    x.opened = true;
    RecordingReader& reader = **r;
    reader.scanFrames([&](const ReplayFrame& f) {
        checkFrame(f);
        ++x.frames;
        return true;
    });
    const int64_t t = testdata::kT0 + 100 * 100;
    if (auto at = reader.framesAt(t)) {
        for (const auto& f : *at) checkFrame(f);
    }
    if (auto between = reader.framesBetween(t, t + 2000, 1000)) {
        for (const auto& f : *between) checkFrame(f);
    }
    if (auto events = reader.events(testdata::kT0 - 5000, testdata::kT0 + 10'000'000)) {
        for (const auto& e : *events) {
            const RecordedPool* p = reader.pool(e.poolId);
            if (!p || !w.events.count(p->name)) continue;
            const auto& list = w.events.at(p->name);
            const bool known = e.event.seq >= 1 && e.event.seq <= list.size() && list[e.event.seq - 1] == e.event;
            EXPECT_TRUE(known) << "an event that was never written";
        }
    }
    (void)reader.alerts(0, testdata::kT0 + 10'000'000);
    for (const auto& p : reader.pools()) (void)reader.samples(p.id, 0, testdata::kT0 + 10'000'000);
    (void)reader.nextFrameTime(t);
    reader.verify();
    (void)reader.describe();
    x.warnings = reader.warnings();
    return x;
}

bool anyContains(const std::vector<std::string>& list, const std::string& what) {
    for (const auto& s : list)
        if (s.find(what) != std::string::npos) return true;
    return false;
}

class RecordingDamageTest : public testing::Test {
protected:
    void SetUp() override {
        original_ = dir_.file("good.psrec");
        written_ = testdata::writeSample(original_, 400, 8000);
        bytes_ = testdata::readBytes(original_);
        ASSERT_GT(bytes_.size(), 50'000u);
    }
    TempDir dir_;
    std::string original_;
    testdata::Written written_;
    std::string bytes_;
};

TEST_F(RecordingDamageTest, TruncatedFilesSayHowMuchIsLeftAndShowWhatIsReadable) {
    for (double fraction : {0.999, 0.9, 0.75, 0.5, 0.3, 0.1, 0.02}) {
        const std::string path = dir_.file("cut.psrec");
        const size_t keep = static_cast<size_t>(static_cast<double>(bytes_.size()) * fraction);
        testdata::writeBytes(path, bytes_.substr(0, keep));
        const Exercise x = exercise(path, written_);
        if (x.opened) {
            EXPECT_TRUE(anyContains(x.warnings, "the file is truncated: " + std::to_string(keep) + " of its " +
                                                    std::to_string(bytes_.size()) + " bytes are present"))
                << fraction;
        } else {
            EXPECT_TRUE(x.openError.find("damaged") != std::string::npos ||
                        x.openError.find("not a PoolScope recording") != std::string::npos)
                << fraction << ": " << x.openError;
        }
        if (fraction >= 0.9) {
            EXPECT_TRUE(x.opened) << x.openError;
            EXPECT_GT(x.frames, 400u) << fraction;
        }
    }
    testdata::writeBytes(dir_.file("tiny.psrec"), bytes_.substr(0, 10));
    auto tiny = RecordingReader::open(dir_.file("tiny.psrec"));
    ASSERT_FALSE(tiny.isOk());
    EXPECT_NE(tiny.message().find("not a PoolScope recording"), std::string::npos) << tiny.message();
}

TEST_F(RecordingDamageTest, BitFlipsNeverCrashNorReturnWhatWasNotWritten) {
    std::mt19937 rng(20240501);
    const std::string path = dir_.file("flipped.psrec");
    size_t opened = 0;
    for (int round = 0; round < 120; ++round) {
        std::string damaged = bytes_;
        const int flips = 1 + static_cast<int>(rng() % 16);
        for (int f = 0; f < flips; ++f) {
            const size_t at = rng() % damaged.size();
            damaged[at] = static_cast<char>(damaged[at] ^ (1 << (rng() % 8)));
        }
        testdata::writeBytes(path, damaged);
        const Exercise x = exercise(path, written_);
        opened += x.opened;
        if (!x.opened) {
            EXPECT_FALSE(x.openError.empty());
        }
    }
    EXPECT_GT(opened, 60u);  // most damage leaves the file readable in part
}

/// Runs `sql` on a copy of the good recording at `name`; returns its path.
std::string damagedCopy(const testdata::TempDir& dir, const std::string& bytes, const std::string& name,
                        const std::string& sql) {
    const std::string path = dir.file(name);
    testdata::writeBytes(path, bytes);
    auto db = SqliteDb::open(path, SqliteDb::Mode::ReadWrite);
    EXPECT_TRUE(db.isOk());
    if (db) {
        EXPECT_TRUE((*db)->exec(sql).isOk()) << sql;
    }
    return path;
}

TEST_F(RecordingDamageTest, ADamagedLineIsReplayedDegradedFromItsFiguresAndNamed) {
    const std::string path =
        damagedCopy(dir_, bytes_, "line.psrec", "UPDATE snapshots SET line = zeroblob(length(line)) WHERE id = 131");
    auto r = RecordingReader::open(path);
    ASSERT_TRUE(r.isOk()) << r.message();
    std::vector<ReplayFrame> degraded;
    size_t frames = 0;
    const ScanReport report = (*r)->scanFrames([&](const ReplayFrame& f) {
        ++frames;
        if (f.degraded) degraded.push_back(f);
        return true;
    });
    EXPECT_EQ(frames, 800u);
    EXPECT_EQ(report.framesRead, 800u);
    EXPECT_EQ(report.framesUnreadable, 0u);
    EXPECT_EQ(report.framesDegraded, 1u);
    ASSERT_EQ(degraded.size(), 1u);
    const ReplayFrame& f = degraded[0];
    EXPECT_EQ(f.id, 131);
    const RecordedSnapshot& written = written_.snapshots[130];
    EXPECT_EQ(SnapshotSample::of(*f.degraded), written.sample);
    EXPECT_EQ(f.degraded->pool, written.pool);
    EXPECT_TRUE(f.degraded->degraded);
    // What the row does not hold is unknown, never 0.
    for (Figure lost : {Figure::Released, Figure::WaitCount, Figure::Leaks, Figure::Transitions,
                        Figure::Connections, Figure::LeakReports, Figure::MaxIdle, Figure::OtherConfig})
        EXPECT_FALSE(f.degraded->reported.has(lost)) << toString(lost);
    for (Figure kept : {Figure::Open, Figure::InUse, Figure::Waiting, Figure::Acquired, Figure::Timeouts,
                        Figure::ConnectErrors, Figure::ClosedBroken, Figure::WaitPercentiles, Figure::MaxOpen})
        EXPECT_TRUE(f.degraded->reported.has(kept)) << toString(kept);
    EXPECT_NE(f.line.find("\"degraded\":true"), std::string::npos) << f.line;
    EXPECT_NE(f.line.find("\"released\":null"), std::string::npos) << f.line;
    EXPECT_NE(f.line.find("\"acquired\":" + std::to_string(written.sample.acquired)), std::string::npos) << f.line;
    EXPECT_NE(f.line.find("\"connections\":null"), std::string::npos) << f.line;
    auto snapshot = f.snapshot();
    ASSERT_TRUE(snapshot.isOk());
    EXPECT_TRUE(snapshot->degraded);
    ASSERT_FALSE(report.problems.empty());
    EXPECT_NE(report.problems[0].find("snapshot 131"), std::string::npos) << report.problems[0];
    EXPECT_NE(report.problems[0].find("replayed degraded"), std::string::npos) << report.problems[0];
    EXPECT_TRUE(anyContains((*r)->warnings(), "is damaged: snapshot 131"));
    // The time cursor hands out the same degraded frame.
    auto at = (*r)->framesAt(written.sample.tMs);
    ASSERT_TRUE(at.isOk());
    bool found = false;
    for (const auto& g : *at) found = found || (g.id == 131 && g.degraded);
    EXPECT_TRUE(found);
}

TEST_F(RecordingDamageTest, ADamagedKeyframeLeavesTheFiguresOfEveryLineThatDependsOnIt) {
    // Row 1 is the first keyframe of pool "default"; its next 63 lines use it
    // as their dictionary (issue 13: one damaged keyframe lost every line).
    const std::string path =
        damagedCopy(dir_, bytes_, "key.psrec", "UPDATE snapshots SET line = zeroblob(length(line)) WHERE id = 1");
    auto r = RecordingReader::open(path);
    ASSERT_TRUE(r.isOk()) << r.message();
    const ScanReport report = (*r)->scanFrames([](const ReplayFrame&) { return true; });
    EXPECT_EQ(report.framesRead, 800u);
    EXPECT_EQ(report.framesUnreadable, 0u);
    EXPECT_EQ(report.framesDegraded, static_cast<uint64_t>(RecordingSchema::kKeyframeInterval));
}

TEST_F(RecordingDamageTest, DamagedFiguresAreNeverReplayed) {
    const std::string path = damagedCopy(
        dir_, bytes_, "figures.psrec",
        "UPDATE snapshots SET line = zeroblob(length(line)), acquired = acquired + 1 WHERE id = 131");
    auto r = RecordingReader::open(path);
    ASSERT_TRUE(r.isOk()) << r.message();
    size_t frames = 0;
    const ScanReport report = (*r)->scanFrames([&](const ReplayFrame& f) {
        EXPECT_NE(f.id, 131);
        ++frames;
        return true;
    });
    EXPECT_EQ(frames, 799u);
    EXPECT_EQ(report.framesUnreadable, 1u);
    EXPECT_EQ(report.framesDegraded, 0u);
    ASSERT_FALSE(report.problems.empty());
    EXPECT_NE(report.problems[0].find("snapshot 131"), std::string::npos) << report.problems[0];
    EXPECT_NE(report.problems[0].find("figures do not match their checksum"), std::string::npos)
        << report.problems[0];
    // The charts skip the damaged figures too.
    auto samples = (*r)->samples(1, 0, testdata::kT0 + 10'000'000);
    ASSERT_TRUE(samples.isOk());
    EXPECT_EQ(samples->size(), 399u);
    EXPECT_TRUE(anyContains((*r)->warnings(), "figures do not match their checksum"));
}

TEST_F(RecordingDamageTest, ARecordingWithoutFigureChecksumsSkipsADamagedLineAsBefore) {
    const std::string path = damagedCopy(dir_, bytes_, "old.psrec",
                                         "ALTER TABLE snapshots DROP COLUMN figures_crc; "
                                         "UPDATE snapshots SET line = zeroblob(length(line)) WHERE id = 131");
    auto r = RecordingReader::open(path);
    ASSERT_TRUE(r.isOk()) << r.message();
    size_t frames = 0;
    const ScanReport report = (*r)->scanFrames([&](const ReplayFrame& f) {
        EXPECT_FALSE(f.degraded);
        ++frames;
        return true;
    });
    EXPECT_EQ(frames, 799u);
    EXPECT_EQ(report.framesUnreadable, 1u);
    ASSERT_FALSE(report.problems.empty());
    EXPECT_NE(report.problems[0].find("snapshot 131"), std::string::npos) << report.problems[0];
    EXPECT_TRUE(anyContains((*r)->warnings(), "is damaged: snapshot 131"));
}

TEST_F(RecordingDamageTest, RandomBytesOverAKeyframeLeaveItsLinesReplayable) {
    // The case of issue 13: a short recording, every line depending on one
    // keyframe, 64 random bytes written over that keyframe's line.
    const std::string path = dir_.file("short.psrec");
    const testdata::Written w = testdata::writeSample(path, 25, 200);
    std::string bytes = testdata::readBytes(path);
    std::string keyLine;
    {
        auto db = SqliteDb::open(path, SqliteDb::Mode::ReadOnly);
        ASSERT_TRUE(db.isOk());
        auto st = (*db)->prepare("SELECT line FROM snapshots WHERE id = 1");
        ASSERT_TRUE(st.isOk());
        auto row = st->step();
        ASSERT_TRUE(row.isOk() && *row);
        keyLine = std::string(st->blob(0));
    }
    const size_t at = bytes.find(keyLine.substr(0, 64));
    ASSERT_NE(at, std::string::npos);
    std::mt19937 rng(13);
    for (size_t i = 0; i < 64; ++i) bytes[at + i] = static_cast<char>(rng());
    testdata::writeBytes(path, bytes);
    auto r = RecordingReader::open(path);
    ASSERT_TRUE(r.isOk()) << r.message();
    const ScanReport report = (*r)->scanFrames([](const ReplayFrame&) { return true; });
    EXPECT_EQ(report.framesRead, 50u);
    EXPECT_EQ(report.framesDegraded, 25u);  // every line of pool "default"
    EXPECT_EQ(report.framesUnreadable, 0u);
    EXPECT_EQ(w.snapshots.size(), 50u);
}

TEST_F(RecordingDamageTest, ANewerSchemaIsRefusedNamingItsVersion) {
    const std::string path = dir_.file("newer.psrec");
    testdata::writeBytes(path, bytes_);
    {
        auto db = SqliteDb::open(path, SqliteDb::Mode::ReadWrite);
        ASSERT_TRUE(db.isOk());
        ASSERT_TRUE((*db)->exec("UPDATE meta SET value = '7' WHERE key = 'schema_version'").isOk());
    }
    auto r = RecordingReader::open(path);
    ASSERT_FALSE(r.isOk());
    EXPECT_NE(r.message().find("was written with recording schema 7 (PoolScope 0.1.0-test); this "
                               "PoolScope reads schema 1 at most: open it with a newer PoolScope"),
              std::string::npos) << r.message();
    {
        auto db = SqliteDb::open(path, SqliteDb::Mode::ReadWrite);
        ASSERT_TRUE(db.isOk());
        ASSERT_TRUE((*db)->exec("UPDATE meta SET value = '1' WHERE key = 'schema_version'; PRAGMA user_version = 12").isOk());
    }
    r = RecordingReader::open(path);
    ASSERT_FALSE(r.isOk());
    EXPECT_NE(r.message().find("schema 12"), std::string::npos) << r.message();
}

TEST_F(RecordingDamageTest, FilesThatAreNotRecordingsSaySo) {
    const auto expectRefused = [](const std::string& path, const std::string& fragment) {
        auto r = RecordingReader::open(path);
        ASSERT_FALSE(r.isOk()) << path;
        EXPECT_NE(r.message().find(fragment), std::string::npos) << r.message();
    };
    expectRefused(dir_.file("missing.psrec"), "no such file");
    expectRefused(dir_.path().string(), "is a folder, not a recording");
    testdata::writeBytes(dir_.file("empty.psrec"), "");
    expectRefused(dir_.file("empty.psrec"), "is not a PoolScope recording: the file is empty");
    testdata::writeBytes(dir_.file("notes.txt"), "{\"kind\":\"snapshot\"}\n");
    expectRefused(dir_.file("notes.txt"), "is not a PoolScope recording (.psrec files are SQLite databases");
    {
        auto db = SqliteDb::open(dir_.file("other.db"), SqliteDb::Mode::Create);
        ASSERT_TRUE(db.isOk());
        ASSERT_TRUE((*db)->exec("CREATE TABLE t(x); INSERT INTO t VALUES(1);").isOk());
    }
    expectRefused(dir_.file("other.db"), "is an SQLite database but not a PoolScope recording");
    std::string garbage = bytes_;
    for (size_t i = 100; i < 4096; ++i) garbage[i] = static_cast<char>(i * 7);
    testdata::writeBytes(dir_.file("page1.psrec"), garbage);
    auto r = RecordingReader::open(dir_.file("page1.psrec"));
    ASSERT_FALSE(r.isOk());
    EXPECT_NE(r.message().find("damaged beyond reading"), std::string::npos) << r.message();
}

TEST_F(RecordingDamageTest, AnUnknownEventCodecLeavesTheRestReadable) {
    const std::string path = dir_.file("codec.psrec");
    testdata::writeBytes(path, bytes_);
    {
        auto db = SqliteDb::open(path, SqliteDb::Mode::ReadWrite);
        ASSERT_TRUE(db.isOk());
        ASSERT_TRUE((*db)->exec("UPDATE events SET codec = 9 WHERE id = 3").isOk());
    }
    auto r = RecordingReader::open(path);
    ASSERT_TRUE(r.isOk());
    auto events = (*r)->events(0, testdata::kT0 + 10'000'000);
    ASSERT_TRUE(events.isOk());
    EXPECT_GT(events->size(), 0u);
    EXPECT_TRUE(anyContains((*r)->warnings(), "uses codec 9, unknown to this PoolScope"));
    EXPECT_EQ((*r)->verify().framesRead, 800u);
}

TEST_F(RecordingDamageTest, ARecordingThatWasNotClosedSaysSo) {
    const std::string path = dir_.file("open.psrec");
    testdata::writeBytes(path, bytes_);
    {
        auto db = SqliteDb::open(path, SqliteDb::Mode::ReadWrite);
        ASSERT_TRUE(db.isOk());
        ASSERT_TRUE((*db)->exec("DELETE FROM meta WHERE key = 'end_ms'").isOk());
    }
    auto r = RecordingReader::open(path);
    ASSERT_TRUE(r.isOk());
    EXPECT_FALSE((*r)->endMs());
    EXPECT_TRUE(anyContains((*r)->warnings(), "was not closed cleanly"));
    EXPECT_NE((*r)->describe().find("not closed cleanly"), std::string::npos);
}

}  // namespace
}  // namespace poolscope
