#include "core/drivers/Url.h"
#include "core/drivers/mysql/MysqlConnector.h"

#include <chrono>

#include "core/drivers/mysql/MysqlAsync.h"
#include "core/drivers/mysql/MysqlErrors.h"
#include "core/drivers/mysql/MysqlLibrary.h"

namespace poolscope {

namespace {

const char* orNull(const std::string& s) { return s.empty() ? nullptr : s.c_str(); }

void applyOptions(MYSQL* m, const MysqlConfig& c) {
    mysql_options(m, MYSQL_OPT_NONBLOCK, nullptr);
    my_bool no = 0, yes = 1;
    mysql_options(m, MYSQL_OPT_RECONNECT, &no);
    if (c.socket.empty()) {
        // "localhost" would otherwise mean the default unix socket.
        unsigned proto = MYSQL_PROTOCOL_TCP;
        mysql_options(m, MYSQL_OPT_PROTOCOL, &proto);
    }
    if (c.connectTimeoutS) mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &c.connectTimeoutS);
    if (c.readTimeoutS) mysql_options(m, MYSQL_OPT_READ_TIMEOUT, &c.readTimeoutS);
    if (c.writeTimeoutS) mysql_options(m, MYSQL_OPT_WRITE_TIMEOUT, &c.writeTimeoutS);
    if (!c.charset.empty()) mysql_options(m, MYSQL_SET_CHARSET_NAME, c.charset.c_str());

    using M = MysqlConfig::SslMode;
    const bool files = !c.sslCa.empty() || !c.sslCert.empty() || !c.sslKey.empty();
    if (c.sslMode == M::Disabled || (c.sslMode == M::Preferred && !files)) return;
    mysql_ssl_set(m, orNull(c.sslKey), orNull(c.sslCert), orNull(c.sslCa), nullptr, nullptr);
    if (c.sslMode == M::Preferred) return;
    mysql_options(m, MYSQL_OPT_SSL_ENFORCE, &yes);
    my_bool verify = (c.sslMode == M::VerifyCa || c.sslMode == M::VerifyIdentity) ? 1 : 0;
    mysql_options(m, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &verify);
}

long long msSince(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now() - t)
        .count();
}

}  // namespace

Result<MYSQL*> MysqlConnector::open(const MysqlConfig& c, Deadline deadline) {
    if (auto s = MysqlLibrary::enterThread(); !s) return s.error();
    const auto start = std::chrono::steady_clock::now();
    Deadline limit = deadline;
    if (c.connectTimeoutS) limit = std::min(limit, start + std::chrono::seconds(c.connectTimeoutS));

    MYSQL* m = mysql_init(nullptr);
    if (!m) return Error{"connect to " + c.target + " failed: out of memory"};
    applyOptions(m, c);

    MYSQL* ret = nullptr;
    int status = mysql_real_connect_start(
        &ret, m, c.socket.empty() ? c.host.c_str() : nullptr, c.user.c_str(),
        c.password.c_str(), orNull(c.database), c.socket.empty() ? c.port : 0, orNull(c.socket),
        CLIENT_MULTI_STATEMENTS | CLIENT_MULTI_RESULTS);
    bool done = mysql::await(m, status, limit,
                             [&](int ready) { return mysql_real_connect_cont(&ret, m, ready); });
    if (!done) {
        mysql::abandon(m);
        return Error{"connect to " + c.target + " failed: no answer within " +
                     std::to_string(msSince(start)) + " ms (" +
                     (limit < deadline ? "connect_timeout" : "deadline") + " reached)",
                     false, ConnectErrorClass::Unreachable};
    }
    if (!ret) {
        std::string msg = "connect to " + c.target + " failed: " + mysql::describe(m);
        using M = MysqlConfig::SslMode;
        if (mysql_errno(m) == 2026 && (c.sslMode == M::VerifyCa || c.sslMode == M::VerifyIdentity)) {
            msg += " (the server's certificate could not be verified with ssl-ca=" +
                   (c.sslCa.empty() ? std::string("<none>") : c.sslCa) + ")";
        }
        const ConnectErrorClass why = mysql::connectErrorClass(mysql_errno(m));
        mysql_close(m);
        return Error{scrubSecret(std::move(msg), c.password), false, why};
    }
    return m;
}

}  // namespace poolscope
