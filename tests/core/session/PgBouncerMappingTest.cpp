#include "core/session/PgBouncerMapping.h"

#include <gtest/gtest.h>

#include <initializer_list>

namespace poolscope {
namespace {

using Row = std::vector<std::optional<std::string>>;

ShowTable table(std::vector<std::string> columns, std::initializer_list<Row> rows) {
    ShowTable t;
    t.columns = std::move(columns);
    t.rows.assign(rows.begin(), rows.end());
    return t;
}

// Columns as PgBouncer 1.18 names them.
const std::vector<std::string> kPoolCols{"database", "user", "cl_active", "cl_waiting", "cl_active_cancel_req",
                                         "cl_waiting_cancel_req", "sv_active", "sv_active_cancel",
                                         "sv_being_canceled", "sv_idle", "sv_used", "sv_tested", "sv_login",
                                         "maxwait", "maxwait_us", "pool_mode"};
const std::vector<std::string> kStatCols{"database", "total_xact_count", "total_query_count", "total_received",
                                         "total_sent", "total_xact_time", "total_query_time", "total_wait_time"};
const std::vector<std::string> kServerCols{"type", "user", "database", "state", "addr", "port", "local_addr",
                                           "local_port", "connect_time", "request_time", "wait", "wait_us",
                                           "close_needed", "ptr", "link", "remote_pid", "tls", "application_name"};
const std::vector<std::string> kClientCols = kServerCols;
const std::vector<std::string> kDbCols{"name", "host", "port", "database", "force_user", "pool_size",
                                       "min_pool_size", "reserve_pool", "pool_mode", "max_connections",
                                       "current_connections", "paused", "disabled"};

Row poolRow(std::string db, std::string user, int clWaiting, int active, int idle, int used, int tested, int login,
            int maxwait, int maxwaitUs) {
    return {db, user, "3", std::to_string(clWaiting), "0", "0", std::to_string(active), "0", "0",
            std::to_string(idle), std::to_string(used), std::to_string(tested), std::to_string(login),
            std::to_string(maxwait), std::to_string(maxwaitUs), "session"};
}
Row statRow(std::string db, uint64_t xact, uint64_t waitUs) {
    return {db, std::to_string(xact), std::to_string(xact), "0", "0", "0", "0", std::to_string(waitUs)};
}
Row serverRow(std::string user, std::string db, std::string state, std::string ptr, std::string link, int pid) {
    return {"S", user, db, state, "127.0.0.1", "5432", "127.0.0.1", "40000", "2026-12-01 23:50:55 UTC",
            "2026-12-01 23:51:05 UTC", "0", "0", "0", ptr, link, std::to_string(pid), "", ""};
}
Row clientRow(std::string ptr, std::string port, std::string app) {
    return {"C", "app", "shop", "active", "10.0.0.7", port, "127.0.0.1", "6432", "2026-12-01 23:50:50 UTC",
            "2026-12-01 23:51:05 UTC", "0", "0", "0", ptr, "", "0", "", app};
}
Row dbRow(std::string name, int poolSize, int paused) {
    return {name, "127.0.0.1", "5432", name, std::nullopt, std::to_string(poolSize), "0", "0", std::nullopt, "0",
            "0", std::to_string(paused), "0"};
}

PgBouncerConsole console(uint64_t xact = 100, uint64_t waitUs = 50'000, int paused = 0) {
    PgBouncerConsole c;
    c.pools = table(kPoolCols, {poolRow("pgbouncer", "pgbouncer", 0, 0, 0, 0, 0, 0, 0, 0),
                                poolRow("shop", "app", 4, 2, 1, 1, 1, 1, 2, 500'000),
                                poolRow("crm", "alice", 0, 1, 0, 0, 0, 0, 0, 0),
                                poolRow("crm", "bob", 0, 0, 1, 0, 0, 0, 0, 0)});
    c.stats = table(kStatCols, {statRow("pgbouncer", 9, 0), statRow("shop", xact, waitUs), statRow("crm", 7, 1000)});
    c.servers = table(kServerCols, {serverRow("app", "shop", "active", "0x10", "0xc1", 4242),
                                    serverRow("app", "shop", "active", "0x11", "0xc9", 4243),
                                    serverRow("app", "shop", "idle", "0x12", "", 4244),
                                    serverRow("app", "shop", "used", "0x13", "", 4245),
                                    serverRow("app", "shop", "tested", "0x14", "", 4246),
                                    serverRow("app", "shop", "login", "0x15", "", 0),
                                    serverRow("alice", "crm", "active", "0x20", "", 5000)});
    c.clients = table(kClientCols, {clientRow("0xc1", "51000", "billing")});
    c.databases = table(kDbCols, {dbRow("shop", 20, paused), dbRow("crm", 5, 0)});
    return c;
}

const PoolSnapshot& find(const std::vector<PoolSnapshot>& v, const std::string& pool) {
    for (const auto& s : v)
        if (s.pool == pool) return s;
    ADD_FAILURE() << "no pool " << pool;
    static PoolSnapshot none;
    return none;
}

TEST(PgBouncerMapping, OnePoolPerDatabaseAndUserWithoutTheConsole) {
    PgBouncerMapping m;
    auto r = m.map(console(), 1000);
    ASSERT_TRUE(r) << r.message();
    ASSERT_EQ(r->size(), 3u);
    EXPECT_EQ((*r)[0].pool, "crm/alice");
    EXPECT_EQ((*r)[1].pool, "crm/bob");
    EXPECT_EQ((*r)[2].pool, "shop/app");
    for (const auto& s : *r) EXPECT_EQ(s.tMs, 1000);
}

TEST(PgBouncerMapping, ServerStatesMapOntoTheStateModel) {
    PgBouncerMapping m;
    auto r = m.map(console(), 1000);
    ASSERT_TRUE(r) << r.message();
    const PoolSnapshot& s = find(*r, "shop/app");
    EXPECT_EQ(s.counts.inUse, 2);       // sv_active
    EXPECT_EQ(s.counts.idle, 1);        // sv_idle
    EXPECT_EQ(s.counts.returning, 1);   // sv_used
    EXPECT_EQ(s.counts.allocating, 2);  // sv_tested + sv_login
    EXPECT_EQ(s.counts.open, 6);
    EXPECT_EQ(s.counts.waiting, 4);     // cl_waiting
    EXPECT_DOUBLE_EQ(s.wait.max, 2500.0);  // maxwait 2 s + 500000 µs
    EXPECT_EQ(s.config.maxOpen, 20);
    EXPECT_EQ(s.lifecycle, Lifecycle::Started);
    for (Figure f : {Figure::Open, Figure::Idle, Figure::InUse, Figure::Allocating, Figure::Returning,
                     Figure::Waiting, Figure::WaitMax, Figure::MaxOpen, Figure::Lifecycle, Figure::Connections,
                     Figure::Acquired, Figure::WaitMs, Figure::WaitPercentiles})
        EXPECT_TRUE(s.reported.has(f)) << toString(f);
    for (Figure f : {Figure::Created, Figure::Destroyed, Figure::Released, Figure::WaitCount, Figure::Timeouts,
                     Figure::ConnectErrors, Figure::Transitions, Figure::LeakReports, Figure::MaxIdle,
                     Figure::MinIdle, Figure::OtherConfig, Figure::EventsDropped})
        EXPECT_FALSE(s.reported.has(f)) << toString(f);
}

TEST(PgBouncerMapping, StatsOfADatabaseWithSeveralUsersAreNotSplit) {
    PgBouncerMapping m;
    auto r = m.map(console(), 1000);
    ASSERT_TRUE(r) << r.message();
    for (const char* name : {"crm/alice", "crm/bob"}) {
        const PoolSnapshot& s = find(*r, name);
        EXPECT_FALSE(s.reported.has(Figure::Acquired)) << name;
        EXPECT_FALSE(s.reported.has(Figure::WaitMs)) << name;
        EXPECT_FALSE(s.reported.has(Figure::WaitPercentiles)) << name;
        EXPECT_TRUE(s.reported.has(Figure::InUse)) << name;
        EXPECT_EQ(s.config.maxOpen, 5);
    }
}

TEST(PgBouncerMapping, WaitMeanIsPerIntervalAndTotalsNeverGoBack) {
    PgBouncerMapping m;
    auto first = m.map(console(100, 50'000), 1000);
    ASSERT_TRUE(first) << first.message();
    const PoolSnapshot& a = find(*first, "shop/app");
    EXPECT_EQ(a.totals.acquired, 100u);
    EXPECT_DOUBLE_EQ(a.totals.waitMs, 50.0);
    EXPECT_DOUBLE_EQ(a.wait.p50, 0.5);  // 50 ms over 100 transactions
    EXPECT_EQ(a.wait.derivation, WaitDerivation::Mean);

    auto second = m.map(console(110, 90'000), 2000);  // 10 more, 40 ms more waiting
    ASSERT_TRUE(second) << second.message();
    const PoolSnapshot& b = find(*second, "shop/app");
    EXPECT_EQ(b.totals.acquired, 110u);
    EXPECT_DOUBLE_EQ(b.wait.p50, 4.0);
    EXPECT_DOUBLE_EQ(b.wait.p95, 4.0);
    EXPECT_DOUBLE_EQ(b.wait.p99, 4.0);

    auto quiet = m.map(console(110, 90'000), 3000);
    ASSERT_TRUE(quiet) << quiet.message();
    // No transaction in the interval: its mean wait is unknown, not 0.
    EXPECT_FALSE(find(*quiet, "shop/app").reported.has(Figure::WaitPercentiles));
    EXPECT_TRUE(find(*quiet, "shop/app").reported.has(Figure::Acquired));
    EXPECT_TRUE(b.reported.has(Figure::WaitPercentiles));

    auto restarted = m.map(console(5, 1'000), 4000);  // PgBouncer restarted: its counters began again
    ASSERT_TRUE(restarted) << restarted.message();
    const PoolSnapshot& c = find(*restarted, "shop/app");
    EXPECT_EQ(c.totals.acquired, 115u);
    EXPECT_DOUBLE_EQ(c.totals.waitMs, 91.0);
}

TEST(PgBouncerMapping, PausedDatabaseIsSuspended) {
    PgBouncerMapping m;
    auto r = m.map(console(100, 0, 1), 1000);
    ASSERT_TRUE(r) << r.message();
    EXPECT_EQ(find(*r, "shop/app").lifecycle, Lifecycle::Suspended);
    EXPECT_EQ(find(*r, "crm/alice").lifecycle, Lifecycle::Started);
}

TEST(PgBouncerMapping, WithoutShowDatabasesConfigAndLifecycleAreUnknown) {
    PgBouncerMapping m;
    PgBouncerConsole c = console();
    c.databases = {};
    auto r = m.map(c, 1000);
    ASSERT_TRUE(r) << r.message();
    const PoolSnapshot& s = find(*r, "shop/app");
    EXPECT_FALSE(s.reported.has(Figure::MaxOpen));
    EXPECT_FALSE(s.reported.has(Figure::Lifecycle));
}

TEST(PgBouncerMapping, ConnectionListFromShowServers) {
    PgBouncerMapping m;
    auto r = m.map(console(), 1000);
    ASSERT_TRUE(r) << r.message();
    const PoolSnapshot& s = find(*r, "shop/app");
    ASSERT_EQ(s.connections.size(), 6u);
    const ConnectionInfo& c = s.connections[0];
    EXPECT_EQ(c.id, 0x10u);
    EXPECT_EQ(c.state, ConnState::InUse);
    EXPECT_EQ(c.serverId, 4242);
    EXPECT_EQ(c.createdMs, *PgBouncerMapping::parseTime("2026-12-01 23:50:55 UTC"));
    EXPECT_EQ(c.sinceMs, c.createdMs + 10'000);
    EXPECT_EQ(c.holder, "billing@10.0.0.7:51000");
    EXPECT_EQ(s.connections[1].holder, "client 0xc9");  // linked client not listed
    EXPECT_EQ(s.connections[2].state, ConnState::Idle);
    EXPECT_TRUE(s.connections[2].holder.empty());
    EXPECT_EQ(s.connections[3].state, ConnState::Returning);
    EXPECT_EQ(s.connections[4].state, ConnState::Allocating);
    EXPECT_EQ(s.connections[5].state, ConnState::Allocating);
    ASSERT_EQ(find(*r, "crm/alice").connections.size(), 1u);
    EXPECT_TRUE(find(*r, "crm/bob").connections.empty());
    EXPECT_TRUE(find(*r, "crm/bob").reported.has(Figure::Connections));  // known to be none
}

TEST(PgBouncerMapping, ParsesPgBouncerTimes) {
    EXPECT_EQ(PgBouncerMapping::parseTime("1970-01-01 00:00:10 UTC"), 10'000);
    EXPECT_EQ(PgBouncerMapping::parseTime("1970-01-01 00:01:00"), 60'000);
    EXPECT_FALSE(PgBouncerMapping::parseTime(""));
    EXPECT_FALSE(PgBouncerMapping::parseTime("yesterday"));
    EXPECT_FALSE(PgBouncerMapping::parseTime("2026-12-01 23:50:55 CET"));
}

TEST(PgBouncerMapping, NamesAndDatabases) {
    EXPECT_EQ(PgBouncerMapping::poolName("shop", "app"), "shop/app");
    EXPECT_EQ(PgBouncerMapping::databaseOf("shop/app"), "shop");
    EXPECT_EQ(PgBouncerMapping::databaseOf("shop"), "shop");
}

TEST(PgBouncerMapping, MissingColumnOrBadCellIsAnErrorNamingIt) {
    PgBouncerMapping m;
    PgBouncerConsole c = console();
    c.pools.columns[9] = "sv_sleeping";  // sv_idle renamed away
    auto r = m.map(c, 1000);
    ASSERT_FALSE(r);
    EXPECT_NE(r.message().find("SHOW POOLS"), std::string::npos) << r.message();
    EXPECT_NE(r.message().find("sv_idle"), std::string::npos) << r.message();

    c = console();
    c.stats.rows[1][1] = std::string("many");
    r = m.map(c, 1000);
    ASSERT_FALSE(r);
    EXPECT_NE(r.message().find("SHOW STATS"), std::string::npos) << r.message();
    EXPECT_NE(r.message().find("total_xact_count"), std::string::npos) << r.message();
    EXPECT_NE(r.message().find("'many'"), std::string::npos) << r.message();

    c = console();
    c.servers.rows[0][3] = std::string("dreaming");
    r = m.map(c, 1000);
    ASSERT_FALSE(r);
    EXPECT_NE(r.message().find("dreaming"), std::string::npos) << r.message();
}

TEST(PgBouncerMapping, AFailedRoundDoesNotMoveTheTotals) {
    PgBouncerMapping m;
    ASSERT_TRUE(m.map(console(100, 50'000), 1000));
    PgBouncerConsole bad = console(200, 90'000);
    bad.servers.rows[0][3] = std::string("dreaming");
    ASSERT_FALSE(m.map(bad, 2000));
    auto r = m.map(console(110, 90'000), 3000);
    ASSERT_TRUE(r) << r.message();
    EXPECT_DOUBLE_EQ(find(*r, "shop/app").wait.p50, 4.0);  // against the round at 1000
}

}  // namespace
}  // namespace poolscope
