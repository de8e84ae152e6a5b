// Attaching the real binary (`poolscope --headless --attach URL/metrics`) to
// pools PoolScope does not run (issue 10): a real Go database/sql program
// (tests/peers/gosql) against the test PostgreSQL, HikariCP and OpenTelemetry
// exporters' texts served by this test and changed as it goes, and hostile
// replies. What a user relies on: the counts equal what the service says at
// that scrape, a figure the source does not publish is null (never 0), the
// incidents raise their alert within 5 s of the data showing them, and a bad
// reply is a message naming the URL and the problem while the last good data
// stays.

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <map>
#include <regex>

#include "tests/app/AttachedPoolscope.h"
#include "tests/app/ForeignFixtures.h"
#include "tests/app/GoPeer.h"
#include "tests/app/ScriptedMetricsServer.h"

namespace poolscope {
namespace {

using testrun::AttachedPoolscope;
using testrun::ForeignPool;
using testrun::ScriptedMetricsServer;
using testrun::SnapshotLine;

constexpr int kIntervalMs = 200;

// ---------------------------------------------------------------------------
// HikariCP and OpenTelemetry, from fixtures

struct Format {
    const char* name;
    std::string (*render)(const std::vector<ForeignPool>&);
    std::string derivation;  ///< how the wait percentiles are derived
    std::set<std::string> reported;
};

void PrintTo(const Format& f, std::ostream* os) { *os << f.name; }

const std::set<std::string> kHikariFigures{
    "config.max_open", "config.min_idle", "counts.open",   "counts.idle",    "counts.in_use",
    "counts.waiting",  "totals.acquired", "totals.wait_ms", "totals.timeouts", "totals.created"};

std::set<std::string> plus(std::set<std::string> s, std::initializer_list<const char*> more) {
    for (const char* m : more) s.insert(m);
    return s;
}

const Format kFormats[] = {
    // Micrometer's timer without percentile histograms: count and sum only,
    // so the window's wait is the mean per acquire; its _max gauge is the max.
    {"hikaricp_micrometer", testrun::hikariMicrometer, "mean", plus(kHikariFigures, {"wait_ms_window.max"})},
    {"hikaricp_prometheus", testrun::hikariPrometheus, "summary", kHikariFigures},
    {"otel_current", [](const std::vector<ForeignPool>& p) { return testrun::otelPool(p, true); }, "histogram",
     plus(kHikariFigures, {"config.max_idle"})},
    {"otel_older", [](const std::vector<ForeignPool>& p) { return testrun::otelPool(p, false); }, "histogram",
     plus(kHikariFigures, {"config.max_idle"})},
};

/// `fast` acquires served within 5 ms and `slow` ones that took about 0.3 s,
/// as OpenTelemetry's default second buckets hold them.
std::vector<std::pair<double, uint64_t>> buckets(uint64_t fast, uint64_t slow) {
    std::vector<std::pair<double, uint64_t>> out;
    for (double le : {0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0})
        out.push_back({le, le < 0.3 ? fast : fast + slow});
    out.push_back({std::numeric_limits<double>::infinity(), fast + slow});
    return out;
}

ForeignPool steadyMain() {
    ForeignPool p;
    p.name = "HikariPool-1";
    p.active = 3, p.idle = 5, p.pending = 0, p.max = 10, p.min = 2, p.maxIdle = 10;
    p.acquired = 1200, p.acquireSecondsSum = 2.4, p.acquireSecondsMax = 0.004, p.created = 8, p.timeouts = 0;
    p.waitBuckets = buckets(1200, 0);
    p.q50 = 0.0002, p.q95 = 0.0015, p.q99 = 0.004;
    return p;
}

ForeignPool reports() {
    ForeignPool p;
    p.name = "reports";
    p.active = 1, p.idle = 1, p.pending = 0, p.max = 4, p.min = 1, p.maxIdle = 2;
    p.acquired = 77, p.acquireSecondsSum = 0.05, p.acquireSecondsMax = 0.001, p.created = 2;
    p.waitBuckets = buckets(77, 0);
    p.q50 = 0.0001, p.q95 = 0.0005, p.q99 = 0.001;
    return p;
}

/// The figures of `line` equal `p`'s, totals offset by what the pool counted
/// before its counters were reset (`offset`).
void expectSame(const SnapshotLine& line, const ForeignPool& p, const Format& f, const ForeignPool& offset = {}) {
    SCOPED_TRACE(std::string(f.name) + " pool " + p.name + " at t_ms " + std::to_string(line.tMs));
    EXPECT_EQ(line.integer("counts", "open"), p.total());
    EXPECT_EQ(line.integer("counts", "idle"), p.idle);
    EXPECT_EQ(line.integer("counts", "in_use"), p.active);
    EXPECT_EQ(line.integer("counts", "waiting"), p.pending);
    EXPECT_EQ(line.integer("config", "max_open"), p.max);
    EXPECT_EQ(line.integer("config", "min_idle"), p.min);
    if (f.reported.count("config.max_idle")) {
        EXPECT_EQ(line.integer("config", "max_idle"), p.maxIdle);
    }
    EXPECT_EQ(line.integer("totals", "acquired"), static_cast<int64_t>(p.acquired + offset.acquired));
    EXPECT_EQ(line.integer("totals", "timeouts"), static_cast<int64_t>(p.timeouts + offset.timeouts));
    EXPECT_EQ(line.integer("totals", "created"), static_cast<int64_t>(p.created + offset.created));
    const double waitMs = (p.acquireSecondsSum + offset.acquireSecondsSum) * 1000;
    EXPECT_NEAR(line.number("totals", "wait_ms").value_or(-1), waitMs, 1e-6 * waitMs + 1e-9);
    if (f.reported.count("wait_ms_window.max")) {
        EXPECT_NEAR(line.number("wait_ms_window", "max").value_or(-1), p.acquireSecondsMax * 1000, 1e-9);
    }
    expectReportedExactly(line, f.reported);
}

bool showsState(const SnapshotLine& l, const ForeignPool& p) {
    return l.integer("counts", "in_use") == p.active && l.integer("counts", "idle") == p.idle &&
           l.integer("counts", "waiting") == p.pending;
}

class ForeignFixtureAttach : public testing::TestWithParam<Format> {};

TEST_P(ForeignFixtureAttach, CountsMapExactlyPendingRaisesExhaustedAndARestartNeverTurnsTotalsBack) {
    const Format& f = GetParam();
    ScriptedMetricsServer server;
    ForeignPool main = steadyMain();
    const ForeignPool side = reports();
    server.setBody(f.render({main, side}));

    AttachedPoolscope ps(std::string("foreign-") + f.name);
    ASSERT_TRUE(ps.start(server.url(), kIntervalMs));

    // Steady: two pools from one scrape, every line equal to the fixture.
    ASSERT_TRUE(ps.waitFor("", [](const std::vector<SnapshotLine>& ls) {
        int a = 0, b = 0;
        for (const auto& l : ls) (l.pool == "HikariPool-1" ? a : b)++;
        return a >= 4 && b >= 4;
    })) << ps.stderrText();
    for (const SnapshotLine& l : ps.lines("reports")) expectSame(l, side, f);
    auto steady = ps.lines("HikariPool-1");
    for (const SnapshotLine& l : steady) expectSame(l, main, f);
    if (f.derivation == "summary") {
        EXPECT_NEAR(steady.back().number("wait_ms_window", "p50").value_or(-1), main.q50 * 1000, 1e-9);
        EXPECT_NEAR(steady.back().number("wait_ms_window", "p99").value_or(-1), main.q99 * 1000, 1e-9);
    }
    for (const SnapshotLine& l : steady) EXPECT_FALSE(l.firing("exhausted"));
    EXPECT_TRUE(steady.back().ruleOff("leak")) << "no leak figures: the leak rule is off, not evaluated on zeros";

    // Pending rises with every connection busy: the exhausted alert, within
    // 5 s of the first line that shows the waiting requests.
    const size_t before = steady.size();
    const ForeignPool quiet = main;
    main.active = 10, main.idle = 0, main.pending = 6;
    main.acquired += 300, main.acquireSecondsSum += 90, main.acquireSecondsMax = 0.45, main.timeouts += 2;
    main.waitBuckets = buckets(1200, 300);
    main.q50 = 0.3, main.q95 = 0.44, main.q99 = 0.45;
    server.setBody(f.render({main, side}));
    ASSERT_TRUE(ps.waitFor("HikariPool-1", [](const std::vector<SnapshotLine>& ls) {
        return !ls.empty() && ls.back().firing("exhausted");
    })) << ps.stderrText();
    auto busy = ps.lines("HikariPool-1");
    const SnapshotLine* visible = nullptr;
    const SnapshotLine* alert = nullptr;
    for (size_t i = before; i < busy.size(); ++i) {
        const SnapshotLine& l = busy[i];
        if (!visible && l.integer("counts", "waiting").value_or(0) > 0) visible = &l;
        if (!alert && l.firing("exhausted")) alert = &l;
        if (visible) expectSame(l, main, f);
        else expectSame(l, quiet, f);
    }
    ASSERT_NE(visible, nullptr);
    ASSERT_NE(alert, nullptr);
    const int64_t latency = alert->tMs - visible->tMs;
    std::cout << "[ metric ] " << f.name << ": exhausted alert " << latency << " ms after the first line showing "
              << main.pending << " waiting\n";
    EXPECT_LE(latency, 5000);
    EXPECT_TRUE(alert->firing("timeouts") || busy.back().firing("timeouts"));
    EXPECT_EQ(busy.back().derivation(), f.derivation);
    if (f.derivation == "histogram") {
        // 300 waits of about 0.3 s in the window: P50 within their bucket.
        EXPECT_GT(busy.back().number("wait_ms_window", "p50").value_or(0), 250);
    } else {
        EXPECT_GT(busy.back().number("wait_ms_window", "p99").value_or(0), 250);
    }

    // The service restarts: its counters start again from small values. A
    // marker says so, and the totals carry on from where they were.
    const ForeignPool last = main;
    ForeignPool restarted = steadyMain();
    restarted.active = 2, restarted.idle = 6, restarted.acquired = 40, restarted.acquireSecondsSum = 0.08;
    restarted.created = 3, restarted.timeouts = 0, restarted.waitBuckets = buckets(40, 0);
    server.setBody(f.render({restarted, side}));
    const size_t beforeRestart = busy.size();
    ASSERT_TRUE(ps.waitFor("HikariPool-1", [&](const std::vector<SnapshotLine>& ls) {
        int n = 0;
        for (size_t i = beforeRestart; i < ls.size(); ++i) n += showsState(ls[i], restarted);
        return n >= 3;
    })) << ps.stderrText();
    EXPECT_TRUE(ps.waitForMessage("pool \"HikariPool-1\": the service's counters went backwards", 10))
        << ps.stderrText();
    const auto all = ps.lines("HikariPool-1");
    for (size_t i = beforeRestart; i < all.size(); ++i)
        if (showsState(all[i], restarted)) expectSame(all[i], restarted, f, last);
    for (size_t i = 1; i < all.size(); ++i)
        for (const char* total : {"acquired", "timeouts", "created"})
            EXPECT_GE(all[i].integer("totals", total), all[i - 1].integer("totals", total)) << total << " at " << i;
    EXPECT_EQ(ps.stderrText().find("reports\": the service's counters"), std::string::npos)
        << "the other pool did not restart";

    EXPECT_EQ(ps.process().kill(SIGTERM), 0) << ps.stderrText();
}

INSTANTIATE_TEST_SUITE_P(Formats, ForeignFixtureAttach, testing::ValuesIn(kFormats),
                         [](const testing::TestParamInfo<Format>& i) { return std::string(i.param.name); });


// ---------------------------------------------------------------------------
// Hostile replies

std::string withLine(std::string text, const std::string& from, const std::string& to) {
    const size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) text.replace(at, from.size(), to);
    return text;
}

TEST(HostileReplyAttach, EachBadReplyIsAMessageNamingTheUrlAndTheLastGoodDataStays) {
    ScriptedMetricsServer server;
    ForeignPool good = steadyMain();
    good.name = "main";
    const std::string goodText = testrun::hikariPrometheus({good});
    server.setBody(goodText);
    AttachedPoolscope ps("foreign-hostile");
    ASSERT_TRUE(ps.start(server.url(), kIntervalMs));
    const Format& format = kFormats[1];  // hikaricp_prometheus
    ASSERT_TRUE(ps.waitFor("main", [](const auto& ls) { return ls.size() >= 3; })) << ps.stderrText();

    std::string truncated = goodText.substr(0, goodText.find("hikaricp_max_connections{pool=\"main\",}") + 30);
    std::string binary(4096, '\0');
    for (size_t i = 0; i < binary.size(); ++i) binary[i] = static_cast<char>((i * 7919 + 13) % 256);
    std::string garbage(4096, 'x');  // no NUL, not UTF-8, not text
    for (size_t i = 0; i < garbage.size(); ++i) garbage[i] = static_cast<char>(0x80 + (i * 37) % 128);
    std::string huge = "# HELP padding a reply longer than any scrape should be\n";
    while (huge.size() <= (17u << 20)) huge += "# " + std::string(1000, 'x') + "\n";
    struct Case {
        const char* what;
        ScriptedMetricsServer::Reply reply;
        const char* message;  ///< what stderr must say, after the URL
    };
    const std::vector<Case> cases{
        {"truncated mid-line", {200, truncated}, ": line "},
        {"over the 16 MiB cap", {200, huge}, "longer than 16 MiB"},
        {"binary", {200, binary, "application/octet-stream"}, "binary data"},
        {"binary without NUL bytes", {200, garbage, "application/octet-stream"}, ": line 1: "},
        {"a non-number", {200, withLine(goodText, "hikaricp_active_connections{pool=\"main\",} 3.0",
                                        "hikaricp_active_connections{pool=\"main\",} three")},
         ": line "},
        {"a counter given as a gauge",
         {200, withLine(goodText, "# TYPE hikaricp_connection_timeout_total counter",
                        "# TYPE hikaricp_connection_timeout_total gauge")},
         "hikaricp_connection_timeout_total"},
        {"a summary given as a gauge",
         {200, withLine(goodText, "# TYPE hikaricp_connection_acquired_nanos summary",
                        "# TYPE hikaricp_connection_acquired_nanos gauge")},
         "hikaricp_connection_acquired_nanos"},
        {"HTTP 500", {500, "java.lang.OutOfMemoryError: Java heap space\n"}, "HTTP 500"},
        {"slower than the 5 s read timeout", {200, goodText, "text/plain; version=0.0.4", 8000}, "read timeout"},
    };
    const std::string url = server.url();
    int64_t variant = 0;
    for (const Case& c : cases) {
        SCOPED_TRACE(c.what);
        const size_t errBefore = ps.stderrText().size();
        const size_t linesBefore = ps.lines("main").size();
        server.set(c.reply);
        // A notice naming the URL and the problem, then the source shown stale.
        ASSERT_TRUE(ps.waitFor("main", [&](const auto&) {
            const std::string err = ps.stderrText().substr(errBefore);
            return err.find("is stale") != std::string::npos &&
                   err.find("keeping the last good data") != std::string::npos;
        })) << ps.stderrText().substr(errBefore);
        const std::string err = ps.stderrText().substr(errBefore);
        const size_t notice = err.find("poolscope: GET " + url);
        ASSERT_NE(notice, std::string::npos) << err;
        const std::string first = err.substr(notice, err.find('\n', notice) - notice);
        EXPECT_NE(first.find(c.message), std::string::npos) << first;
        EXPECT_NE(first.find("keeping the last good data"), std::string::npos) << first;
        for (unsigned char ch : first)
            ASSERT_TRUE(ch >= 0x20 && ch < 0x7f) << "the reply's bytes reach the message as they are: " << first;
        std::cout << "[ message ] " << c.what << ": " << first << "\n";

        // No line made from the bad reply: every line still shows the last good data.
        for (size_t i = 0; const SnapshotLine& l : ps.lines("main"))
            if (i++ >= linesBefore) expectSame(l, good, format);
        ASSERT_TRUE(ps.process().running()) << "poolscope ended on a reply " << c.what;

        // Good data again (with other counts, so the new lines are told apart).
        ++variant;
        good.active = 3 + variant % 2, good.idle = 5 - variant % 2;
        server.setBody(testrun::hikariPrometheus({good}));
        ASSERT_TRUE(ps.waitFor("main", [&](const std::vector<SnapshotLine>& ls) {
            return !ls.empty() && showsState(ls.back(), good);
        })) << ps.stderrText().substr(errBefore);
        EXPECT_TRUE(ps.waitForMessage(url + " answers again", 10, errBefore));
        expectSame(ps.lines("main").back(), good, format);
    }
    // Stopped while a scrape hangs on a slow service: it ends at once (the
    // scrape is aborted), with its summary line and a clean exit, nothing of
    // the above having been fatal.
    const int asked = server.requests();
    server.set({200, goodText, "text/plain; version=0.0.4", 8000});
    const auto end = testrun::Clock::now() + std::chrono::seconds(30);
    while (server.requests() <= asked + 1 && testrun::Clock::now() < end)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    const auto stopAt = testrun::Clock::now();
    EXPECT_EQ(ps.process().kill(SIGTERM), 0) << ps.stderrText();
    const auto stopMs = std::chrono::duration_cast<std::chrono::milliseconds>(testrun::Clock::now() - stopAt).count();
    std::cout << "[ metric ] stopped during a hanging scrape in " << stopMs << " ms\n";
    EXPECT_LT(stopMs, 3000);
    const auto out = ps.process().stdoutLines();
    ASSERT_FALSE(out.empty());
    EXPECT_NE(out.back().find("\"kind\":\"summary\""), std::string::npos) << out.back();
}

// ---------------------------------------------------------------------------
// A real Go database/sql pool (tests/peers/gosql) against the test PostgreSQL

using testrun::GoPeer;

/// The attached figures and the db.Stats() names they come from.
struct GoFigure {
    const char* section;
    const char* key;
    const char* stat;
    bool total;
};
constexpr GoFigure kGoFigures[] = {
    {"config", "max_open", "max_open", false}, {"counts", "open", "open", false},
    {"counts", "in_use", "in_use", false},     {"counts", "idle", "idle", false},
    {"totals", "wait_count", "wait_count", true},
    {"totals", "closed_max_idle", "max_idle_closed", true},
    {"totals", "closed_max_idle_time", "max_idle_time_closed", true},
    {"totals", "closed_max_lifetime", "max_lifetime_closed", true},
};

const std::set<std::string> kGoReported{"config.max_open",      "counts.open",
                                        "counts.in_use",        "counts.idle",
                                        "totals.wait_count",    "totals.wait_ms",
                                        "totals.closed_max_idle", "totals.closed_max_idle_time",
                                        "totals.closed_max_lifetime"};

/// How attached lines compared with the peer's own db.Stats() at their scrape.
struct Comparison {
    int exact = 0;      ///< db.Stats() the same before and after the scrape: every figure equal
    int straddled = 0;  ///< the pool changed during the scrape: every figure between the two
    int unjudged = 0;   ///< a figure outside both: it changed and changed back within the scrape
};

/// Compares `lines` with the scrapes they were made from: the newest scrape
/// complete at or before the line's time, or an older one when the newer
/// ones completed so shortly before the line that the attached process may
/// not have read them yet (the line is stamped after its scrape is parsed,
/// and the peer serves other scrapers too).
Comparison compareWithPeer(const std::vector<SnapshotLine>& lines, const std::vector<GoPeer::Scrape>& scrapes) {
    constexpr int64_t kInFlightMs = 1000;
    Comparison c;
    for (const SnapshotLine& l : lines) {
        SCOPED_TRACE("line at t_ms " + std::to_string(l.tMs));
        expectReportedExactly(l, kGoReported);
        std::vector<const GoPeer::Scrape*> before;  // newest first
        for (const auto& sc : scrapes)
            if (sc.tMs <= l.tMs) before.insert(before.begin(), &sc);
        if (before.empty()) {
            ADD_FAILURE() << "no scrape of the peer before this line";
            continue;
        }
        // steady: db.Stats() the same before and after the scrape; between:
        // every figure of the line within the two.
        struct Judged {
            bool steady = true, between = true;
        };
        const auto judge = [&](const GoPeer::Scrape& sc) {
            Judged j;
            for (const GoFigure& g : kGoFigures) {
                const int64_t b = sc.before[g.stat].asInt64().value_or(-1), a = sc.after[g.stat].asInt64().value_or(-1);
                const auto v = l.integer(g.section, g.key);
                j.steady = j.steady && a == b;
                j.between = j.between && v && *v >= std::min(a, b) && *v <= std::max(a, b);
            }
            return j;
        };
        const GoPeer::Scrape* s = before.front();
        Judged j = judge(*s);
        for (size_t i = 1; !j.between && i < before.size() && l.tMs - before[i - 1]->tMs < kInFlightMs; ++i) {
            if (const Judged older = judge(*before[i]); older.between) {
                s = before[i];
                j = older;
            }
        }
        if (j.steady) {
            ++c.exact;
            for (const GoFigure& g : kGoFigures)
                EXPECT_EQ(l.integer(g.section, g.key), s->before[g.stat].asInt64()) << g.key;
            const double waitMs = l.number("totals", "wait_ms").value_or(-1);
            EXPECT_NEAR(waitMs, static_cast<double>(s->before["wait_duration_ms"].asInt64().value_or(-1)), 1.0);
        } else if (j.between) {
            ++c.straddled;
        } else {
            ++c.unjudged;
        }
    }
    return c;
}

TEST(GoSqlPeerAttach, FiguresEqualDbStatsInEveryIncidentAndIncidentsRaiseTheirAlerts) {
    const char* dsn = std::getenv("POOLSCOPE_PG_URL");
    ASSERT_TRUE(dsn && *dsn) << "POOLSCOPE_PG_URL is not set. This test needs the test PostgreSQL; start it with\n"
                                "  env=$(scripts/servers/start-servers.sh) && set -a && . \"$env\" && set +a";
    GoPeer peer;
    ASSERT_TRUE(peer.start(dsn));
    AttachedPoolscope ps("gosql-attach");
    ASSERT_TRUE(ps.start(peer.metricsUrl(), kIntervalMs, {"--fail-on", "warning"}));
    const auto linesSince = [&](size_t from) {
        auto all = ps.lines("orders");
        return std::vector<SnapshotLine>(all.begin() + static_cast<ptrdiff_t>(std::min(from, all.size())), all.end());
    };
    const auto waitLines = [&](size_t from, size_t n) {
        return ps.waitFor("orders", [&](const std::vector<SnapshotLine>& ls) { return ls.size() >= from + n; });
    };

    // Healthy: two connections opened and returned. Steady, so every line
    // equals db.Stats() at its scrape and at this moment.
    ASSERT_TRUE(waitLines(0, 5)) << ps.stderrText();
    {
        const auto lines = linesSince(0);
        const Comparison c = compareWithPeer(lines, peer.scrapes());
        EXPECT_EQ(c.exact, static_cast<int>(lines.size())) << "straddled " << c.straddled;
        const Json now = peer.stats();
        EXPECT_EQ(lines.back().integer("counts", "open"), now["open"].asInt64());
        EXPECT_EQ(lines.back().integer("counts", "idle"), now["idle"].asInt64());
        EXPECT_EQ(lines.back().integer("counts", "in_use"), now["in_use"].asInt64());
        EXPECT_EQ(lines.back().integer("config", "max_open"), 4);
        EXPECT_EQ(lines.back().integer("counts", "idle"), 2);
    }

    // Rows never closed: every connection stays in use. Go's DBStats has no
    // leak figures, so the leak rule is off for this pool, not fed zeros.
    size_t mark = ps.lines("orders").size();
    peer.incident("leak");
    ASSERT_TRUE(ps.waitFor("orders", [&](const std::vector<SnapshotLine>& ls) {
        int n = 0;
        for (size_t i = mark; i < ls.size(); ++i) n += ls[i].integer("counts", "in_use") == 4;
        return n >= 4;
    })) << ps.stderrText();
    {
        const auto lines = linesSince(mark);
        const Comparison c = compareWithPeer(lines, peer.scrapes());
        EXPECT_GE(c.exact, 4);
        EXPECT_EQ(c.unjudged, 0);
        const Json now = peer.stats();
        EXPECT_EQ(lines.back().integer("counts", "in_use"), now["in_use"].asInt64());
        EXPECT_EQ(lines.back().integer("counts", "open"), now["open"].asInt64());
        EXPECT_EQ(lines.back().integer("counts", "idle"), 0);
        EXPECT_TRUE(lines.back().ruleOff("leak"));
        EXPECT_TRUE(lines.back().json["leak_reports"].isNull());
        EXPECT_TRUE(lines.back().json["connections"].isNull());
    }

    // Wait storm: 32 goroutines on 2 connections. The wait alert (wait_p99,
    // from the mean wait per interval: DBStats has only count and duration)
    // within 5 s of the first line whose wait count rose.
    mark = ps.lines("orders").size();
    const int64_t waitsBefore = ps.lines("orders").back().integer("totals", "wait_count").value_or(0);
    peer.incident("wait_storm");
    ASSERT_TRUE(ps.waitFor("orders", [&](const std::vector<SnapshotLine>& ls) {
        for (size_t i = mark; i < ls.size(); ++i)
            if (ls[i].firing("wait_p99")) return true;
        return false;
    })) << ps.stderrText();
    {
        const auto lines = linesSince(mark);
        const SnapshotLine* visible = nullptr;
        const SnapshotLine* alert = nullptr;
        for (const auto& l : lines) {
            if (!visible && l.integer("totals", "wait_count").value_or(0) > waitsBefore) visible = &l;
            if (!alert && l.firing("wait_p99")) alert = &l;
        }
        ASSERT_NE(visible, nullptr);
        ASSERT_NE(alert, nullptr);
        std::cout << "[ metric ] go_sql wait storm: wait_p99 alert " << alert->tMs - visible->tMs
                  << " ms after the first line with waits (mean wait "
                  << alert->number("wait_ms_window", "p99").value_or(-1) << " ms)\n";
        EXPECT_LE(alert->tMs - visible->tMs, 5000);
        EXPECT_EQ(alert->derivation(), "mean");
        EXPECT_EQ(alert->integer("config", "max_open"), 2);
        EXPECT_TRUE(alert->ruleOff("exhausted")) << "DBStats has no count of waiting requests";
        const Comparison c = compareWithPeer(lines, peer.scrapes());
        std::cout << "[ metric ] go_sql wait storm: " << c.exact << " lines equal db.Stats(), " << c.straddled
                  << " straddled a change, " << c.unjudged << " unjudged\n";
        EXPECT_GE(c.exact, 3);
        EXPECT_LE(c.unjudged * 5, static_cast<int>(lines.size()));
    }

    // SetMaxOpenConns(0): shown as max_open 0 and the unbounded alert within
    // 5 s of the first line that shows it.
    mark = ps.lines("orders").size();
    peer.incident("unbounded");
    ASSERT_TRUE(ps.waitFor("orders", [&](const std::vector<SnapshotLine>& ls) {
        for (size_t i = mark; i < ls.size(); ++i)
            if (ls[i].firing("unbounded")) return true;
        return false;
    })) << ps.stderrText();
    {
        ASSERT_TRUE(waitLines(ps.lines("orders").size(), 3));
        const auto lines = linesSince(mark);
        const SnapshotLine* visible = nullptr;
        const SnapshotLine* alert = nullptr;
        for (const auto& l : lines) {
            if (!visible && l.integer("config", "max_open") == 0) visible = &l;
            if (!alert && l.firing("unbounded")) alert = &l;
        }
        ASSERT_NE(visible, nullptr);
        ASSERT_NE(alert, nullptr);
        std::cout << "[ metric ] go_sql unbounded: alert " << alert->tMs - visible->tMs
                  << " ms after the first line with max_open 0\n";
        EXPECT_LE(alert->tMs - visible->tMs, 5000);
        const Comparison c = compareWithPeer(lines, peer.scrapes());
        std::cout << "[ metric ] go_sql unbounded: " << c.exact << " lines equal db.Stats(), " << c.straddled
                  << " straddled a change, " << c.unjudged << " unjudged\n";
        EXPECT_GE(c.exact + c.straddled, 3);
        EXPECT_LE(c.unjudged * 5, static_cast<int>(lines.size()));
    }

    // --fail-on warning: the run ends with exit 4 naming the alerts that fired.
    EXPECT_EQ(ps.process().kill(SIGTERM), 4) << ps.stderrText();
    const std::string err = ps.stderrText();
    EXPECT_NE(err.find("unbounded (warning) fired on pool \"orders\""), std::string::npos) << err;
    EXPECT_NE(err.find("wait_p99 (danger) fired on pool \"orders\""), std::string::npos) << err;
    EXPECT_EQ(peer.process().kill(SIGTERM), 128 + SIGTERM);
}

}  // namespace
}  // namespace poolscope
