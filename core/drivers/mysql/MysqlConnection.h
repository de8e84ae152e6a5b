#pragma once
// One MySQL/MariaDB session behind the Connection interface.

#include <mysql.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "core/drivers/Driver.h"
#include "core/drivers/mysql/MysqlConfig.h"

namespace poolscope {

/// An established session, driven through the non-blocking client API so
/// every call honours its deadline to the millisecond. Not thread-safe except
/// cancel() (Connection's contract). Any thread may use it: each call
/// registers the calling thread with the client library first.
class MysqlConnection final : public Connection {
public:
    /// How long execute() waits, after its deadline, for the KILL QUERY sent
    /// from a second session to take effect before it gives the connection up.
    static constexpr std::chrono::milliseconds kCancelGrace{500};

    /// Takes ownership of `handle` (connected by MysqlConnector).
    MysqlConnection(MYSQL* handle, std::shared_ptr<const MysqlConfig> config);
    ~MysqlConnection() override;
    MysqlConnection(const MysqlConnection&) = delete;
    MysqlConnection& operator=(const MysqlConnection&) = delete;

    /// mysql_ping. Any failure is fatal (the session cannot be trusted), and
    /// so is the deadline passing.
    Status validate(Deadline deadline) override;
    /// Runs `sql` (several statements allowed); rows are counted and dropped,
    /// except the first value of the first result set, as text.
    /// At the deadline it sends KILL QUERY from a second session: the error
    /// is not fatal when the server stops the statement within kCancelGrace,
    /// fatal otherwise.
    Result<QueryResult> execute(std::string_view sql, Deadline deadline) override;
    /// As execute(), keeping the first result set (as text).
    Result<QueryResult> query(std::string_view sql, Deadline deadline) override;
    /// KILL QUERY <thread id> from a second session, waiting at most
    /// 4 × kCancelGrace for it. Thread-safe.
    void cancel() override;
    /// The server's thread id (mysql_thread_id), as in PROCESSLIST.ID.
    int64_t serverId() const override { return threadId_; }

private:
    Result<QueryResult> run(std::string_view sql, Deadline deadline, bool keepRows);
    Status killQuery(Deadline deadline) const;
    /// The error for the handle's last error; marks the session broken when
    /// the error is fatal.
    Error lastError(std::string_view what, bool killed,
                    std::chrono::steady_clock::time_point start);
    Error givenUp(std::string_view what, std::string why);

    MYSQL* m_;
    std::shared_ptr<const MysqlConfig> config_;
    int64_t threadId_;
    bool broken_ = false;     ///< fatal error seen: every later call fails at once
    bool abandoned_ = false;  ///< an operation was cut off mid-way: close without talking
};

}  // namespace poolscope
