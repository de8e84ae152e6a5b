#include <gtest/gtest.h>

#include <string>

#include "core/workload/WorkloadConfig.h"

namespace poolscope {
namespace {

TEST(WorkloadConfigTest, DefaultsAreValid) {
    const WorkloadConfig c;
    EXPECT_EQ(c.workers, 4);
    EXPECT_EQ(c.query, "SELECT 1");
    EXPECT_EQ(c.holdMs, 10);
    EXPECT_EQ(c.thinkMs, 10);
    EXPECT_EQ(c.leakPct, 0);
    EXPECT_FALSE(c.tx);
    EXPECT_FALSE(c.poolPerRequest);
    EXPECT_TRUE(validateWorkloadConfig(c));
}

TEST(WorkloadConfigTest, AppliesEveryKey) {
    WorkloadConfig c;
    ASSERT_TRUE(
        applyWorkloadOptions(c,
                             "workers=32,query=SELECT 2,hold_ms=20,think_ms=0,leak_pct=2.5,tx=true,"
                             "pool_per_request=yes"));
    EXPECT_EQ(c.workers, 32);
    EXPECT_EQ(c.query, "SELECT 2");
    EXPECT_EQ(c.holdMs, 20);
    EXPECT_EQ(c.thinkMs, 0);
    EXPECT_DOUBLE_EQ(c.leakPct, 2.5);
    EXPECT_TRUE(c.tx);
    EXPECT_TRUE(c.poolPerRequest);
}

TEST(WorkloadConfigTest, QuotedQueryKeepsCommasAndEquals) {
    WorkloadConfig c;
    ASSERT_TRUE(applyWorkloadOptions(c, "query='SELECT a, b FROM t WHERE x=1',workers=2"));
    EXPECT_EQ(c.query, "SELECT a, b FROM t WHERE x=1");
    EXPECT_EQ(c.workers, 2);
    ASSERT_TRUE(applyWorkloadOptions(c, R"(workers=3,query="SELECT 'a,b'")"));
    EXPECT_EQ(c.query, "SELECT 'a,b'");
    EXPECT_EQ(c.workers, 3);
}

TEST(WorkloadConfigTest, EmptyTextAndEmptyItemsChangeNothing) {
    WorkloadConfig c;
    ASSERT_TRUE(applyWorkloadOptions(c, ""));
    ASSERT_TRUE(applyWorkloadOptions(c, ",,workers=5,"));
    EXPECT_EQ(c.workers, 5);
}

TEST(WorkloadConfigTest, BadKeysAndValuesAreNamedAndChangeNothing) {
    struct Case {
        const char* text;
        const char* message;
    };
    const Case cases[] = {
        {"workers=abc", "workers: 'abc' is not an integer"},
        {"workers=", "workers: '' is not an integer"},
        {"workers=4x", "workers: '4x' is not an integer"},
        {"workers=0", "workers: '0' is out of range (1..4096)"},
        {"workers=5000", "workers: '5000' is out of range (1..4096)"},
        {"hold_ms=-1", "hold_ms: '-1' is out of range (0..86400000)"},
        {"think_ms=86400001", "think_ms: '86400001' is out of range (0..86400000)"},
        {"think_ms=1.5", "think_ms: '1.5' is not an integer"},
        {"leak_pct=101", "leak_pct: '101' is out of range (0..100)"},
        {"leak_pct=-0.5", "leak_pct: '-0.5' is out of range (0..100)"},
        {"leak_pct=lots", "leak_pct: 'lots' is not a number"},
        {"leak_pct=nan", "leak_pct: 'nan' is not a number"},
        {"tx=maybe", "tx: 'maybe' is not a boolean (true or false)"},
        {"pool_per_request=2", "pool_per_request: '2' is not a boolean (true or false)"},
        {"query=", "query: must not be empty"},
        {"query='SELECT 1", "query: missing closing ' in 'SELECT 1"},
        {"query='SELECT 1'x", "query: unexpected text after the closing quote: 'x'"},
        {"wrkers=4",
         "unknown key 'wrkers' (known: workers, query, hold_ms, think_ms, leak_pct, "
         "tx, pool_per_request)"},
        {"workers", "'workers' is not key=value"},
        {"workers=8,hold_ms=x", "hold_ms: 'x' is not an integer"},
    };
    for (const auto& c : cases) {
        WorkloadConfig config;
        const WorkloadConfig before = config;
        const Status s = applyWorkloadOptions(config, c.text);
        ASSERT_FALSE(s) << c.text;
        EXPECT_EQ(s.message(), c.message) << c.text;
        EXPECT_EQ(config, before) << c.text;
    }
}

}  // namespace
}  // namespace poolscope
