// Damaged, foreign and newer files: a clear message, what is readable, no crash.
#include <gtest/gtest.h>

#include <random>
#include <set>

#include "app/recording/RecordingReader.h"
#include "app/recording/SqliteDb.h"
#include "tests/app/recording/RecordingTestData.h"

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
    Exercise x;
    auto r = RecordingReader::open(path);
    if (!r) {
        x.openError = r.message();
        return x;
    }
    x.opened = true;
    RecordingReader& reader = **r;
    reader.scanFrames([&](const ReplayFrame& f) {
        EXPECT_TRUE(lines.count(f.line)) << "a line that was never written, id " << f.id;
        ++x.frames;
        return true;
    });
    const int64_t t = testdata::kT0 + 100 * 100;
    if (auto at = reader.framesAt(t)) {
        for (const auto& f : *at) {
            EXPECT_TRUE(lines.count(f.line));
        }
    }
    if (auto between = reader.framesBetween(t, t + 2000, 1000)) {
        for (const auto& f : *between) {
            EXPECT_TRUE(lines.count(f.line));
        }
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

TEST_F(RecordingDamageTest, ADamagedLineIsSkippedAndNamed) {
    const std::string path = dir_.file("line.psrec");
    testdata::writeBytes(path, bytes_);
    {
        auto db = SqliteDb::open(path, SqliteDb::Mode::ReadWrite);
        ASSERT_TRUE(db.isOk());
        ASSERT_TRUE((*db)->exec("UPDATE snapshots SET line = zeroblob(length(line)) WHERE id = 131").isOk());
    }
    auto r = RecordingReader::open(path);
    ASSERT_TRUE(r.isOk()) << r.message();
    size_t frames = 0;
    const ScanReport report = (*r)->scanFrames([&](const ReplayFrame&) {
        ++frames;
        return true;
    });
    EXPECT_EQ(frames, 799u);
    EXPECT_EQ(report.framesUnreadable, 1u);
    ASSERT_FALSE(report.problems.empty());
    EXPECT_NE(report.problems[0].find("snapshot 131"), std::string::npos) << report.problems[0];
    EXPECT_TRUE(anyContains((*r)->warnings(), "is damaged: snapshot 131"));
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
