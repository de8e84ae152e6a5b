// PgBouncerSession against the real PgBouncer 1.18 of the test servers
// (pool_mode session, default_pool_size 10, admin user pgbouncer_admin),
// under a real load of clients running pg_sleep through PgBouncer.

#include "core/session/PgBouncerSession.h"

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <functional>
#include <set>
#include <thread>

#include "tests/integration/BlackHoleProxy.h"
#include "tests/integration/TestEnv.h"

namespace poolscope {
namespace {

using namespace std::chrono_literals;
using test::in;

constexpr const char* kPool = "poolscope/poolscope";
constexpr int kPoolSize = 10;  // default_pool_size in scripts/servers/start-servers.sh
constexpr int kClients = 13;   // 10 get a server, 3 wait
constexpr int kThreads = 4;

/// The admin URL of the test servers as a pgbouncer:// URL.
std::string bouncerUrl(const std::string& adminUrl) {
    std::string url = "pgbouncer://" + adminUrl.substr(adminUrl.find("://") + 3);
    return url.substr(0, url.rfind('/'));  // PgBouncerSession picks the console database itself
}

/// Clients through PgBouncer, each running one long pg_sleep, spread over a
/// few threads; stop() closes them.
class Load {
public:
    explicit Load(std::string url) : url_(std::move(url)) {}
    ~Load() { stop(); }
    void start() {
        for (int t = 0; t < kThreads; ++t) threads_.emplace_back([this, t] { run(t); });
    }
    void stop() {
        {
            std::lock_guard lock(mu_);
            stop_ = true;
            stopped_.notify_all();
        }
        for (auto& t : threads_)
            if (t.joinable()) t.join();
    }
    int connected() const { return connected_; }
    std::string error() const {
        std::lock_guard lock(mu_);
        return error_;
    }

private:
    void run(int t) {
        std::vector<PGconn*> conns;
        for (int i = t; i < kClients; i += kThreads) {
            PGconn* c = PQconnectdb(url_.c_str());
            if (PQstatus(c) != CONNECTION_OK) {
                std::lock_guard lock(mu_);
                error_ = PQerrorMessage(c);
                PQfinish(c);
                continue;
            }
            if (!PQsendQuery(c, "SELECT pg_sleep(60)")) {
                std::lock_guard lock(mu_);
                error_ = PQerrorMessage(c);
            }
            PQflush(c);
            ++connected_;
            conns.push_back(c);
        }
        // Hold the connections (their queries keep running) until stop().
        {
            std::unique_lock lock(mu_);
            stopped_.wait(lock, [this] { return stop_.load(); });
        }
        for (PGconn* c : conns) PQfinish(c);
    }

    std::string url_;
    std::atomic<bool> stop_{false};
    std::atomic<int> connected_{0};
    mutable std::mutex mu_;
    std::condition_variable stopped_;
    std::string error_;
    std::vector<std::thread> threads_;
};

/// Rows of one query on `url` (first column), through libpq; fails the test on error.
std::vector<std::string> query(const std::string& url, const std::string& sql) {
    PGconn* c = PQconnectdb(url.c_str());
    std::vector<std::string> out;
    if (PQstatus(c) != CONNECTION_OK) {
        ADD_FAILURE() << "connect for '" << sql << "' failed: " << PQerrorMessage(c);
        PQfinish(c);
        return out;
    }
    PGresult* r = PQexec(c, sql.c_str());
    if (PQresultStatus(r) != PGRES_TUPLES_OK) ADD_FAILURE() << sql << ": " << PQresultErrorMessage(r);
    else
        for (int i = 0; i < PQntuples(r); ++i) out.emplace_back(PQgetvalue(r, i, 0));
    PQclear(r);
    PQfinish(c);
    return out;
}

class PgBouncerSessionIntegrationTest : public ::testing::Test {
protected:
    void SetUp() override {
        adminUrl_ = test::requireEnv("POOLSCOPE_PGBOUNCER_ADMIN_URL");
        clientUrl_ = test::requireEnv("POOLSCOPE_PGBOUNCER_URL");
        pgAdminUrl_ = test::requireEnv("POOLSCOPE_PG_ADMIN_URL");
        if (HasFatalFailure() || adminUrl_.empty() || clientUrl_.empty() || pgAdminUrl_.empty()) GTEST_FAIL();
        password_ = test::urlPassword(adminUrl_);
        ASSERT_FALSE(password_.empty());
    }

