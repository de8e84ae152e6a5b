// The engine on a manual clock: grading across rules, counting baselines,
// lint alerts, server limits, raised alerts and the fired list.

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "core/health/HealthEngine.h"
#include "core/telemetry/Json.h"
#include "core/telemetry/SnapshotJson.h"

namespace poolscope {
namespace {

class HealthEngineTest : public testing::Test {
protected:
    HealthEngineTest() : clock(std::make_shared<ManualClock>()), engine(Thresholds::defaults(), clock) {}

    static PoolSnapshot healthy(const std::string& name = "default") {
        PoolSnapshot s;
        s.pool = name;
        s.config.name = name;
        s.config.leakThresholdMs = 60'000;
        s.counts = {.open = 4, .idle = 2, .inUse = 2};
        return s;
    }
    static PoolSnapshot exhausted() {
        PoolSnapshot s = healthy();
        s.counts = {.open = 10, .idle = 0, .inUse = 10, .waiting = 7};
        s.wait.p99 = 120;
        return s;
    }
    PoolHealth step(int64_t ms, const PoolSnapshot& s) {
        clock->advanceMs(ms);
        return engine.evaluate(s);
    }
    static const Alert* find(const PoolHealth& h, const std::string& rule) {
        auto it = std::find_if(h.alerts.begin(), h.alerts.end(), [&](const Alert& a) { return a.rule == rule; });
        return it == h.alerts.end() ? nullptr : &*it;
    }

