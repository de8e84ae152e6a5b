#include "core/exporter/PoolActions.h"

#include <gtest/gtest.h>

#include "core/drivers/DriverFactory.h"
#include "core/pool/Pool.h"

namespace poolscope {
namespace {

std::unique_ptr<Pool> startedPool() {
    auto driver = openDriver("sim://");
    EXPECT_TRUE(driver) << driver.message();
    PoolConfig c;
    c.housekeepingMs = 0;
    auto pool = std::make_unique<Pool>(c, *driver);
    EXPECT_TRUE(pool->start().isOk());
    return pool;
}

TEST(PoolActionsTest, SuspendResumeEvict) {
    auto pool = startedPool();
    EXPECT_EQ(runPoolAction(*pool, "suspend", "").status, 200);
    EXPECT_EQ(pool->lifecycle(), Lifecycle::Suspended);
    auto again = runPoolAction(*pool, "suspend", "");
    EXPECT_EQ(again.status, 409) << again.body;
    EXPECT_EQ(runPoolAction(*pool, "resume", "").status, 200);
    EXPECT_EQ(pool->lifecycle(), Lifecycle::Started);
    EXPECT_EQ(runPoolAction(*pool, "evict", "").status, 200);
}

TEST(PoolActionsTest, ReconfigureAppliesPoolKeys) {
    auto pool = startedPool();
    auto r = runPoolAction(*pool, "reconfigure", R"({"max_open":20,"max_idle":5,"validate":"borrow"})");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(pool->config().maxOpen, 20);
    EXPECT_EQ(pool->config().maxIdle, 5);
    EXPECT_NE(r.body.find("\"max_open\":20"), std::string::npos) << r.body;
}

TEST(PoolActionsTest, BadReconfigureIsRefusedAndChangesNothing) {
    auto pool = startedPool();
    const PoolConfig before = pool->config();
    struct Case {
        const char* body;
        const char* expected;
    } cases[] = {
        {"", "not JSON"},
        {"[1]", "expected a JSON object"},
        {"{}", "empty"},
        {R"({"max_open":true})", "\\\"max_open\\\": expected a number or a string, got a boolean"},
        {R"({"name":"x"})", "cannot be changed"},
        {R"({"max_opn":3})", "max_opn"},
        {R"({"max_idle":50,"max_open":5})", "max_idle"},
        {R"({"max_open":"1,max_idle=9"})", "not allowed"},
    };
    for (const Case& c : cases) {
        auto r = runPoolAction(*pool, "reconfigure", c.body);
        EXPECT_EQ(r.status, 400) << c.body;
        EXPECT_NE(r.body.find(c.expected), std::string::npos) << c.body << " -> " << r.body;
        EXPECT_EQ(pool->config(), before) << c.body;
    }
    EXPECT_EQ(runPoolAction(*pool, "explode", "").status, 404);
}

}  // namespace
}  // namespace poolscope
