#include "core/drivers/Url.h"
#include "core/drivers/mysql/MysqlConnection.h"

#include "core/drivers/mysql/MysqlAsync.h"
#include "core/drivers/mysql/MysqlConnector.h"
#include "core/drivers/mysql/MysqlErrors.h"
#include "core/drivers/mysql/MysqlLibrary.h"

namespace poolscope {

namespace {

constexpr unsigned kQueryInterrupted = 1317;  // ER_QUERY_INTERRUPTED

long long msSince(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now() - t)
        .count();
}

}  // namespace

MysqlConnection::MysqlConnection(MYSQL* handle, std::shared_ptr<const MysqlConfig> config)
    : m_(handle),
      config_(std::move(config)),
      threadId_(static_cast<int64_t>(mysql_thread_id(handle))) {}

MysqlConnection::~MysqlConnection() {
    (void)MysqlLibrary::enterThread();
    if (abandoned_ || broken_) {
        mysql::abandon(m_);
    } else {
        mysql_close(m_);
    }
}

Error MysqlConnection::givenUp(std::string_view what, std::string why) {
    broken_ = abandoned_ = true;
    return Error{std::string(what) + " on " + config_->target + " " + why +
                     "; connection given up",
                 true};
}

Error MysqlConnection::lastError(std::string_view what, bool killed,
                                 std::chrono::steady_clock::time_point start) {
    const unsigned code = mysql_errno(m_);
    std::string msg = std::string(what) + " on " + config_->target;
    bool fatal = mysql::isFatalCode(code) || what == "validation";
    if (killed && code == kQueryInterrupted) {
        msg += " passed its deadline after " + std::to_string(msSince(start)) +
               " ms and was stopped with KILL QUERY; the server said: ";
        fatal = false;
    } else {
        msg += " failed: ";
    }
    msg += mysql::describe(m_);
    if (fatal) broken_ = true;
    return Error{scrubSecret(std::move(msg), config_->password), fatal};
}

Status MysqlConnection::validate(Deadline deadline) {
    if (broken_) return Status::fail("validation on " + config_->target +
                                     ": the connection was already given up", true);
    if (auto s = MysqlLibrary::enterThread(); !s) return s;
    const auto start = std::chrono::steady_clock::now();
    int rc = 0;
    int status = mysql_ping_start(&rc, m_);
    if (!mysql::await(m_, status, deadline,
                      [&](int ready) { return mysql_ping_cont(&rc, m_, ready); })) {
        return givenUp("validation", "got no answer within " + std::to_string(msSince(start)) +
                                         " ms");
    }
    if (rc != 0) return lastError("validation", false, start);
    return Status::ok();
}

Result<QueryResult> MysqlConnection::execute(std::string_view sql, Deadline deadline) {
    return run(sql, deadline, false);
}

Result<QueryResult> MysqlConnection::query(std::string_view sql, Deadline deadline) {
    return run(sql, deadline, true);
}

Result<QueryResult> MysqlConnection::run(std::string_view sql, Deadline deadline, bool keepRows) {
    if (broken_) return Error{"query on " + config_->target +
                              ": the connection was already given up", true};
    if (auto s = MysqlLibrary::enterThread(); !s) return s.error();
    const auto start = std::chrono::steady_clock::now();
    Deadline limit = deadline;
    bool killed = false;
    // Waits for one step of the statement; at the deadline sends KILL QUERY
    // once and allows kCancelGrace more. False: give the connection up.
    auto step = [&](int& status, auto&& cont) {
        for (;;) {
            if (mysql::await(m_, status, limit, cont)) return true;
            if (killed) return false;
            killed = true;
            limit = std::chrono::steady_clock::now() + kCancelGrace;
            (void)killQuery(limit);
        }
    };
    auto timedOut = [&] {
        return givenUp("query", "passed its deadline after " + std::to_string(msSince(start)) +
                                    " ms and the server did not stop it within " +
                                    std::to_string(kCancelGrace.count()) + " ms of KILL QUERY");
    };

    int err = 0;
    int status = mysql_real_query_start(&err, m_, sql.data(), sql.size());
    if (!step(status, [&](int r) { return mysql_real_query_cont(&err, m_, r); })) return timedOut();
    if (err) return lastError("query", killed, start);

    QueryResult out;
    bool sawRowSet = false;  // firstValue comes from the first result set only
    for (;;) {
        MYSQL_RES* res = nullptr;
        status = mysql_store_result_start(&res, m_);
        if (!step(status, [&](int r) { return mysql_store_result_cont(&res, m_, r); }))
            return timedOut();
        if (res) {
            out.rows += static_cast<int64_t>(mysql_num_rows(res));
            if (!sawRowSet && mysql_num_fields(res) > 0) {
                // Stored result: fetching reads client memory, no network I/O.
                const unsigned cols = mysql_num_fields(res);
                if (keepRows) {
                    const MYSQL_FIELD* fields = mysql_fetch_fields(res);
                    for (unsigned c = 0; c < cols; ++c) out.columns.emplace_back(fields[c].name);
                }
                bool first = true;
                while (MYSQL_ROW row = mysql_fetch_row(res)) {
                    const unsigned long* lengths = mysql_fetch_lengths(res);
                    if (first && row[0] && lengths) out.firstValue.emplace(row[0], lengths[0]);
                    first = false;
                    if (!keepRows) break;
                    auto& cells = out.cells.emplace_back();
                    for (unsigned c = 0; c < cols; ++c)
                        cells.push_back(row[c] && lengths ? std::optional<std::string>(std::in_place, row[c], lengths[c])
                                                          : std::nullopt);
                }
            }
            sawRowSet = true;
            mysql_free_result(res);  // a stored result: no network I/O
        } else if (mysql_field_count(m_) == 0) {
            out.rows += static_cast<int64_t>(mysql_affected_rows(m_));
        } else {
            return lastError("query", killed, start);
        }
        if (!mysql_more_results(m_)) break;
        int next = 0;
        status = mysql_next_result_start(&next, m_);
        if (!step(status, [&](int r) { return mysql_next_result_cont(&next, m_, r); }))
            return timedOut();
        if (next > 0) return lastError("query", killed, start);
        if (next < 0) break;
    }
    if (killed) {
        // Some statements end "successfully" when killed (SLEEP() returns 1):
        // the caller still has to learn that its deadline passed.
        return Error{"query on " + config_->target + " passed its deadline after " +
                         std::to_string(msSince(start)) + " ms and was stopped with KILL QUERY",
                     false};
    }
    return out;
}

void MysqlConnection::cancel() {
    (void)killQuery(std::chrono::steady_clock::now() + 4 * kCancelGrace);
}

Status MysqlConnection::killQuery(Deadline deadline) const {
    auto h = MysqlConnector::open(*config_, deadline);
    if (!h) return h.status();
    MYSQL* k = *h;
    const std::string sql = "KILL QUERY " + std::to_string(threadId_);
    int err = 0;
    int status = mysql_real_query_start(&err, k, sql.data(), sql.size());
    if (!mysql::await(k, status, deadline,
                      [&](int r) { return mysql_real_query_cont(&err, k, r); })) {
        mysql::abandon(k);
        return Status::fail("KILL QUERY on " + config_->target + " got no answer");
    }
    Status result = err ? Status::fail("KILL QUERY on " + config_->target + " failed: " +
                                       mysql::describe(k))
                        : Status::ok();
    mysql_close(k);
    return result;
}

}  // namespace poolscope
