#pragma once
// The database side of the pool: a Driver opens Connections. Implementations:
// SimDriver (sim://), SqliteDriver (sqlite://), and later PostgreSQL and MySQL.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>
#include <string_view>
#include <utility>

#include "core/util/Result.h"

namespace poolscope {

/// An absolute point in time on std::chrono::steady_clock by which a driver
/// call must have returned (with an error if the work is not done).
using Deadline = std::chrono::steady_clock::time_point;

/// What a statement produced.
struct QueryResult {
    QueryResult() = default;
    /// Spelled out (not an aggregate) so that `QueryResult{1}` stays clean
    /// under -Wextra's missing-field-initializers.
    explicit QueryResult(int64_t rowCount, std::optional<std::string> first = std::nullopt)
        : rows(rowCount), firstValue(std::move(first)) {}

    int64_t rows = 0;  ///< rows returned (SELECT) or affected (DML)
    /// The first column of the first row of the first result set, as text;
    /// empty when the statement returned no rows, the value is NULL, or the
    /// driver does not read values (sim). Lets a caller read one setting
    /// (`SHOW max_connections`) without a result-set API.
    std::optional<std::string> firstValue;
    /// Filled by Connection::query() only: the first row set's column names
    /// and its cells as text (nullopt for SQL NULL).
    std::vector<std::string> columns;
    std::vector<std::vector<std::optional<std::string>>> cells;
    /// Index of `column` in `columns`, or -1.
    int columnIndex(std::string_view column) const {
        for (size_t i = 0; i < columns.size(); ++i)
            if (columns[i] == column) return static_cast<int>(i);
        return -1;
    }
};

/// One physical database connection. Not thread-safe, except cancel(): the pool
/// guarantees that only the thread holding the connection calls the others.
class Connection {
public:
    virtual ~Connection() = default;
    /// Checks that the connection still works (a ping or `SELECT 1`).
    /// An error with fatal=true means the connection is dead.
    virtual Status validate(Deadline deadline) = 0;
    /// Runs one statement and discards its rows (keeping only
    /// QueryResult::firstValue). Errors that leave the
    /// connection unusable have fatal=true.
    virtual Result<QueryResult> execute(std::string_view sql, Deadline deadline) = 0;
    /// As execute(), keeping the first row set's columns and cells (for a
    /// catalogue read such as pg_stat_activity; not for the workload). The
    /// default refuses: the database gives PoolScope no rows.
    virtual Result<QueryResult> query(std::string_view sql, Deadline deadline) {
        (void)sql;
        (void)deadline;
        return Error{"this database does not return rows to PoolScope"};
    }
    /// Asks the server to stop the statement in progress. Thread-safe; does
    /// nothing where the database has no cancel.
    virtual void cancel() {}
    /// The server's id for this session (PostgreSQL backend PID, MySQL thread
    /// id); 0 when the database has none.
    virtual int64_t serverId() const { return 0; }
};

/// Opens connections to one database. Thread-safe: the pool calls connect()
/// from several threads at once, outside any pool lock.
class Driver {
public:
    virtual ~Driver() = default;
    /// Short driver name: "sim", "sqlite", "postgresql", "mysql".
    virtual std::string_view name() const = 0;
    /// The URL with any password replaced by "***", safe to log or display.
    virtual std::string displayUrl() const = 0;
    /// Opens a new connection, giving up at the deadline. The error message
    /// names the target and the server's own words.
    virtual Result<std::unique_ptr<Connection>> connect(Deadline deadline) = 0;
};

}  // namespace poolscope
