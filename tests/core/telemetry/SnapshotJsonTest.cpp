#include <gtest/gtest.h>

#include <limits>
#include <string>

#include "core/telemetry/Json.h"
#include "core/telemetry/SnapshotJson.h"

namespace poolscope {
namespace {

PoolSnapshot sampleSnapshot() {
    PoolSnapshot s;
    s.tMs = 1'700'000'123'456;
    s.source = "embedded";
    s.pool = "default";
    s.driver = "sqlite";
    s.lifecycle = Lifecycle::Started;
    s.counts = {3, 1, 2, 0, 0, 5};
    s.totals.acquired = 11;
    s.totals.released = 9;
    s.totals.created = 3;
    s.totals.waitCount = 4;
    s.totals.waitMs = 12.5;
    s.totals.eventsDropped = 7;
    s.wait = {0.5, 2.0, 3.75, 10.0};
    for (size_t i = 0; i < s.transitions.size(); ++i) s.transitions[i] = 100 + i;
    s.connections.push_back(
        {1, ConnState::InUse, 1'700'000'000'000, 1'700'000'000'100, 3, "worker-2", 4242, false});
    s.connections.push_back(
        {2, ConnState::Idle, 1'700'000'000'001, 1'700'000'000'002, 1, "", 0, false});
    s.leakReports.push_back({4, "worker-7", 1250, 1'700'000'123'000, {"f()", "main"}});
    s.lint.push_back({LintFinding::Level::Warning, "no_leak_detection",
                      "leak_threshold_ms=0: leaked connections go unnoticed"});
    return s;
}

/// Refuses repeated keys: the encoders must never write one.
Json parseOrFail(const std::string& line) {
    auto v = Json::parse(line, {.uniqueKeys = true});
    EXPECT_TRUE(v) << v.message() << "\n" << line;
    return v ? *v : Json();
}

TEST(SnapshotJsonTest, MatchesTheHeadlessContractExactly) {
    const std::string expected =
        R"({"kind":"snapshot","schema":1,"t_ms":1700000123456,"source":"embedded",)"
        R"("pool":"default","driver":"sqlite","lifecycle":"STARTED",)"
        R"("config":{"max_open":10,"max_idle":10,"min_idle":0,"max_lifetime_ms":1800000,)"
        R"("max_idle_time_ms":600000,"acquire_timeout_ms":30000,"leak_threshold_ms":0,)"
        R"("validate":"never","validation_timeout_ms":5000,"keepalive_ms":0,)"
        R"("housekeeping_ms":1000},)"
        R"("counts":{"open":3,"idle":1,"in_use":2,"allocating":0,"returning":0,"waiting":5},)"
        R"("totals":{"acquired":11,"released":9,"created":3,"destroyed":0,"closed_max_idle":0,)"
        R"("closed_max_idle_time":0,"closed_max_lifetime":0,"closed_broken":0,)"
        R"("closed_validation":0,"wait_count":4,"wait_ms":12.5,"timeouts":0,)"
        R"("connect_errors":0,"validation_failures":0,"leaks":0,"illegal_transitions":0,)"
        R"("events_dropped":7},)"
        R"("wait_ms_window":{"p50":0.5,"p95":2.0,"p99":3.75,"max":10.0},)"
        R"("transitions":{"IDLE>ALLOCATING":100,"IDLE>DESTROYED":101,"ALLOCATING>IN_USE":102,)"
        R"("ALLOCATING>DESTROYED":103,"IN_USE>RETURNING":104,"IN_USE>DESTROYED":105,)"
        R"("RETURNING>IDLE":106,"RETURNING>ALLOCATING":107,"RETURNING>DESTROYED":108,)"
        R"("DESTROYED>ALLOCATING":109},)"
        R"("connections":[{"id":1,"state":"IN_USE","created_ms":1700000000000,)"
        R"("since_ms":1700000000100,"uses":3,"holder":"worker-2","server_id":4242,)"
        R"("leaked":false},{"id":2,"state":"IDLE","created_ms":1700000000001,)"
        R"("since_ms":1700000000002,"uses":1,"holder":"","server_id":0,"leaked":false}],)"
        R"("leak_reports":[{"conn":4,"holder":"worker-7","held_ms":1250,"t_ms":1700000123000,)"
        R"x("stack":["f()","main"]}],)x"
        R"("lint":[{"level":"warning","code":"no_leak_detection",)"
        R"("message":"leak_threshold_ms=0: leaked connections go unnoticed"}],)"
        R"("last_connect_error":null})";
    EXPECT_EQ(snapshotToJsonLine(sampleSnapshot()), expected);
}

TEST(SnapshotJsonTest, LastConnectErrorCarriesTheDriversWords) {
    PoolSnapshot s = sampleSnapshot();
    s.lastConnectError = "connect to 127.0.0.1:5432 failed: Connection refused";
    s.lastConnectErrorMs = 1700000123400;
    const std::string line = snapshotToJsonLine(s);
    EXPECT_NE(line.find(R"("last_connect_error":{"t_ms":1700000123400,"message":"connect to 127.0.0.1:5432 failed: Connection refused"})"),
              std::string::npos)
        << line;
}

TEST(SnapshotJsonTest, ParsesBackWithEveryContractField) {
    const std::string line = snapshotToJsonLine(sampleSnapshot());
    EXPECT_EQ(line.find('\n'), std::string::npos);
    const Json v = parseOrFail(line);
    ASSERT_TRUE(v.isObject());
    for (const char* k :
         {"kind", "schema", "t_ms", "source", "pool", "driver", "lifecycle", "config", "counts",
          "totals", "wait_ms_window", "transitions", "connections", "leak_reports", "lint"})
        EXPECT_NE(v.find(k), nullptr) << k;
    for (const char* k : {"max_open", "max_idle", "min_idle", "max_lifetime_ms", "max_idle_time_ms",
                          "acquire_timeout_ms", "leak_threshold_ms"})
        EXPECT_TRUE(v["config"][k].isInteger()) << k;
    const auto& c = v["counts"];
    const auto n = [&](const char* k) { return c[k].asInt64().value(); };
    EXPECT_EQ(n("open"), n("idle") + n("in_use") + n("allocating") + n("returning"));
    EXPECT_FALSE(v["totals"]["wait_ms"].isInteger());
    EXPECT_EQ(v["transitions"].members().size(), kConnEdges.size());
    EXPECT_EQ(v["connections"][0]["holder"].asString(), "worker-2");
    EXPECT_EQ(v["leak_reports"][0]["stack"][1].asString(), "main");
}

TEST(SnapshotJsonTest, HolderWithQuotesNewlinesAndUnicodeStaysOnOneLine) {
    PoolSnapshot s = sampleSnapshot();
    const std::string holder = "Order\"Service\".create\nline2\t\xe2\x9c\x93 caf\xc3\xa9 \x01";
    s.connections[0].holder = holder;
    s.leakReports[0].holder = holder;
    s.leakReports[0].stack = {"#0 a\\b", "#1 \"quoted\"\r\n"};
    s.pool = "p\xf0\x9f\x90\x8d";
    const std::string line = snapshotToJsonLine(s);
    EXPECT_EQ(line.find('\n'), std::string::npos);
    EXPECT_EQ(line.find('\r'), std::string::npos);
    EXPECT_NE(line.find(R"("holder":"Order\"Service\".create\nline2\t)"
                        "\xe2\x9c\x93 caf\xc3\xa9 \\u0001\""),
              std::string::npos)
        << line;
    const Json v = parseOrFail(line);
    EXPECT_EQ(v["connections"][0]["holder"].asString(), holder);
    EXPECT_EQ(v["leak_reports"][0]["holder"].asString(), holder);
    EXPECT_EQ(v["leak_reports"][0]["stack"][1].asString(), "#1 \"quoted\"\r\n");
    EXPECT_EQ(v["pool"].asString(), s.pool);
}

TEST(SnapshotJsonTest, EmptySnapshotHasEmptyArraysAndAllEdges) {
    PoolSnapshot s;
    s.driver = "sim";
    const Json v = parseOrFail(snapshotToJsonLine(s));
    EXPECT_EQ(v["lifecycle"].asString(), "INITIAL");
    for (const char* k : {"connections", "leak_reports", "lint"}) {
        EXPECT_TRUE(v[k].isArray()) << k;
        EXPECT_EQ(v[k].size(), 0u) << k;
    }
    for (const auto& e : kConnEdges) EXPECT_EQ(v["transitions"][edgeName(e)].asInt64(), 0);
}

TEST(SnapshotJsonTest, NanWaitPercentilesBecomeNull) {
    PoolSnapshot s;
    s.wait.p99 = std::numeric_limits<double>::quiet_NaN();
    const Json v = parseOrFail(snapshotToJsonLine(s));
    EXPECT_TRUE(v["wait_ms_window"]["p99"].isNull());
}

/// What a go_sql scrape gives: counts but no allocating/returning, a few
/// totals, the mean wait, max_open only, no transitions or connections.
PoolSnapshot partialSnapshot() {
    PoolSnapshot s = sampleSnapshot();
    s.source = "remote";
    s.reported = FigureSet::none();
    for (Figure f : {Figure::Open, Figure::Idle, Figure::InUse, Figure::Waiting, Figure::WaitCount,
                     Figure::WaitMs, Figure::WaitPercentiles, Figure::MaxOpen})
        s.reported.set(f);
    s.wait.derivation = WaitDerivation::Mean;
    return s;
}

TEST(SnapshotJsonTest, UnreportedFiguresAreNullNeverZero) {
    const Json v = parseOrFail(snapshotToJsonLine(partialSnapshot()));
    EXPECT_EQ(v["counts"]["open"].asInt64(), 3);
    EXPECT_EQ(v["counts"]["waiting"].asInt64(), 5);
    EXPECT_TRUE(v["counts"]["allocating"].isNull());
    EXPECT_TRUE(v["counts"]["returning"].isNull());
    EXPECT_EQ(v["totals"]["wait_count"].asInt64(), 4);
    for (const char* k : {"acquired", "released", "created", "timeouts", "connect_errors",
                          "events_dropped"})
        EXPECT_TRUE(v["totals"][k].isNull()) << k;
    EXPECT_EQ(v["wait_ms_window"]["p50"].asDouble(), 0.5);
    EXPECT_TRUE(v["wait_ms_window"]["max"].isNull());
    EXPECT_EQ(v["wait_derivation"].asString(), "mean");
    EXPECT_EQ(v["config"]["max_open"].asInt64(), 10);
    for (const char* k : {"max_idle", "min_idle", "max_lifetime_ms", "acquire_timeout_ms",
                          "validate", "housekeeping_ms"})
        EXPECT_TRUE(v["config"][k].isNull()) << k;
    for (const char* k : {"lifecycle", "transitions", "connections", "leak_reports"})
        EXPECT_TRUE(v[k].isNull()) << k;
    EXPECT_TRUE(v["lint"].isArray());
}

TEST(SnapshotJsonTest, ExactWaitsWriteNoDerivationMember) {
    PoolSnapshot s = sampleSnapshot();
    EXPECT_EQ(snapshotToJsonLine(s).find("wait_derivation"), std::string::npos);
    for (auto d : {WaitDerivation::Histogram, WaitDerivation::Summary}) {
        s.wait.derivation = d;
        EXPECT_EQ(parseOrFail(snapshotToJsonLine(s))["wait_derivation"].asString(), toString(d));
    }
}

TEST(SnapshotJsonTest, SummaryLine) {
    EXPECT_EQ(summaryToJsonLine(0, {}, 0.0),
              R"({"kind":"summary","ok":0,"errors":{},"duration_s":0.0})");
    const std::map<std::string, uint64_t> errors{{R"(pool "default": connection not available)", 3},
                                                 {"sim: query failed", 1}};
    const std::string line = summaryToJsonLine(1234, errors, 3.001);
    EXPECT_EQ(line, R"({"kind":"summary","ok":1234,"errors":{"pool \"default\": connection not )"
                    R"(available":3,"sim: query failed":1},"duration_s":3.001})");
    const Json v = parseOrFail(line);
    EXPECT_EQ(v["errors"][R"(pool "default": connection not available)"].asInt64(), 3);
}

}  // namespace
}  // namespace poolscope
