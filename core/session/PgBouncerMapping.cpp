#include "core/session/PgBouncerMapping.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <ctime>

namespace poolscope {

int ShowTable::columnIndex(std::string_view column) const {
    for (size_t i = 0; i < columns.size(); ++i)
        if (columns[i] == column) return static_cast<int>(i);
    return -1;
}

namespace {

/// Reads cells of one SHOW reply by column name; the first problem is kept
/// in `error` ("SHOW POOLS: no column 'sv_idle'") and later reads return 0/"".
class Reader {
public:
    Reader(const ShowTable& t, std::string_view show, std::string& error) : t_(t), show_(show), error_(error) {}

    /// Index of a column the mapping needs; -1 (and an error) when missing.
    int need(std::string_view column) {
        const int i = t_.columnIndex(column);
        if (i < 0 && error_.empty())
            error_ = std::string(show_) + ": the reply has no column '" + std::string(column) +
                     "' (is this PgBouncer 1.8 or newer?)";
        return i;
    }
    std::string text(size_t row, int col) const {
        if (col < 0 || row >= t_.rows.size() || static_cast<size_t>(col) >= t_.rows[row].size()) return {};
        return t_.rows[row][col].value_or("");
    }
    uint64_t number(size_t row, int col) {
        const std::string s = text(row, col);
        if (col < 0 || s.empty()) return 0;
        uint64_t v = 0;
        auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if ((ec != std::errc() || p != s.data() + s.size()) && error_.empty())
            error_ = std::string(show_) + ": row " + std::to_string(row + 1) + ", column '" + t_.columns[col] +
                     "': '" + s + "' is not a whole number";
        return v;
    }
    size_t rows() const { return t_.rows.size(); }

private:
    const ShowTable& t_;
    std::string_view show_;
    std::string& error_;
};

int64_t toI(uint64_t v) { return static_cast<int64_t>(std::min<uint64_t>(v, INT64_MAX)); }

std::optional<ConnState> stateOf(std::string_view s) {
    if (s == "idle") return ConnState::Idle;
    if (s == "active" || s == "active_cancel") return ConnState::InUse;
    if (s == "used" || s == "being_canceled") return ConnState::Returning;
    if (s == "tested" || s == "login") return ConnState::Allocating;
    return std::nullopt;
}

/// "0x56172e178080" -> its value; 0 when not hex.
uint64_t ptrValue(std::string_view s) {
    if (s.starts_with("0x") || s.starts_with("0X")) s.remove_prefix(2);
    uint64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v, 16);
    return ec == std::errc() && p == s.data() + s.size() ? v : 0;
}

}  // namespace

std::string PgBouncerMapping::poolName(std::string_view database, std::string_view user) {
    return std::string(database) + "/" + std::string(user);
}

std::string PgBouncerMapping::databaseOf(std::string_view pool) {
    const size_t slash = pool.rfind('/');
    return std::string(slash == std::string_view::npos ? pool : pool.substr(0, slash));
}

std::optional<int64_t> PgBouncerMapping::parseTime(std::string_view text) {
    std::tm tm{};
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    char zone[8] = {};
    const std::string t(text);
    const int n = std::sscanf(t.c_str(), "%4d-%2d-%2d %2d:%2d:%2d %7s", &y, &mo, &d, &h, &mi, &s, zone);
    if (n < 6 || (n == 7 && std::string_view(zone) != "UTC")) return std::nullopt;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return std::nullopt;
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    return int64_t{timegm(&tm)} * 1000;
}

