#pragma once
// SQLite through the sqlite3 C library: a real database in a local file.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/drivers/Driver.h"
#include "core/drivers/Url.h"
#include "core/util/Result.h"

namespace poolscope {

/// Driver for `sqlite:///absolute/path.db` or `sqlite://relative/path.db`
/// (relative to the working directory), with the optional parameter
/// `busy_timeout_ms` (default 5000): how long a statement waits for another
/// connection's lock before failing with "database is locked".
///
/// Each connection opens the file read-write (created if missing; its folder
/// must exist) in WAL journal mode, so readers and one writer work at once.
/// - execute() runs every statement in the text and returns the rows they
///   returned plus the rows they changed, and the first value of the first
///   statement that has columns (as text). At the deadline it stops with the
///   non-fatal error "statement timed out after N ms" (a lock wait stops
///   there too); cancel() stops it with "statement canceled" (non-fatal).
/// - validate() runs `SELECT 1`.
/// - fatal=true for errors that mean the file or the connection is broken:
///   SQLITE_CORRUPT, SQLITE_NOTADB, SQLITE_IOERR*, SQLITE_CANTOPEN and
///   SQLITE_MISUSE. SQLITE_FULL (disk full), SQLITE_BUSY and SQLITE_READONLY
///   are not fatal: a new connection would fail the same way, and the old one
///   works again once the condition clears.
/// - Messages carry sqlite3_errmsg() and the file path.
/// - serverId() is 0.
/// Thread-safe as the Driver contract requires.
class SqliteDriver final : public Driver {
public:
    /// Reads a sqlite:// URL and checks that the database's folder exists.
    /// The error names a missing folder, or a bad parameter and its value.
    /// Opens nothing.
    static Result<std::shared_ptr<SqliteDriver>> create(const Url& url);
    /// A driver for the database file `filePath`; `displayUrl` is what
    /// displayUrl() returns.
    SqliteDriver(std::string filePath, int64_t busyTimeoutMs, std::string displayUrl);

    std::string_view name() const override { return "sqlite"; }
    std::string displayUrl() const override { return displayUrl_; }
    Result<std::unique_ptr<Connection>> connect(Deadline deadline) override;

    /// The database file as given in the URL (relative paths stay relative).
    const std::string& filePath() const { return filePath_; }
    /// Longest wait for another connection's lock, in milliseconds.
    int64_t busyTimeoutMs() const { return busyTimeoutMs_; }

private:
    std::string filePath_;
    int64_t busyTimeoutMs_;
    std::string displayUrl_;
};

}  // namespace poolscope