    std::shared_ptr<ManualClock> clock;
    HealthEngine engine;
};

TEST_F(HealthEngineTest, HealthyPoolHasNoAlerts) {
    for (int i = 0; i < 20; ++i) {
        const PoolHealth h = step(1000, healthy());
        EXPECT_EQ(h.pool, "default");
        EXPECT_EQ(h.grade, Grade::Normal);
        EXPECT_TRUE(h.alerts.empty()) << h.alerts.front().rule;
    }
    EXPECT_TRUE(engine.fired().empty());
    EXPECT_FALSE(engine.firedAtLeast(Grade::Info));
}

TEST_F(HealthEngineTest, ExhaustedPoolGoesPendingThenDanger) {
    PoolHealth h = step(0, exhausted());
    EXPECT_EQ(h.grade, Grade::Normal);  // pending alerts do not grade the pool
    ASSERT_EQ(h.alerts.size(), 3u);
    for (const auto& a : h.alerts) EXPECT_EQ(a.state, AlertState::Pending) << a.rule;
    step(1000, exhausted());
    h = step(1000, exhausted());
    EXPECT_EQ(h.grade, Grade::Danger);
    // Worst first, then in rule order.
    ASSERT_EQ(h.alerts.size(), 3u);
    EXPECT_EQ(h.alerts[0].rule, "wait_p99");
    EXPECT_EQ(h.alerts[1].rule, "utilisation");
    EXPECT_EQ(h.alerts[2].rule, "exhausted");
    const Alert* a = find(h, "exhausted");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->state, AlertState::Firing);
    EXPECT_EQ(a->grade, Grade::Danger);
    EXPECT_EQ(a->value, 7);
    EXPECT_EQ(a->threshold, 1);
    EXPECT_EQ(a->message.rfind("pool exhausted — 7 requests waiting", 0), 0u) << a->message;
    EXPECT_TRUE(engine.firedAtLeast(Grade::Danger));
    EXPECT_EQ(engine.fired().size(), 3u);
    EXPECT_EQ(engine.active().size(), 3u);
    EXPECT_EQ(engine.health("default").grade, Grade::Danger);
}

TEST_F(HealthEngineTest, AlertsCarryTheirMessageCodeAndArguments) {
    step(0, exhausted());
    step(1000, exhausted());
    const PoolHealth h = step(1000, exhausted());
    const Alert* a = find(h, "exhausted");
    ASSERT_NE(a, nullptr);
    // Front ends word the code in the user's language; the English stays as it was.
    EXPECT_EQ(a->messageCode, "exhausted");
    EXPECT_EQ(a->messageArgs, (std::vector<std::string>{"7", "10", "30000"}));
    EXPECT_EQ(find(h, "wait_p99")->messageCode, "wait_p99.exact");
    EXPECT_EQ(find(h, "wait_p99")->messageArgs, (std::vector<std::string>{"120", "10", "10", "7"}));
    const auto fired = engine.fired();
    const auto f = std::find_if(fired.begin(), fired.end(), [](const FiredAlert& x) { return x.rule == "exhausted"; });
    ASSERT_NE(f, fired.end());
    EXPECT_EQ(f->message, a->message);
    EXPECT_EQ(f->messageCode, "exhausted");
    EXPECT_EQ(f->messageArgs, a->messageArgs);
}

TEST_F(HealthEngineTest, ResolvedAlertsAreReportedOnce) {
    step(0, exhausted());
    step(2000, exhausted());
    ASSERT_EQ(engine.health("default").grade, Grade::Danger);
    step(1000, healthy());  // below the clear thresholds from here
    PoolHealth h = step(4000, healthy());
    EXPECT_EQ(h.grade, Grade::Danger);  // clear hold: 5 s
    h = step(1000, healthy());
    EXPECT_EQ(h.grade, Grade::Normal);
    ASSERT_EQ(h.alerts.size(), 3u);
    for (const auto& a : h.alerts) EXPECT_EQ(a.state, AlertState::Resolved) << a.rule;
    h = step(1000, healthy());
    EXPECT_TRUE(h.alerts.empty());
    EXPECT_EQ(engine.history().size(), 3u);
    EXPECT_TRUE(engine.active().empty());
    ASSERT_EQ(engine.fired().size(), 3u);
    EXPECT_EQ(engine.fired()[0].times, 1u);
}

TEST_F(HealthEngineTest, CountingRulesStartFromTheFirstSnapshot) {
    PoolSnapshot s = healthy();
    s.totals.timeouts = 40;  // from before the engine attached
    EXPECT_TRUE(step(0, s).alerts.empty());
    EXPECT_TRUE(step(1000, s).alerts.empty());
    s.totals.timeouts = 41;
    PoolHealth h = step(1000, s);
    const Alert* a = find(h, "timeouts");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->state, AlertState::Firing);  // for_ms = 0
    EXPECT_EQ(a->grade, Grade::Danger);
    EXPECT_EQ(a->value, 1);
    // Stays up for the 10 s window, then clears after 5 s more.
    for (int i = 0; i < 9; ++i) EXPECT_EQ(step(1000, s).grade, Grade::Danger) << i;
    for (int i = 0; i < 5; ++i) EXPECT_EQ(step(1000, s).grade, Grade::Danger) << i;
    h = step(1000, s);
    EXPECT_EQ(h.grade, Grade::Normal);
    ASSERT_NE(find(h, "timeouts"), nullptr);
    EXPECT_EQ(find(h, "timeouts")->state, AlertState::Resolved);
}

TEST_F(HealthEngineTest, InfoAlertsDoNotGradeThePool) {
    PoolSnapshot s = healthy();
    step(0, s);
    s.totals.eventsDropped = 100;
    const PoolHealth h = step(1000, s);
    ASSERT_NE(find(h, "events_dropped"), nullptr);
    EXPECT_EQ(find(h, "events_dropped")->grade, Grade::Info);
    EXPECT_EQ(find(h, "events_dropped")->state, AlertState::Firing);
    EXPECT_EQ(h.grade, Grade::Normal);
    EXPECT_TRUE(engine.firedAtLeast(Grade::Info));
    EXPECT_FALSE(engine.firedAtLeast(Grade::Warning));
}

TEST_F(HealthEngineTest, LintFindingsAreWarningsUntilFixed) {
    PoolSnapshot s = healthy();
    s.config.maxLifetimeMs = 0;
    s.lint = lintConfig(s.config);
    PoolHealth h = step(0, s);
    const Alert* a = find(h, "config_lint");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->subject, "no_max_lifetime");
    EXPECT_EQ(a->state, AlertState::Firing);
    EXPECT_EQ(h.grade, Grade::Warning);
    s = healthy();
    s.lint = lintConfig(s.config);
    step(1000, s);
    h = step(5000, s);
    ASSERT_NE(find(h, "config_lint"), nullptr);
    EXPECT_EQ(find(h, "config_lint")->state, AlertState::Resolved);
    EXPECT_EQ(h.grade, Grade::Normal);
}

