// ServerViewSession against the real PostgreSQL and MariaDB of the test
// servers: a pool of this process holds connections and one session sits idle
// in a transaction; the server's view must list exactly those sessions, in
// the states the server gives them, flag the idle transaction as a leak and
// carry max_connections.

#include "core/session/ServerViewSession.h"

#include "core/session/EmbeddedSession.h"
#include "core/session/SessionGroup.h"

#include <gtest/gtest.h>

#include <thread>

#include "core/drivers/DriverFactory.h"
#include "core/drivers/Url.h"
#include "core/health/HealthEngine.h"
#include "core/pool/Pool.h"
#include "tests/integration/TestEnv.h"

namespace poolscope {
namespace {

using namespace std::chrono_literals;
using test::in;

constexpr const char* kApp = "svtest";
constexpr int kHeld = 4;

struct Server {
    const char* name;
    const char* envUrl;
    const char* envAdminUrl;  ///< a login that sees every session (superuser, PROCESS)
    std::string kind;
};

class ServerViewIntegrationTest : public ::testing::TestWithParam<Server> {
protected:
    void SetUp() override {
        url_ = test::requireEnv(GetParam().envUrl);
        adminUrl_ = test::requireEnv(GetParam().envAdminUrl);
        ASSERT_FALSE(HasFatalFailure());
        // PostgreSQL names the client by application_name; MySQL by user@host.
        clientUrl_ = GetParam().kind == "postgresql" ? test::withParam(url_, "application_name", kApp) : url_;
    }

    /// Polls `s` until `pred` holds for the snapshot of `pool` (30 s at most).
    PoolSnapshot waitFor(SnapshotSource& s, const std::string& pool, const std::function<bool(const PoolSnapshot&)>& pred) {
        PoolSnapshot last;
        const auto until = std::chrono::steady_clock::now() + 30s;
        while (std::chrono::steady_clock::now() < until) {
            PollResult r;
            s.poll(r);
            for (auto& n : r.notices) ADD_FAILURE() << "notice: " << n;
            for (auto& snap : r.snapshots)
                if (snap.pool == pool) {
                    last = snap;
                    if (pred(last)) return last;
                }
            std::this_thread::sleep_for(50ms);
        }
        ADD_FAILURE() << "no snapshot of " << pool << " as expected; last: open=" << last.counts.open
                      << " idle=" << last.counts.idle << " in_use=" << last.counts.inUse;
        return last;
    }

    std::string group() const {
        auto u = Url::parse(url_);
        const std::string user = u ? u->user() : "?";
        return GetParam().kind == "postgresql" ? "server/" + std::string(kApp) + "@127.0.0.1/" + user
                                               : "server/" + user + "@127.0.0.1";
    }

