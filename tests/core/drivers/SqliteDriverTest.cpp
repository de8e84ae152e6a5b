#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <random>
#include <thread>

#include "core/drivers/SqliteDriver.h"

namespace poolscope {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr std::string_view kEndless =
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c";

Deadline in(Clock::duration d) { return Clock::now() + d; }
Deadline farAway() { return Clock::now() + 60s; }

int64_t msSince(Clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

class SqliteDriverTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::random_device rd;
        dir_ = fs::temp_directory_path() /
               ("poolscope-sqlite-" + std::to_string(rd()) + "-" + std::to_string(rd()));
        ASSERT_TRUE(fs::create_directory(dir_));
    }
    void TearDown() override {
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }

    std::string file(const std::string& name = "test.db") const { return (dir_ / name).string(); }

    std::shared_ptr<SqliteDriver> driver(const std::string& params = "") const {
        auto url = Url::parse("sqlite://" + file() + params);
        EXPECT_TRUE(url) << url.message();
        auto d = SqliteDriver::create(*url);
        EXPECT_TRUE(d) << d.message();
        return d ? d.value() : nullptr;
    }

    static std::unique_ptr<Connection> connectOk(Driver& d) {
        auto conn = d.connect(farAway());
        EXPECT_TRUE(conn) << conn.message();
        return conn ? std::move(conn).value() : nullptr;
    }

    static int64_t rows(Connection& c, std::string_view sql) {
        auto r = c.execute(sql, farAway());
        EXPECT_TRUE(r) << r.message();
        return r ? r->rows : -1;
    }

    fs::path dir_;
};

TEST_F(SqliteDriverTest, CreatesTheFileAndCountsRows) {
    auto d = driver();
    EXPECT_EQ(d->name(), "sqlite");
    EXPECT_EQ(d->filePath(), file());
    EXPECT_EQ(d->busyTimeoutMs(), 5000);
    auto c = connectOk(*d);
    EXPECT_TRUE(fs::exists(file()));
    EXPECT_EQ(rows(*c, "CREATE TABLE t(x INTEGER)"), 0);
    EXPECT_EQ(rows(*c, "INSERT INTO t VALUES (1), (2), (3)"), 3);
    EXPECT_EQ(rows(*c, "SELECT x FROM t"), 3);
    EXPECT_EQ(rows(*c, "UPDATE t SET x = x + 1 WHERE x > 1"), 2);
    // Every statement of a script runs; rows add up.
    EXPECT_EQ(rows(*c, "INSERT INTO t VALUES (9); -- one\n DELETE FROM t WHERE x = 9; SELECT 1;"),
              3);
    EXPECT_EQ(rows(*c, "SELECT x FROM t"), 3);
    EXPECT_TRUE(c->validate(farAway()));
    EXPECT_EQ(c->serverId(), 0);
}

TEST_F(SqliteDriverTest, UsesWalJournalMode) {
    auto c = connectOk(*driver());
    EXPECT_EQ(rows(*c, "SELECT 1 FROM pragma_journal_mode WHERE journal_mode = 'wal'"), 1);
    EXPECT_EQ(rows(*c, "CREATE TABLE t(x)"), 0);
    EXPECT_TRUE(fs::exists(file() + "-wal"));
}

TEST_F(SqliteDriverTest, ConnectionsSeeEachOthersCommittedData) {
    auto d = driver();
    auto a = connectOk(*d);
    auto b = connectOk(*d);
    rows(*a, "CREATE TABLE t(x)");
    rows(*a, "INSERT INTO t VALUES (1), (2)");
    EXPECT_EQ(rows(*b, "SELECT * FROM t"), 2);
    // An open transaction's rows stay invisible until commit.
    rows(*b, "BEGIN; INSERT INTO t VALUES (3)");
    EXPECT_EQ(rows(*a, "SELECT * FROM t"), 2);
    rows(*b, "COMMIT");
    EXPECT_EQ(rows(*a, "SELECT * FROM t"), 3);
}

TEST_F(SqliteDriverTest, SqlErrorsAreNotFatalAndNameTheFile) {
    auto c = connectOk(*driver());
    auto r = c->execute("SELECT * FROM missing_table", farAway());
    ASSERT_FALSE(r);
    EXPECT_FALSE(r.error().fatal);
    EXPECT_NE(r.message().find("no such table: missing_table"), std::string::npos) << r.message();
    EXPECT_NE(r.message().find(file()), std::string::npos) << r.message();
    EXPECT_TRUE(c->validate(farAway()));
}

TEST_F(SqliteDriverTest, DeadlineInterruptsALongQuery) {
    auto c = connectOk(*driver());
    const auto start = Clock::now();
    auto r = c->execute(kEndless, in(100ms));
    const auto elapsed = msSince(start);
    ASSERT_FALSE(r);
    EXPECT_FALSE(r.error().fatal);
    EXPECT_NE(r.message().find("statement timed out after 100 ms"), std::string::npos)
        << r.message();
    EXPECT_GE(elapsed, 99);
    EXPECT_LT(elapsed, 1000);
    EXPECT_TRUE(c->validate(farAway()));
}

