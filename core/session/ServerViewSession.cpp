#include "core/session/ServerViewSession.h"

#include <algorithm>
#include <charconv>

#include "core/drivers/DriverFactory.h"
#include "core/drivers/ServerLimitsProbe.h"
#include "core/drivers/Url.h"

namespace poolscope {

namespace {

int64_t wallMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string kindOf(const std::string& scheme) {
    if (scheme == "postgresql" || scheme == "postgres") return "postgresql";
    if (scheme == "mysql" || scheme == "mariadb") return "mysql";
    return {};
}

/// `url` without the query parameters named in `drop` (the session's own).
std::string withoutParams(const std::string& url, std::initializer_list<std::string_view> drop) {
    const size_t q = url.find('?');
    if (q == std::string::npos) return url;
    std::string out = url.substr(0, q);
    std::string query;
    size_t pos = q + 1;
    while (pos <= url.size()) {
        size_t amp = url.find('&', pos);
        if (amp == std::string::npos) amp = url.size();
        const std::string pair = url.substr(pos, amp - pos);
        const std::string key = pair.substr(0, pair.find('='));
        bool keep = !pair.empty();
        for (std::string_view d : drop) keep = keep && key != d;
        if (keep) query += (query.empty() ? "" : "&") + pair;
        pos = amp + 1;
    }
    return query.empty() ? out : out + "?" + query;
}

std::optional<int64_t> integer(const std::optional<std::string>& cell) {
    if (!cell || cell->empty()) return std::nullopt;
    int64_t v = 0;
    const char* b = cell->data();
    const char* e = b + cell->size();
    auto [p, ec] = std::from_chars(b, e, v);
    if (ec != std::errc()) return std::nullopt;
    return v;
}

std::string text(const std::optional<std::string>& cell) { return cell.value_or(""); }

/// Host part of MySQL's "host:port" (and of an IPv6 "[::1]:port").
std::string hostOnly(std::string host) {
    if (host.starts_with('[')) {
        const size_t end = host.find(']');
        return end == std::string::npos ? host : host.substr(1, end - 1);
    }
    if (std::count(host.begin(), host.end(), ':') == 1) host = host.substr(0, host.find(':'));
    return host.empty() ? "local" : host;
}

}  // namespace

// Ages come from the server's clock (clock_timestamp() - ...), so a skew
// between the two machines does not distort them.
const char* ServerViewSession::sessionsSql(const std::string& kind, bool withTransactions) {
    if (kind == "mysql" && !withTransactions)
        return "SELECT p.ID AS id, p.USER AS user, p.HOST AS host, p.DB AS db, p.COMMAND AS command, "
               "p.TIME * 1000 AS state_age_ms, NULL AS xact_age_ms "
               "FROM information_schema.PROCESSLIST p "
               "WHERE p.ID <> CONNECTION_ID() AND p.COMMAND NOT IN ('Daemon', 'Binlog Dump', 'Binlog Dump GTID') "
               "AND p.USER NOT IN ('system user', 'event_scheduler')";
    if (kind == "mysql")
        return "SELECT p.ID AS id, p.USER AS user, p.HOST AS host, p.DB AS db, p.COMMAND AS command, "
               "p.TIME * 1000 AS state_age_ms, "
               "CAST((UNIX_TIMESTAMP(NOW(6)) - UNIX_TIMESTAMP(t.trx_started)) * 1000 AS SIGNED) AS xact_age_ms "
               "FROM information_schema.PROCESSLIST p "
               "LEFT JOIN information_schema.INNODB_TRX t ON t.trx_mysql_thread_id = p.ID "
               "WHERE p.ID <> CONNECTION_ID() AND p.COMMAND NOT IN ('Daemon', 'Binlog Dump', 'Binlog Dump GTID') "
               "AND p.USER NOT IN ('system user', 'event_scheduler')";
    return "SELECT pid, application_name, host(client_addr) AS client, usename, datname, state, "
           "wait_event_type || coalesce(':' || wait_event, '') AS wait, "
           "(extract(epoch from clock_timestamp() - state_change) * 1000)::bigint AS state_age_ms, "
           "(extract(epoch from clock_timestamp() - xact_start) * 1000)::bigint AS xact_age_ms, "
           "(extract(epoch from clock_timestamp() - backend_start) * 1000)::bigint AS backend_age_ms "
           "FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()";
}

bool ServerViewSession::isServerViewUrl(const std::string& url) {
    auto u = Url::parse(url);
    return u && !kindOf(u->scheme()).empty() && u->param("view") == std::optional<std::string_view>("server");
}

ServerViewSession::ServerViewSession(RemoteSpec spec) : spec_(std::move(spec)) {
    shown_ = maskPassword(spec_.http.url);
    auto u = Url::parse(spec_.http.url);
    if (!u) {
        urlError_ = u.message();
        return;
    }
    shown_ = u->masked();
    kind_ = kindOf(u->scheme());
    if (kind_.empty() || u->param("view") != std::optional<std::string_view>("server")) {
        urlError_ = shown_ + ": expected a postgresql:// or mysql:// URL with view=server";
        return;
    }
    auto idle = u->integerParam("idle_in_tx_ms", ServerViewMapping::kDefaultIdleInTransactionMs, 1, 86'400'000);
    auto timeout = u->integerParam("timeout_ms", 5000, 100, 600'000);
    if (!idle || !timeout) {
        urlError_ = shown_ + ": " + (!idle ? idle.message() : timeout.message());
        return;
    }
    mapping_ = ServerViewMapping(*idle);
    timeoutMs_ = *timeout;
    auto driver = openDriver(withoutParams(spec_.http.url, {"view", "idle_in_tx_ms", "timeout_ms"}));
    if (!driver) {
        urlError_ = driver.message();
        return;
    }
    driver_ = std::move(*driver);
    serverKey_ = serverKeyOf(*driver_);
}

ServerViewSession::~ServerViewSession() { stop(); }

std::string ServerViewSession::description() const {
    return "server view " + shown_ + (kind_ == "mysql" ? " (process list)" : " (pg_stat_activity)");
}

std::vector<std::string> ServerViewSession::pools() const {
    return loop_ ? loop_->pools() : std::vector<std::string>{};
}

ServerLimits ServerViewSession::serverLimits(const std::string& pool) const {
    return pool == ServerViewMapping::kTotalPool ? limits() : ServerLimits{};
}

ServerLimits ServerViewSession::limits() const {
    std::lock_guard lock(limitsMu_);
    return limits_;
}

std::string ServerViewSession::serverKey(const std::string&) const { return serverKey_; }

Result<ServerActivity> ServerViewSession::read(Connection& conn, Deadline deadline) {
    ServerActivity a;
    a.kind = kind_;
    auto rows = conn.query(sessionsSql(kind_, transactionsVisible_), deadline);
    if (!rows && kind_ == "mysql" && transactionsVisible_ && rows.message().find("PROCESS privilege") != std::string::npos) {
        // Without PROCESS: this login's own threads, and no transactions.
        transactionsVisible_ = false;
        loop_->notice(shown_ + ": this login lacks the PROCESS privilege: only its own sessions are "
                               "listed, and idle is not told apart from idle in a transaction "
                               "(GRANT PROCESS ON *.* TO the user to see every session)");
        rows = conn.query(sessionsSql(kind_, false), deadline);
    }
    if (!rows) return rows.error();
    const QueryResult& r = *rows;
    auto col = [&](std::string_view name) -> Result<int> {
        const int i = r.columnIndex(name);
        if (i < 0) return Error{shown_ + ": the server's session list has no column '" + std::string(name) + "'"};
        return i;
    };
    if (kind_ == "postgresql") {
        auto pid = col("pid"), app = col("application_name"), client = col("client"), user = col("usename"),
             db = col("datname"), state = col("state"), wait = col("wait"), stateAge = col("state_age_ms"),
             xactAge = col("xact_age_ms"), backendAge = col("backend_age_ms");
        for (auto* c : {&pid, &app, &client, &user, &db, &state, &wait, &stateAge, &xactAge, &backendAge})
            if (!*c) return c->error();
        for (const auto& row : r.cells) {
            ServerSession s;
            s.id = integer(row[*pid]).value_or(0);
            s.application = text(row[*app]);
            s.client = row[*client] ? *row[*client] : "local";
            s.user = text(row[*user]);
            s.database = text(row[*db]);
            s.state = text(row[*state]);
            s.waitEvent = text(row[*wait]);
            s.stateAgeMs = integer(row[*stateAge]);
            s.xactAgeMs = integer(row[*xactAge]);
            s.backendAgeMs = integer(row[*backendAge]);
            a.sessions.push_back(std::move(s));
        }
    } else {
        auto id = col("id"), user = col("user"), host = col("host"), db = col("db"), command = col("command"),
             stateAge = col("state_age_ms"), xactAge = col("xact_age_ms");
        for (auto* c : {&id, &user, &host, &db, &command, &stateAge, &xactAge})
            if (!*c) return c->error();
        for (const auto& row : r.cells) {
            ServerSession s;
            s.id = integer(row[*id]).value_or(0);
            s.user = text(row[*user]);
            s.client = hostOnly(text(row[*host]));
            s.database = text(row[*db]);
            s.xactAgeMs = integer(row[*xactAge]);
            const std::string cmd = text(row[*command]);
            if (cmd != "Sleep") s.state = "active";
            else if (transactionsVisible_) s.state = s.xactAgeMs ? "idle in transaction" : "idle";
            // else: unknown (left empty), so idle and in use are not reported
            if (cmd != "Sleep" && cmd != "Query") s.waitEvent = cmd;
            s.stateAgeMs = integer(row[*stateAge]);
            a.sessions.push_back(std::move(s));
        }
    }
    // The limits change rarely, but a reading is cheap: read them each time,
    // so a server restarted with another max_connections is seen.
    ServerLimits limits = probeServerLimits(*driver_, conn, deadline);
    a.maxConnections = limits.maxConnections;
    a.reservedConnections = limits.reservedConnections;
    std::lock_guard lock(limitsMu_);
    limits_ = std::move(limits);
    return a;
}

Status ServerViewSession::round(bool& noAnswer) {
    noAnswer = false;
    const Deadline deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs_);
    if (!conn_) {
        auto c = driver_->connect(deadline);
        if (!c) {
            noAnswer = c.error().connectClass == ConnectErrorClass::Unreachable;
            return Status(c.error());
        }
        conn_ = std::move(*c);
    }
    auto activity = read(*conn_, deadline);
    if (!activity) {
        noAnswer = activity.error().fatal;
        conn_.reset();
        return Status(activity.error());
    }
    const int64_t t = wallMs();
    std::vector<PoolSnapshot> mapped = mapping_.map(*activity, t);
    for (PoolSnapshot& s : mapped) s.source = shown_;
    // A kind of client that left keeps its last (empty) snapshot, as a
    // PgBouncer pool that went away does.
    loop_->publish(std::move(mapped), t);
    return Status::ok();
}

StartResult ServerViewSession::start() {
    if (loop_) return StartResult::fail(StartStage::Arguments, {}, "the session was already started");
    if (!urlError_.empty()) return StartResult::fail(StartStage::Arguments, "--attach", urlError_);
    loop_ = std::make_unique<RoundLoop>(shown_, spec_.intervalMs);
    bool noAnswer = false;
    if (auto s = round(noAnswer); !s) {
        conn_.reset();
        return StartResult::fail(noAnswer ? StartStage::Reach : StartStage::Arguments, noAnswer ? "" : "--attach",
                                 s.message());
    }
    started_ = true;
    loop_->run(
        [this] {
            bool noAnswer = false;
            return round(noAnswer);
        },
        [this] { conn_.reset(); });
    return StartResult::ok();
}

void ServerViewSession::poll(PollResult& out, bool withSnapshots) {
    if (started_) loop_->drain(out, withSnapshots);
}

void ServerViewSession::stop() {
    if (loop_) loop_->stop();
    conn_.reset();
}

}  // namespace poolscope
