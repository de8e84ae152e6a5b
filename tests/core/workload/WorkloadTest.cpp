#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/drivers/DriverFactory.h"
#include "core/workload/Workload.h"

namespace poolscope {
namespace {

using namespace std::chrono_literals;
using Steady = std::chrono::steady_clock;

std::shared_ptr<Driver> simDriver(std::string_view url) {
    auto d = openDriver(url);
    EXPECT_TRUE(d) << (d ? "" : d.message());
    return d ? *d : nullptr;
}

PoolConfig poolConfig(int64_t maxOpen, int64_t acquireTimeoutMs = 30'000) {
    PoolConfig c;
    c.maxOpen = maxOpen;
    c.maxIdle = maxOpen;
    c.acquireTimeoutMs = acquireTimeoutMs;
    return c;
}

WorkloadConfig workload(std::string_view options) {
    WorkloadConfig c;
    const Status s = applyWorkloadOptions(c, options);
    EXPECT_TRUE(s) << s.message();
    return c;
}

/// Polls `done` until it holds or `limit` passes; the run is real threads on
/// the simulated driver, so the tests wait on outcomes, not fixed sleeps.
bool eventually(const std::function<bool()>& done, std::chrono::milliseconds limit = 5s) {
    const auto end = Steady::now() + limit;
    while (Steady::now() < end) {
        if (done()) return true;
        std::this_thread::sleep_for(5ms);
    }
    return done();
}

/// Wraps a driver and counts the connections it opens.
class CountingDriver final : public Driver {
public:
    explicit CountingDriver(std::shared_ptr<Driver> inner) : inner_(std::move(inner)) {}
    std::string_view name() const override { return inner_->name(); }
    std::string displayUrl() const override { return inner_->displayUrl(); }
    Result<std::unique_ptr<Connection>> connect(Deadline deadline) override {
        connects.fetch_add(1);
        return inner_->connect(deadline);
    }
    std::atomic<uint64_t> connects{0};

private:
    std::shared_ptr<Driver> inner_;
};

/// A driver whose connections record every statement with its time and fail
/// the statements `fail` says so, with the message it returns.
class ScriptedDriver final : public Driver {
public:
    struct Stmt {
        uint64_t conn;
        std::string sql;
        Steady::time_point at;
    };
    std::function<std::optional<std::string>(std::string_view sql)> fail;

    std::string_view name() const override { return "scripted"; }
    std::string displayUrl() const override { return "scripted://"; }
    Result<std::unique_ptr<Connection>> connect(Deadline) override {
        return std::unique_ptr<Connection>(std::make_unique<Conn>(*this, ++nextId_));
    }
    std::vector<Stmt> statements() const {
        std::lock_guard lk(mu_);
        return log_;
    }

private:
    class Conn final : public Connection {
    public:
        Conn(ScriptedDriver& d, uint64_t id) : d_(d), id_(id) {}
        Status validate(Deadline) override { return Status::ok(); }
        Result<QueryResult> execute(std::string_view sql, Deadline) override {
            {
                std::lock_guard lk(d_.mu_);
                d_.log_.push_back({id_, std::string(sql), Steady::now()});
            }
            if (d_.fail)
                if (auto message = d_.fail(sql)) return Error{*message};
            return QueryResult{1};
        }