TEST_F(SqliteDriverTest, CancelInterruptsALongQuery) {
    auto c = connectOk(*driver());
    std::atomic<bool> started{false};
    auto result = std::async(std::launch::async, [&] {
        started = true;
        return c->execute(kEndless, farAway());
    });
    while (!started) std::this_thread::yield();
    std::this_thread::sleep_for(20ms);
    const auto cancelAt = Clock::now();
    while (result.wait_for(0s) != std::future_status::ready && Clock::now() - cancelAt < 15s) {
        c->cancel();
        result.wait_for(10ms);
    }
    const auto elapsed = msSince(cancelAt);
    auto r = result.get();
    ASSERT_FALSE(r);
    EXPECT_FALSE(r.error().fatal);
    EXPECT_NE(r.message().find("statement canceled"), std::string::npos) << r.message();
    EXPECT_LT(elapsed, 100);
    EXPECT_TRUE(c->validate(farAway()));
}

TEST_F(SqliteDriverTest, LockWaitEndsAtBusyTimeoutOrDeadline) {
    auto writer = connectOk(*driver());
    rows(*writer, "CREATE TABLE t(x); BEGIN IMMEDIATE; INSERT INTO t VALUES (1)");
    auto other = connectOk(*driver("?busy_timeout_ms=50"));

    auto start = Clock::now();
    auto busy = other->execute("INSERT INTO t VALUES (2)", farAway());
    auto elapsed = msSince(start);
    ASSERT_FALSE(busy);
    EXPECT_FALSE(busy.error().fatal);
    EXPECT_NE(busy.message().find("database is locked"), std::string::npos) << busy.message();
    EXPECT_GE(elapsed, 45);
    EXPECT_LT(elapsed, 1000);

    auto patient = connectOk(*driver("?busy_timeout_ms=60000"));
    start = Clock::now();
    auto late = patient->execute("INSERT INTO t VALUES (3)", in(50ms));
    elapsed = msSince(start);
    ASSERT_FALSE(late);
    EXPECT_NE(late.message().find("statement timed out after 50 ms (database is locked)"),
              std::string::npos)
        << late.message();
    EXPECT_LT(elapsed, 1000);

    rows(*writer, "COMMIT");
    EXPECT_EQ(rows(*other, "INSERT INTO t VALUES (4)"), 1);
}

TEST_F(SqliteDriverTest, MissingFolderIsNamed) {
    const std::string missing = (dir_ / "no" / "such").string();
    auto d = SqliteDriver::create(Url::parse("sqlite://" + missing + "/x.db").value());
    ASSERT_FALSE(d);
    EXPECT_NE(d.message().find("folder '" + missing + "' does not exist"), std::string::npos)
        << d.message();

    // A folder that disappears after the driver was created.
    fs::create_directories(missing);
    auto late = SqliteDriver::create(Url::parse("sqlite://" + missing + "/x.db").value());
    ASSERT_TRUE(late) << late.message();
    fs::remove_all(dir_ / "no");
    auto conn = (*late)->connect(farAway());
    ASSERT_FALSE(conn);
    EXPECT_TRUE(conn.error().fatal);
    EXPECT_NE(conn.message().find("folder '" + missing + "' does not exist"), std::string::npos)
        << conn.message();
    EXPECT_NE(conn.message().find(missing + "/x.db"), std::string::npos) << conn.message();
}

TEST_F(SqliteDriverTest, GarbageFileIsAFatalError) {
    std::ofstream(file(), std::ios::binary) << std::string(8192, 'x');
    auto conn = driver()->connect(farAway());
    ASSERT_FALSE(conn);
    EXPECT_TRUE(conn.error().fatal);
    EXPECT_NE(conn.message().find("file is not a database"), std::string::npos) << conn.message();
    EXPECT_NE(conn.message().find(file()), std::string::npos) << conn.message();
}

TEST_F(SqliteDriverTest, ConnectionOutlivesItsDriver) {
    auto d = driver();
    auto c = connectOk(*d);
    d.reset();
    EXPECT_EQ(rows(*c, "CREATE TABLE t(x); INSERT INTO t VALUES (1)"), 1);
    auto r = c->execute("SELECT * FROM nope", farAway());
    ASSERT_FALSE(r);
    EXPECT_NE(r.message().find(file()), std::string::npos);
}

TEST(SqliteDriverUrlTest, RelativePathsStayRelative) {
    auto d = SqliteDriver::create(Url::parse("sqlite://relative.db").value());
    ASSERT_TRUE(d) << d.message();
    EXPECT_EQ((*d)->filePath(), "relative.db");
    EXPECT_EQ((*d)->displayUrl(), "sqlite://relative.db");
    auto abs = SqliteDriver::create(Url::parse("sqlite:///tmp/a.db?busy_timeout_ms=10").value());
    ASSERT_TRUE(abs) << abs.message();
    EXPECT_EQ((*abs)->filePath(), "/tmp/a.db");
    EXPECT_EQ((*abs)->busyTimeoutMs(), 10);
}

TEST(SqliteDriverUrlTest, RejectsBadUrls) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"sqlite:///tmp/a.db?busy_timeout_ms=abc", "busy_timeout_ms='abc'"},
        {"sqlite:///tmp/a.db?timeout=5", "unknown parameter 'timeout' (value '5')"},
        {"sqlite://", "names no file"},
        {"sqlite:///tmp/", "names no file"},
        {"sqlite://u:secret@x.db", "has a user, password or port"},
    };
    for (const auto& [text, expected] : cases) {
        SCOPED_TRACE(text);
        auto d = SqliteDriver::create(Url::parse(text).value());
        ASSERT_FALSE(d);
        EXPECT_NE(d.message().find(expected), std::string::npos) << d.message();
        EXPECT_EQ(d.message().find("secret"), std::string::npos) << d.message();
    }
}

}  // namespace
}  // namespace poolscope