    /// Polls `s` until a snapshot of kPool satisfies `pred` or `timeout` passes;
    /// collects every message the session gave on the way.
    std::optional<PoolSnapshot> waitFor(PgBouncerSession& s, std::function<bool(const PoolSnapshot&)> pred,
                                        std::chrono::milliseconds timeout = 30s) {
        const Deadline deadline = in(timeout);
        std::optional<PoolSnapshot> last;
        while (std::chrono::steady_clock::now() < deadline) {
            PollResult r;
            s.poll(r);
            for (auto& n : r.notices) messages_.push_back(n);
            if (r.health) messages_.push_back(r.health->message);
            for (auto& snap : r.snapshots) {
                if (snap.pool != kPool) continue;
                last = snap;
                if (pred(snap)) return snap;
            }
            std::this_thread::sleep_for(50ms);  // the next poll, not a timing assumption
        }
        if (last)
            ADD_FAILURE() << "condition not met within " << timeout.count() << " ms; last in_use "
                          << last->counts.inUse << ", waiting " << last->counts.waiting << ", lifecycle "
                          << static_cast<int>(last->lifecycle);
        else
            ADD_FAILURE() << "no snapshot of " << kPool << " within " << timeout.count() << " ms";
        return std::nullopt;
    }

    void expectNoPassword(const std::string& text) {
        EXPECT_EQ(text.find(password_), std::string::npos) << "password in: " << text;
    }