TEST_F(HealthEngineTest, ServerLimitsLintEveryPoolOfTheServer) {
    ServerLimits limits;
    limits.maxConnections = 15;
    engine.setServerLimits(limits);
    PoolSnapshot a = healthy("a"), b = healthy("b");
    const auto hs = engine.evaluate(std::vector<PoolSnapshot>{a, b});
    ASSERT_EQ(hs.size(), 2u);
    for (const auto& h : hs) {
        const Alert* lint = find(h, "config_lint");
        ASSERT_NE(lint, nullptr) << h.pool;
        EXPECT_EQ(lint->subject, "max_open_over_server");
        EXPECT_NE(lint->message.find("max_open summed over 2 pools (20)"), std::string::npos) << lint->message;
        EXPECT_EQ(lint->messageCode, "config_lint.max_open_over_server");
        EXPECT_EQ(lint->messageArgs, (std::vector<std::string>{"20", "2", "", "15", "15", ""}));
    }
}

TEST_F(HealthEngineTest, PerPoolServerLimitsSumOnlyThePoolsOfThatServer) {
    ServerLimits limits;
    limits.product = "PostgreSQL";
    limits.maxConnections = 20;
    engine.setServerLimits("a1", "postgresql://db-a:5432", limits);
    engine.setServerLimits("a2", "postgresql://db-a:5432", limits);
    engine.setServerLimits("b", "postgresql://db-b:5432", limits);
    PoolSnapshot a1 = healthy("a1"), a2 = healthy("a2"), b = healthy("b");
    a1.config.maxOpen = a2.config.maxOpen = b.config.maxOpen = 15;
    const auto hs = engine.evaluate(std::vector<PoolSnapshot>{a1, a2, b});
    ASSERT_EQ(hs.size(), 3u);
    for (size_t i = 0; i < 2; ++i) {
        const Alert* lint = find(hs[i], "config_lint");
        ASSERT_NE(lint, nullptr) << hs[i].pool;
        EXPECT_EQ(lint->subject, "max_open_over_server");
        // b's 15 are on another server: 30, not 45.
        EXPECT_NE(lint->message.find("max_open summed over 2 pools (30)"), std::string::npos) << lint->message;
        EXPECT_NE(lint->message.find("the PostgreSQL server's max_connections=20"), std::string::npos)
            << lint->message;
    }
    // Alone on its server, b's 15 fit in 20.
    EXPECT_EQ(find(hs[2], "config_lint"), nullptr) << find(hs[2], "config_lint")->message;
}

TEST_F(HealthEngineTest, ServerSumsFollowMaxOpenChangesAndForgottenPools) {
    // The sums are kept between evaluations (a fleet evaluates thousands of
    // pools per refresh): a changed max_open, a new pool and a forgotten one
    // must each show in the next finding.
    ServerLimits limits;
    limits.maxConnections = 20;
    for (const char* p : {"a1", "a2", "a3"}) engine.setServerLimits(p, "db-a", limits);
    PoolSnapshot a1 = healthy("a1"), a2 = healthy("a2");
    a1.config.maxOpen = a2.config.maxOpen = 15;
    engine.evaluate(a1);
    const auto message = [&](const PoolHealth& h) {
        const Alert* lint = find(h, "config_lint");
        return lint && lint->state != AlertState::Resolved ? lint->message : std::string("(no finding)");
    };
    EXPECT_NE(message(engine.evaluate(a2)).find("summed over 2 pools (30)"), std::string::npos);
    a2.config.maxOpen = 12;
    EXPECT_NE(message(engine.evaluate(a2)).find("summed over 2 pools (27)"), std::string::npos);
    PoolSnapshot a3 = healthy("a3");
    a3.config.maxOpen = 3;
    engine.evaluate(a3);
    EXPECT_NE(message(engine.evaluate(a1)).find("summed over 3 pools (30)"), std::string::npos);
    engine.forget("a2");
    engine.setServerLimits("a4", "db-a", limits);
    PoolSnapshot a4 = healthy("a4");
    a4.config.maxOpen = 5;
    EXPECT_NE(message(engine.evaluate(a4)).find("summed over 3 pools (23)"), std::string::npos);  // a2's 12 gone
}

