#pragma once
// One libpq connection behind the Connection interface.

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include <libpq-fe.h>

#include "core/drivers/Driver.h"

namespace poolscope {

class PgCanceller;

/// An established PostgreSQL session. Every call honours its deadline: the
/// socket is non-blocking and waited on with poll(). Not thread-safe except
/// cancel() (Connection's contract).
class PgConnection final : public Connection {
public:
    /// How long execute() waits, after its deadline and a cancel request, for
    /// the server to confirm the cancel before it gives the connection up.
    static constexpr std::chrono::milliseconds kCancelGrace{500};

    /// Takes ownership of `conn` (status CONNECTION_OK). `target` is
    /// "host:port" for messages; `secret` (the password) is scrubbed from any
    /// message that would contain it.
    PgConnection(PGconn* conn, std::string target, std::string secret);
    ~PgConnection() override;
    PgConnection(const PgConnection&) = delete;
    PgConnection& operator=(const PgConnection&) = delete;

    /// Runs `SELECT 1`. Past the deadline the connection is given up (fatal
    /// error): a validation that hangs means the connection cannot be trusted.
    Status validate(Deadline deadline) override;
    /// Runs `sql` (several statements allowed; rows are counted and dropped,
    /// except the first value of the first row set, in text format).
    /// At the deadline a cancel request is sent; the error is not fatal when
    /// the server confirms the cancel within kCancelGrace, fatal otherwise.
    Result<QueryResult> execute(std::string_view sql, Deadline deadline) override;
    /// As execute(), keeping the first row set (text format).
    Result<QueryResult> query(std::string_view sql, Deadline deadline) override;
    /// Sends a cancel request without waiting for it. Thread-safe.
    void cancel() override;
    /// The backend PID (PgBouncer's own id when behind PgBouncer).
    int64_t serverId() const override { return pid_; }

private:
    Result<QueryResult> run(const std::string& sql, Deadline deadline, bool cancelAtDeadline,
                            std::string_view what, bool keepRows = false);
    /// The error for a session that is gone, quoting the server's last FATAL
    /// message when it sent one (e.g. idle_session_timeout).
    Error lost(std::string_view what) const;
    Error make(std::string message, bool fatal) const;
    static void onNotice(void* self, const PGresult* res);

    PGconn* conn_;
    std::shared_ptr<PgCanceller> canceller_;
    std::string target_;
    std::string secret_;
    std::string serverFatal_;  ///< last FATAL/PANIC the server sent outside a query
    int64_t pid_ = 0;
};

}  // namespace poolscope
