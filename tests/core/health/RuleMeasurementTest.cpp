// Table-driven grading of each rule against the default thresholds.

#include <gtest/gtest.h>

#include <functional>
#include <optional>
#include <string>

#include "core/health/RuleMeasurement.h"

namespace poolscope {
namespace {

constexpr int64_t kNowMs = 1'700'000'100'000;

PoolSnapshot baseSnapshot() {
    PoolSnapshot s;
    s.tMs = kNowMs;
    s.config.maxOpen = 10;
    s.config.maxIdle = 10;
    s.config.leakThresholdMs = 1000;
    return s;
}

void setCounts(PoolSnapshot& s, int64_t idle, int64_t inUse, int64_t waiting = 0, int64_t returning = 0) {
    s.counts.idle = idle;
    s.counts.inUse = inUse;
    s.counts.returning = returning;
    s.counts.waiting = waiting;
    s.counts.open = idle + inUse + returning;
}

struct GradeCase {
    const char* name;
    RuleId rule;
    std::function<void(PoolSnapshot&)> now;             ///< the snapshot graded
    std::function<void(PoolTotals&)> before = nullptr;  ///< totals 1 s earlier (default all 0)
    std::optional<double> value;                        ///< nullopt: rule does not apply
    Grade grade = Grade::Normal;
    const char* messageHas = "";
};

void PrintTo(const GradeCase& c, std::ostream* os) { *os << c.name; }

class RuleGradeTest : public testing::TestWithParam<GradeCase> {};

TEST_P(RuleGradeTest, GradesTheValueWithTheDefaultThresholds) {
    const GradeCase& c = GetParam();
    PoolSnapshot s = baseSnapshot();
    c.now(s);
    PoolTotals before;  // all zero unless the case says otherwise
    if (c.before) c.before(before);
    CounterWindow window(60'000'000'000);
    window.add(1'000'000'000, before);
    window.add(2'000'000'000, s.totals, s.counts);
    const Thresholds defaults = Thresholds::defaults();
    const RuleSettings& settings = defaults.rule(c.rule);
    const Measurement m = measureRule(c.rule, s, window, settings);
    EXPECT_EQ(m.rule, c.rule);
    ASSERT_EQ(m.value.has_value(), c.value.has_value()) << (m.value ? *m.value : -1);
    if (!c.value) return;
    EXPECT_DOUBLE_EQ(*m.value, *c.value);
    EXPECT_EQ(settings.gradeOf(*m.value), c.grade) << toString(settings.gradeOf(*m.value));
    EXPECT_NE(m.message.find(c.messageHas), std::string::npos) << m.message;
    // The code names the rule; the arguments are values the English text shows.
    EXPECT_EQ(m.code.rfind(std::string(toString(c.rule)), 0), 0u) << m.code;
    for (const auto& a : m.args)
        if (!a.empty()) {
            EXPECT_NE(m.message.find(a), std::string::npos) << m.code << ": " << a;
        }
}

ConnectionInfo leakedConnection(uint64_t id, const char* holder, int64_t heldMs) {
    ConnectionInfo c;
    c.id = id;
    c.state = ConnState::InUse;
    c.holder = holder;
    c.sinceMs = kNowMs - heldMs;
    c.leaked = true;
    return c;
}

INSTANTIATE_TEST_SUITE_P(
    Rules, RuleGradeTest,
    testing::Values(
        GradeCase{"p99_zero", RuleId::WaitP99, [](auto& s) { s.wait.p99 = 0; }, {}, 0.0, Grade::Normal},
        GradeCase{"p99_below_5", RuleId::WaitP99, [](auto& s) { s.wait.p99 = 4.9; }, {}, 4.9, Grade::Normal},
        GradeCase{"p99_5", RuleId::WaitP99, [](auto& s) { s.wait.p99 = 5; }, {}, 5.0, Grade::Warning},
        GradeCase{"p99_49", RuleId::WaitP99, [](auto& s) { s.wait.p99 = 49; }, {}, 49.0, Grade::Warning},
        GradeCase{"p99_73", RuleId::WaitP99,
                  [](auto& s) { s.wait.p99 = 73.25; setCounts(s, 0, 10, 24); }, {}, 73.25, Grade::Danger,
                  "acquire wait P99 is 73.2 ms"},
        GradeCase{"util_70", RuleId::Utilisation, [](auto& s) { setCounts(s, 3, 7); }, {}, 70.0, Grade::Normal},
        GradeCase{"util_80", RuleId::Utilisation, [](auto& s) { setCounts(s, 2, 8); }, {}, 80.0, Grade::Warning},
        GradeCase{"util_90", RuleId::Utilisation, [](auto& s) { setCounts(s, 1, 9); }, {}, 90.0, Grade::Warning},
        GradeCase{"util_100", RuleId::Utilisation, [](auto& s) { setCounts(s, 0, 10); }, {}, 100.0,
                  Grade::Danger, "pool 100% busy — in_use=10 of max_open=10"},
        GradeCase{"util_unbounded", RuleId::Utilisation,
                  [](auto& s) { s.config.maxOpen = 0; setCounts(s, 0, 10); }, {}, std::nullopt},
        GradeCase{"exhausted_no_waiters", RuleId::Exhausted, [](auto& s) { setCounts(s, 0, 10); }, {}, 0.0},
        GradeCase{"exhausted_3_waiting", RuleId::Exhausted, [](auto& s) { setCounts(s, 0, 10, 3); }, {}, 3.0,
                  Grade::Danger, "pool exhausted — 3 requests waiting"},
        GradeCase{"exhausted_hand_over", RuleId::Exhausted, [](auto& s) { setCounts(s, 0, 9, 1, 1); }, {},
                  1.0, Grade::Danger, "pool exhausted — 1 request waiting"},
        GradeCase{"waiting_with_idle", RuleId::Exhausted, [](auto& s) { setCounts(s, 1, 9, 2); }, {}, 0.0},
        GradeCase{"timeouts_flat", RuleId::Timeouts, [](auto& s) { s.totals.timeouts = 5; },
                  [](auto& t) { t.timeouts = 5; }, 0.0},
        GradeCase{"timeouts_rising", RuleId::Timeouts, [](auto& s) { s.totals.timeouts = 6; },
                  [](auto& t) { t.timeouts = 5; }, 1.0, Grade::Danger, "1 acquire timeout in the last 10 s"},
        GradeCase{"idle_min_off", RuleId::IdleBelowMin, [](auto& s) { setCounts(s, 0, 4); }, {}, std::nullopt},
        GradeCase{"idle_below_min", RuleId::IdleBelowMin,
                  [](auto& s) { s.config.minIdle = 5; setCounts(s, 2, 2); }, {}, 3.0, Grade::Warning,
                  "idle=2 below min_idle=5"},
        GradeCase{"idle_below_min_full", RuleId::IdleBelowMin,
                  [](auto& s) { s.config.minIdle = 5; setCounts(s, 0, 10); }, {}, 0.0},
        GradeCase{"leak_none", RuleId::Leak, [](auto&) {}, {}, 0.0},
        GradeCase{"leak_detection_off", RuleId::Leak, [](auto& s) { s.config.leakThresholdMs = 0; }, {},
                  std::nullopt},
        GradeCase{"leak_held", RuleId::Leak,
                  [](auto& s) {
                      s.connections = {leakedConnection(4, "worker-2", 3000), leakedConnection(7, "worker-7", 12'400)};
                      s.totals.leaks = 2;
                  },
                  [](auto& t) { t.leaks = 2; }, 2.0, Grade::Danger,
                  "\"worker-7\" has held connection 7 for 12.4 s (leak_threshold_ms=1000)"},
        GradeCase{"leak_reports_only", RuleId::Leak,
                  [](auto& s) {
                      s.totals.leaks = 3;
                      s.leakReports = {{5, "OrderService.create", 1500, kNowMs, {}}};
                  },
                  [](auto& t) { t.leaks = 1; }, 2.0, Grade::Danger,
                  "\"OrderService.create\" held connection 5 for 1.5 s"},
        GradeCase{"stale_none", RuleId::StaleConnections, [](auto&) {}, {}, 0.0},
        GradeCase{"stale_validation", RuleId::StaleConnections, [](auto& s) { s.totals.validationFailures = 2; },
                  {}, 2.0, Grade::Warning,
                  "stale connections — database restarted or idle timeout shorter than max_idle_time?"},
        GradeCase{"stale_broken", RuleId::StaleConnections, [](auto& s) { s.totals.closedBroken = 1; }, {}, 1.0,
                  Grade::Warning, "set validate=borrow or keepalive_ms"},
        GradeCase{"connect_errors", RuleId::ConnectErrors, [](auto& s) { s.totals.connectErrors = 4; },
                  [](auto& t) { t.connectErrors = 1; }, 3.0, Grade::Danger,
                  "cannot connect to the database — 3 connect errors"},
        // Each class of connect error: its own headline and advice; same value and grade.
        GradeCase{"connect_errors_unreachable", RuleId::ConnectErrors,
                  [](auto& s) {
                      s.totals.connectErrors = 4;
                      s.lastConnectErrorClass = ConnectErrorClass::Unreachable;
                  },
                  [](auto& t) { t.connectErrors = 1; }, 3.0, Grade::Danger,
                  "database unreachable — 3 connect errors in the last 10 s: nothing answered at the "
                  "server's address"},
        GradeCase{"connect_errors_server_full", RuleId::ConnectErrors,
                  [](auto& s) {
                      s.totals.connectErrors = 4;
                      s.lastConnectErrorClass = ConnectErrorClass::ServerFull;
                  },
                  [](auto& t) { t.connectErrors = 1; }, 3.0, Grade::Danger,
                  "database full — 3 connect errors in the last 10 s: the server answered but has no "
                  "connection slot left (max_connections reached)"},
        GradeCase{"connect_errors_authentication", RuleId::ConnectErrors,
                  [](auto& s) {
                      s.totals.connectErrors = 4;
                      s.lastConnectErrorClass = ConnectErrorClass::Authentication;
                  },
                  [](auto& t) { t.connectErrors = 1; }, 3.0, Grade::Danger,
                  "authentication refused — 3 connect errors in the last 10 s: the server answered and "
                  "refused the credentials; check the user name and password"},
        GradeCase{"connect_errors_configuration", RuleId::ConnectErrors,
                  [](auto& s) {
                      s.totals.connectErrors = 4;
                      s.lastConnectErrorClass = ConnectErrorClass::Configuration;
                  },
                  [](auto& t) { t.connectErrors = 1; }, 3.0, Grade::Danger,
                  "connection refused by configuration — 3 connect errors in the last 10 s: the server "
                  "answered and refused the request; check the database name"},
        GradeCase{"connect_errors_quote_driver", RuleId::ConnectErrors,
                  [](auto& s) {
                      s.totals.connectErrors = 2;
                      s.lastConnectError = "connect to 127.0.0.1:5432 failed: Connection refused";
                  },
                  [](auto& t) { t.connectErrors = 1; }, 1.0, Grade::Danger,
                  "last error: connect to 127.0.0.1:5432 failed: Connection refused"},
        GradeCase{"illegal", RuleId::IllegalTransitions, [](auto& s) { s.totals.illegalTransitions = 1; }, {}, 1.0,
                  Grade::Danger, "a bug in the pool, or a double release"},
        GradeCase{"events_dropped", RuleId::EventsDropped, [](auto& s) { s.totals.eventsDropped = 500; }, {},
                  500.0, Grade::Info, "500 transition events dropped"},
        GradeCase{"bounded", RuleId::Unbounded, [](auto& s) { setCounts(s, 0, 10); }, {}, std::nullopt},
        GradeCase{"unbounded_small", RuleId::Unbounded,
                  [](auto& s) { s.config.maxOpen = 0; setCounts(s, 1, 2); }, {}, 3.0, Grade::Warning,
                  "unbounded pool — up to 3 connections open in the last 10 s (3 now) with max_open=0"},
        GradeCase{"unbounded_flood", RuleId::Unbounded,
                  [](auto& s) { s.config.maxOpen = 0; setCounts(s, 0, 64); }, {}, 64.0, Grade::Danger}),
    [](const testing::TestParamInfo<GradeCase>& info) { return std::string(info.param.name); });

TEST(RuleMeasurementTest, CountingRulesIgnoreTotalsBeforeTheFirstSample) {
    PoolSnapshot s = baseSnapshot();
    s.totals.timeouts = 40;
    CounterWindow window(10'000'000'000);
    window.add(1'000'000'000, s.totals);
    const Measurement m = measureRule(RuleId::Timeouts, s, window, Thresholds::defaults().rule(RuleId::Timeouts));
    EXPECT_EQ(m.value, 0.0);
}

TEST(RuleMeasurementTest, LintWarningsBecomeFindingsButNotUnboundedOrInfos) {
    PoolSnapshot s = baseSnapshot();
    s.config.maxOpen = 0;
    s.config.maxLifetimeMs = 0;
    s.lint = lintConfig(s.config);  // unbounded, no_max_lifetime (warnings), infos
    const std::vector<LintFinding> server = {
        {LintFinding::Level::Warning, "max_idle_time_ge_wait_timeout", "server says so"},
        {LintFinding::Level::Warning, "no_max_lifetime", "duplicate code"}};
    const auto lint = measureLint(s, server);
    ASSERT_EQ(lint.size(), 2u);
    EXPECT_EQ(lint[0].subject, "no_max_lifetime");
    EXPECT_EQ(lint[0].rule, RuleId::ConfigLint);
    EXPECT_EQ(lint[0].value, 1.0);
    EXPECT_EQ(lint[0].message.rfind("config: max_lifetime_ms=0", 0), 0u) << lint[0].message;
    EXPECT_EQ(lint[1].subject, "max_idle_time_ge_wait_timeout");
    EXPECT_EQ(Thresholds::defaults().rule(RuleId::ConfigLint).gradeOf(1.0), Grade::Warning);
}

TEST(RuleMeasurementTest, DisabledRuleGradesNormal) {
    RuleSettings r = Thresholds::defaults().rule(RuleId::WaitP99);
    r.enabled = false;
    EXPECT_EQ(r.gradeOf(1000), Grade::Normal);
}

}  // namespace
}  // namespace poolscope