TEST_F(HealthEngineTest, ServerSessionsBeyondWhatThePoolsAllowRaiseServerVsPool) {
    // Two pools on db-a allow 10 + 10; the server's own view of db-a holds
    // 45 client sessions (pools per request): danger. db-b's pool is not summed.
    ServerLimits limits;
    limits.product = "PostgreSQL";
    limits.maxConnections = 100;
    for (const char* p : {"a1", "a2", "server"}) engine.setServerLimits(p, "postgresql://db-a:5432", limits);
    engine.setServerLimits("b", "postgresql://db-b:5432", limits);
    PoolSnapshot a1 = healthy("a1"), a2 = healthy("a2"), b = healthy("b");
    a1.config.maxOpen = a2.config.maxOpen = 10;
    b.config.maxOpen = 50;
    PoolSnapshot view;
    view.pool = "server";
    view.driver = "pg_stat_activity";
    view.config.maxOpen = 100;  // max_connections
    view.counts = {.open = 45, .idle = 40, .inUse = 5};
    view.reported = FigureSet::none().set(Figure::Open).set(Figure::Idle).set(Figure::InUse).set(Figure::MaxOpen);
    ASSERT_TRUE(isServerView(view));
    PoolHealth h;
    for (int i = 0; i < 4; ++i) h = engine.evaluate(std::vector<PoolSnapshot>{a1, a2, b, view})[3], clock->advanceMs(1000);
    const Alert* a = find(h, "server_vs_pool");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->grade, Grade::Danger);
    EXPECT_DOUBLE_EQ(a->value, 225.0);
    EXPECT_NE(a->message.find("45 client sessions, 225% of the 20 its 2 pools allow"), std::string::npos) << a->message;
    // A server view is not a pool: no lint of its max_open (= max_connections),
    // and it is left out of the pools' max_open sum (20 + 100 would exceed 100).
    EXPECT_EQ(find(h, "config_lint"), nullptr);
    EXPECT_EQ(find(h, "utilisation"), nullptr);
    for (const auto& r : h.rulesOff) EXPECT_NE(r.rule, "server_vs_pool");

    // Within what the pools allow: it resolves.
    view.counts = {.open = 18, .idle = 13, .inUse = 5};
    bool resolved = false;
    for (int i = 0; i < 60 && !resolved; ++i) {
        clock->advanceMs(1000);
        h = engine.evaluate(std::vector<PoolSnapshot>{a1, a2, b, view})[3];
        resolved = find(h, "server_vs_pool") == nullptr || find(h, "server_vs_pool")->state == AlertState::Resolved;
    }
    EXPECT_TRUE(resolved);
    // Ordinary pools never evaluate it.
    const PoolHealth pool = engine.evaluate(a1);
    EXPECT_EQ(find(pool, "server_vs_pool"), nullptr);
}

TEST_F(HealthEngineTest, ServerVsPoolNeedsAPoolOnThatServer) {
    ServerLimits limits;
    limits.maxConnections = 100;
    engine.setServerLimits("server", "postgresql://db-c:5432", limits);
    PoolSnapshot view;
    view.pool = "server";
    view.driver = "processlist";
    view.config.maxOpen = 100;
    view.counts = {.open = 90, .idle = 90};
    view.reported = FigureSet::none().set(Figure::Open).set(Figure::Idle).set(Figure::InUse).set(Figure::MaxOpen);
    PoolHealth h;
    for (int i = 0; i < 5; ++i) h = step(1000, view);
    EXPECT_EQ(find(h, "server_vs_pool"), nullptr) << "no pool known on db-c: nothing to compare with";
}

