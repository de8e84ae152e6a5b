#include "core/drivers/Url.h"
#include "core/drivers/postgres/PgConnection.h"

#include <cstdlib>
#include <optional>

#include "core/drivers/postgres/PgCanceller.h"
#include "core/drivers/postgres/PgErrors.h"
#include "core/drivers/postgres/PgWait.h"

namespace poolscope {

PgConnection::PgConnection(PGconn* conn, std::string target, std::string secret)
    : conn_(conn),
      canceller_(std::make_shared<PgCanceller>(conn)),
      target_(std::move(target)),
      secret_(std::move(secret)),
      pid_(PQbackendPID(conn)) {
    PQsetnonblocking(conn_, 1);
    // Messages the server sends while no query runs (e.g. the FATAL before an
    // idle-session-timeout disconnect) reach libpq's notice receiver.
    PQsetNoticeReceiver(conn_, &PgConnection::onNotice, this);
}

PgConnection::~PgConnection() { PQfinish(conn_); }

void PgConnection::onNotice(void* self, const PGresult* res) {
    auto* c = static_cast<PgConnection*>(self);
    const char* sev = PQresultErrorField(res, PG_DIAG_SEVERITY_NONLOCALIZED);
    if (sev && pg::isFatalSeverity(sev)) c->serverFatal_ = pg::describeResult(res);
}

Error PgConnection::make(std::string message, bool fatal) const {
    return Error{scrubSecret(std::move(message), secret_), fatal};
}

Error PgConnection::lost(std::string_view what) const {
    std::string msg = std::string(what) + " on " + target_ + " failed: connection lost";
    if (!serverFatal_.empty()) msg += "; the server said: " + serverFatal_;
    std::string lib = pg::oneLine(PQerrorMessage(conn_));
    if (!lib.empty()) msg += " (" + lib + ")";
    return make(std::move(msg), true);
}

Status PgConnection::validate(Deadline deadline) {
    auto r = run("SELECT 1", deadline, false, "validation");
    return r ? Status::ok() : Status(r.error());
}

Result<QueryResult> PgConnection::execute(std::string_view sql, Deadline deadline) {
    return run(std::string(sql), deadline, true, "query");
}

Result<QueryResult> PgConnection::query(std::string_view sql, Deadline deadline) {
    return run(std::string(sql), deadline, true, "query", true);
}

void PgConnection::cancel() { canceller_->requestAsync(); }

Result<QueryResult> PgConnection::run(const std::string& sql, Deadline deadline,
                                      bool cancelAtDeadline, std::string_view what, bool keepRows) {
    const auto start = std::chrono::steady_clock::now();
    // Read what arrived while idle: a server that hung up is noticed here.
    if (PQstatus(conn_) == CONNECTION_BAD || !PQconsumeInput(conn_)) return lost(what);
    while (!PQisBusy(conn_)) {  // drop anything left from an abandoned statement
        PGresult* stale = PQgetResult(conn_);
        if (!stale) break;
        PQclear(stale);
    }
    if (!PQsendQuery(conn_, sql.c_str())) {
        if (PQstatus(conn_) == CONNECTION_BAD) return lost(what);
        return make(std::string(what) + " on " + target_ + " could not be sent: " +
                        pg::oneLine(PQerrorMessage(conn_)),
                    false);
    }

    Deadline limit = deadline;
    bool canceled = false;
    auto timedOut = [&]() -> Error {
        auto ms = pg::elapsedMs(start);
        if (!cancelAtDeadline) {
            return make(std::string(what) + " on " + target_ + " got no answer within " +
                            std::to_string(ms) + " ms; connection given up",
                        true);
        }
        return make(std::string(what) + " on " + target_ + " passed its deadline after " +
                        std::to_string(ms) + " ms and the server did not confirm the cancel " +
                        "within " + std::to_string(kCancelGrace.count()) +
                        " ms; connection given up",
                    true);
    };
    // Waits for `events`; at the limit either cancels (once) or gives up.
    auto wait = [&](short events) -> std::optional<Error> {
        for (;;) {
            int rc = pg::waitFd(PQsocket(conn_), events, limit);
            if (rc > 0) return std::nullopt;
            if (rc < 0) return lost(what);
            if (!cancelAtDeadline || canceled) return timedOut();
            canceled = true;
            canceller_->requestAsync();
            limit = std::chrono::steady_clock::now() + kCancelGrace;
        }
    };

    for (;;) {  // flush the query out (non-blocking socket)
        int f = PQflush(conn_);
        if (f == 0) break;
        if (f < 0) return lost(what);
        if (auto e = wait(POLLOUT | POLLIN)) return *e;
        if (!PQconsumeInput(conn_)) return lost(what);
    }

    QueryResult out;
    bool sawRowSet = false;  // firstValue comes from the first row set only
    std::string firstError;
    bool fatal = false;
    bool wasCanceled = false;
    for (;;) {
        while (!PQisBusy(conn_)) {
            PGresult* res = PQgetResult(conn_);
            if (!res) {
                const bool bad = PQstatus(conn_) == CONNECTION_BAD;
                if (bad && (firstError.empty() || !serverFatal_.empty())) return lost(what);
                if (firstError.empty()) return out;
                fatal = fatal || bad;
                if (wasCanceled && canceled) {
                    firstError = "passed its deadline after " +
                                 std::to_string(pg::elapsedMs(start)) +
                                 " ms and was canceled; the server said: " + firstError;
                } else {
                    firstError = "failed: " + firstError;
                }
                return make(std::string(what) + " on " + target_ + " " + firstError, fatal);
            }
            switch (PQresultStatus(res)) {
                case PGRES_TUPLES_OK:
                case PGRES_SINGLE_TUPLE:
                    out.rows += PQntuples(res);
                    if (!sawRowSet && PQntuples(res) > 0 && PQnfields(res) > 0 &&
                        !PQgetisnull(res, 0, 0))
                        out.firstValue.emplace(PQgetvalue(res, 0, 0), PQgetlength(res, 0, 0));
                    if (keepRows && !sawRowSet) {
                        const int cols = PQnfields(res), rows = PQntuples(res);
                        for (int c = 0; c < cols; ++c) out.columns.emplace_back(PQfname(res, c));
                        out.cells.reserve(static_cast<size_t>(rows));
                        for (int r = 0; r < rows; ++r) {
                            auto& row = out.cells.emplace_back();
                            for (int c = 0; c < cols; ++c)
                                row.push_back(PQgetisnull(res, r, c)
                                                  ? std::nullopt
                                                  : std::optional<std::string>(
                                                        std::in_place, PQgetvalue(res, r, c), PQgetlength(res, r, c)));
                        }
                    }
                    sawRowSet = true;
                    break;
                case PGRES_COMMAND_OK:
                    out.rows += std::atoll(PQcmdTuples(res));
                    break;
                case PGRES_EMPTY_QUERY:
                    break;
                case PGRES_COPY_IN:
                case PGRES_COPY_OUT:
                case PGRES_COPY_BOTH:
                    PQclear(res);
                    return make(std::string(what) + " on " + target_ +
                                    ": COPY is not supported; connection given up",
                                true);
                default: {
                    const char* state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
                    const char* sev = PQresultErrorField(res, PG_DIAG_SEVERITY_NONLOCALIZED);
                    if (state && std::string_view(state) == "57014") wasCanceled = true;
                    if ((state && pg::isFatalSqlState(state)) || (sev && pg::isFatalSeverity(sev)))
                        fatal = true;
                    if (firstError.empty()) firstError = pg::describeResult(res);
                    break;
                }
            }
            PQclear(res);
        }
        if (auto e = wait(POLLIN)) return *e;
        if (!PQconsumeInput(conn_)) return lost(what);
    }
}

}  // namespace poolscope
