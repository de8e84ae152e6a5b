// ServerViewMapping: the server's session rows as pools (see its header for
// the state mapping).

#include "core/session/ServerViewMapping.h"

#include <gtest/gtest.h>

#include "core/health/HealthEngine.h"

namespace poolscope {
namespace {

constexpr int64_t kT = 1'800'000'000'000;

ServerSession pg(int64_t id, std::string app, std::string state, int64_t stateAgeMs = 10) {
    ServerSession s;
    s.id = id;
    s.application = std::move(app);
    s.client = "10.0.0.7";
    s.user = "shop";
    s.database = "orders";
    s.state = std::move(state);
    s.stateAgeMs = stateAgeMs;
    s.backendAgeMs = 60'000;
    return s;
}

const PoolSnapshot* find(const std::vector<PoolSnapshot>& v, const std::string& name) {
    for (const auto& s : v)
        if (s.pool == name) return &s;
    return nullptr;
}

TEST(ServerViewMappingTest, GroupsByClientAndMapsStates) {
    ServerViewMapping m(5'000);
    ServerActivity a;
    a.kind = "postgresql";
    a.maxConnections = 100;
    a.sessions = {pg(11, "api", "active"), pg(12, "api", "idle"), pg(13, "api", "idle in transaction"),
                  pg(14, "batch", "idle"), pg(15, "", "idle in transaction (aborted)")};
    a.sessions[0].waitEvent = "Lock:transactionid";
    a.sessions[1].waitEvent = "Client:ClientRead";
    const auto out = m.map(a, kT);
    ASSERT_EQ(out.size(), 4u);
    EXPECT_EQ(out[0].pool, "server");
    const PoolSnapshot& total = out[0];
    EXPECT_EQ(total.counts.open, 5);
    EXPECT_EQ(total.counts.idle, 2);
    EXPECT_EQ(total.counts.inUse, 3);
    EXPECT_EQ(total.config.maxOpen, 100);
    EXPECT_TRUE(total.reported.has(Figure::MaxOpen));
    EXPECT_FALSE(total.reported.has(Figure::Waiting)) << "the server cannot know a pool's waiters";
    EXPECT_FALSE(total.reported.has(Figure::WaitPercentiles));
    EXPECT_EQ(total.driver, "pg_stat_activity");

    const PoolSnapshot* api = find(out, "server/api@10.0.0.7/shop");
    ASSERT_NE(api, nullptr);
    EXPECT_EQ(api->counts.open, 3);
    EXPECT_EQ(api->counts.idle, 1);
    EXPECT_EQ(api->counts.inUse, 2);
    EXPECT_FALSE(api->reported.has(Figure::MaxOpen)) << "the server does not know the pool's limit";
    ASSERT_EQ(api->connections.size(), 3u);
    EXPECT_EQ(api->connections[0].serverId, 11);
    EXPECT_EQ(api->connections[0].state, ConnState::InUse);
    EXPECT_EQ(api->connections[1].state, ConnState::Idle);
    EXPECT_EQ(api->connections[0].holder, "active (waiting: Lock:transactionid) on orders");
    EXPECT_EQ(api->connections[1].holder, "idle on orders") << "an idle session's ClientRead wait says nothing";
    EXPECT_EQ(api->connections[2].holder, "idle in transaction on orders");
    EXPECT_EQ(api->connections[0].sinceMs, kT - 10);
    EXPECT_EQ(api->connections[0].createdMs, kT - 60'000);
    EXPECT_NE(find(out, "server/(no application_name)@10.0.0.7/shop"), nullptr);
    EXPECT_NE(find(out, "server/batch@10.0.0.7/shop"), nullptr);
}

TEST(ServerViewMappingTest, ATransactionIdlePastTheThresholdIsALeakCountedOnce) {
    ServerViewMapping m(5'000);
    ServerActivity a;
    a.kind = "postgresql";
    a.sessions = {pg(21, "api", "idle in transaction", 4'000), pg(22, "api", "active", 9'000)};
    auto out = m.map(a, kT);
    const std::string api = "server/api@10.0.0.7/shop";
    EXPECT_EQ(find(out, api)->totals.leaks, 0u);
    EXPECT_FALSE(find(out, api)->connections[0].leaked);
    EXPECT_FALSE(find(out, api)->connections[1].leaked) << "an active statement is not a leak";

    a.sessions[0].stateAgeMs = 6'000;
    out = m.map(a, kT + 2'000);
    EXPECT_EQ(find(out, api)->totals.leaks, 1u);
    EXPECT_TRUE(find(out, api)->connections[0].leaked);
    EXPECT_EQ(find(out, "server")->totals.leaks, 1u);
    EXPECT_EQ(find(out, api)->config.leakThresholdMs, 5'000);

    a.sessions[0].stateAgeMs = 8'000;  // still the same leak
    out = m.map(a, kT + 4'000);
    EXPECT_EQ(find(out, api)->totals.leaks, 1u);

    // The health engine's leak rule sees it, with the session as the holder.
    HealthEngine engine(Thresholds::defaults());
    const PoolHealth h = engine.evaluate(*find(out, api));
    bool leak = false;
    for (const Alert& al : h.alerts) leak = leak || (al.rule == "leak" && al.message.find("idle in transaction") != std::string::npos);
    EXPECT_TRUE(leak) << "no leak alert naming the idle transaction";
    for (const auto& off : h.rulesOff) EXPECT_NE(off.rule, "leak");
}

TEST(ServerViewMappingTest, AClientThatLeftIsShownOnceWithNoSession) {
    ServerViewMapping m;
    ServerActivity a;
    a.kind = "postgresql";
    a.sessions = {pg(31, "api", "idle")};
    (void)m.map(a, kT);
    a.sessions.clear();
    auto out = m.map(a, kT + 1'000);
    const PoolSnapshot* api = find(out, "server/api@10.0.0.7/shop");
    ASSERT_NE(api, nullptr);
    EXPECT_EQ(api->counts.open, 0);
    out = m.map(a, kT + 2'000);
    EXPECT_EQ(find(out, "server/api@10.0.0.7/shop"), nullptr);
    EXPECT_EQ(find(out, "server")->counts.open, 0);
}

TEST(ServerViewMappingTest, SessionsWhoseStateIsHiddenLeaveIdleAndInUseUnreported) {
    ServerViewMapping m;
    ServerActivity a;
    a.kind = "postgresql";
    a.sessions = {pg(41, "other", ""), pg(42, "api", "idle")};
    const auto out = m.map(a, kT);
    const PoolSnapshot* other = find(out, "server/other@10.0.0.7/shop");
    ASSERT_NE(other, nullptr);
    EXPECT_EQ(other->counts.open, 1);
    EXPECT_FALSE(other->reported.has(Figure::Idle));
    EXPECT_FALSE(other->reported.has(Figure::InUse));
    EXPECT_EQ(other->connections[0].holder, "state not visible to this login on orders");
    EXPECT_TRUE(find(out, "server/api@10.0.0.7/shop")->reported.has(Figure::Idle));
    EXPECT_FALSE(find(out, "server")->reported.has(Figure::Idle));
}

TEST(ServerViewMappingTest, MysqlGroupsByUserAndClient) {
    ServerViewMapping m;
    ServerActivity a;
    a.kind = "mysql";
    ServerSession s = pg(51, "", "idle");
    s.user = "app";
    a.sessions = {s};
    const auto out = m.map(a, kT);
    EXPECT_NE(find(out, "server/app@10.0.0.7"), nullptr);
    EXPECT_EQ(out[0].driver, "processlist");
}

}  // namespace
}  // namespace poolscope
