// PrometheusSession against canned Prometheus API answers (FakePrometheus):
// discovery in every format with one query per format, ?match=, the
// server's errors and warnings as notices, back-fill with query_range, auth.

#include "core/session/PrometheusSession.h"

#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <thread>

#include "core/session/AttachSession.h"
#include "tests/core/session/FakePrometheus.h"

namespace poolscope {
namespace {

using testrun::FakePrometheus;
using Series = FakePrometheus::Series;
using Clock = std::chrono::steady_clock;

constexpr double kT0 = 1'700'000'000;  // seconds: the first point of every series

/// Appends `value` at `t` to the series named by `labels`, creating it.
void point(std::vector<Series>& out, std::map<std::string, std::string> labels, double t, double value) {
    for (Series& s : out)
        if (s.labels == labels) {
            s.points.emplace_back(t, std::to_string(value));
            return;
        }
    out.push_back({std::move(labels), {{t, std::to_string(value)}}});
}

std::map<std::string, std::string> with(std::map<std::string, std::string> labels, const std::string& name,
                                        std::map<std::string, std::string> extra = {}) {
    labels["__name__"] = name;
    labels.insert(extra.begin(), extra.end());
    return labels;
}

/// A PoolScope pool as Prometheus holds it after scraping its /metrics, at
/// step `k` (1 s apart from kT0): 8 of 8 in use, 5 + k waiting, 100 acquires
/// per step of which 40 under 5 ms, 50 more under 100 ms, 10 slower.
void poolscopePool(std::vector<Series>& out, const std::string& job, const std::string& instance,
                   const std::string& pool, int steps = 1, int maxOpen = 8) {
    const std::map<std::string, std::string> base{{"job", job}, {"instance", instance}, {"pool", pool}};
    for (int k = 0; k < steps; ++k) {
        const double t = kT0 + k;
        point(out, with(base, "poolscope_pool_info", {{"driver", "sim"}}), t, 1);
        point(out, with(base, "poolscope_connections_open"), t, maxOpen);
        point(out, with(base, "poolscope_connections_idle"), t, 0);
        point(out, with(base, "poolscope_connections_in_use"), t, maxOpen);
        point(out, with(base, "poolscope_connections_allocating"), t, 0);
        point(out, with(base, "poolscope_waiting_callers"), t, 5 + k);
        point(out, with(base, "poolscope_max_open"), t, maxOpen);
        point(out, with(base, "poolscope_max_idle"), t, maxOpen);
        point(out, with(base, "poolscope_min_idle"), t, 0);
        point(out, with(base, "poolscope_acquired_total"), t, 100.0 * k);
        point(out, with(base, "poolscope_queue_waits_total"), t, 60.0 * k);
        point(out, with(base, "poolscope_queue_wait_seconds_total"), t, 3.0 * k);
        point(out, with(base, "poolscope_acquire_timeouts_total"), t, 0);
        point(out, with(base, "poolscope_connect_errors_total"), t, 0);
        point(out, with(base, "poolscope_acquire_wait_seconds_bucket", {{"le", "0.005"}}), t, 40.0 * k);
        point(out, with(base, "poolscope_acquire_wait_seconds_bucket", {{"le", "0.1"}}), t, 90.0 * k);
        point(out, with(base, "poolscope_acquire_wait_seconds_bucket", {{"le", "+Inf"}}), t, 100.0 * k);
    }
}

/// A Go service's database/sql pool (client_golang's DBStats collector).
void goSqlPool(std::vector<Series>& out, const std::string& job, const std::string& instance,
               const std::string& db) {
    const std::map<std::string, std::string> base{{"job", job}, {"instance", instance}, {"db_name", db}};
    point(out, with(base, "go_sql_max_open_connections"), kT0, 20);
    point(out, with(base, "go_sql_open_connections"), kT0, 7);
    point(out, with(base, "go_sql_in_use_connections"), kT0, 3);
    point(out, with(base, "go_sql_idle_connections"), kT0, 4);
    point(out, with(base, "go_sql_wait_count_total"), kT0, 12);
    point(out, with(base, "go_sql_wait_duration_seconds_total"), kT0, 0.6);
}

/// A Spring Boot service's HikariCP through Micrometer: hikaricp_connections
/// is a name HikariCP's own trackers use too; only Micrometer's detect names are here.
void micrometerPool(std::vector<Series>& out, const std::string& job, const std::string& instance) {
    const std::map<std::string, std::string> base{{"job", job}, {"instance", instance}, {"pool", "HikariPool-1"}};
    point(out, with(base, "hikaricp_connections"), kT0, 10);
    point(out, with(base, "hikaricp_connections_active"), kT0, 4);
    point(out, with(base, "hikaricp_connections_idle"), kT0, 6);
    point(out, with(base, "hikaricp_connections_pending"), kT0, 0);
    point(out, with(base, "hikaricp_connections_max"), kT0, 10);
}

RemoteSpec specFor(const std::string& url, int intervalMs = 50) {
    RemoteSpec s;
    s.http.url = url;
    s.http.readTimeoutMs = 2'000;
    s.intervalMs = intervalMs;
    return s;
}

const PoolSnapshot* find(const std::vector<PoolSnapshot>& list, const std::string& pool) {
    for (const auto& s : list)
        if (s.pool == pool) return &s;
    return nullptr;
}

/// Polls until `done` or `seconds` pass, gathering everything.
template <class F>
bool pollUntil(SnapshotSource& session, PollResult& all, F done, double seconds = 20) {
    const auto end = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    while (Clock::now() < end) {
        PollResult r;
        session.poll(r);
        for (auto& s : r.snapshots) all.snapshots.push_back(std::move(s));
        for (auto& n : r.notices) all.notices.push_back(std::move(n));
        for (auto& m : r.markers) all.markers.push_back(std::move(m));
        if (r.health) all.health = r.health;
        if (done(all)) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
}

bool anyNotice(const PollResult& r, const std::string& text) {
    for (const auto& n : r.notices)
        if (n.find(text) != std::string::npos) return true;
    return false;
}

TEST(PrometheusSessionTest, DiscoversEveryPoolOfEveryFormatWithOneQueryPerFormat) {
    FakePrometheus prom;
    std::vector<Series> series;
    poolscopePool(series, "orders", "10.0.0.1:9187", "main", 1, 8);
    poolscopePool(series, "orders", "10.0.0.2:9187", "main", 1, 12);
    goSqlPool(series, "billing", "10.0.0.3:2112", "ledger");
    micrometerPool(series, "shop", "10.0.0.4:8080");
    prom.setSeries(series);

    PrometheusSession session(specFor(prom.url(), 60'000));
    const StartResult started = session.start();
    ASSERT_TRUE(started) << started.status.message();
    EXPECT_EQ(session.pools(), (std::vector<std::string>{"HikariPool-1@shop/10.0.0.4:8080",
                                                         "ledger@billing/10.0.0.3:2112",
                                                         "main@orders/10.0.0.1:9187", "main@orders/10.0.0.2:9187"}));
    const size_t formats = session.formats().size();
    EXPECT_GE(formats, 7u);
    // One query per format, and one for the servers' max_connections.
    EXPECT_EQ(session.lastRefresh().queries, static_cast<int>(formats) + 1);
    EXPECT_EQ(prom.instantQueries(), static_cast<int>(formats) + 1);
    EXPECT_EQ(session.lastRefresh().failed, 0);
    EXPECT_EQ(session.lastRefresh().pools, 4u);

    PollResult r;
    session.poll(r);
    ASSERT_EQ(r.snapshots.size(), 4u);
    const PoolSnapshot* wide = find(r.snapshots, "main@orders/10.0.0.2:9187");
    ASSERT_TRUE(wide);
    EXPECT_EQ(wide->config.maxOpen, 12);
    EXPECT_EQ(wide->counts.inUse, 12);
    EXPECT_EQ(wide->counts.waiting, 5);
    EXPECT_EQ(wide->driver, "poolscope");
    EXPECT_EQ(wide->source, session.sourceName());
    EXPECT_TRUE(wide->reported.has(Figure::Waiting));
    const PoolSnapshot* ledger = find(r.snapshots, "ledger@billing/10.0.0.3:2112");
    ASSERT_TRUE(ledger);
    EXPECT_EQ(ledger->config.maxOpen, 20);
    EXPECT_EQ(ledger->counts.open, 7);
    EXPECT_EQ(ledger->totals.waitCount, 12u);
    EXPECT_FALSE(ledger->reported.has(Figure::Waiting));  // database/sql publishes no queue length
    const PoolSnapshot* hikari = find(r.snapshots, "HikariPool-1@shop/10.0.0.4:8080");
    ASSERT_TRUE(hikari);
    EXPECT_EQ(hikari->driver, "hikaricp-micrometer");
    EXPECT_EQ(hikari->counts.inUse, 4);

    const auto infos = session.poolInfos();
    ASSERT_EQ(infos.size(), 4u);
    EXPECT_EQ(infos[1].format, "go-sql");
    EXPECT_EQ(infos[1].job, "billing");
    EXPECT_EQ(infos[1].instance, "10.0.0.3:2112");
    ASSERT_EQ(infos[1].poolLabels.size(), 1u);
    EXPECT_EQ(infos[1].poolLabels[0].name, "db_name");
    EXPECT_EQ(infos[1].poolLabels[0].value, "ledger");
    // Every query names its format's series by regex: no per-pool query.
    for (const std::string& q : prom.queries()) EXPECT_EQ(q.rfind("{__name__=~\"", 0), 0u) << q;
}

TEST(PrometheusSessionTest, QueriesPerRefreshDoNotGrowWithThePools) {
    int queries[2] = {};
    size_t pools[2] = {};
    for (int run = 0; run < 2; ++run) {
        FakePrometheus prom;
        std::vector<Series> series;
        const int n = run == 0 ? 2 : 200;
        for (int i = 0; i < n; ++i) poolscopePool(series, "svc", "host-" + std::to_string(i) + ":9187", "main");
        prom.setSeries(series);
        PrometheusSession session(specFor(prom.url(), 20));
        ASSERT_TRUE(session.start());
        PollResult all;
        // A few background refreshes too.
        ASSERT_TRUE(pollUntil(session, all, [&](const PollResult&) {
            return prom.instantQueries() >= 4 * static_cast<int>(session.formats().size() + 1);
        }));
        queries[run] = session.lastRefresh().queries;
        pools[run] = session.pools().size();
        // Counting queries would race a background refresh in flight; a query per pool would
        // show as more distinct queries than one per format plus the servers' limits.
        const std::vector<std::string> sent = prom.queries();
        const std::set<std::string> distinct(sent.begin(), sent.end());
        EXPECT_EQ(distinct.size(), session.formats().size() + 1) << "a refresh sent a query per pool";
    }
    EXPECT_EQ(pools[0], 2u);
    EXPECT_EQ(pools[1], 200u);
    EXPECT_EQ(queries[0], queries[1]);
}

TEST(PrometheusSessionTest, MatchNarrowsEveryQuery) {
    FakePrometheus prom;
    std::vector<Series> series;
    poolscopePool(series, "api", "a:1", "main");
    poolscopePool(series, "batch", "b:1", "main");
    prom.setSeries(series);
    PrometheusSession session(specFor(prom.url() + "?match={job=\"api\"}", 60'000));
    ASSERT_TRUE(session.start());
    EXPECT_EQ(session.pools(), std::vector<std::string>{"main@api/a:1"});
    EXPECT_EQ(session.sourceName(), prom.url() + "?match={job=\"api\"}");
    // Every pool query; the servers' max_connections come from their own exporters' jobs.
    for (const std::string& q : prom.queries()) {
        if (q.find("max_connections") == std::string::npos) {
            EXPECT_NE(q.find(",job=\"api\"}"), std::string::npos) << q;
        }
    }
}

TEST(PrometheusSessionTest, PoolsKnowTheirServerAndItsMaxConnections) {
    FakePrometheus prom;
    std::vector<Series> series;
    poolscopePool(series, "api", "a:1", "main");
    poolscopePool(series, "api", "a:2", "main");
    poolscopePool(series, "batch", "b:1", "main");
    for (Series& s : series)
        if (s.labels["job"] == "api") s.labels["db"] = "pg-main:5432";
    series.push_back({{{"__name__", "pg_settings_max_connections"}, {"job", "postgres"}, {"db", "pg-main:5432"}},
                      {{kT0, "100"}}});
    series.push_back({{{"__name__", "mysql_global_variables_max_connections"}, {"job", "mysql"}, {"db", "my:3306"}},
                      {{kT0, "151"}}});
    prom.setSeries(series);
    PrometheusSession session(specFor(prom.url() + "?server_label=db", 60'000));
    ASSERT_TRUE(session.start());
    ASSERT_EQ(session.pools().size(), 3u);
    const PoolPlace api = session.placeOf("main@api/a:2");
    EXPECT_EQ(api.service, "api");
    EXPECT_EQ(api.instance, "a:2");
    EXPECT_EQ(api.format, "poolscope");
    EXPECT_EQ(api.server, "pg-main:5432");
    EXPECT_EQ(session.serverKey("main@api/a:1"), "pg-main:5432");
    const ServerLimits limits = session.serverLimits("main@api/a:1");
    ASSERT_TRUE(limits.maxConnections);
    EXPECT_EQ(*limits.maxConnections, 100);
    EXPECT_EQ(limits.product, "PostgreSQL");
    // A pool without the label has no server, and no limits.
    EXPECT_EQ(session.placeOf("main@batch/b:1").server, "");
    EXPECT_TRUE(session.serverLimits("main@batch/b:1").empty());
    EXPECT_EQ(session.lastRefresh().failed, 0);

    PrometheusSession bad(specFor(prom.url() + "?server_label=1db", 60'000));
    const StartResult refused = bad.start();
    EXPECT_FALSE(refused);
    EXPECT_NE(refused.status.message().find("not a Prometheus label name"), std::string::npos)
        << refused.status.message();
}

TEST(PrometheusSessionTest, ABadMatchIsRefusedWithTheServersOwnMessage) {
    FakePrometheus prom;
    prom.setCanned(FakePrometheus::Canned{
        400, R"({"status":"error","errorType":"bad_data","error":"invalid parameter \"query\": 1:61: parse error: unexpected \"=\""})"});
    PrometheusSession session(specFor(prom.url() + "?match={job=}"));
    const StartResult r = session.start();
    ASSERT_FALSE(r);
    EXPECT_EQ(r.stage, StartStage::Arguments);
    EXPECT_NE(r.status.message().find("HTTP 400: bad_data: invalid parameter \"query\": 1:61: parse error: unexpected \"=\""),
              std::string::npos)
        << r.status.message();
    EXPECT_NE(r.status.message().find("/api/v1/query ("), std::string::npos) << r.status.message();
}

TEST(PrometheusSessionTest, WarningsTimeoutsAndMalformedAnswersAreNoticesAndTheDataStays) {
    FakePrometheus prom;
    std::vector<Series> series;
    poolscopePool(series, "api", "a:1", "main");
    prom.setSeries(series);
    PrometheusSession session(specFor(prom.url(), 30));
    ASSERT_TRUE(session.start());
    PollResult all;

    prom.setWarnings({"PromQL warning: encountered a mix of histograms and floats"});
    ASSERT_TRUE(pollUntil(session, all, [](const PollResult& r) { return anyNotice(r, "mix of histograms"); }));
    EXPECT_TRUE(anyNotice(all, "(poolscope series): warning: PromQL warning"));

    prom.setWarnings({});
    prom.setCanned(FakePrometheus::Canned{
        503, R"({"status":"error","errorType":"timeout","error":"query timed out in expression evaluation"})"});
    ASSERT_TRUE(pollUntil(session, all, [](const PollResult& r) {
        // Stale first (silence), then with the server's reason once a refresh has it.
        return anyNotice(r, "HTTP 503: timeout: query timed out in expression evaluation; keeping the last good data") &&
               r.health && r.health->state == SourceHealth::State::Stale &&
               r.health->message.find("query timed out") != std::string::npos;
    })) << (all.notices.empty() ? "" : all.notices.back()) << " / " << (all.health ? all.health->message : "");

    prom.setCanned(FakePrometheus::Canned{200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{"});
    ASSERT_TRUE(pollUntil(session, all, [](const PollResult& r) { return anyNotice(r, "the answer is not JSON: line 1"); }));
    EXPECT_EQ(session.pools(), std::vector<std::string>{"main@api/a:1"});

    prom.setCanned(std::nullopt);
    all.snapshots.clear();
    ASSERT_TRUE(pollUntil(session, all, [](const PollResult& r) {
        return !r.snapshots.empty() && r.health && r.health->state == SourceHealth::State::Live;
    }));
    EXPECT_EQ(all.snapshots.back().counts.waiting, 5);
}

TEST(PrometheusSessionTest, NoServerIsUnreachable) {
    int port = 0;
    {
        FakePrometheus gone;
        port = gone.port();
    }
    PrometheusSession session(specFor("prometheus://127.0.0.1:" + std::to_string(port)));
    const StartResult r = session.start();
    ASSERT_FALSE(r);
    EXPECT_EQ(r.stage, StartStage::Reach);
    EXPECT_NE(r.status.message().find("cannot reach GET prometheus://127.0.0.1:" + std::to_string(port) + "/api/v1/query"),
              std::string::npos)
        << r.status.message();
}

TEST(PrometheusSessionTest, NoPoolIsAnError) {
    FakePrometheus prom;
    PrometheusSession session(specFor(prom.url()));
    const StartResult r = session.start();
    ASSERT_FALSE(r);
    EXPECT_NE(r.status.message().find("has no series of a pool in any format PoolScope reads (go-sql,"),
              std::string::npos)
        << r.status.message();
}

TEST(PrometheusSessionTest, TwoFormatsNamingOnePoolAlikeStayApart) {
    FakePrometheus prom;
    std::vector<Series> series;
    poolscopePool(series, "mixed", "m:1", "main");
    goSqlPool(series, "mixed", "m:1", "main");
    prom.setSeries(series);
    PrometheusSession session(specFor(prom.url(), 60'000));
    ASSERT_TRUE(session.start());
    EXPECT_EQ(session.pools(), (std::vector<std::string>{"main@mixed/m:1", "main@mixed/m:1 (poolscope)"}));
}

TEST(PrometheusSessionTest, BackfillReadsOnePoolStepByStepWithOneRangeQuery) {
    FakePrometheus prom;
    std::vector<Series> series;
    poolscopePool(series, "api", "a:1", "main", 12);
    poolscopePool(series, "api", "a:2", "main", 12);
    prom.setSeries(series);
    PrometheusSession session(specFor(prom.url(), 60'000));
    ASSERT_TRUE(session.start());
    const int64_t t0 = static_cast<int64_t>(kT0) * 1000;
    auto history = session.backfill("main@api/a:2", t0 + 2'000, t0 + 10'000, 1'000);
    ASSERT_TRUE(history) << history.message();
    EXPECT_EQ(prom.rangeQueries(), 1);
    ASSERT_EQ(history->size(), 9u);
    for (size_t i = 0; i < history->size(); ++i) {
        const PoolSnapshot& s = (*history)[i];
        const int k = static_cast<int>(i) + 2;
        EXPECT_EQ(s.tMs, t0 + k * 1'000);
        EXPECT_EQ(s.pool, "main@api/a:2");
        EXPECT_EQ(s.counts.waiting, 5 + k);
        EXPECT_EQ(s.totals.acquired, 100u * k);
        // Per step: 40 under 5 ms, 50 in (5 ms, 100 ms], 10 above: p50 at
        // rank 50 is 5 + 95 * 10/50 ms, p99 the highest finite bound.
        ASSERT_TRUE(s.reported.has(Figure::WaitPercentiles));
        EXPECT_EQ(s.wait.derivation, WaitDerivation::Histogram);
        EXPECT_NEAR(s.wait.p50, 24, 1e-6);
        EXPECT_NEAR(s.wait.p99, 100, 1e-6);
    }
    // One step before the window (for the first wait window), the pool's own labels.
    EXPECT_EQ(prom.lastRangeParams(), "1700000001 1700000010 1");
    const std::string q = prom.queries().back();
    EXPECT_NE(q.find("job=\"api\",instance=\"a:2\",pool=\"main\""), std::string::npos) << q;

    EXPECT_FALSE(session.backfill("nope", t0, t0 + 1000, 1000));
    auto tooLong = session.backfill("main@api/a:2", t0, t0 + 25 * 3'600'000, 60'000);
    ASSERT_FALSE(tooLong);
    EXPECT_NE(tooLong.message().find("longer than 24 h"), std::string::npos);
    auto tooFine = session.backfill("main@api/a:2", t0, t0 + 3'600'000, 100);
    ASSERT_FALSE(tooFine);
    EXPECT_NE(tooFine.message().find("use a longer step"), std::string::npos);
    EXPECT_EQ(prom.rangeQueries(), 1);
}

TEST(PrometheusSessionTest, BasicAuthFromTheUrlAndABearerToken) {
    FakePrometheus prom;
    std::vector<Series> series;
    poolscopePool(series, "api", "a:1", "main");
    prom.setSeries(series);
    prom.requireAuthorization("Basic dXNlcjpwYSBzcw==");  // user:pa ss
    {
        PrometheusSession session(specFor("prometheus://user:pa%20ss@127.0.0.1:" + std::to_string(prom.port())));
        ASSERT_TRUE(session.start());
        EXPECT_EQ(session.sourceName().find("pa"), std::string::npos) << session.sourceName();
    }
    {
        PrometheusSession session(specFor(prom.url()));
        const StartResult r = session.start();
        ASSERT_FALSE(r);
        EXPECT_NE(r.status.message().find("HTTP 401"), std::string::npos) << r.status.message();
        EXPECT_NE(r.status.message().find("--token-file"), std::string::npos) << r.status.message();
    }
    prom.requireAuthorization("Bearer s3cret");
    RemoteSpec spec = specFor(prom.url());
    spec.http.token = "s3cret";
    PrometheusSession session(spec);
    ASSERT_TRUE(session.start());
}

TEST(PrometheusSessionTest, UrlForms) {
    EXPECT_TRUE(PrometheusSession::isPrometheusUrl("prometheus://h:9090"));
    EXPECT_TRUE(PrometheusSession::isPrometheusUrl("prometheus+https://h:9090/prom"));
    EXPECT_TRUE(PrometheusSession::isPrometheusUrl("Prometheus+HTTP://h"));
    EXPECT_FALSE(PrometheusSession::isPrometheusUrl("http://h:9090"));
    EXPECT_FALSE(PrometheusSession::isPrometheusUrl("prometheus"));

    auto attached = openAttach(specFor("prometheus://127.0.0.1:1"));
    EXPECT_TRUE(dynamic_cast<PrometheusSession*>(attached.get()));

    PrometheusSession unknownParam(specFor("prometheus://127.0.0.1:1?pool=x"));
    const StartResult r = unknownParam.start();
    ASSERT_FALSE(r);
    EXPECT_EQ(r.stage, StartStage::Arguments);
    EXPECT_NE(r.status.message().find("prometheus:// takes match, format, mapping and server_label"), std::string::npos)
        << r.status.message();

    PrometheusSession unknownFormat(specFor("prometheus://127.0.0.1:1?format=cobol"));
    const StartResult f = unknownFormat.start();
    ASSERT_FALSE(f);
    EXPECT_NE(f.status.message().find("?format=cobol is not a known format"), std::string::npos);

    PrometheusSession tls(specFor("prometheus+https://user:secret@[::1]/prom/?match=up"));
    EXPECT_EQ(tls.sourceName(), "prometheus+https://[::1]:9090/prom?match={up}");
    EXPECT_EQ(tls.description(), "attach prometheus+https://[::1]:9090/prom?match={up} (Prometheus server)");
}

TEST(PrometheusSessionTest, OneFormatOnlyWithFormatParameter) {
    FakePrometheus prom;
    std::vector<Series> series;
    poolscopePool(series, "api", "a:1", "main");
    goSqlPool(series, "billing", "b:1", "ledger");
    prom.setSeries(series);
    PrometheusSession session(specFor(prom.url() + "?format=go_sql", 60'000));
    ASSERT_TRUE(session.start());
    EXPECT_EQ(session.formats(), std::vector<std::string>{"go-sql"});
    EXPECT_EQ(session.pools(), std::vector<std::string>{"ledger@billing/b:1"});
    EXPECT_EQ(prom.instantQueries(), 2);  // go-sql's series, and the servers' max_connections
}

// An endpoint that is not PoolScope's falls back to its /metrics: the query
// is kept, and a '?' in the password is not taken for it.
TEST(AttachSessionUrlTest, MetricsUrlAppendsToThePathNotToAPassword) {
    EXPECT_EQ(AttachSession::metricsUrlOf("http://h:9/"), "http://h:9/metrics");
    EXPECT_EQ(AttachSession::metricsUrlOf("https://h:9/app?format=go-sql"), "https://h:9/app/metrics?format=go-sql");
    EXPECT_EQ(AttachSession::metricsUrlOf("http://u:pa?ss@h:9"), "http://u:pa?ss@h:9/metrics");
    EXPECT_EQ(AttachSession::metricsUrlOf("http://u:a?b@c@h:9/x/?pool=p"), "http://u:a?b@c@h:9/x/metrics?pool=p");
}

}  // namespace
}  // namespace poolscope