TEST_F(HealthEngineTest, AMeanWaitUnknownForAnIntervalKeepsTheCountingWindow) {
    // A source with a timeout counter and a mean wait: an interval without a
    // completed acquire leaves the mean unknown, which must not restart the
    // window that counts the timeouts.
    PoolSnapshot s = healthy();
    s.config.maxOpen = 10;
    s.reported = FigureSet::none()
                     .set(Figure::Open).set(Figure::Idle).set(Figure::InUse).set(Figure::MaxOpen)
                     .set(Figure::Timeouts).set(Figure::WaitPercentiles);
    (void)step(1000, s);
    s.totals.timeouts = 3;
    s.reported.set(Figure::WaitPercentiles, false);
    const PoolHealth h = step(1000, s);
    const Alert* t = find(h, "timeouts");
    ASSERT_NE(t, nullptr) << "the timeouts of this interval were lost with the window";
    EXPECT_DOUBLE_EQ(t->value, 3.0);
    bool waitOff = false;
    for (const auto& r : h.rulesOff) waitOff = waitOff || r.rule == "wait_p99";
    EXPECT_TRUE(waitOff);
}

TEST_F(HealthEngineTest, PerPoolLimitsReplaceTheEngineWideOnesUntilForgotten) {
    // Engine-wide: a server far too small for anyone; "own" has its own server.
    ServerLimits tiny;
    tiny.maxConnections = 5;
    engine.setServerLimits(tiny);
    ServerLimits mysql;
    mysql.product = "MySQL";
    mysql.maxConnections = 150;
    mysql.waitTimeoutMs = 300'000;  // @@wait_timeout = 300 s
    engine.setServerLimits("own", "mysql://db:3306", mysql);
    PoolSnapshot own = healthy("own"), other = healthy("other");
    own.config.maxIdleTimeMs = 600'000;
    own.config.maxLifetimeMs = 120'000;
    const auto hs = engine.evaluate(std::vector<PoolSnapshot>{own, other});
    ASSERT_EQ(hs.size(), 2u);
    std::vector<std::string> subjects;
    for (const auto& a : hs[0].alerts)
        if (a.rule == "config_lint") subjects.push_back(a.subject);
    EXPECT_EQ(subjects, std::vector<std::string>{"max_idle_time_ge_wait_timeout"});
    const Alert* lint = find(hs[0], "config_lint");
    ASSERT_NE(lint, nullptr);
    EXPECT_NE(lint->message.find("the MySQL server's wait_timeout (300 s)"), std::string::npos) << lint->message;
    // The engine-wide limits still apply to the pool without its own, and
    // count only such pools: max_open=10 alone, not 20.
    const Alert* otherLint = find(hs[1], "config_lint");
    ASSERT_NE(otherLint, nullptr);
    EXPECT_EQ(otherLint->subject, "max_open_over_server");
    EXPECT_EQ(otherLint->message.rfind("config: max_open=10 is above", 0), 0u) << otherLint->message;

    // Forgotten, "own" falls back to the engine-wide limits, shared with "other".
    engine.forget("own");
    const PoolHealth h = step(1000, own);
    subjects.clear();
    for (const auto& a : h.alerts)
        if (a.rule == "config_lint") subjects.push_back(a.subject);
    EXPECT_EQ(subjects, std::vector<std::string>{"max_open_over_server"});
    lint = find(h, "config_lint");
    ASSERT_NE(lint, nullptr);
    EXPECT_NE(lint->message.find("max_open summed over 2 pools (20)"), std::string::npos) << lint->message;
}

