#include "core/session/PgBouncerSession.h"

#include <libpq-fe.h>

#include <algorithm>

#include "core/drivers/Url.h"
#include "core/drivers/postgres/PgWait.h"

namespace poolscope {

namespace {


int64_t wallMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

/// libpq's message on one line, without its trailing newline.
std::string oneLine(const char* text) {
    std::string s = text ? text : "";
    std::replace(s.begin(), s.end(), '\n', ' ');
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
}

/// A database name as a quoted identifier of the admin console ("" doubled).
std::string quoted(std::string_view name) {
    std::string out = "\"";
    for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

}  // namespace

bool PgBouncerSession::isPgBouncerUrl(const std::string& url) {
    auto u = Url::parse(url);
    return u && u->scheme() == "pgbouncer";
}

PgBouncerSession::PgBouncerSession(RemoteSpec spec) : spec_(std::move(spec)) {
    shown_ = maskPassword(spec_.http.url);
    auto u = Url::parse(spec_.http.url);
    if (!u) {
        urlError_ = u.message();
        return;
    }
    shown_ = u->masked();
    if (u->scheme() != "pgbouncer") {
        urlError_ = shown_ + ": expected a pgbouncer://user:password@host:6432 URL";
        return;
    }
    if (auto s = u->checkParams({"sslmode", "sslrootcert", "timeout_ms", "pool"}); !s) {
        urlError_ = shown_ + ": " + s.message();
        return;
    }
    auto timeout = u->integerParam("timeout_ms", 5000, 100, 600'000);
    if (!timeout) {
        urlError_ = shown_ + ": " + timeout.message();
        return;
    }
    timeoutMs_ = *timeout;
    if (auto p = u->param("pool")) onlyPool_ = std::string(*p);
    if (onlyPool_.empty()) onlyPool_ = spec_.pool;
    const std::string db = u->path().size() > 1 ? u->path().substr(1) : std::string(PgBouncerMapping::kConsoleDatabase);
    connParams_ = {{"host", u->host().empty() ? "127.0.0.1" : u->host()},
                   {"port", std::to_string(u->port() ? u->port() : kDefaultPort)},
                   {"dbname", db},
                   {"application_name", "poolscope"},
                   {"sslmode", std::string(u->param("sslmode").value_or("prefer"))}};
    if (!u->user().empty()) connParams_.emplace_back("user", u->user());
    if (u->hasPassword()) connParams_.emplace_back("password", u->password());
    if (auto ca = u->param("sslrootcert")) connParams_.emplace_back("sslrootcert", std::string(*ca));
    else if (!spec_.http.caFile.empty()) connParams_.emplace_back("sslrootcert", spec_.http.caFile);
}

PgBouncerSession::~PgBouncerSession() { stop(); }

std::string PgBouncerSession::description() const { return "attach " + shown_ + " (PgBouncer admin console)"; }

std::string PgBouncerSession::controlsNote() const {
    return "suspend, resume and evict send PAUSE, RESUME and RECONNECT for the pool's whole database (every "
           "user's pool of it) and need a login listed in PgBouncer's admin_users; close is not offered";
}

std::vector<std::string> PgBouncerSession::pools() const { return loop_ ? loop_->pools() : std::vector<std::string>{}; }

bool PgBouncerSession::stopping() const { return loop_ && loop_->stopping(); }

pg_conn* PgBouncerSession::connect(std::chrono::steady_clock::time_point deadline, std::string& error, bool& noAnswer) {
    noAnswer = false;
    std::vector<const char*> keys, values;
    for (const auto& [k, v] : connParams_) {
        keys.push_back(k.c_str());
        values.push_back(v.c_str());
    }
    keys.push_back(nullptr);
    values.push_back(nullptr);
    PGconn* conn = PQconnectStartParams(keys.data(), values.data(), 0);
    if (!conn || PQstatus(conn) == CONNECTION_BAD) {
        error = "connect to " + shown_ + " failed: " + (conn ? oneLine(PQerrorMessage(conn)) : "out of memory");
        if (conn) PQfinish(conn);
        return nullptr;
    }
    const auto start = std::chrono::steady_clock::now();
    PostgresPollingStatusType st = PGRES_POLLING_WRITING;
    for (;;) {
        if (st == PGRES_POLLING_OK) break;
        if (st == PGRES_POLLING_FAILED) {
            const std::string lib = oneLine(PQerrorMessage(conn));
            noAnswer = lib.find("refused") != std::string::npos || lib.find("timeout") != std::string::npos;
            error = "connect to " + shown_ + " failed: " + lib;
            PQfinish(conn);
            return nullptr;
        }
        const int rc = pg::waitFd(PQsocket(conn), st == PGRES_POLLING_READING ? POLLIN : POLLOUT,
                                  std::min(deadline, std::chrono::steady_clock::now() + std::chrono::milliseconds(100)));
        if (stopping()) {
            error = "stopped";
            PQfinish(conn);
            return nullptr;
        }
        if (rc == 0 && std::chrono::steady_clock::now() < deadline) continue;
        if (rc <= 0) {
            error = "connect to " + shown_ + " got no answer within " + std::to_string(pg::elapsedMs(start)) + " ms";
            noAnswer = true;
            PQfinish(conn);
            return nullptr;
        }
        st = PQconnectPoll(conn);
    }
    PQsetnonblocking(conn, 1);
    return conn;
}

Result<ShowTable> PgBouncerSession::run(pg_conn* conn, const std::string& command, std::chrono::steady_clock::time_point deadline) {
    const auto start = std::chrono::steady_clock::now();
    const std::string where = command + " on " + shown_;
    auto lost = [&] { return Error{where + " failed: " + oneLine(PQerrorMessage(conn)), true}; };
    auto wait = [&](short events) -> std::optional<Error> {
        for (;;) {
            const int rc = pg::waitFd(PQsocket(conn), events, std::min(deadline, std::chrono::steady_clock::now() + std::chrono::milliseconds(100)));
            if (rc > 0) return std::nullopt;
            if (rc < 0) return lost();
            if (stopping()) return Error{where + ": stopped", true};
            if (std::chrono::steady_clock::now() >= deadline)
                return Error{where + " got no answer within " + std::to_string(pg::elapsedMs(start)) +
                                 " ms; the console seems hung",
                             true};
        }
    };
    if (!PQsendQuery(conn, command.c_str())) return lost();
    for (;;) {
        const int f = PQflush(conn);
        if (f == 0) break;
        if (f < 0) return lost();
        if (auto e = wait(POLLOUT | POLLIN)) return *e;
        if (!PQconsumeInput(conn)) return lost();
    }
    ShowTable table;
    std::string failure;
    for (;;) {
        while (!PQisBusy(conn)) {
            PGresult* res = PQgetResult(conn);
            if (!res) {
                if (!failure.empty()) return Error{where + " failed: " + failure};
                return table;
            }
            const ExecStatusType st = PQresultStatus(res);
            if (st == PGRES_TUPLES_OK) {
                const int cols = PQnfields(res), rows = PQntuples(res);
                for (int c = 0; c < cols; ++c) table.columns.emplace_back(PQfname(res, c));
                for (int r = 0; r < rows; ++r) {
                    std::vector<std::optional<std::string>> row;
                    for (int c = 0; c < cols; ++c)
                        row.push_back(PQgetisnull(res, r, c) ? std::nullopt
                                                             : std::optional<std::string>(PQgetvalue(res, r, c)));
                    table.rows.push_back(std::move(row));
                }
            } else if (st != PGRES_COMMAND_OK && st != PGRES_EMPTY_QUERY && failure.empty()) {
                failure = oneLine(PQresultErrorMessage(res));
            }
            PQclear(res);
        }
        if (auto e = wait(POLLIN)) return *e;
        if (!PQconsumeInput(conn)) return lost();
    }
}

void PgBouncerSession::dropConnection() {
    if (conn_) PQfinish(conn_);
    conn_ = nullptr;
}

Status PgBouncerSession::round(bool& noAnswer) {
    noAnswer = false;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs_);
    if (!conn_) {
        std::string error;
        conn_ = connect(deadline, error, noAnswer);
        if (!conn_) return Status::fail(error);
    }
    PgBouncerConsole console;
    const std::pair<const char*, ShowTable*> shows[] = {{"SHOW POOLS", &console.pools},
                                                        {"SHOW STATS", &console.stats},
                                                        {"SHOW SERVERS", &console.servers},
                                                        {"SHOW CLIENTS", &console.clients},
                                                        {"SHOW DATABASES", &console.databases}};
    for (const auto& [command, into] : shows) {
        auto got = run(conn_, command, deadline);
        if (!got) {
            noAnswer = got.error().fatal;
            dropConnection();
            return Status(got.error());
        }
        *into = std::move(*got);
    }
    const int64_t t = wallMs();
    auto mapped = mapping_.map(console, t);
    if (!mapped) return Status::fail(shown_ + ": " + mapped.message());
    std::vector<PoolSnapshot> kept;
    for (PoolSnapshot& s : *mapped) {
        if (!onlyPool_.empty() && s.pool != onlyPool_) continue;
        s.source = shown_;
        s.driver = "pgbouncer";
        kept.push_back(std::move(s));
    }
    loop_->publish(std::move(kept), t);
    return Status::ok();
}

StartResult PgBouncerSession::start() {
    if (loop_) return StartResult::fail(StartStage::Arguments, {}, "the session was already started");
    if (!urlError_.empty()) return StartResult::fail(StartStage::Arguments, "--attach", urlError_);
    loop_ = std::make_unique<RoundLoop>(shown_, spec_.intervalMs);
    bool noAnswer = false;
    if (auto s = round(noAnswer); !s) {
        dropConnection();
        return StartResult::fail(noAnswer ? StartStage::Reach : StartStage::Arguments, noAnswer ? "" : "--attach",
                                 s.message());
    }
    if (loop_->pools().empty() && !onlyPool_.empty())
        return StartResult::fail(StartStage::Arguments, "--attach",
                                 shown_ + ": PgBouncer has no pool named '" + onlyPool_ + "' (database/user)");
    started_ = true;
    loop_->run(
        [this] {
            bool noAnswer = false;
            return round(noAnswer);
        },
        [this] { dropConnection(); });
    return StartResult::ok();
}

void PgBouncerSession::poll(PollResult& out, bool withSnapshots) {
    if (started_) loop_->drain(out, withSnapshots);
}

void PgBouncerSession::stop() {
    if (loop_) loop_->stop();
    dropConnection();
}

Status PgBouncerSession::lifecycleAction(const std::string& pool, std::string_view action) {
    std::string command;
    if (action == "suspend") command = "PAUSE";
    else if (action == "resume") command = "RESUME";
    else if (action == "evict") command = "RECONNECT";
    else if (action == "close")
        return Status::fail("close is not offered for PgBouncer (" + shown_ +
                            "): it would drop every client of the database; use suspend (PAUSE) instead");
    else
        return Status::fail("unknown action '" + std::string(action) + "'; use suspend, resume or evict");
    if (!urlError_.empty()) return Status::fail(urlError_);
    const std::string db = PgBouncerMapping::databaseOf(pool);
    if (db.empty() || db == PgBouncerMapping::kConsoleDatabase)
        return Status::fail("no such PgBouncer pool '" + pool + "' on " + shown_);
    command += " " + quoted(db);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs_);
    std::string error;
    bool noAnswer = false;
    PGconn* conn = connect(deadline, error, noAnswer);
    if (!conn) return Status::fail(error);
    auto r = run(conn, command, deadline);
    PQfinish(conn);
    if (!r) {
        std::string m = r.message();
        if (command.starts_with("PAUSE") && m.find("no answer") != std::string::npos)
            m += " (PAUSE waits for the database's queries to finish; in session mode, for its clients to leave)";
        return Status::fail(m);
    }
    return Status::ok();
}

}  // namespace poolscope