    std::string adminUrl_, clientUrl_, pgAdminUrl_, password_;
    std::vector<std::string> messages_;
};

TEST_F(PgBouncerSessionIntegrationTest, ReadsPoolsUnderLoadAndPausesAndResumes) {
    RemoteSpec spec;
    spec.http.url = bouncerUrl(adminUrl_);
    spec.intervalMs = 200;
    PgBouncerSession session(spec);
    ASSERT_TRUE(PgBouncerSession::isPgBouncerUrl(spec.http.url));
    StartResult started = session.start();
    ASSERT_TRUE(started) << started.status.message();
    expectNoPassword(session.description());
    expectNoPassword(session.sourceName());
    EXPECT_NE(session.sourceName().find("***"), std::string::npos) << session.sourceName();

    // The test database's pool exists once a client has used it.
    query(clientUrl_, "SELECT 1");
    auto idle = waitFor(session, [](const PoolSnapshot&) { return true; });
    ASSERT_TRUE(idle);
    const auto pools = session.pools();
    EXPECT_NE(std::find(pools.begin(), pools.end(), kPool), pools.end());
    EXPECT_EQ(std::find(pools.begin(), pools.end(), "pgbouncer/pgbouncer"), pools.end());
    EXPECT_TRUE(idle->reported.has(Figure::MaxOpen));
    EXPECT_EQ(idle->config.maxOpen, kPoolSize);
    EXPECT_EQ(idle->driver, "pgbouncer");
    EXPECT_FALSE(idle->reported.has(Figure::Transitions));
    EXPECT_FALSE(idle->reported.has(Figure::Created));

    // Under load: every server of the pool in use, the rest of the clients waiting.
    Load load(clientUrl_);
    load.start();
    auto busy = waitFor(session, [](const PoolSnapshot& s) {
        return s.counts.inUse == kPoolSize && s.counts.waiting == kClients - kPoolSize;
    });
    EXPECT_EQ(load.error(), "");
    ASSERT_TRUE(busy);
    EXPECT_TRUE(busy->reported.has(Figure::Waiting));
    EXPECT_GT(busy->wait.max, 0.0);  // the oldest waiting client has waited a while

    // The connection table: in-use servers carry PostgreSQL backend PIDs.
    ASSERT_TRUE(busy->reported.has(Figure::Connections));
    std::set<std::string> backends;
    for (auto& pid : query(pgAdminUrl_, "SELECT pid::text FROM pg_stat_activity WHERE datname = 'poolscope'"))
        backends.insert(pid);
    int inUse = 0;
    for (const ConnectionInfo& c : busy->connections) {
        if (c.state != ConnState::InUse) continue;
        ++inUse;
        EXPECT_NE(c.serverId, 0);
        EXPECT_TRUE(backends.count(std::to_string(c.serverId))) << "remote_pid " << c.serverId
                                                                 << " is not in pg_stat_activity";
        EXPECT_GT(c.createdMs, 0);
        EXPECT_FALSE(c.holder.empty());
    }
    EXPECT_EQ(inUse, kPoolSize);

    // Load gone: the sleeping backends are canceled so the pool drains.
    load.stop();
    query(pgAdminUrl_,
          "SELECT pg_cancel_backend(pid)::text FROM pg_stat_activity WHERE query LIKE '%pg_sleep(60)%' "
          "AND pid <> pg_backend_pid()");
    ASSERT_TRUE(waitFor(session, [](const PoolSnapshot& s) { return s.counts.inUse == 0 && s.counts.waiting == 0; },
                        60s));

    // PAUSE / RESUME act, and the lifecycle follows.
    Status paused = session.lifecycleAction(kPool, "suspend");
    ASSERT_TRUE(paused) << paused.message();
    ASSERT_TRUE(waitFor(session, [](const PoolSnapshot& s) {
        return s.reported.has(Figure::Lifecycle) && s.lifecycle == Lifecycle::Suspended;
    }));
    Status resumed = session.lifecycleAction(kPool, "resume");
    ASSERT_TRUE(resumed) << resumed.message();
    ASSERT_TRUE(waitFor(session, [](const PoolSnapshot& s) { return s.lifecycle == Lifecycle::Started; }));

    // RECONNECT exists in 1.18; close is refused with a reason.
    Status evicted = session.lifecycleAction(kPool, "evict");
    EXPECT_TRUE(evicted) << evicted.message();
    Status closed = session.lifecycleAction(kPool, "close");
    ASSERT_FALSE(closed);
    messages_.push_back(closed.message());
    Status unknown = session.lifecycleAction("nosuchdb/x", "suspend");
    ASSERT_FALSE(unknown);
    EXPECT_NE(unknown.message().find("nosuchdb"), std::string::npos) << unknown.message();
    messages_.push_back(unknown.message());

    session.stop();
    for (const auto& m : messages_) expectNoPassword(m);
}

TEST_F(PgBouncerSessionIntegrationTest, WrongPasswordIsRefusedWithoutShowingIt) {
    std::string url = bouncerUrl(adminUrl_);
    const std::string wrong = "Wr0ng-" + password_;
    url.replace(url.find(password_), password_.size(), wrong);
    RemoteSpec spec;
    spec.http.url = url;
    PgBouncerSession session(spec);
    StartResult r = session.start();
    ASSERT_FALSE(r);
    const std::string& m = r.status.message();
    EXPECT_EQ(m.find(wrong), std::string::npos) << m;
    EXPECT_NE(m.find("pgbouncer://pgbouncer_admin:***@"), std::string::npos) << m;
}

TEST_F(PgBouncerSessionIntegrationTest, NothingListeningIsReach) {
    RemoteSpec spec;
    spec.http.url = "pgbouncer://pgbouncer_admin:" + password_ + "@127.0.0.1:" + std::to_string(test::closedPort());
    PgBouncerSession session(spec);
    StartResult r = session.start();
    ASSERT_FALSE(r);
    EXPECT_EQ(r.stage, StartStage::Reach) << r.status.message();
    expectNoPassword(r.status.message());
}

TEST_F(PgBouncerSessionIntegrationTest, AHungConsoleTurnsStaleKeepsTheDataAndRecovers) {
    // The console behind a proxy that stops moving bytes: PgBouncer looks hung.
    const int bouncerPort = test::urlPort(adminUrl_);
    ASSERT_GT(bouncerPort, 0);
    test::BlackHoleProxy proxy("127.0.0.1", bouncerPort);
    ASSERT_GT(proxy.port(), 0);
    RemoteSpec spec;
    spec.http.url = "pgbouncer://pgbouncer_admin:" + password_ + "@127.0.0.1:" + std::to_string(proxy.port()) +
                    "?timeout_ms=1000";
    spec.intervalMs = 200;
    PgBouncerSession session(spec);
    query(clientUrl_, "SELECT 1");
    StartResult started = session.start();
    ASSERT_TRUE(started) << started.status.message();
    ASSERT_TRUE(waitFor(session, [](const PoolSnapshot&) { return true; }));

    proxy.freeze();
    // Stale first (no data for two intervals), then the round's own verdict.
    bool stale = false, hung = false;
    std::string said;
    const Deadline until = in(30s);
    while (!hung && std::chrono::steady_clock::now() < until) {
        PollResult r;
        session.poll(r);
        for (auto& n : r.notices) messages_.push_back(n);
        if (r.health && r.health->state == SourceHealth::State::Stale) {
            stale = true;
            said += r.health->message + "\n";
            hung = r.health->message.find("seems hung") != std::string::npos;
            expectNoPassword(r.health->message);
        }
        std::this_thread::sleep_for(50ms);
    }
    ASSERT_TRUE(stale) << "the session never turned stale while the console hung";
    EXPECT_TRUE(hung) << "no stale message says the console hangs:\n" << said;
    // The last good data stays: the pool is still listed.
    const auto pools = session.pools();
    EXPECT_NE(std::find(pools.begin(), pools.end(), kPool), pools.end());

    // The console answers again: the session reconnects (backoff 1 s, 2 s, ...) and is live.
    proxy.thaw();
    std::optional<SourceHealth> live;
    bool fresh = false;
    const Deadline back = in(40s);
    while (!(live && fresh) && std::chrono::steady_clock::now() < back) {
        PollResult r;
        session.poll(r);
        if (r.health && r.health->state == SourceHealth::State::Live) live = r.health;
        for (auto& snap : r.snapshots) fresh = fresh || (live && snap.pool == kPool);
        std::this_thread::sleep_for(50ms);
    }
    EXPECT_TRUE(live) << "never live again after the console came back";
    EXPECT_TRUE(fresh) << "no new snapshot after the console came back";

    // Stopping while a round is under way does not wait for its deadline.
    proxy.freeze();
    const auto t0 = std::chrono::steady_clock::now();
    session.stop();
    EXPECT_LT(test::msSince(t0), 1500);
}

}  // namespace
}  // namespace poolscope