TEST_F(HealthEngineTest, RaisedAlertsFireUntilCleared) {
    step(0, healthy());
    Alert g;
    g.pool = "default";
    g.rule = "leak_guard";
    g.grade = Grade::Danger;
    g.message = "leak guard: shrunk";
    engine.raise(g);
    PoolHealth h = step(1000, healthy());
    ASSERT_NE(find(h, "leak_guard"), nullptr);
    EXPECT_EQ(find(h, "leak_guard")->state, AlertState::Firing);
    EXPECT_EQ(h.grade, Grade::Danger);
    EXPECT_TRUE(engine.firedAtLeast(Grade::Danger));
    engine.clearRaised("default", "leak_guard");
    h = step(1000, healthy());
    ASSERT_NE(find(h, "leak_guard"), nullptr);
    EXPECT_EQ(find(h, "leak_guard")->state, AlertState::Resolved);
    EXPECT_TRUE(step(1000, healthy()).alerts.empty());
}

TEST_F(HealthEngineTest, NewThresholdsApplyFromTheNextEvaluation) {
    Thresholds t = Thresholds::defaults();
    t.rule(RuleId::Utilisation).warning = 40;
    t.rule(RuleId::Utilisation).forMs = 0;
    engine.setThresholds(t);
    const PoolHealth h = step(0, healthy());  // in_use 2 of max_open 10: 20 %
    EXPECT_TRUE(h.alerts.empty());
    PoolSnapshot busy = healthy();
    busy.counts.inUse = 5;
    const PoolHealth h2 = step(1000, busy);
    ASSERT_NE(find(h2, "utilisation"), nullptr);
    EXPECT_EQ(find(h2, "utilisation")->grade, Grade::Warning);
    EXPECT_EQ(engine.thresholds(), t);
}

/// What a go_sql scrape reports: open/idle/in_use/waiting, wait count and
/// sum (so a mean wait), max_open; no timeouts, connect errors or leaks.
PoolSnapshot goSql(PoolSnapshot s) {
    s.source = "remote";
    s.reported = FigureSet::none();
    for (Figure f : {Figure::Open, Figure::Idle, Figure::InUse, Figure::Waiting, Figure::WaitCount,
                     Figure::WaitMs, Figure::WaitPercentiles, Figure::MaxOpen})
        s.reported.set(f);
    s.wait.derivation = WaitDerivation::Mean;
    return s;
}

const PoolHealth::RuleOff* offRule(const PoolHealth& h, const std::string& rule) {
    for (const auto& off : h.rulesOff)
        if (off.rule == rule) return &off;
    return nullptr;
}

TEST_F(HealthEngineTest, RulesWithoutTheirFiguresAreOffAndListed) {
    PoolSnapshot s = goSql(healthy());
    PoolHealth h = step(0, s);
    // The zeros standing in for unknown totals rise: never evaluated.
    for (int i = 1; i <= 5; ++i) {
        s.totals.timeouts = 10u * i;
        s.totals.connectErrors = 5u * i;
        s.totals.leaks = 1u * i;
        h = step(1000, s);
        EXPECT_TRUE(h.alerts.empty()) << h.alerts.front().rule;
    }
    for (const char* rule : {"timeouts", "connect_errors", "leak", "stale_connections",
                             "illegal_transitions", "events_dropped", "idle_below_min"})
        EXPECT_NE(offRule(h, rule), nullptr) << rule;
    for (const char* rule : {"wait_p99", "utilisation", "exhausted", "unbounded"})
        EXPECT_EQ(offRule(h, rule), nullptr) << rule;
    const auto* t = offRule(h, "timeouts");
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->missing, std::vector<std::string>{"timeouts"});
    const auto* leak = offRule(h, "leak");
    ASSERT_NE(leak, nullptr);
    EXPECT_EQ(leak->missing, (std::vector<std::string>{"leaks", "connections"}));
    const auto* idle = offRule(h, "idle_below_min");
    ASSERT_NE(idle, nullptr);
    EXPECT_EQ(idle->missing, std::vector<std::string>{"min_idle"});
    EXPECT_EQ(engine.health("default").rulesOff, h.rulesOff);
    EXPECT_TRUE(engine.fired().empty());

    // The line lists them; a fully reported pool's line has no such member.
    auto v = Json::parse(snapshotToJsonLine(s, h));
    ASSERT_TRUE(v) << v.message();
    EXPECT_EQ((*v)["rules_off"][0]["rule"].asString(), "timeouts");
    EXPECT_EQ((*v)["rules_off"][0]["missing"][0].asString(), "timeouts");
    const PoolHealth full = step(1000, healthy("other"));
    EXPECT_TRUE(full.rulesOff.empty());
    EXPECT_EQ(snapshotToJsonLine(healthy("other"), full).find("rules_off"), std::string::npos);
}

