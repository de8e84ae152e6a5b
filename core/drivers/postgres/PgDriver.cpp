#include "core/drivers/Url.h"
#include "core/drivers/postgres/PgDriver.h"

#include <libpq-fe.h>

#include <cstring>
#include <set>

#include "core/drivers/postgres/PgConnection.h"
#include "core/drivers/postgres/PgErrors.h"
#include "core/drivers/postgres/PgWait.h"

namespace poolscope {

namespace {

/// libpq's connection keywords (host, sslmode, ...), read once per open().
std::set<std::string, std::less<>> libpqKeywords() {
    std::set<std::string, std::less<>> out;
    if (PQconninfoOption* opts = PQconndefaults()) {
        for (PQconninfoOption* o = opts; o->keyword; ++o) out.insert(o->keyword);
        PQconninfoFree(opts);
    }
    return out;
}

}  // namespace

Result<std::shared_ptr<Driver>> PgDriver::open(const Url& url) {
    if (url.scheme() != "postgresql" && url.scheme() != "postgres") {
        return Error{"URL " + url.masked() + " is not a postgresql:// URL"};
    }
    std::shared_ptr<PgDriver> d(new PgDriver());
    d->display_ = url.masked();
    d->secret_ = url.password();
    bool hasAppName = false;
    std::string host = url.host(), port = url.port() ? std::to_string(url.port()) : "";
    if (!url.host().empty()) d->params_.emplace_back("host", url.host());
    if (url.port()) d->params_.emplace_back("port", port);
    if (!url.user().empty()) d->params_.emplace_back("user", url.user());
    if (url.hasPassword()) d->params_.emplace_back("password", url.password());
    if (url.path().size() > 1) d->params_.emplace_back("dbname", url.path().substr(1));

    const auto known = libpqKeywords();
    for (const auto& p : url.params()) {
        if (!known.empty() && !known.contains(p.key)) {
            return Error{"URL " + d->display_ + ": '" + p.key +
                         "' is not a libpq connection parameter (see the libpq "
                         "documentation, \"Parameter Key Words\")"};
        }
        if (p.key == "application_name") hasAppName = true;
        if (p.key == "host") host = p.value;
        if (p.key == "port") port = p.value;
        if (p.key == "password") d->secret_ = p.value;
        if (p.key == "connect_timeout") {
            auto t = url.integerParam("connect_timeout", 0, 0, 86'400);
            if (!t) return t.error();
            d->connectTimeoutMs_ = *t * 1000;
        }
        d->params_.emplace_back(p.key, p.value);
    }
    if (!hasAppName) d->params_.emplace_back("application_name", "poolscope");
    d->target_ = (host.empty() ? std::string("localhost") : host) + ":" +
                 (port.empty() ? std::string("5432") : port);
    return std::shared_ptr<Driver>(std::move(d));
}

Result<std::unique_ptr<Connection>> PgDriver::connect(Deadline deadline) {
    const auto start = std::chrono::steady_clock::now();
    Deadline limit = deadline;
    if (connectTimeoutMs_ > 0) {
        limit = std::min(limit, start + std::chrono::milliseconds(connectTimeoutMs_));
    }
    std::vector<const char*> keys, values;
    for (const auto& [k, v] : params_) {
        keys.push_back(k.c_str());
        values.push_back(v.c_str());
    }
    keys.push_back(nullptr);
    values.push_back(nullptr);

    PGconn* c = PQconnectStartParams(keys.data(), values.data(), 0);
    if (!c) return Error{"connect to " + target_ + " failed: out of memory"};
    auto target = [&] {
        const char* h = PQhost(c);
        const char* p = PQport(c);
        if (!h || !*h || !p || !*p) return target_;
        return std::string(h) + ":" + p;
    };
    auto fail = [&](std::string why) -> Error {
        std::string msg = "connect to " + target() + " failed: " + why;
        PQfinish(c);
        return Error{scrubSecret(std::move(msg), secret_), false};
    };
    if (PQstatus(c) == CONNECTION_BAD) return fail(pg::oneLine(PQerrorMessage(c)));

    PostgresPollingStatusType st = PGRES_POLLING_WRITING;
    while (st != PGRES_POLLING_OK) {
        if (st == PGRES_POLLING_FAILED) return fail(pg::oneLine(PQerrorMessage(c)));
        // libpq may switch sockets (next address, SSL retry): ask every time.
        int rc = pg::waitFd(PQsocket(c), st == PGRES_POLLING_READING ? POLLIN : POLLOUT, limit);
        if (rc == 0) {
            const bool byTimeout = limit < deadline;
            return fail("no answer within " + std::to_string(pg::elapsedMs(start)) + " ms (" +
                        (byTimeout ? "connect_timeout" : "deadline") + " reached)");
        }
        if (rc < 0) return fail(std::string("poll: ") + std::strerror(errno));
        st = PQconnectPoll(c);
    }
    return std::unique_ptr<Connection>(std::make_unique<PgConnection>(c, target(), secret_));
}

Result<std::shared_ptr<Driver>> openPostgresDriver(const Url& url) { return PgDriver::open(url); }

}  // namespace poolscope
