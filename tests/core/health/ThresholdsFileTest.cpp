#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/health/ThresholdsFile.h"

#ifndef POOLSCOPE_SOURCE_DIR
#error "POOLSCOPE_SOURCE_DIR must name the source tree"
#endif

namespace poolscope {
namespace {

namespace fs = std::filesystem;

TEST(ThresholdsFileTest, ShippedFileEqualsTheBuiltInDefaults) {
    auto t = ThresholdsFile::load(std::string(POOLSCOPE_SOURCE_DIR) + "/resources/thresholds.json");
    ASSERT_TRUE(t) << t.message();
    EXPECT_TRUE(*t == Thresholds::defaults());
}

TEST(ThresholdsFileTest, DefaultsAreTheIssuesFigures) {
    const Thresholds t = Thresholds::defaults();
    EXPECT_EQ(t.rule(RuleId::WaitP99).warning, 5);
    EXPECT_EQ(t.rule(RuleId::WaitP99).danger, 50);
    EXPECT_EQ(t.rule(RuleId::Utilisation).warning, 80);
    EXPECT_EQ(t.rule(RuleId::Utilisation).danger, 95);
    EXPECT_EQ(t.rule(RuleId::Exhausted).danger, 1);
    EXPECT_EQ(t.rule(RuleId::Timeouts).danger, 1);
    EXPECT_EQ(t.rule(RuleId::IdleBelowMin).warning, 1);
    EXPECT_EQ(t.rule(RuleId::Leak).danger, 1);
    EXPECT_EQ(t.rule(RuleId::StaleConnections).warning, 1);
    EXPECT_EQ(t.rule(RuleId::ConnectErrors).danger, 1);
    EXPECT_EQ(t.rule(RuleId::IllegalTransitions).danger, 1);
    EXPECT_EQ(t.rule(RuleId::EventsDropped).info, 1);
    EXPECT_FALSE(t.rule(RuleId::EventsDropped).warning);
    EXPECT_EQ(t.leakGuard.action, LeakGuardSettings::Action::Off);
}

TEST(ThresholdsFileTest, ToJsonRoundTrips) {
    Thresholds t = Thresholds::defaults();
    t.rule(RuleId::WaitP99).warning = 2.5;
    t.rule(RuleId::WaitP99).danger.reset();
    t.rule(RuleId::Timeouts).windowMs = 30'000;
    t.rule(RuleId::EventsDropped).enabled = false;
    t.rule(RuleId::Utilisation).clearRatio = 0.9;
    t.leakGuard = {LeakGuardSettings::Action::Shrink, 5, 120'000, 25};
    auto back = ThresholdsFile::parse(ThresholdsFile::toJson(t));
    ASSERT_TRUE(back) << back.message() << "\n" << ThresholdsFile::toJson(t);
    EXPECT_TRUE(*back == t);
    auto defaults = ThresholdsFile::parse(ThresholdsFile::toJson(Thresholds::defaults()));
    ASSERT_TRUE(defaults);
    EXPECT_TRUE(*defaults == Thresholds::defaults());
}

TEST(ThresholdsFileTest, PartialFileKeepsDefaultsForTheRest) {
    auto t = ThresholdsFile::parse(R"({"rules": {"wait_p99": {"danger": 200}, "leak": {"enabled": false}},
                                      "guards": {"leak": {"action": "suspend"}}})");
    ASSERT_TRUE(t) << t.message();
    Thresholds want = Thresholds::defaults();
    want.rule(RuleId::WaitP99).danger = 200;
    want.rule(RuleId::Leak).enabled = false;
    want.leakGuard.action = LeakGuardSettings::Action::Suspend;
    EXPECT_TRUE(*t == want);
    EXPECT_TRUE(ThresholdsFile::parse("{}"));
    // A threshold set to null removes that grade.
    auto noWarning = ThresholdsFile::parse(R"({"rules": {"wait_p99": {"warning": null}}})");
    ASSERT_TRUE(noWarning);
    EXPECT_FALSE(noWarning->rule(RuleId::WaitP99).warning);
    EXPECT_EQ(noWarning->rule(RuleId::WaitP99).gradeOf(20), Grade::Normal);
}

struct BadFile {
    const char* json;
    const char* error;
};

class ThresholdsFileBadTest : public testing::TestWithParam<BadFile> {};

TEST_P(ThresholdsFileBadTest, IsRefusedNamingTheKeyAndTheProblem) {
    auto t = ThresholdsFile::parse(GetParam().json);
    ASSERT_FALSE(t) << GetParam().json;
    EXPECT_EQ(t.message(), GetParam().error);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ThresholdsFileBadTest,
    testing::Values(
        BadFile{R"({"rules": {"wait_p99": {"warning": 5,}}})",
                "line 1, column 38 (byte 37): expected a member name in double quotes, got '}'"},
        BadFile{"[]", "expected an object at the top level, got an array"},
        BadFile{R"({"rule": {}})", "rule: unknown key (known: schema, comment, rules, guards)"},
        BadFile{R"({"schema": 2})", "schema: this PoolScope reads schema 1; got 2"},
        BadFile{R"({"rules": []})", "rules: expected an object, got an array"},
        BadFile{R"({"rules": {"wait_p98": {}}})",
                "rules.wait_p98: unknown rule (known: wait_p99, utilisation, exhausted, timeouts, "
                "idle_below_min, leak, stale_connections, connect_errors, illegal_transitions, "
                "events_dropped, unbounded, config_lint, server_vs_pool)"},
        BadFile{R"({"rules": {"wait_p99": {"warn": 5}}})",
                "rules.wait_p99.warn: unknown key (known: enabled, info, warning, danger, for_ms, "
                "clear_for_ms, clear_ratio)"},
        BadFile{R"({"rules": {"wait_p99": {"warning": "5"}}})",
                "rules.wait_p99.warning: expected a number or null, got a string"},
        BadFile{R"({"rules": {"wait_p99": {"warning": -1}}})",
                "rules.wait_p99.warning: must not be negative, got -1"},
        BadFile{R"({"rules": {"wait_p99": {"warning": 60}}})",
                "rules.wait_p99: warning (60) must not be above danger (50)"},
        BadFile{R"({"rules": {"wait_p99": {"for_ms": 1.5}}})",
                "rules.wait_p99.for_ms: expected a whole number of milliseconds, got a fraction"},
        BadFile{R"({"rules": {"wait_p99": {"for_ms": -1}}})",
                "rules.wait_p99.for_ms: must be between 0 and 86400000 ms (one day)"},
        BadFile{R"({"rules": {"wait_p99": {"window_ms": 1000}}})",
                "rules.wait_p99.window_ms: unknown key (known: enabled, info, warning, danger, for_ms, "
                "clear_for_ms, clear_ratio)"},
        BadFile{R"({"rules": {"timeouts": {"window_ms": 0}}})",
                "rules.timeouts.window_ms: must be between 1 and 86400000 ms (one day)"},
        BadFile{R"({"rules": {"timeouts": {"clear_ratio": 0}}})",
                "rules.timeouts.clear_ratio: must be above 0 and at most 1 (1 = no hysteresis), got 0"},
        BadFile{R"({"rules": {"timeouts": {"enabled": "yes"}}})",
                "rules.timeouts.enabled: expected true or false, got a string"},
        BadFile{R"({"rules": {"timeouts": {"danger": null}}})",
                "rules.timeouts: no threshold is set; set info, warning or danger, or \"enabled\": false"},
        BadFile{R"({"guards": {"leaks": {}}})", "guards.leaks: unknown key (known: leak)"},
        BadFile{R"({"guards": {"leak": {"action": "kill"}}})",
                "guards.leak.action: 'kill' is not one of off, shrink, suspend"},
        BadFile{R"({"guards": {"leak": {"shrink_to_pct": 150}}})",
                "guards.leak.shrink_to_pct: expected a whole number from 1 to 100, got 150"},
        BadFile{R"({"guards": {"leak": {"reports": 0}}})",
                "guards.leak.reports: expected a whole number from 1 to 1000000, got 0"}));

TEST(ThresholdsFileTest, LoadNamesTheFile) {
    const fs::path dir = fs::path(testing::TempDir()) / "poolscope-thresholds-test";
    fs::create_directories(dir);
    const fs::path bad = dir / "bad.json";
    std::ofstream(bad) << "{\"rules\": {\"leak\": {\"danger\": true}}}";
    auto t = ThresholdsFile::load(bad.string());
    ASSERT_FALSE(t);
    EXPECT_EQ(t.message(), "thresholds file '" + bad.string() +
                               "': rules.leak.danger: expected a number or null, got a boolean");
    auto missing = ThresholdsFile::load((dir / "missing.json").string());
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.message(),
              "thresholds file '" + (dir / "missing.json").string() + "': cannot be opened (missing or unreadable)");
    fs::remove_all(dir);
}

}  // namespace
}  // namespace poolscope
