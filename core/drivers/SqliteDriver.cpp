#include "core/drivers/SqliteDriver.h"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <climits>
#include <filesystem>
#include <mutex>
#include <system_error>
#include <thread>
#include <utility>

namespace poolscope {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

/// Errors after which the connection (or the file under it) cannot be trusted.
bool isFatal(int rc) {
    switch (rc & 0xFF) {
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
        case SQLITE_IOERR:
        case SQLITE_CANTOPEN:
        case SQLITE_MISUSE:
            return true;
        default:
            return false;
    }
}

/// The folder that must exist for `file` to be created.
std::filesystem::path folderOf(const std::string& file) {
    std::filesystem::path folder = std::filesystem::path(file).parent_path();
    return folder.empty() ? std::filesystem::path(".") : folder;
}

/// Why `file`'s folder cannot hold it, or an empty string if it can.
std::string folderProblem(const std::string& file) {
    const std::filesystem::path folder = folderOf(file);
    std::error_code ec;
    if (std::filesystem::is_directory(folder, ec)) return {};
    if (std::filesystem::exists(folder, ec)) return "'" + folder.string() + "' is not a folder";
    return "folder '" + folder.string() + "' does not exist";
}

/// One open sqlite3 handle. The private connection class of SqliteDriver.
class SqliteConnection final : public Connection {
public:
    SqliteConnection(sqlite3* db, std::string path, int64_t busyTimeoutMs)
        : db_(db), path_(std::move(path)), busyTimeout_(busyTimeoutMs) {
        sqlite3_extended_result_codes(db_, 1);
        sqlite3_progress_handler(db_, 1000, &SqliteConnection::onProgress, this);
        sqlite3_busy_handler(db_, &SqliteConnection::onBusy, this);
    }

    ~SqliteConnection() override {
        std::lock_guard lock(mutex_);
        sqlite3_close_v2(db_);
        db_ = nullptr;
    }

    Status validate(Deadline deadline) override { return execute("SELECT 1", deadline).status(); }

    Result<QueryResult> execute(std::string_view sql, Deadline deadline) override {
        auto result = run(sql, deadline);
        if (!result) {
            return Error{"query on sqlite '" + path_ + "' failed: " + result.message(),
                         result.error().fatal};
        }
        return result;
    }

    void cancel() override {
        std::lock_guard lock(mutex_);
        canceled_.store(true, std::memory_order_release);
        if (db_ != nullptr) sqlite3_interrupt(db_);
    }

    /// Runs `sql`; the error message has no "query on ..." prefix.
    Result<QueryResult> run(std::string_view sql, Deadline deadline) {
        deadline_ = deadline;
        start_ = steady_clock::now();
        canceled_.store(false, std::memory_order_relaxed);
        if (sql.size() > static_cast<size_t>(INT_MAX)) return Error{"statement text too long"};

        QueryResult out;
        bool sawRowSet = false;  // firstValue comes from the first statement with columns
        const char* tail = sql.data();
        const char* const end = sql.data() + sql.size();
        while (tail < end) {
            // A cancel between two statements would otherwise be lost.
            if (canceled_.load(std::memory_order_acquire)) return failure(SQLITE_INTERRUPT);
            sqlite3_stmt* raw = nullptr;
            const char* next = nullptr;
            int rc = sqlite3_prepare_v2(db_, tail, static_cast<int>(end - tail), &raw, &next);
            if (rc != SQLITE_OK) return failure(rc);
            tail = next;
            if (raw == nullptr) continue;  // only whitespace or a comment
            std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt(raw, &sqlite3_finalize);
            const sqlite3_int64 changesBefore = sqlite3_total_changes64(db_);
            const bool hasColumns = sqlite3_column_count(stmt.get()) > 0;
            while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
                if (!sawRowSet && sqlite3_column_type(stmt.get(), 0) != SQLITE_NULL) {
                    const unsigned char* text = sqlite3_column_text(stmt.get(), 0);
                    const auto bytes = static_cast<size_t>(sqlite3_column_bytes(stmt.get(), 0));
                    if (text) out.firstValue.emplace(reinterpret_cast<const char*>(text), bytes);
                }
                sawRowSet = true;
                ++out.rows;
            }
            if (rc != SQLITE_DONE) return failure(rc);
            if (hasColumns) sawRowSet = true;
            else out.rows += sqlite3_total_changes64(db_) - changesBefore;
        }
        return out;
    }

private:
    /// The error for result code `rc` of the statement in progress.
    Error failure(int rc) {
        const int primary = rc & 0xFF;
        const std::string reason = sqlite3_errmsg(db_);
        if (primary == SQLITE_INTERRUPT || primary == SQLITE_BUSY) {
            if (canceled_.load(std::memory_order_acquire)) return Error{"statement canceled"};
            if (steady_clock::now() >= deadline_) {
                const auto budget =
                    std::chrono::round<milliseconds>(std::max(deadline_, start_) - start_);
                std::string msg =
                    "statement timed out after " + std::to_string(budget.count()) + " ms";
                if (primary == SQLITE_BUSY) msg += " (" + reason + ")";
                return Error{std::move(msg)};
            }
        }
        return Error{reason, isFatal(rc)};
    }

