#include "core/recording/AlertChangeLog.h"

#include <gtest/gtest.h>

namespace poolscope {
namespace {

RecordedAlert alert(const char* rule, const char* grade, const char* state, double value = 1) {
    return {0, "", rule, "", grade, state, "message", value, 1};
}

TEST(AlertChangeLogTest, KeepsOnlyChanges) {
    AlertChangeLog log;
    auto c = log.update("p", 100, {alert("exhausted", "danger", "pending")});
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].tMs, 100);
    EXPECT_EQ(c[0].pool, "p");
    EXPECT_TRUE(log.update("p", 200, {alert("exhausted", "danger", "pending", 7)}).empty());
    c = log.update("p", 300, {alert("exhausted", "danger", "firing")});
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].state, "firing");
    c = log.update("p", 400, {alert("exhausted", "danger", "resolved")});
    ASSERT_EQ(c.size(), 1u);
    EXPECT_TRUE(log.update("p", 500, {}).empty());  // resolved ones are forgotten
    log.update("p", 600, {alert("leak", "warning", "pending")});
    EXPECT_TRUE(log.update("q", 650, {}).empty());  // other pools are left alone
    c = log.update("p", 700, {});
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].state, "dropped");
    EXPECT_EQ(c[0].rule, "leak");
    EXPECT_EQ(c[0].tMs, 700);
}

}  // namespace
}  // namespace poolscope