TEST_F(HealthEngineTest, AFigureThatBecomesReportedStartsFromABaseline) {
    PoolSnapshot s = goSql(healthy());
    s.totals.timeouts = 0;
    step(0, s);
    step(1000, s);
    s.reported.set(Figure::Timeouts);
    s.totals.timeouts = 500;  // what the pool had all along
    PoolHealth h = step(1000, s);
    EXPECT_EQ(find(h, "timeouts"), nullptr);
    EXPECT_EQ(offRule(h, "timeouts"), nullptr);
    s.totals.timeouts = 501;
    h = step(1000, s);
    ASSERT_NE(find(h, "timeouts"), nullptr);
    EXPECT_EQ(find(h, "timeouts")->value, 1);
    // "after acquire_timeout_ms" is not known for this source: not in the words.
    EXPECT_EQ(find(h, "timeouts")->message.find("acquire_timeout_ms"), std::string::npos);
}

TEST_F(HealthEngineTest, AnAlertWhoseFiguresGoAwayClears) {
    PoolSnapshot s = exhausted();
    for (int i = 0; i < 10; ++i) step(1000, s);
    ASSERT_NE(find(engine.health("default"), "exhausted"), nullptr);
    s.reported.set(Figure::Waiting, false);
    PoolHealth h;
    for (int i = 0; i < 20; ++i) h = step(1000, s);
    EXPECT_EQ(find(h, "exhausted"), nullptr);
    ASSERT_NE(offRule(h, "exhausted"), nullptr);
    EXPECT_EQ(offRule(h, "exhausted")->missing, std::vector<std::string>{"waiting"});
}

TEST_F(HealthEngineTest, MeanWaitAlertsSayMeanWait) {
    PoolSnapshot s = goSql(exhausted());
    const PoolHealth h = step(0, s);
    const Alert* a = find(h, "wait_p99");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->message.rfind("mean wait", 0), 0u) << a->message;
    EXPECT_EQ(a->value, 120);
    s.wait.derivation = WaitDerivation::Histogram;
    s.pool = s.config.name = "histogram";  // a new alert: its words are set when it starts
    const PoolHealth hb = step(1000, s);
    const Alert* b = find(hb, "wait_p99");
    ASSERT_NE(b, nullptr);
    EXPECT_NE(b->message.find("P99 (from the source's histogram)"), std::string::npos) << b->message;
    PoolSnapshot own = exhausted();
    own.pool = own.config.name = "own";
    const PoolHealth he = step(1000, own);
    const Alert* exact = find(he, "wait_p99");
    ASSERT_NE(exact, nullptr);
    EXPECT_EQ(exact->message.rfind("acquire wait P99 is", 0), 0u) << exact->message;
}

TEST_F(HealthEngineTest, ReportedMaxOpenZeroIsUnboundedUnknownIsNot) {
    // Go's SetMaxOpenConns(0): max_open reported as 0 means no limit.
    PoolSnapshot s = goSql(healthy());
    s.config.maxOpen = 0;
    s.counts = {.open = 300, .idle = 10, .inUse = 290};
    PoolHealth h;
    for (int i = 0; i < 5; ++i) h = step(1000, s);
    const Alert* a = find(h, "unbounded");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->value, 300);
    // A source that does not say its max_open: nothing to judge.
    s.pool = s.config.name = "unknown";
    s.reported.set(Figure::MaxOpen, false);
    for (int i = 0; i < 5; ++i) h = step(1000, s);
    EXPECT_EQ(find(h, "unbounded"), nullptr);
    ASSERT_NE(offRule(h, "unbounded"), nullptr);
    EXPECT_EQ(offRule(h, "unbounded")->missing, std::vector<std::string>{"max_open"});
}

}  // namespace
}  // namespace poolscope
