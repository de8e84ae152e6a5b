#include "tests/integration/PoolFaultSupport.h"

#include <algorithm>
#include <chrono>

#include <gtest/gtest.h>

#include "core/drivers/Url.h"
#include "core/drivers/mysql/MysqlDriver.h"
#include "core/drivers/postgres/PgDriver.h"
#include "tests/integration/TestEnv.h"

namespace poolscope::test {

using namespace std::chrono_literals;

Backend Backend::load(const std::string& kind, const std::string& appName) {
    Backend b;
    b.kind = kind;
    b.appName = appName;
    const bool pg = kind == "postgresql";
    std::string url = requireEnv(pg ? "POOLSCOPE_PG_URL" : "POOLSCOPE_MYSQL_URL");
    b.adminUrl = requireEnv(pg ? "POOLSCOPE_PG_ADMIN_URL" : "POOLSCOPE_MYSQL_ADMIN_URL");
    b.ctl = requireEnv(pg ? "POOLSCOPE_PG_CTL" : "POOLSCOPE_MYSQL_CTL");
    if (url.empty() || b.adminUrl.empty() || b.ctl.empty()) return b;
    b.port = urlPort(url);
    b.url = pg ? withParam(url, "application_name", appName) : url;
    return b;
}

std::shared_ptr<Driver> Backend::driver(const std::string& u) const {
    auto parsed = Url::parse(u);
    EXPECT_TRUE(parsed.isOk()) << (parsed ? "" : parsed.message());
    if (!parsed) return nullptr;
    auto d = kind == "postgresql" ? openPostgresDriver(*parsed) : openMysqlDriver(*parsed);
    EXPECT_TRUE(d.isOk()) << (d ? "" : d.message());
    return d ? *d : nullptr;
}

std::string Backend::urlWithIdleTimeout(int seconds) const {
    if (kind != "postgresql") return url;
    return withParam(url, "options", "-c%20idle_session_timeout%3D" + std::to_string(seconds) + "s");
}

bool Backend::control(const std::string& action) const {
    return runCommand(ctl + " " + action, 120) == 0;
}

bool Backend::waitUntilAccepting(std::chrono::milliseconds limit) const {
    auto d = driver(adminUrl);
    if (!d) return false;
    const auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
        if (d->connect(in(2s)).isOk()) return true;
        std::this_thread::sleep_for(100ms);
    }
    return false;
}

bool Backend::admin(const std::string& sql) const {
    auto d = driver(adminUrl);
    if (!d) return false;
    auto c = d->connect(in(5s));
    if (!c) {
        ADD_FAILURE() << "admin connect: " << c.message();
        return false;
    }
    auto r = (*c)->execute(sql, in(5s));
    if (!r) ADD_FAILURE() << "admin: " << sql << ": " << r.message();
    return r.isOk();
}

int64_t Backend::serverCount() const {
    auto d = driver(adminUrl);
    if (!d) return -1;
    auto c = d->connect(in(5s));
    if (!c) return -1;
    const std::string sql =
        kind == "postgresql"
            ? "SELECT 1 FROM pg_stat_activity WHERE application_name = '" + appName + "'"
            : "SELECT 1 FROM information_schema.PROCESSLIST WHERE USER = 'poolscope'";
    auto r = (*c)->execute(sql, in(5s));
    return r ? r->rows : -1;
}

int64_t Backend::waitForServerCount(int64_t expected) const {
    const auto end = std::chrono::steady_clock::now() + 5s;
    int64_t n = serverCount();
    while (n != expected && std::chrono::steady_clock::now() < end) {
        std::this_thread::sleep_for(100ms);
        n = serverCount();
    }
    return n;
}

IdleTimeoutScope::IdleTimeoutScope(const Backend& b, int seconds) : b_(b) {
    if (b.kind == "mysql") active_ = b.admin("SET GLOBAL wait_timeout = " + std::to_string(seconds));
}

IdleTimeoutScope::~IdleTimeoutScope() {
    if (active_) (void)b_.admin("SET GLOBAL wait_timeout = 28800");
}

LoadLoop::LoadLoop(Pool& pool, int threads, std::string sql) : pool_(pool), sql_(std::move(sql)) {
    for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { run(); });
}

LoadLoop::~LoadLoop() { stop(); }

void LoadLoop::stop() {
    stop_.store(true);
    for (auto& t : threads_) {
        if (t.joinable()) t.join();
    }
}

LoadCounts LoadLoop::take() {
    std::lock_guard lock(mu_);
    return std::exchange(counts_, LoadCounts{});
}

void LoadLoop::error(bool acquire, const std::string& message) {
    std::lock_guard lock(mu_);
    ++(acquire ? counts_.acquireErrors : counts_.queryErrors);
    if (counts_.samples.size() < 5 &&
        std::find(counts_.samples.begin(), counts_.samples.end(), message) == counts_.samples.end()) {
        counts_.samples.push_back(message);
    }
}

void LoadLoop::run() {
    while (!stop_.load()) {
        auto lease = pool_.acquire("load");
        if (!lease) {
            error(true, lease.message());
            std::this_thread::sleep_for(20ms);
            continue;
        }
        auto r = lease->execute(sql_, 2000);
        (void)lease->release();
        if (!r) {
            error(false, r.message());
            std::this_thread::sleep_for(20ms);
            continue;
        }
        {
            std::lock_guard lock(mu_);
            ++counts_.ok;
        }
        std::this_thread::sleep_for(2ms);
    }
}

void expectConsistent(const PoolSnapshot& s) {
    const auto& c = s.counts;
    EXPECT_EQ(c.open, c.idle + c.inUse + c.allocating + c.returning);
    EXPECT_EQ(static_cast<int64_t>(s.totals.created - s.totals.destroyed), c.open)
        << "created " << s.totals.created << " destroyed " << s.totals.destroyed;
    EXPECT_EQ(s.totals.illegalTransitions, 0u);
}

std::unique_ptr<Pool> startPool(const PoolConfig& config, std::shared_ptr<Driver> driver) {
    auto pool = std::make_unique<Pool>(config, std::move(driver));
    Status s = pool->start();
    EXPECT_TRUE(s.isOk()) << (s ? "" : s.message());
    return pool;
}

}  // namespace poolscope::test
