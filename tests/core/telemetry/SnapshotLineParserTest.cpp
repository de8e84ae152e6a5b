#include "core/telemetry/SnapshotLineParser.h"

#include <gtest/gtest.h>

#include <vector>

#include "core/telemetry/SnapshotJson.h"
#include "tests/core/recording/RecordingTestData.h"

namespace poolscope {
namespace {

void expectSameSnapshot(const PoolSnapshot& a, const PoolSnapshot& b) {
    EXPECT_EQ(a.tMs, b.tMs);
    EXPECT_EQ(a.source, b.source);
    EXPECT_EQ(a.pool, b.pool);
    EXPECT_EQ(a.driver, b.driver);
    EXPECT_EQ(a.lifecycle, b.lifecycle);
    EXPECT_EQ(a.config, b.config);
    EXPECT_EQ(a.counts, b.counts);
    EXPECT_EQ(a.totals, b.totals);
    EXPECT_EQ(a.wait, b.wait);
    EXPECT_EQ(a.transitions, b.transitions);
    EXPECT_EQ(a.connections, b.connections);
    EXPECT_EQ(a.leakReports, b.leakReports);
    EXPECT_EQ(a.lint, b.lint);
    EXPECT_EQ(a.lastConnectError, b.lastConnectError);
    EXPECT_EQ(a.lastConnectErrorMs, b.lastConnectErrorMs);
}

TEST(SnapshotLineParserTest, ReadsBackEveryFieldAndReprintsTheSameLine) {
    for (int i = 0; i < 200; ++i) {
        const PoolSnapshot s = testdata::makeSnapshot(i, i % 2 ? "orders" : "default");
        const std::string line = snapshotToJsonLine(s);
        auto parsed = SnapshotLineParser::parse(line);
        ASSERT_TRUE(parsed.isOk()) << parsed.message() << "\n" << line;
        expectSameSnapshot(*parsed, s);
        EXPECT_EQ(snapshotToJsonLine(*parsed), line);
    }
}

TEST(SnapshotLineParserTest, NullMeansNotReportedAndRoundTrips) {
    PoolSnapshot s = testdata::makeSnapshot(7, "orders");
    s.source = "remote";
    // Each figure alone missing, then every other one, then none reported.
    std::vector<FigureSet> sets;
    for (int i = 0; i < kFigureCount; ++i)
        sets.push_back(FigureSet::all().set(static_cast<Figure>(i), false));
    FigureSet alternate = FigureSet::none();
    for (int i = 0; i < kFigureCount; i += 2) alternate.set(static_cast<Figure>(i));
    sets.push_back(alternate);
    sets.push_back(FigureSet::none());
    for (FigureSet r : sets) {
        // Births is part of Transitions: a line without transitions has no births.
        if (!r.has(Figure::Transitions)) r.set(Figure::Births, false);
        PoolSnapshot partial = s;
        partial.reported = r;
        // Unknown figures hold their defaults, as a foreign source leaves them.
        if (!r.has(Figure::Connections)) partial.connections.clear();
        if (!r.has(Figure::LeakReports)) partial.leakReports.clear();
        const std::string line = snapshotToJsonLine(partial);
        auto parsed = SnapshotLineParser::parse(line);
        ASSERT_TRUE(parsed.isOk()) << parsed.message() << "\n" << line;
        EXPECT_EQ(parsed->reported, r) << line;
        EXPECT_EQ(snapshotToJsonLine(*parsed), line);
    }
}

TEST(SnapshotLineParserTest, ReadsTheWaitDerivation) {
    for (auto d : {WaitDerivation::Exact, WaitDerivation::Histogram, WaitDerivation::Summary,
                   WaitDerivation::Mean}) {
        PoolSnapshot s = testdata::makeSnapshot(3, "default");
        s.wait.derivation = d;
        auto parsed = SnapshotLineParser::parse(snapshotToJsonLine(s));
        ASSERT_TRUE(parsed.isOk()) << parsed.message();
        EXPECT_EQ(parsed->wait.derivation, d);
        EXPECT_TRUE(parsed->reported.isAll());
    }
    auto bad = SnapshotLineParser::parse(
        R"({"kind":"snapshot","wait_derivation":"guess"})");
    ASSERT_FALSE(bad.isOk());
    EXPECT_NE(bad.message().find("wait_derivation: unknown value 'guess'"), std::string::npos)
        << bad.message();
}

TEST(SnapshotLineParserTest, KeepsExtremeNumbersExactly) {
    PoolSnapshot s = testdata::makeSnapshot(1);
    s.totals.acquired = std::numeric_limits<uint64_t>::max();
    s.tMs = std::numeric_limits<int64_t>::min();
    s.wait.p99 = 0.1 + 0.2;
    s.totals.waitMs = 1e300;
    s.config.validation = {ValidationPolicy::Mode::IdleFor, 250};
    auto parsed = SnapshotLineParser::parse(snapshotToJsonLine(s));
    ASSERT_TRUE(parsed.isOk()) << parsed.message();
    expectSameSnapshot(*parsed, s);
}

TEST(SnapshotLineParserTest, IgnoresMembersItDoesNotKnow) {
    const PoolSnapshot s = testdata::makeSnapshot(3);
    std::string line = snapshotToJsonLine(s);
    line.pop_back();
    line += R"(,"health":"warning","alerts":[{"rule":"exhausted","value":2.5}],"future":{"x":[1,[2,{}]]}})";
    auto parsed = SnapshotLineParser::parse(line);
    ASSERT_TRUE(parsed.isOk()) << parsed.message();
    expectSameSnapshot(*parsed, s);
}

TEST(SnapshotLineParserTest, ReadsALineFromBeforeTheBirthEdge) {
    // Writers before the birth edge (recordings, endpoints of older builds)
    // print nine edges: the line still reads, the nine edges known and the
    // births unknown (not zero), and it is written back that way.
    PoolSnapshot s = testdata::makeSnapshot(5);
    const size_t birth = static_cast<size_t>(connEdgeIndex(ConnState::Destroyed, ConnState::Allocating));
    s.transitions[birth] = 77;
    std::string line = snapshotToJsonLine(s);
    const std::string member = ",\"DESTROYED>ALLOCATING\":77";
    const size_t at = line.find(member);
    ASSERT_NE(at, std::string::npos) << line;
    line.erase(at, member.size());
    auto parsed = SnapshotLineParser::parse(line);
    ASSERT_TRUE(parsed.isOk()) << parsed.message() << "\n" << line;
    EXPECT_TRUE(parsed->reported.has(Figure::Transitions));
    EXPECT_FALSE(parsed->reported.has(Figure::Births));
    for (size_t i = 0; i < kConnEdges.size(); ++i) {
        EXPECT_EQ(edgeReported(parsed->reported, i), i != birth) << i;
        if (i != birth) {
            EXPECT_EQ(parsed->transitions[i], s.transitions[i]) << i;
        }
    }
    const std::string again = snapshotToJsonLine(*parsed);
    EXPECT_NE(again.find("\"DESTROYED>ALLOCATING\":null"), std::string::npos) << again;
    auto reread = SnapshotLineParser::parse(again);
    ASSERT_TRUE(reread.isOk()) << reread.message();
    EXPECT_EQ(reread->reported, parsed->reported);
    EXPECT_EQ(snapshotToJsonLine(*reread), again);
}

TEST(SnapshotLineParserTest, NamesTheMemberThatIsWrong) {
    const std::string line = snapshotToJsonLine(testdata::makeSnapshot(2));
    const auto expectError = [](std::string text, const std::string& fragment) {
        auto parsed = SnapshotLineParser::parse(text);
        ASSERT_FALSE(parsed.isOk()) << text;
        EXPECT_NE(parsed.message().find(fragment), std::string::npos) << parsed.message();
    };
    std::string bad = line;
    bad.replace(bad.find("\"acquired\":74"), 13, "\"acquired\":\"x\"");
    expectError(bad, "totals.acquired: expected an unsigned integer, got a string");
    bad = line;
    bad.replace(bad.find("\"lifecycle\":\"STARTED\""), 21, "\"lifecycle\":\"FLYING\"");
    expectError(bad, "lifecycle: unknown value 'FLYING'");
    expectError(R"({"kind":"summary","ok":1})", "not a snapshot line");
    expectError("[1,2]", "expected an object");
    expectError(line.substr(0, line.size() / 2), "JSON:");
    expectError(std::string(100, '[') + std::string(100, ']'), "nesting too deep");
    expectError("", "unexpected end");
}

}  // namespace
}  // namespace poolscope
