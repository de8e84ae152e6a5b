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

/// "h1:5432,h2:5433" from libpq's host and port lists (one port may serve
/// every host; an empty entry is libpq's default).
std::string targetOf(const std::string& hosts, const std::string& ports) {
    const auto split = [](const std::string& list) {
        std::vector<std::string> out;
        size_t from = 0;
        for (;;) {
            const size_t comma = list.find(',', from);
            out.push_back(list.substr(from, comma == std::string::npos ? comma : comma - from));
            if (comma == std::string::npos) return out;
            from = comma + 1;
        }
    };
    const auto h = split(hosts);
    const auto p = split(ports);
    std::string out;
    for (size_t i = 0; i < h.size(); ++i) {
        const std::string& port = p.size() == h.size() ? p[i] : p.front();
        if (i > 0) out += ',';
        out += (h[i].empty() ? std::string("localhost") : h[i]) + ":" + (port.empty() ? std::string("5432") : port);
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
    std::vector<std::string> secrets{url.password()};
    const auto known = libpqKeywords();
    for (const auto& p : url.params()) {
        if (!known.empty() && !known.contains(p.key)) {
            return Error{"URL " + d->display_ + ": '" + p.key +
                         "' is not a libpq connection parameter (see the libpq "
                         "documentation, \"Parameter Key Words\")"};
        }
        if (isSecretKey(p.key)) secrets.push_back(p.value);
        if (p.key == "password") d->secret_ = p.value;
        if (p.key == "connect_timeout") {
            auto t = url.integerParam("connect_timeout", 0, 0, 86'400);
            if (!t) return t.error();
            d->connectTimeoutMs_ = *t * 1000;
        }
    }
    // libpq owns the rest of the URL (host lists, ports, keywords): its own
    // parser reads the URL, re-encoded so that it reads what PoolScope read.
    char* parseError = nullptr;
    PQconninfoOption* options = PQconninfoParse(url.unmasked().c_str(), &parseError);
    if (!options) {
        const std::string why = parseError ? pg::oneLine(parseError) : std::string("out of memory");
        if (parseError) PQfreemem(parseError);
        return Error{scrubSecrets("URL " + d->display_ + " is refused by libpq: " + why, secrets)};
    }
    bool hasAppName = false;
    std::string host, port;
    for (PQconninfoOption* o = options; o->keyword; ++o) {
        if (!o->val) continue;
        const std::string_view key = o->keyword;
        if (key == "application_name") hasAppName = true;
        if (key == "host" || (key == "hostaddr" && host.empty())) host = o->val;
        if (key == "port") port = o->val;
        d->params_.emplace_back(o->keyword, o->val);
    }
    PQconninfoFree(options);
    if (!hasAppName) d->params_.emplace_back("application_name", "poolscope");
    d->secrets_ = std::move(secrets);
    d->target_ = targetOf(host, port);
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
    auto fail = [&](std::string why, ConnectErrorClass whyClass) -> Error {
        std::string msg = "connect to " + target() + " failed: " + why;
        PQfinish(c);
        return Error{scrubSecrets(std::move(msg), secrets_), false, whyClass};
    };
    // The server's answer as libpq saw it: the SQLSTATE (VERBOSE mode) says
    // which class of refusal it was; the text is shown as the default mode
    // writes it.
    auto refused = [&]() -> Error {
        const pg::VerboseMessage m = pg::splitVerbose(PQerrorMessage(c));
        std::string text = pg::oneLine(m.text);
        const ConnectErrorClass k = pg::connectErrorClass(m.sqlstate, text);
        return fail(std::move(text), k);
    };
    // Failed before any server answered: invalid options, unknown host, or a
    // refused first address (libpq polls once inside PQconnectStartParams).
    if (PQstatus(c) == CONNECTION_BAD) return refused();
    PQsetErrorVerbosity(c, PQERRORS_VERBOSE);

    PostgresPollingStatusType st = PGRES_POLLING_WRITING;
    while (st != PGRES_POLLING_OK) {
        if (st == PGRES_POLLING_FAILED) return refused();
        // libpq may switch sockets (next address, SSL retry): ask every time.
        int rc = pg::waitFd(PQsocket(c), st == PGRES_POLLING_READING ? POLLIN : POLLOUT, limit);
        if (rc == 0) {
            const bool byTimeout = limit < deadline;
            return fail("no answer within " + std::to_string(pg::elapsedMs(start)) + " ms (" +
                            (byTimeout ? "connect_timeout" : "deadline") + " reached)",
                        ConnectErrorClass::Unreachable);
        }
        if (rc < 0) return fail(std::string("poll: ") + std::strerror(errno), ConnectErrorClass::Unreachable);
        st = PQconnectPoll(c);
    }
    PQsetErrorVerbosity(c, PQERRORS_DEFAULT);  // statements' errors read as before
    return std::unique_ptr<Connection>(std::make_unique<PgConnection>(c, target(), secret_));
}

Result<std::shared_ptr<Driver>> openPostgresDriver(const Url& url) { return PgDriver::open(url); }

}  // namespace poolscope
