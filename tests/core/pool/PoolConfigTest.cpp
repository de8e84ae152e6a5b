#include "core/pool/PoolConfig.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace poolscope {
namespace {

bool hasFinding(const std::vector<LintFinding>& f, const std::string& code, LintFinding::Level level) {
    return std::any_of(f.begin(), f.end(), [&](const LintFinding& x) { return x.code == code && x.level == level; });
}

struct LintCase {
    const char* options;
    const char* code;
    LintFinding::Level level;
};

class LintTest : public ::testing::TestWithParam<LintCase> {};

TEST_P(LintTest, ReportsFinding) {
    PoolConfig c;
    ASSERT_TRUE(applyPoolOptions(c, GetParam().options).isOk()) << GetParam().options;
    const auto findings = lintConfig(c);
    EXPECT_TRUE(hasFinding(findings, GetParam().code, GetParam().level))
        << GetParam().options << " should give " << GetParam().code;
    EXPECT_EQ(hasErrors(findings), GetParam().level == LintFinding::Level::Error);
}

using L = LintFinding::Level;
INSTANTIATE_TEST_SUITE_P(
    Cases, LintTest,
    ::testing::Values(LintCase{"max_open=5,max_idle=8,leak_threshold_ms=1", "max_idle_gt_max_open", L::Error},
                      LintCase{"max_open=10,max_idle=2,min_idle=3,leak_threshold_ms=1", "min_idle_gt_max_idle", L::Error},
                      LintCase{"max_lifetime_ms=-1", "negative_duration", L::Error},
                      LintCase{"acquire_timeout_ms=-5", "negative_duration", L::Error},
                      LintCase{"max_open=-1", "negative_count", L::Error},
                      LintCase{"max_open=0", "unbounded", L::Warning},
                      LintCase{"max_lifetime_ms=0", "no_max_lifetime", L::Warning},
                      LintCase{"leak_threshold_ms=0", "leak_detection_off", L::Info}));

TEST(PoolConfigTest, DefaultsAreClean) {
    PoolConfig c;
    c.leakThresholdMs = 60'000;
    c.validation.mode = ValidationPolicy::Mode::Borrow;
    const auto findings = lintConfig(c);
    EXPECT_FALSE(hasErrors(findings));
    for (const auto& f : findings) EXPECT_NE(f.level, L::Warning) << f.code << ": " << f.message;
}

TEST(PoolConfigTest, UnboundedWarningSaysWhat) {
    PoolConfig c;
    c.maxOpen = 0;
    for (const auto& f : lintConfig(c))
        if (f.code == "unbounded") {
            EXPECT_NE(f.message.find("max_open=0"), std::string::npos);
        }
}

TEST(PoolConfigTest, AppliesEveryKey) {
    PoolConfig c;
    ASSERT_TRUE(applyPoolOptions(c, "name=orders,max_open=20,max_idle=5,min_idle=2,max_lifetime_ms=1000,"
                                    "max_idle_time_ms=500,acquire_timeout_ms=250,validate=idle:300,"
                                    "validation_timeout_ms=100,keepalive_ms=400,leak_threshold_ms=900,"
                                    "housekeeping_ms=50")
                    .isOk());
    EXPECT_EQ(c.name, "orders");
    EXPECT_EQ(c.maxOpen, 20);
    EXPECT_EQ(c.maxIdle, 5);
    EXPECT_EQ(c.minIdle, 2);
    EXPECT_EQ(c.maxLifetimeMs, 1000);
    EXPECT_EQ(c.maxIdleTimeMs, 500);
    EXPECT_EQ(c.acquireTimeoutMs, 250);
    EXPECT_EQ(c.validation.mode, ValidationPolicy::Mode::IdleFor);
    EXPECT_EQ(c.validation.idleMs, 300);
    EXPECT_EQ(c.validationTimeoutMs, 100);
    EXPECT_EQ(c.keepaliveMs, 400);
    EXPECT_EQ(c.leakThresholdMs, 900);
    EXPECT_EQ(c.housekeepingMs, 50);
}

TEST(PoolConfigTest, LoweringMaxOpenLowersDefaultMaxIdle) {
    PoolConfig c;
    ASSERT_TRUE(applyPoolOptions(c, "max_open=8").isOk());
    EXPECT_EQ(c.maxIdle, 8);
    EXPECT_FALSE(hasErrors(lintConfig(c)));
}

struct BadOption {
    const char* text;
    const char* mustMention;
};
class BadOptionTest : public ::testing::TestWithParam<BadOption> {};

TEST_P(BadOptionTest, NamesTheProblemAndChangesNothing) {
    PoolConfig c;
    const PoolConfig before = c;
    Status s = applyPoolOptions(c, GetParam().text);
    ASSERT_FALSE(s.isOk());
    EXPECT_NE(s.message().find(GetParam().mustMention), std::string::npos) << s.message();
    EXPECT_EQ(c, before);
}

INSTANTIATE_TEST_SUITE_P(Cases, BadOptionTest,
                         ::testing::Values(BadOption{"max_open=abc", "max_open: 'abc' is not an integer"},
                                           BadOption{"max_open=5,bogus=1", "unknown key 'bogus'"},
                                           BadOption{"validate=sometimes", "validate: 'sometimes'"},
                                           BadOption{"validate=idle:x", "validate: 'x'"},
                                           BadOption{"max_idle", "'max_idle' is not key=value"},
                                           BadOption{"min_idle=1.5", "min_idle: '1.5'"}));

TEST(PoolConfigTest, ValidationPolicyRoundTrip) {
    for (const char* text : {"never", "borrow", "idle:250"}) {
        auto p = ValidationPolicy::parse(text);
        ASSERT_TRUE(p.isOk()) << text;
        EXPECT_EQ(p->toString(), text);
    }
}

}  // namespace
}  // namespace poolscope