    std::string url_, adminUrl_, clientUrl_;
};

TEST_P(ServerViewIntegrationTest, ListsThePoolsSessionsAndFlagsTheIdleTransaction) {
    RemoteSpec spec;
    spec.http.url = test::withParam(test::withParam(adminUrl_, "view", "server"), "idle_in_tx_ms", "400");
    spec.intervalMs = 200;
    ServerViewSession view(spec);
    ASSERT_TRUE(ServerViewSession::isServerViewUrl(spec.http.url));
    auto started = view.start();
    ASSERT_TRUE(started) << started.status.message();

    // The server's own max_connections, read directly, is the "server" pool's max_open.
    auto driver = openDriver(clientUrl_);
    ASSERT_TRUE(driver) << driver.message();
    auto direct = (*driver)->connect(in(10s));
    ASSERT_TRUE(direct) << direct.message();
    auto maxConn = (*direct)->execute(GetParam().kind == "postgresql" ? "SHOW max_connections" : "SELECT @@max_connections", in(10s));
    ASSERT_TRUE(maxConn && maxConn->firstValue) << maxConn.message();
    direct->reset();

    PoolConfig c;
    c.name = "held";
    c.maxOpen = kHeld;
    c.maxIdle = kHeld;
    c.acquireTimeoutMs = 10'000;
    Pool pool(c, *driver);
    const Status poolStarted = pool.start();
    ASSERT_TRUE(poolStarted.isOk()) << poolStarted.message();
    std::vector<Lease> held;
    for (int i = 0; i < kHeld; ++i) {
        auto l = pool.acquire("holder");
        ASSERT_TRUE(l) << l.message();
        held.push_back(std::move(*l));
    }
    // One more session of the same client, idle inside a transaction.
    auto tx = (*driver)->connect(in(10s));
    ASSERT_TRUE(tx) << tx.message();
    const char* begin = GetParam().kind == "postgresql" ? "BEGIN; SELECT 1" : "START TRANSACTION WITH CONSISTENT SNAPSHOT";
    ASSERT_TRUE((*tx)->execute(begin, in(10s))) << "could not open the transaction";

    // The pool's callers hold 4 connections, but on the server they are idle
    // (no statement running): the view shows the server's truth.
    PoolSnapshot g = waitFor(view, group(), [](const PoolSnapshot& s) {
        return s.counts.open == kHeld + 1 && s.totals.leaks == 1;
    });
    EXPECT_EQ(g.counts.open, kHeld + 1);
    EXPECT_EQ(g.counts.idle, kHeld);
    EXPECT_EQ(g.counts.inUse, 1);
    EXPECT_EQ(g.totals.leaks, 1u);
    EXPECT_FALSE(g.reported.has(Figure::Waiting));
    ASSERT_EQ(g.connections.size(), static_cast<size_t>(kHeld + 1));
    int leaked = 0;
    for (const auto& ci : g.connections) {
        if (!ci.leaked) continue;
        ++leaked;
        EXPECT_EQ(ci.serverId, (*tx)->serverId()) << "the leaked session is the one idle in a transaction";
        EXPECT_EQ(ci.holder.rfind("idle in transaction", 0), 0u) << ci.holder;
    }
    EXPECT_EQ(leaked, 1);
    // Every session the pool holds is listed by its server id.
    for (const auto& ci : pool.snapshot().connections) {
        bool found = false;
        for (const auto& s : g.connections) found = found || s.serverId == ci.serverId;
        EXPECT_TRUE(found) << "pool connection " << ci.id << " (server id " << ci.serverId << ") not in the view";
    }
    HealthEngine engine(Thresholds::defaults());
    bool leakAlert = false;
    for (const Alert& a : engine.evaluate(g).alerts) leakAlert = leakAlert || a.rule == "leak";
    EXPECT_TRUE(leakAlert);

    PoolSnapshot total = waitFor(view, "server", [](const PoolSnapshot& s) { return s.counts.open >= kHeld + 1; });
    EXPECT_EQ(total.config.maxOpen, std::stoll(*maxConn->firstValue));
    EXPECT_EQ(view.limits().maxConnections, std::stoll(*maxConn->firstValue));
    EXPECT_EQ(view.serverLimits("server").maxConnections, view.limits().maxConnections);
    EXPECT_TRUE(view.serverLimits(group()).empty());

    // The client goes away: the view follows.
    tx->reset();
    held.clear();
    pool.close();
    g = waitFor(view, group(), [](const PoolSnapshot& s) { return s.counts.open == 0; });
    EXPECT_EQ(g.counts.open, 0);
    EXPECT_EQ(g.totals.leaks, 1u) << "a leak counted stays counted";
    view.stop();
}

TEST_P(ServerViewIntegrationTest, PoolsPerRequestShowAsMoreSessionsThanThePoolAllows) {
    // The incident "max_open is small, yet the server holds many more
    // sessions": a workload that opens a pool per request, run by this process
    // beside the server's view of the same server (headless: --connect URL
    // --attach URL?view=server). The health engine sees both: server_vs_pool.
    EmbeddedSessionSpec pool;
    pool.url = clientUrl_;
    pool.pool.name = "app";
    pool.pool.maxOpen = 2;
    pool.pool.maxIdle = 2;
    pool.workload.workers = 8;
    pool.workload.holdMs = 400;
    pool.workload.poolPerRequest = true;
    RemoteSpec view;
    view.http.url = test::withParam(adminUrl_, "view", "server");
    view.intervalMs = 250;
    std::vector<std::unique_ptr<SnapshotSource>> members;
    members.push_back(std::make_unique<EmbeddedSession>(pool));
    members.push_back(std::make_unique<ServerViewSession>(view));
    SessionGroup group(std::move(members));
    auto started = group.start();
    ASSERT_TRUE(started) << started.status.message();

    HealthEngine engine(Thresholds::defaults());
    const Alert* found = nullptr;
    std::vector<Alert> alerts;
    const auto until = std::chrono::steady_clock::now() + 30s;
    while (std::chrono::steady_clock::now() < until && !found) {
        for (const std::string& p : group.pools())
            if (auto limits = group.serverLimits(p); !limits.empty())
                engine.setServerLimits(p, group.serverKey(p), limits);
        PollResult r;
        group.poll(r);
        for (const PoolSnapshot& s : r.snapshots) {
            const PoolHealth h = engine.evaluate(s);
            if (s.pool != "server") continue;
            alerts = h.alerts;
            for (const Alert& a : alerts)
                if (a.rule == "server_vs_pool" && a.state == AlertState::Firing && a.grade == Grade::Danger) found = &a;
        }
        if (!found) std::this_thread::sleep_for(100ms);
    }
    ASSERT_NE(found, nullptr) << "no server_vs_pool danger; alerts on the server view: " << alerts.size();
    EXPECT_NE(found->message.find("of the 2 its 1 pool allow"), std::string::npos) << found->message;
    EXPECT_EQ(group.serverKey("server"), group.serverKey("app")) << "the pool and the view are on one server";
    group.stop();
}

TEST_P(ServerViewIntegrationTest, ALoginWithoutPrivilegesSeesItsOwnSessionsAndSaysWhatItCannotTell) {
    RemoteSpec spec;
    spec.http.url = test::withParam(url_, "view", "server");
    spec.intervalMs = 200;
    ServerViewSession view(spec);
    auto started = view.start();
    ASSERT_TRUE(started) << started.status.message();
    auto driver = openDriver(clientUrl_);
    ASSERT_TRUE(driver) << driver.message();
    auto other = (*driver)->connect(in(10s));
    ASSERT_TRUE(other) << other.message();
    std::vector<std::string> notices;
    PoolSnapshot g;
    const auto until = std::chrono::steady_clock::now() + 30s;
    while (std::chrono::steady_clock::now() < until && g.counts.open < 1) {
        PollResult r;
        view.poll(r);
        notices.insert(notices.end(), r.notices.begin(), r.notices.end());
        for (auto& snap : r.snapshots)
            if (snap.pool == group()) g = snap;
        std::this_thread::sleep_for(50ms);
    }
    EXPECT_GE(g.counts.open, 1) << "the login's own other session is not listed";
    if (GetParam().kind == "mysql") {
        // MariaDB's INNODB_TRX needs PROCESS: idle cannot be told from idle in a transaction.
        ASSERT_FALSE(notices.empty());
        EXPECT_NE(notices.front().find("PROCESS privilege"), std::string::npos) << notices.front();
        EXPECT_FALSE(g.reported.has(Figure::Idle));
        EXPECT_FALSE(g.reported.has(Figure::InUse));
    } else {
        // PostgreSQL shows a login the state of its own sessions.
        EXPECT_TRUE(notices.empty()) << notices.front();
        EXPECT_TRUE(g.reported.has(Figure::Idle));
    }
    view.stop();
}

TEST_P(ServerViewIntegrationTest, AServerThatDoesNotAnswerIsAReachFailure) {
    RemoteSpec spec;
    auto u = Url::parse(url_);
    ASSERT_TRUE(u);
    std::string dead = url_;
    dead.replace(dead.find(":" + std::to_string(u->port())), std::to_string(u->port()).size() + 1,
                 ":" + std::to_string(test::closedPort()));
    spec.http.url = test::withParam(dead, "view", "server");
    ServerViewSession view(spec);
    auto started = view.start();
    ASSERT_FALSE(started);
    EXPECT_EQ(started.stage, StartStage::Reach) << started.status.message();
    EXPECT_EQ(started.status.message().find(test::urlPassword(url_)), std::string::npos) << "password in the message";
}

INSTANTIATE_TEST_SUITE_P(Servers, ServerViewIntegrationTest,
                         ::testing::Values(Server{"postgresql", "POOLSCOPE_PG_URL", "POOLSCOPE_PG_ADMIN_URL", "postgresql"},
                                           Server{"mysql", "POOLSCOPE_MYSQL_URL", "POOLSCOPE_MYSQL_ADMIN_URL", "mysql"}),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace poolscope
