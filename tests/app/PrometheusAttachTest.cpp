// A real Prometheus server (Debian's, started here on loopback in a
// temporary folder, scraping every second) scraping five headless
// `poolscope --serve` processes on the simulated driver (two jobs; one pool
// in a wait storm, one leaking connections) and the Go database/sql peer
// (tests/peers/gosql, a third job, in its own wait storm on the test
// PostgreSQL), and PoolScope attached to that Prometheus: in this process
// (PrometheusSession) and as `poolscope --headless --attach prometheus://...`.
// The rules `poolscope --export-alert-rules` writes are loaded into that
// Prometheus and fire for the storms and the leak, not for the calm pools.
// The Go pool is found with the figures its db.Stats() gives, the queue
// length it does not publish unknown. Every served pool is found
// with the figures its exporter serves, queries per refresh do not grow with
// the pools, the storm grades worse, back-fill gives the history, a bad
// ?match= shows the server's message, and a killed Prometheus turns the
// session stale until it is back.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <thread>

#include "core/health/HealthEngine.h"
#include "core/remote/PromTextParser.h"
#include "core/session/HttpFetcher.h"
#include "core/session/PrometheusSession.h"
#include "core/telemetry/Json.h"
#include "core/telemetry/SnapshotLineParser.h"
#include "tests/app/GoPeer.h"
#include "tests/app/PrometheusServer.h"
#include "tests/app/RunPoolscope.h"
#include "tests/app/ServedProcess.h"