    /// Called every 1000 VM steps; non-zero interrupts the statement.
    static int onProgress(void* self) {
        auto* c = static_cast<SqliteConnection*>(self);
        return c->canceled_.load(std::memory_order_relaxed) || steady_clock::now() >= c->deadline_;
    }

    /// Called while another connection holds a lock; 0 gives up (SQLITE_BUSY).
    /// Waits at most busy_timeout_ms per lock and never past the deadline.
    static int onBusy(void* self, int count) {
        static constexpr int kDelaysMs[] = {1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100};
        auto* c = static_cast<SqliteConnection*>(self);
        const auto now = steady_clock::now();
        if (count == 0) c->busyStart_ = now;
        const auto limit =
            std::min<steady_clock::time_point>(c->busyStart_ + c->busyTimeout_, c->deadline_);
        if (now >= limit || c->canceled_.load(std::memory_order_acquire)) return 0;
        const milliseconds delay(kDelaysMs[std::min<size_t>(count, std::size(kDelaysMs) - 1)]);
        std::this_thread::sleep_for(std::min<steady_clock::duration>(delay, limit - now));
        return 1;
    }

    sqlite3* db_;
    std::string path_;  // a copy: the connection may outlive its driver
    milliseconds busyTimeout_;
    Deadline deadline_{};
    steady_clock::time_point start_{};
    steady_clock::time_point busyStart_{};
    std::atomic<bool> canceled_{false};
    std::mutex mutex_;  // keeps db_ open while cancel() interrupts it
};

}  // namespace

Result<std::shared_ptr<SqliteDriver>> SqliteDriver::create(const Url& url) {
    constexpr std::string_view kExample = "expected e.g. sqlite:///path/to/file.db";
    if (url.scheme() != "sqlite")
        return Error{"not a sqlite:// URL: " + url.masked() + "; " + std::string(kExample)};
    if (!url.user().empty() || url.hasPassword() || url.port() != 0) {
        return Error{"SQLite URL " + url.masked() + " has a user, password or port; " +
                     std::string(kExample)};
    }
    const std::string file = url.host() + url.path();
    if (file.empty() || file.back() == '/')
        return Error{"SQLite URL " + url.masked() + " names no file; " + std::string(kExample)};
    if (Status s = url.checkParams({"busy_timeout_ms"}); !s) return s;
    auto busy = url.integerParam("busy_timeout_ms", 5000, 0, 86'400'000);
    if (!busy) return busy.error();
    if (std::string problem = folderProblem(file); !problem.empty())
        return Error{"SQLite database " + url.masked() + ": " + problem};
    return std::make_shared<SqliteDriver>(file, *busy, url.masked());
}

SqliteDriver::SqliteDriver(std::string filePath, int64_t busyTimeoutMs, std::string displayUrl)
    : filePath_(std::move(filePath)),
      busyTimeoutMs_(busyTimeoutMs),
      displayUrl_(std::move(displayUrl)) {}

Result<std::unique_ptr<Connection>> SqliteDriver::connect(Deadline deadline) {
    const std::string prefix = "connect to sqlite '" + filePath_ + "' failed: ";
    sqlite3* db = nullptr;
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(filePath_.c_str(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string reason = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
        sqlite3_close_v2(db);
        if (std::string problem = folderProblem(filePath_); !problem.empty())
            reason += " (" + problem + ")";
        return Error{prefix + reason, isFatal(rc)};
    }
    auto conn = std::make_unique<SqliteConnection>(db, filePath_, busyTimeoutMs_);
    // WAL lets readers run while one connection writes; a no-op once set.
    if (auto r = conn->run("PRAGMA journal_mode=WAL", deadline); !r)
        return Error{prefix + r.message(), r.error().fatal};
    return std::unique_ptr<Connection>(std::move(conn));
}

}  // namespace poolscope