    private:
        ScriptedDriver& d_;
        uint64_t id_;
    };
    std::atomic<uint64_t> nextId_{0};
    mutable std::mutex mu_;
    std::vector<Stmt> log_;
};

TEST(WorkloadTest, OkCountRisesAndNothingFails) {
    Pool pool(poolConfig(4), simDriver("sim://?query_ms=1"));
    ASSERT_TRUE(pool.start());
    Workload w(workload("workers=4,hold_ms=2,think_ms=1"), pool);
    ASSERT_TRUE(w.start());
    EXPECT_TRUE(eventually([&] { return w.stats().ok >= 40; }));
    w.stop();
    const WorkloadStats s = w.stats();
    EXPECT_TRUE(s.errors.empty()) << s.errors.begin()->first;
    const PoolSnapshot snap = pool.snapshot();
    EXPECT_EQ(snap.counts.inUse, 0);
    EXPECT_EQ(snap.totals.acquired, s.ok);
    EXPECT_EQ(snap.totals.released, s.ok);
    EXPECT_LE(snap.counts.open, 4);
}

TEST(WorkloadTest, LeakPct100KeepsEachWorkersFirstConnectionUntilStop) {
    Pool pool(poolConfig(10), simDriver("sim://"));
    ASSERT_TRUE(pool.start());
    Workload w(workload("workers=3,hold_ms=1,think_ms=10000,leak_pct=100"), pool);
    ASSERT_TRUE(w.start());
    ASSERT_TRUE(eventually([&] { return w.stats().leaked == 3; }));
    PoolSnapshot snap = pool.snapshot();
    EXPECT_EQ(snap.counts.inUse, 3);
    std::set<std::string> holders;
    for (const auto& c : snap.connections)
        if (c.state == ConnState::InUse) holders.insert(c.holder);
    EXPECT_EQ(holders, (std::set<std::string>{"worker-1", "worker-2", "worker-3"}));
    EXPECT_EQ(w.stats().ok, 3u);

    w.stop();
    snap = pool.snapshot();
    EXPECT_EQ(snap.counts.inUse, 0);
    EXPECT_EQ(snap.totals.released, snap.totals.acquired);
    EXPECT_TRUE(w.stats().errors.empty());
}

TEST(WorkloadTest, ErrorsAreCountedByMessage) {
    Pool pool(poolConfig(4), simDriver("sim://?fail_pct=100"));
    ASSERT_TRUE(pool.start());
    Workload w(workload("workers=2,hold_ms=0,think_ms=1"), pool);
    ASSERT_TRUE(w.start());
    EXPECT_TRUE(eventually([&] { return w.stats().errorCount() >= 10; }));
    w.stop();
    const WorkloadStats s = w.stats();
    EXPECT_EQ(s.ok, 0u);
    ASSERT_FALSE(s.errors.empty());
    for (const auto& [message, count] : s.errors) {
        EXPECT_FALSE(message.empty());
        EXPECT_GT(count, 0u);
    }
    EXPECT_EQ(pool.snapshot().counts.inUse, 0);
}

TEST(WorkloadTest, DistinctErrorMessagesAreBounded) {
    auto driver = std::make_shared<ScriptedDriver>();
    std::atomic<int> n{0};
    driver->fail = [&](std::string_view) { return "failure #" + std::to_string(n++); };
    Pool pool(poolConfig(2), driver);
    ASSERT_TRUE(pool.start());
    Workload w(workload("workers=2,hold_ms=0,think_ms=0"), pool);
    ASSERT_TRUE(w.start());
    EXPECT_TRUE(eventually([&] { return w.stats().errorCount() >= 200; }));
    w.stop();
    const WorkloadStats s = w.stats();
    EXPECT_EQ(s.errors.size(), Workload::kMaxErrorKeys + 1);
    ASSERT_TRUE(s.errors.count(std::string(Workload::kOtherErrors)));
    EXPECT_EQ(s.errorCount(), static_cast<uint64_t>(n.load()));
}

TEST(WorkloadTest, TxWrapsQueryAndHoldInBeginCommit) {
    auto driver = std::make_shared<ScriptedDriver>();
    Pool pool(poolConfig(1), driver);
    ASSERT_TRUE(pool.start());
    Workload w(workload("workers=1,hold_ms=30,think_ms=0,tx=true,query=SELECT 42"), pool);
    ASSERT_TRUE(w.start());
    EXPECT_TRUE(eventually([&] { return w.stats().ok >= 3; }));
    w.stop();
    const auto log = driver->statements();
    ASSERT_GE(log.size(), 9u);
    for (size_t i = 0; i + 2 < log.size(); i += 3) {
        EXPECT_EQ(log[i].sql, "BEGIN");
        EXPECT_EQ(log[i + 1].sql, "SELECT 42");
        EXPECT_EQ(log[i + 2].sql, "COMMIT");
        // stop() may cut the last hold short; every earlier one is complete.
        if (i + 3 < log.size()) {
            EXPECT_GE(log[i + 2].at - log[i].at, 29ms);
        }
    }
}

TEST(WorkloadTest, FailedQueryInTxIsRolledBack) {
    auto driver = std::make_shared<ScriptedDriver>();
    driver->fail = [](std::string_view sql) -> std::optional<std::string> {
        if (sql == "BROKEN") return "syntax error near BROKEN";
        return std::nullopt;
    };
    Pool pool(poolConfig(1), driver);
    ASSERT_TRUE(pool.start());
    Workload w(workload("workers=1,hold_ms=0,think_ms=0,tx=true,query=BROKEN"), pool);
    ASSERT_TRUE(w.start());
    EXPECT_TRUE(eventually([&] { return w.stats().errorCount() >= 2; }));
    w.stop();
    const auto log = driver->statements();
    ASSERT_GE(log.size(), 3u);
    EXPECT_EQ(log[0].sql, "BEGIN");
    EXPECT_EQ(log[1].sql, "BROKEN");
    EXPECT_EQ(log[2].sql, "ROLLBACK");
    const WorkloadStats s = w.stats();
    EXPECT_EQ(s.errors.size(), 1u);
    EXPECT_EQ(s.errors.begin()->first, "syntax error near BROKEN");
    EXPECT_EQ(s.ok, 0u);
}

TEST(WorkloadTest, StopIsPromptDuringLongHoldsAndThinks) {
    Pool pool(poolConfig(8), simDriver("sim://"));
    ASSERT_TRUE(pool.start());
    Workload w(workload("workers=8,hold_ms=10000,think_ms=10000"), pool);
    ASSERT_TRUE(w.start());
    ASSERT_TRUE(eventually([&] { return pool.snapshot().counts.inUse == 8; }));
    const auto t0 = Steady::now();
    w.stop();
    const auto took = Steady::now() - t0;
    EXPECT_LT(took, 250ms) << std::chrono::duration_cast<std::chrono::milliseconds>(took).count()
                           << " ms";
    EXPECT_FALSE(w.running());
    EXPECT_EQ(pool.snapshot().counts.inUse, 0);
    EXPECT_EQ(w.stats().ok, 8u);
}

TEST(WorkloadTest, PoolPerRequestOpensOneConnectionPerRequest) {
    auto counting = std::make_shared<CountingDriver>(simDriver("sim://"));
    Pool unused(poolConfig(4), counting);
    ASSERT_TRUE(unused.start());
    Workload w(workload("workers=2,hold_ms=0,think_ms=0,pool_per_request=true"), unused,
               Workload::poolFactory(poolConfig(4), counting));
    ASSERT_TRUE(w.start());
    EXPECT_TRUE(eventually([&] { return w.stats().ok >= 30; }));
    w.stop();
    const WorkloadStats s = w.stats();
    EXPECT_TRUE(s.errors.empty());
    EXPECT_EQ(counting->connects.load(), s.ok + s.errorCount());
    EXPECT_EQ(unused.snapshot().totals.created, 0u);
}

TEST(WorkloadTest, StartRefusesPoolPerRequestWithoutFactoryAndDoubleStart) {
    Pool pool(poolConfig(1), std::make_shared<ScriptedDriver>());
    Workload bad(workload("pool_per_request=true"), pool);
    const Status s = bad.start();
    ASSERT_FALSE(s);
    EXPECT_NE(s.message().find("pool factory"), std::string::npos);

    ASSERT_TRUE(pool.start());
    Workload w(workload("workers=1,think_ms=10000"), pool);
    ASSERT_TRUE(w.start());
    EXPECT_FALSE(w.start());
}

}  // namespace
}  // namespace poolscope