namespace poolscope {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using testrun::GoPeer;
using testrun::PrometheusServer;
using testrun::ServedProcess;
using testrun::wallMs;

/// A served pool: the process and how Prometheus names its pool.
struct Served {
    std::string name;  // --pool name=
    std::string job;
    int maxOpen = 0;
    std::unique_ptr<ServedProcess> process;
    int port = 0;
    std::string poolName() const { return name + "@" + job + "/127.0.0.1:" + std::to_string(port); }
};

/// The exporter's own snapshot of its pool (GET /api/v1/pools/NAME/snapshot).
PoolSnapshot exporterSnapshot(const Served& s) {
    HttpSettings http;
    http.url = "http://127.0.0.1:" + std::to_string(s.port);
    auto f = HttpFetcher::open(http);
    EXPECT_TRUE(f);
    if (!f) return {};
    auto r = (*f)->get("/api/v1/pools/" + s.name + "/snapshot");
    EXPECT_TRUE(r && r->status == 200) << (r ? r->body : r.message());
    if (!r || r->status != 200) return {};
    std::string_view line = r->body;
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
    auto p = SnapshotLineParser::parse(line);
    EXPECT_TRUE(p) << p.message();
    return p ? *p : PoolSnapshot{};
}

/// The /api/v1/query calls Prometheus has answered so far (its own counter).
double prometheusQueryCount(const PrometheusServer& prom) {
    HttpSettings http;
    http.url = prom.url();
    auto f = HttpFetcher::open(http);
    if (!f) return -1;
    auto r = (*f)->get("/metrics");
    if (!r || r->status != 200) return -1;
    auto e = PromTextParser::parse(r->body);
    if (!e) return -1;
    const MetricFamily* family = e->family("prometheus_http_requests_total");
    if (!family) return -1;
    double sum = 0;
    for (const Sample& s : family->samples)
        if (s.label("handler") == "/api/v1/query") sum += s.value;
    return sum;
}

template <class F>
bool waitFor(F done, double seconds = 60) {
    const auto end = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    while (Clock::now() < end) {
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

/// Polls `session` into `all` until `done(all)` or `seconds` pass.
template <class F>
bool pollUntil(SnapshotSource& session, PollResult& all, F done, double seconds = 60) {
    return waitFor(
        [&] {
            PollResult r;
            session.poll(r);
            for (auto& s : r.snapshots) all.snapshots.push_back(std::move(s));
            for (auto& n : r.notices) all.notices.push_back(std::move(n));
            if (r.health) all.health = r.health;
            return done(all);
        },
        seconds);
}

RemoteSpec specFor(const std::string& url, int intervalMs = 500) {
    RemoteSpec s;
    s.http.url = url;
    s.intervalMs = intervalMs;
    return s;
}

class PrometheusAttachTest : public testing::Test {
protected:
    static void SetUpTestSuite() {
        const std::vector<std::tuple<std::string, std::string, int, std::vector<std::string>>> pools{
            {"calm1", "small", 10, {"--connect", "sim://?query_ms=1", "--workload", "workers=4,hold_ms=10,think_ms=10"}},
            {"storm", "small", 8, {"--connect", "sim://?query_ms=2", "--workload", "workers=32,hold_ms=20"}},
            {"calm2", "big", 10, {"--connect", "sim://?query_ms=1", "--workload", "workers=4,hold_ms=10,think_ms=10"}},
            {"calm3", "big", 6, {"--connect", "sim://?query_ms=1", "--workload", "workers=2,hold_ms=5,think_ms=20"}},
            // About one leak every 5 s, each reported after 500 ms: its 10
            // connections last the first minute, which the leak rule's 1 min
            // window then covers.
            {"leaky", "big", 10, {"--connect", "sim://?query_ms=1", "--workload", "workers=2,hold_ms=10,think_ms=90,leak_pct=1"}},
        };
        std::map<std::string, std::vector<std::string>> targets;
        // The Go pool: 32 goroutines on 2 connections, 50 ms queries.
        const char* dsn = std::getenv("POOLSCOPE_PG_URL");
        ASSERT_TRUE(dsn && *dsn) << "POOLSCOPE_PG_URL is not set. This test needs the test PostgreSQL; start it "
                                    "with scripts/servers/start-servers.sh (scripts/test.sh does)";
        goPeer_ = new GoPeer;
        ASSERT_TRUE(goPeer_->start(dsn, "orders"));
        goPeer_->incident("wait_storm");
        targets["gosql"].push_back(goPeer_->address());
        for (const auto& [name, job, maxOpen, args] : pools) {
            Served s{name, job, maxOpen, std::make_unique<ServedProcess>("prom-" + name), 0};
            std::vector<std::string> all = args;
            const std::string leak = name == "leaky" ? ",leak_threshold_ms=500" : "";
            for (const std::string& a : {std::string("--pool"), "name=" + name + ",max_open=" + std::to_string(maxOpen) + leak,
                                         std::string("--duration"), std::string("0"), std::string("--interval"),
                                         std::string("500"), std::string("--serve"), std::string("127.0.0.1:0")})
                all.push_back(a);
            s.port = s.process->start(all);
            ASSERT_GT(s.port, 0) << name;
            targets[job].push_back("127.0.0.1:" + std::to_string(s.port));
            served_.push_back(std::move(s));
        }
        prom_ = new PrometheusServer(fs::path(testing::TempDir()) /
                                     ("poolscope-prometheus-" + std::to_string(::getpid())));
        // PoolScope's default thresholds as Prometheus alerting rules.
        const auto rules = testrun::runPoolscope("--export-alert-rules --format all > '" +
                                                     (prom_->dir() / "rules.yml").string() + "'",
                                                 prom_->dir() / "export-alert-rules.err");
        ASSERT_EQ(rules.exitCode, 0) << rules.err;
        prom_->writeConfig({{"small", targets["small"]}, {"big", targets["big"]}, {"gosql", targets["gosql"]}},
                           {"rules.yml"});
        ASSERT_TRUE(prom_->start());
        // Every target scraped at least twice: an attach then finds them all.
        const bool found = waitFor([] {
            PrometheusSession s(specFor(url()));
            if (!s.start()) return false;
            if (s.pools().size() != served_.size() + 1) return false;
            PollResult r;
            s.poll(r);
            for (const PoolSnapshot& p : r.snapshots)
                if (p.reported.has(Figure::Acquired) && p.totals.acquired == 0) return false;
            return true;
        });
        ASSERT_TRUE(found) << "Prometheus did not serve the six pools within 60 s; log:\n" << prom_->log();
        discoveredMs_ = wallMs();
    }
    static void TearDownTestSuite() {
        delete prom_;
        prom_ = nullptr;
        delete goPeer_;
        goPeer_ = nullptr;
        for (Served& s : served_) s.process->kill(SIGTERM);
        served_.clear();
    }

    static std::string url() { return "prometheus://127.0.0.1:" + std::to_string(prom_->port()); }
    static const Served& served(const std::string& name) {
        for (const Served& s : served_)
            if (s.name == name) return s;
        ADD_FAILURE() << "no served pool " << name;
        return served_.front();
    }

    static inline std::vector<Served> served_;
    static inline PrometheusServer* prom_ = nullptr;
    static inline GoPeer* goPeer_ = nullptr;
    /// How Prometheus names the Go pool: db_name@job/instance.
    static std::string goPoolName() { return "orders@gosql/" + goPeer_->address(); }
    static inline int64_t discoveredMs_ = 0;  // wall ms when every pool had data in Prometheus
};

/// One alert Prometheus reports (GET /api/v1/alerts).
struct ActiveAlert {
    std::string alertname, pool, rule, severity, state;
};

std::vector<ActiveAlert> prometheusAlerts(const PrometheusServer& prom) {
    HttpSettings http;
    http.url = prom.url();
    auto f = HttpFetcher::open(http);
    EXPECT_TRUE(f) << f.message();
    if (!f) return {};
    auto r = (*f)->get("/api/v1/alerts");
    EXPECT_TRUE(r && r->status == 200) << (r ? r->body : r.message());
    if (!r || r->status != 200) return {};
    auto reply = Json::parse(r->body);
    EXPECT_TRUE(reply) << reply.message();
    if (!reply) return {};
    std::vector<ActiveAlert> out;
    for (const Json& a : (*reply)["data"]["alerts"].items()) {
        const Json& labels = a["labels"];
        const auto text = [](const Json& v) { return std::string(v.asString().value_or("")); };
        // The pool label is the format's: pool, or db_name for go_sql.
        const std::string pool = labels.find("pool") ? text(labels["pool"]) : text(labels["db_name"]);
        out.push_back({text(labels["alertname"]), pool, text(labels["rule"]), text(labels["severity"]),
                       text(a["state"])});
    }
    return out;
}

// First: the leak rule looks back one minute, and the leaky pool leaks in its
// first minute only.
TEST_F(PrometheusAttachTest, TheExportedRulesFireForTheIncidentPoolsAndNotTheCalmOnes) {
    ASSERT_TRUE(prom_);
    const auto firing = [](const std::vector<ActiveAlert>& alerts, const std::string& pool,
                           const std::string& rule, const std::string& severity) {
        return std::any_of(alerts.begin(), alerts.end(), [&](const ActiveAlert& a) {
            return a.pool == pool && a.rule == rule && a.severity == severity && a.state == "firing";
        });
    };
    std::vector<ActiveAlert> alerts;
    const auto seen = [&] {
        std::string out;
        for (const ActiveAlert& a : alerts)
            out += a.alertname + " " + a.pool + " " + a.severity + " " + a.state + "\n";
        return out;
    };
    // Each incident as PoolScope grades it: the leak, the storm's queue
    // (32 callers on 8 connections held 20 ms each: a wait P99 well past
    // 50 ms), the storm's pool exhausted, and the Go storm's mean wait (its
    // format has no percentiles; 32 goroutines on 2 connections, 50 ms each).
    for (const auto& [pool, rule] : {std::pair<std::string, std::string>{"leaky", "leak"},
                                     {"storm", "wait_p99"},
                                     {"storm", "exhausted"},
                                     {"orders", "wait_p99"}}) {
        EXPECT_TRUE(waitFor([&] {
            alerts = prometheusAlerts(*prom_);
            return firing(alerts, pool, rule, "danger");
        })) << rule << " never fired on " << pool << "; alerts:\n" << seen() << "log:\n" << prom_->log();
    }
    // The calm pools have seen as many evaluations as the incidents: nothing
    // pending or firing, but for what a loaded machine may give them (as the
    // health engine may): a slow acquire, a wait_p99 warning.
    for (const ActiveAlert& a : alerts) {
        if (a.pool != "calm1" && a.pool != "calm2" && a.pool != "calm3") continue;
        EXPECT_TRUE(a.rule == "wait_p99" && a.severity == "warning")
            << a.alertname << " " << a.severity << " " << a.state << " on calm pool " << a.pool;
    }
}

TEST_F(PrometheusAttachTest, EveryServedPoolIsFoundWithTheExportersFigures) {
    ASSERT_TRUE(prom_);
    PrometheusSession session(specFor(url(), 300));
    const StartResult started = session.start();
    ASSERT_TRUE(started) << started.status.message();
    std::vector<std::string> expected{goPoolName()};
    for (const Served& s : served_) expected.push_back(s.poolName());
    std::sort(expected.begin(), expected.end());
    ASSERT_EQ(session.pools(), expected);
    for (const PrometheusPoolInfo& info : session.poolInfos()) {
        if (info.pool == goPoolName()) continue;  // TheGoPoolIsFoundWithItsDbStats
        EXPECT_EQ(info.format, "poolscope");
        ASSERT_EQ(info.poolLabels.size(), 1u);
        EXPECT_EQ(info.poolLabels[0].name, "pool");
        EXPECT_EQ(info.pool, info.poolLabels[0].value + "@" + info.job + "/" + info.instance);
    }

    // Monotonic totals bracketed by the exporter's own snapshots: one taken
    // before (3 s earlier than the data compared, more than a scrape plus a
    // refresh), one after.
    std::map<std::string, PoolSnapshot> before;
    for (const Served& s : served_) before[s.poolName()] = exporterSnapshot(s);
    const int64_t after = wallMs() + 3'000;
    std::map<std::string, PoolSnapshot> attached;
    PollResult all;
    ASSERT_TRUE(pollUntil(session, all, [&](const PollResult& r) {
        for (const PoolSnapshot& s : r.snapshots)
            if (s.tMs >= after) attached[s.pool] = s;
        return std::all_of(served_.begin(), served_.end(),
                           [&](const Served& s) { return attached.count(s.poolName()) > 0; });
    }));
    for (const Served& s : served_) {
        const PoolSnapshot e0 = before[s.poolName()];
        const PoolSnapshot e1 = exporterSnapshot(s);
        const PoolSnapshot& a = attached[s.poolName()];
        SCOPED_TRACE(s.poolName());
        EXPECT_EQ(a.driver, "poolscope");
        EXPECT_EQ(a.config.maxOpen, s.maxOpen);
        EXPECT_EQ(a.config.maxOpen, e1.config.maxOpen);
        EXPECT_EQ(a.config.maxIdle, e1.config.maxIdle);
        EXPECT_EQ(a.config.minIdle, e1.config.minIdle);
        EXPECT_GE(a.totals.acquired, e0.totals.acquired);
        EXPECT_LE(a.totals.acquired, e1.totals.acquired);
        EXPECT_GE(a.totals.created, e0.totals.created);
        EXPECT_LE(a.totals.created, e1.totals.created);
        EXPECT_GE(a.totals.waitCount, e0.totals.waitCount);
        EXPECT_LE(a.totals.waitCount, e1.totals.waitCount);
        EXPECT_GE(a.totals.timeouts, e0.totals.timeouts);  // the leaky pool, drained, times out
        EXPECT_LE(a.totals.timeouts, e1.totals.timeouts);
        EXPECT_LE(a.counts.open, s.maxOpen);
        // open also counts connections being returned, which the poolscope
        // mapping does not read.
        EXPECT_GE(a.counts.open, a.counts.idle + a.counts.inUse + a.counts.allocating);
        for (Figure f : {Figure::Open, Figure::Idle, Figure::InUse, Figure::Waiting, Figure::MaxOpen,
                         Figure::Acquired, Figure::WaitCount, Figure::Timeouts, Figure::WaitPercentiles})
            EXPECT_TRUE(a.reported.has(f)) << static_cast<int>(f);
        EXPECT_FALSE(a.reported.has(Figure::Connections));  // Prometheus holds no connection list
    }
    // The storm pool is saturated: all its connections in use, callers queued.
    const PoolSnapshot& storm = attached[served("storm").poolName()];
    EXPECT_GE(storm.counts.inUse, 6);
    EXPECT_GT(storm.counts.waiting, 0);
    EXPECT_GT(storm.wait.p99, 0);
}

TEST_F(PrometheusAttachTest, TheGoPoolIsFoundWithItsDbStats) {
    ASSERT_TRUE(prom_);
    PrometheusSession session(specFor(url(), 300));
    ASSERT_TRUE(session.start());
    bool listed = false;
    for (const PrometheusPoolInfo& info : session.poolInfos()) {
        if (info.pool != goPoolName()) continue;
        listed = true;
        EXPECT_EQ(info.format, "go-sql");
        EXPECT_EQ(info.job, "gosql");
        ASSERT_EQ(info.poolLabels.size(), 1u);
        EXPECT_EQ(info.poolLabels[0].name, "db_name");
    }
    ASSERT_TRUE(listed);
    // Figures bracketed by db.Stats() before and after (3 s later than the
    // data compared: more than a scrape plus a refresh).
    const Json before = goPeer_->stats();
    const int64_t after = wallMs() + 3'000;
    HealthEngine engine(Thresholds::defaults());
    PoolSnapshot got;
    Grade grade = Grade::Normal;
    // The Go storm's mean wait fires the wait rule at danger.
    const auto waitDanger = [&] {
        for (const auto& f : engine.fired())
            if (f.pool == goPoolName() && f.rule == "wait_p99" && f.peakGrade == Grade::Danger) return true;
        return false;
    };
    PollResult all;
    size_t next = 0;  // pollUntil gives every snapshot so far; the engine takes each once, in time order
    ASSERT_TRUE(pollUntil(session, all, [&](const PollResult& r) {
        for (; next < r.snapshots.size(); ++next) {
            const PoolSnapshot& s = r.snapshots[next];
            if (s.pool != goPoolName()) continue;
            grade = std::max(grade, engine.evaluate(s).grade);
            if (s.tMs >= after) got = s;
        }
        return got.tMs >= after && waitDanger();
    })) << "grade " << static_cast<int>(grade) << ", wait " << got.wait.p99 << " ms";
    const Json now = goPeer_->stats();
    EXPECT_EQ(got.driver, "go-sql");
    EXPECT_EQ(got.config.maxOpen, now["max_open"].asInt64().value_or(-1));
    EXPECT_EQ(got.config.maxOpen, 2);
    EXPECT_LE(got.counts.inUse, 2);
    EXPECT_LE(got.counts.open, 2);
    EXPECT_GE(got.totals.waitCount, before["wait_count"].asUint64().value_or(~0ull));
    EXPECT_LE(got.totals.waitCount, now["wait_count"].asUint64().value_or(0));
    // database/sql publishes no queue length and no percentiles: unknown,
    // and the wait rule reads the mean wait from the counters.
    EXPECT_FALSE(got.reported.has(Figure::Waiting));
    EXPECT_FALSE(got.reported.has(Figure::Acquired));
    ASSERT_TRUE(got.reported.has(Figure::WaitPercentiles));
    EXPECT_EQ(got.wait.derivation, WaitDerivation::Mean);
    EXPECT_GT(got.wait.p99, 50.0);  // 32 goroutines on 2 connections, 50 ms queries
}

TEST_F(PrometheusAttachTest, QueriesPerRefreshAreTheSameForTwoAndSixPools) {
    ASSERT_TRUE(prom_);
    int queries[2] = {};
    size_t pools[2] = {};
    const std::string urls[2] = {url() + "?match={job=\"small\"}", url()};
    for (int run = 0; run < 2; ++run) {
        const double served0 = prometheusQueryCount(*prom_);
        ASSERT_GE(served0, 0);
        PrometheusSession session(specFor(urls[run], 200));
        ASSERT_TRUE(session.start());
        ASSERT_TRUE(waitFor([&] { return session.lastRefresh().number >= 5; }));
        session.stop();
        const PrometheusRefreshStats stats = session.lastRefresh();
        queries[run] = stats.queries;
        pools[run] = session.pools().size();
        EXPECT_EQ(stats.failed, 0);
        EXPECT_EQ(stats.pools, pools[run]);
        // What the server counted: one query per format per refresh and one
        // for the servers' max_connections, none per pool.
        EXPECT_EQ(prometheusQueryCount(*prom_) - served0,
                  static_cast<double>(stats.number * (session.formats().size() + 1)));
        std::cout << "[ measured ] " << pools[run] << " pools: " << stats.queries << " queries per refresh, "
                  << stats.series << " series, " << stats.bytes << " bytes, " << stats.elapsedMs << " ms\n";
    }
    EXPECT_EQ(pools[0], 2u);
    EXPECT_EQ(pools[1], 6u);
    EXPECT_EQ(queries[0], queries[1]);
}

TEST_F(PrometheusAttachTest, TheWaitStormGradesWorseThanTheCalmPools) {
    ASSERT_TRUE(prom_);
    PrometheusSession session(specFor(url(), 500));
    ASSERT_TRUE(session.start());
    HealthEngine engine(Thresholds::defaults());
    std::map<std::string, Grade> grade;
    const std::string storm = served("storm").poolName(), calm = served("calm1").poolName();
    PollResult all;
    size_t next = 0;  // each snapshot once, in time order
    ASSERT_TRUE(pollUntil(session, all, [&](const PollResult& r) {
        for (; next < r.snapshots.size(); ++next) grade[r.snapshots[next].pool] = engine.evaluate(r.snapshots[next]).grade;
        return grade.count(storm) && grade[storm] == Grade::Danger;
    })) << "storm grade " << static_cast<int>(grade[storm]);
    // A loaded machine may give a calm pool a slow acquire (a wait_p99
    // warning); it never grades as badly as the storm.
    EXPECT_GT(grade[storm], grade[calm]);
    bool exhausted = false;
    for (const auto& f : engine.fired()) exhausted = exhausted || (f.pool == storm && f.rule == "exhausted");
    EXPECT_TRUE(exhausted);
}

TEST_F(PrometheusAttachTest, ABadMatchShowsTheServersMessage) {
    ASSERT_TRUE(prom_);
    PrometheusSession session(specFor(url() + "?match={job=~\"(\"}"));
    const StartResult r = session.start();
    ASSERT_FALSE(r);
    EXPECT_EQ(r.stage, StartStage::Arguments);
    // Prometheus' own words: its errorType and the regexp it could not compile.
    EXPECT_NE(r.status.message().find("HTTP 400: bad_data: "), std::string::npos) << r.status.message();
    EXPECT_NE(r.status.message().find("missing closing )"), std::string::npos) << r.status.message();
}

TEST_F(PrometheusAttachTest, HeadlessFailOnDangerPrintsOneLinePerPoolPerInterval) {
    ASSERT_TRUE(prom_);
    const fs::path err = fs::path(testing::TempDir()) / "poolscope-prometheus-headless.err";
    const auto r = testrun::runPoolscope("--headless --attach '" + url() +
                                             "' --interval 500 --duration 8 --fail-on danger",
                                         err);
    EXPECT_EQ(r.exitCode, 4) << r.err;
    std::map<std::string, int> lines;
    for (const std::string& line : r.lines) {
        auto s = SnapshotLineParser::parse(line);
        if (!s) continue;
        ++lines[s->pool];
        EXPECT_EQ(s->source, url());
    }
    ASSERT_EQ(lines.size(), served_.size() + 1) << r.out;
    int fewest = 1 << 30, most = 0;
    for (const auto& [pool, n] : lines) {
        fewest = std::min(fewest, n);
        most = std::max(most, n);
    }
    EXPECT_GE(fewest, 10);  // 8 s at 500 ms (plus each refresh's own time)
    std::string counts;
    for (const auto& [pool, n] : lines) counts += pool + ": " + std::to_string(n) + "\n";
    EXPECT_LE(most - fewest, 1) << counts;
    EXPECT_NE(r.err.find("--fail-on danger: exhausted (danger) fired on pool \"" + served("storm").poolName() + "\""),
              std::string::npos)
        << r.err;
    for (const char* calm : {"calm1", "calm2", "calm3"})
        EXPECT_EQ(r.err.find("fired on pool \"" + served(calm).poolName() + "\""), std::string::npos) << r.err;
}

TEST_F(PrometheusAttachTest, BackfillGivesTheHistoryTheExporterServed) {
    ASSERT_TRUE(prom_);
    PrometheusSession session(specFor(url(), 60'000));
    ASSERT_TRUE(session.start());
    const Served& storm = served("storm");
    const int64_t to = wallMs();
    // Ten seconds back, or from the second scrape on (the first point needs
    // an earlier one for its wait window): the headless test ran 8 s before.
    const int64_t from = std::max(to - 10'000, discoveredMs_ + 1'000);
    auto history = session.backfill(storm.poolName(), from, to, 1'000);
    ASSERT_TRUE(history) << history.message();
    const PoolSnapshot now = exporterSnapshot(storm);
    ASSERT_GE(history->size(), 8u);
    EXPECT_LE(history->size(), 11u);
    for (size_t i = 0; i < history->size(); ++i) {
        const PoolSnapshot& s = (*history)[i];
        SCOPED_TRACE(i);
        EXPECT_EQ(s.pool, storm.poolName());
        EXPECT_GE(s.tMs, from);
        EXPECT_LE(s.tMs, to);
        if (i > 0) {
            EXPECT_EQ(s.tMs - (*history)[i - 1].tMs, 1'000);
            EXPECT_GE(s.totals.acquired, (*history)[i - 1].totals.acquired);
        }
        EXPECT_EQ(s.config.maxOpen, storm.maxOpen);
        EXPECT_LE(s.totals.acquired, now.totals.acquired);
        EXPECT_GT(s.counts.waiting, 0);
        ASSERT_TRUE(s.reported.has(Figure::WaitPercentiles));
        EXPECT_EQ(s.wait.derivation, WaitDerivation::Histogram);
        EXPECT_GT(s.wait.p99, 0);
    }
    EXPECT_GT(history->back().totals.acquired, history->front().totals.acquired);

    // Each point is a snapshot the served process printed (and published on
    // its /metrics) up to a scrape interval and a publish interval earlier.
    std::vector<PoolSnapshot> printed;
    for (const std::string& line : storm.process->stdoutLines())
        if (auto p = SnapshotLineParser::parse(line)) printed.push_back(*p);
    size_t matched = 0;
    for (const PoolSnapshot& s : *history)
        for (const PoolSnapshot& p : printed)
            if (p.tMs <= s.tMs && p.tMs >= s.tMs - 3'000 && p.totals.acquired == s.totals.acquired &&
                p.totals.waitCount == s.totals.waitCount && p.counts.waiting == s.counts.waiting &&
                p.counts.inUse == s.counts.inUse) {
                ++matched;
                break;
            }
    EXPECT_GE(matched + 1, history->size()) << "of " << printed.size() << " printed";
}

// Last: it kills the server the other tests read.
TEST_F(PrometheusAttachTest, AKilledPrometheusIsStaleUntilItIsBack) {
    ASSERT_TRUE(prom_);
    PrometheusSession session(specFor(url(), 300));
    ASSERT_TRUE(session.start());
    PollResult all;
    ASSERT_TRUE(pollUntil(session, all, [](const PollResult& r) { return r.snapshots.size() >= 8; }));
    const size_t pools = session.pools().size();

    prom_->kill(SIGKILL);
    const auto killed = Clock::now();
    ASSERT_TRUE(pollUntil(session, all, [](const PollResult& r) {
        return r.health && r.health->state == SourceHealth::State::Stale;
    }));
    EXPECT_LT(Clock::now() - killed, std::chrono::seconds(5));  // two intervals, plus a loaded machine
    EXPECT_NE(all.health->message.find("/api/v1/query"), std::string::npos) << all.health->message;
    EXPECT_NE(all.health->message.find("retrying"), std::string::npos) << all.health->message;
    EXPECT_EQ(session.pools().size(), pools);  // the last data stays

    ASSERT_TRUE(prom_->start());
    all.snapshots.clear();
    ASSERT_TRUE(pollUntil(session, all, [&](const PollResult& r) {
        return r.health && r.health->state == SourceHealth::State::Live && r.snapshots.size() >= pools;
    })) << all.health->message;
    EXPECT_EQ(session.pools().size(), pools);
}

}  // namespace
}  // namespace poolscope
