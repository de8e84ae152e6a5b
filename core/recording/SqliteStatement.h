#pragma once
// One prepared SQLite statement (RAII). Used by the recording writer and
// reader only; SQLite is an implementation detail of the .psrec format.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/util/Result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace poolscope {

class SqliteDb;

/// A prepared statement, finalized when destroyed. Move-only. Not
/// thread-safe: used by the thread that owns its SqliteDb.
class SqliteStatement {
public:
    SqliteStatement() = default;
    SqliteStatement(SqliteStatement&& other) noexcept;
    SqliteStatement& operator=(SqliteStatement&& other) noexcept;
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;
    ~SqliteStatement();

    /// False for a default-constructed or moved-from statement.
    bool isPrepared() const { return stmt_ != nullptr; }

    /// Parameters are numbered from 1. Text and blobs are copied by SQLite.
    SqliteStatement& bind(int index, int64_t value);
    SqliteStatement& bind(int index, double value);
    SqliteStatement& bindText(int index, std::string_view text);
    SqliteStatement& bindBlob(int index, std::string_view bytes);
    SqliteStatement& bindNull(int index);

    /// Runs to the next row: true when a row is ready, false when done. The
    /// error carries SQLite's message ("database disk image is malformed")
    /// and lastCode() its primary result code.
    Result<bool> step();
    /// Runs a statement that returns no rows; then resets it.
    Status run();
    /// Ready to run again; bindings are cleared.
    void reset();

    /// Columns are numbered from 0; valid after step() returned true. Views
    /// stay valid until the next step(), reset() or destruction.
    int64_t int64(int column) const;
    double real(int column) const;
    std::string_view text(int column) const;
    std::string_view blob(int column) const;
    bool isNull(int column) const;
    /// SQLite's primary result code of the last failed step (SQLITE_CORRUPT,
    /// SQLITE_NOTADB, ...), 0 when none failed.
    int lastCode() const { return lastCode_; }

private:
    friend class SqliteDb;
    SqliteStatement(sqlite3_stmt* stmt, SqliteDb* db) : stmt_(stmt), db_(db) {}

    sqlite3_stmt* stmt_ = nullptr;
    SqliteDb* db_ = nullptr;
    int lastCode_ = 0;
};

}  // namespace poolscope