Result<std::vector<PoolSnapshot>> PgBouncerMapping::map(const PgBouncerConsole& console, int64_t tMs) {
    std::string error;
    Reader pools(console.pools, "SHOW POOLS", error);
    const int pDb = pools.need("database"), pUser = pools.need("user"), pClWait = pools.need("cl_waiting"),
              pActive = pools.need("sv_active"), pIdle = pools.need("sv_idle"), pUsed = pools.need("sv_used"),
              pTested = pools.need("sv_tested"), pLogin = pools.need("sv_login"), pMaxWait = pools.need("maxwait");
    // Newer columns: read when present.
    const int pMaxWaitUs = console.pools.columnIndex("maxwait_us");
    const int pActiveCancel = console.pools.columnIndex("sv_active_cancel");
    const int pBeingCanceled = console.pools.columnIndex("sv_being_canceled");
    if (!error.empty()) return Error{error};

    std::vector<PoolSnapshot> out;
    std::map<std::string, int> poolsPerDb;
    for (size_t r = 0; r < pools.rows(); ++r) {
        const std::string db = pools.text(r, pDb);
        if (db == kConsoleDatabase) continue;
        ++poolsPerDb[db];
        PoolSnapshot s;
        s.tMs = tMs;
        s.pool = poolName(db, pools.text(r, pUser));
        s.lifecycle = Lifecycle::Started;
        s.reported = FigureSet::none();
        PoolCounts& c = s.counts;
        c.idle = toI(pools.number(r, pIdle));
        c.inUse = toI(pools.number(r, pActive) + pools.number(r, pActiveCancel));
        c.returning = toI(pools.number(r, pUsed) + pools.number(r, pBeingCanceled));
        c.allocating = toI(pools.number(r, pTested) + pools.number(r, pLogin));
        c.open = c.idle + c.inUse + c.returning + c.allocating;
        c.waiting = toI(pools.number(r, pClWait));
        s.wait.max = static_cast<double>(pools.number(r, pMaxWait)) * 1000.0 +
                     static_cast<double>(pools.number(r, pMaxWaitUs)) / 1000.0;
        s.wait.derivation = WaitDerivation::Mean;
        for (Figure f : {Figure::Open, Figure::Idle, Figure::InUse, Figure::Allocating, Figure::Returning,
                         Figure::Waiting, Figure::WaitMax})
            s.reported.set(f);
        out.push_back(std::move(s));
    }
    if (!error.empty()) return Error{error};

    // SHOW DATABASES: pool_size and paused, per database.
    if (!console.databases.columns.empty()) {
        Reader dbs(console.databases, "SHOW DATABASES", error);
        const int dName = dbs.need("name"), dSize = dbs.need("pool_size");
        const int dPaused = console.databases.columnIndex("paused");
        if (!error.empty()) return Error{error};
        for (size_t r = 0; r < dbs.rows(); ++r) {
            const std::string name = dbs.text(r, dName);
            const uint64_t size = dbs.number(r, dSize);
            const bool paused = dPaused >= 0 && dbs.number(r, dPaused) != 0;
            for (PoolSnapshot& s : out) {
                if (databaseOf(s.pool) != name) continue;
                s.config.maxOpen = toI(size);
                s.reported.set(Figure::MaxOpen);
                if (dPaused >= 0) {
                    s.lifecycle = paused ? Lifecycle::Suspended : Lifecycle::Started;
                    s.reported.set(Figure::Lifecycle);
                }
            }
        }
        if (!error.empty()) return Error{error};
    }

    // SHOW STATS: per database; given to a pool only when it is its database's only one.
    std::map<std::string, DbTotals> next = totals_;
    {
        Reader stats(console.stats, "SHOW STATS", error);
        const int sDb = stats.need("database"), sXact = stats.need("total_xact_count"),
                  sWait = stats.need("total_wait_time");
        if (!error.empty()) return Error{error};
        for (size_t r = 0; r < stats.rows(); ++r) {
            const std::string db = stats.text(r, sDb);
            if (db == kConsoleDatabase) continue;
            const uint64_t xact = stats.number(r, sXact), waitUs = stats.number(r, sWait);
            DbTotals& t = next[db];
            const bool reset = t.seen && (xact < t.lastXact || waitUs < t.lastWaitUs);
            if (reset) {
                t.xactOffset += t.lastXact;
                t.waitOffset += t.lastWaitUs;
            }
            const uint64_t dXact = t.seen && !reset ? xact - t.lastXact : xact;
            const uint64_t dWait = t.seen && !reset ? waitUs - t.lastWaitUs : waitUs;
            t.lastXact = xact;
            t.lastWaitUs = waitUs;
            t.seen = true;
            if (poolsPerDb[db] != 1) continue;
            for (PoolSnapshot& s : out) {
                if (databaseOf(s.pool) != db) continue;
                s.totals.acquired = t.xactOffset + xact;
                s.totals.waitMs = static_cast<double>(t.waitOffset + waitUs) / 1000.0;
                s.reported.set(Figure::Acquired).set(Figure::WaitMs);
                setMeanWait(s, static_cast<double>(dWait) / 1000.0, static_cast<double>(dXact));
            }
        }
        if (!error.empty()) return Error{error};
    }

    // SHOW CLIENTS: who holds a server (by the client's ptr).
    std::map<std::string, std::string> holders;
    if (!console.clients.columns.empty()) {
        Reader cl(console.clients, "SHOW CLIENTS", error);
        const int cPtr = cl.need("ptr"), cAddr = cl.need("addr"), cPort = cl.need("port");
        const int cApp = console.clients.columnIndex("application_name");
        if (!error.empty()) return Error{error};
        for (size_t r = 0; r < cl.rows(); ++r) {
            const std::string app = cl.text(r, cApp);
            holders[cl.text(r, cPtr)] = (app.empty() ? "" : app + "@") + cl.text(r, cAddr) + ":" + cl.text(r, cPort);
        }
    }

    // SHOW SERVERS: the connection list.
    {
        Reader sv(console.servers, "SHOW SERVERS", error);
        const int vDb = sv.need("database"), vUser = sv.need("user"), vState = sv.need("state"),
                  vConnect = sv.need("connect_time"), vRequest = sv.need("request_time"), vPtr = sv.need("ptr"),
                  vLink = sv.need("link"), vPid = sv.need("remote_pid");
        if (!error.empty()) return Error{error};
        for (PoolSnapshot& s : out) s.reported.set(Figure::Connections);
        for (size_t r = 0; r < sv.rows(); ++r) {
            const std::string pool = poolName(sv.text(r, vDb), sv.text(r, vUser));
            auto it = std::find_if(out.begin(), out.end(), [&](const PoolSnapshot& s) { return s.pool == pool; });
            if (it == out.end()) continue;
            const std::string stateText = sv.text(r, vState);
            const auto state = stateOf(stateText);
            if (!state) {
                error = "SHOW SERVERS: row " + std::to_string(r + 1) + ": unknown server state '" + stateText + "'";
                break;
            }
            ConnectionInfo ci;
            ci.id = ptrValue(sv.text(r, vPtr));
            ci.state = *state;
            ci.createdMs = parseTime(sv.text(r, vConnect)).value_or(0);
            ci.sinceMs = parseTime(sv.text(r, vRequest)).value_or(ci.createdMs);
            ci.serverId = toI(sv.number(r, vPid));
            const std::string link = sv.text(r, vLink);
            if (!link.empty()) {
                auto h = holders.find(link);
                ci.holder = h != holders.end() ? h->second : "client " + link;
            }
            it->connections.push_back(std::move(ci));
        }
        if (!error.empty()) return Error{error};
    }

    totals_ = std::move(next);  // only a round read whole moves the totals on
    std::sort(out.begin(), out.end(), [](const PoolSnapshot& a, const PoolSnapshot& b) { return a.pool < b.pool; });
    return out;
}

}  // namespace poolscope
