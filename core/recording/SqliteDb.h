#pragma once
// One SQLite connection (RAII), opened defensively: a .psrec may be damaged
// or hostile, so queries are bounded in work and memory and the schema is
// never trusted to run functions.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/recording/SqliteStatement.h"
#include "core/util/Result.h"

struct sqlite3;

namespace poolscope {

/// An open database. Not movable (statements point to it): held by
/// unique_ptr. Not thread-safe: one thread at a time.
class SqliteDb {
public:
    enum class Mode : uint8_t {
        Create,     ///< read-write, created when missing
        ReadWrite,  ///< read-write, must exist (recovers a crashed WAL file)
        ReadOnly,   ///< read-only, must exist
        Immutable,  ///< read-only, ignores any -wal and -shm file (read-only media)
    };

    /// Opens `path`. The error names the file and SQLite's reason.
    static Result<std::unique_ptr<SqliteDb>> open(const std::string& path, Mode mode);
    /// A read-only database over a copy of `bytes` (a whole .psrec image).
    static Result<std::unique_ptr<SqliteDb>> openBytes(std::string_view bytes);

    SqliteDb(const SqliteDb&) = delete;
    SqliteDb& operator=(const SqliteDb&) = delete;
    ~SqliteDb();

    /// Runs one or more statements that return no rows.
    Status exec(std::string_view sql);
    /// Prepares one statement; the error carries SQLite's message.
    Result<SqliteStatement> prepare(std::string_view sql);
    /// Runs `sql` and returns column 0 of its first row as an integer, or
    /// the error; nullopt-like 0 rows is an error naming the query.
    Result<int64_t> queryInt(std::string_view sql);

    /// For readers: a file shorter than its header says (a truncated copy)
    /// opens, and only the pages past its end read as damaged. Never use on
    /// a connection that writes.
    void tolerateTruncation();

    /// Most work (SQLite VM steps, in thousands) one step() may do before it
    /// is interrupted, so a hostile file cannot make a query run for ever.
    void setStepBudget(int64_t thousands) { budget_ = thousands; }
    /// Called by SqliteStatement::step before each step.
    void resetBudget() { used_ = 0; }

    /// Row id of the last successful INSERT on this connection.
    int64_t lastInsertId() const;

    sqlite3* handle() const { return db_; }
    /// SQLite's message for the last error on this connection.
    std::string lastMessage() const;

private:
    explicit SqliteDb(sqlite3* db);
    void harden();
    static int onProgress(void* self);

    sqlite3* db_ = nullptr;
    int64_t budget_ = 0;  ///< 0 = unlimited
    int64_t used_ = 0;
};

}  // namespace poolscope
