#pragma once
// What a mysql:// URL asks for, checked once when the driver is opened.

#include <string>

#include "core/drivers/Url.h"
#include "core/util/Result.h"

namespace poolscope {

/// Connection settings parsed from
/// `mysql://user:pass@host:port/db?ssl-mode=&ssl-ca=&ssl-cert=&ssl-key=&connect_timeout=&read_timeout=&write_timeout=&socket=&charset=`
/// (also `mariadb://`). Timeouts are whole seconds, as in the client API
/// (MYSQL_OPT_CONNECT_TIMEOUT, _READ_TIMEOUT, _WRITE_TIMEOUT); 0 = not set.
/// They bound each network wait inside the client library; the deadlines the
/// pool passes are enforced separately, to the millisecond.
struct MysqlConfig {
    /// ssl-mode, named as in MySQL's client: DISABLED, PREFERRED (default),
    /// REQUIRED, VERIFY_CA, VERIFY_IDENTITY. MariaDB Connector/C verifies the
    /// chain and the host name together, so VERIFY_CA behaves as
    /// VERIFY_IDENTITY.
    enum class SslMode { Disabled, Preferred, Required, VerifyCa, VerifyIdentity };

    std::string host = "127.0.0.1";
    unsigned port = 3306;
    std::string user;
    std::string password;
    std::string database;
    std::string socket;  ///< unix socket path; when set, TCP is not used
    std::string charset;
    SslMode sslMode = SslMode::Preferred;
    std::string sslCa, sslCert, sslKey;
    unsigned connectTimeoutS = 0;
    unsigned readTimeoutS = 0;
    unsigned writeTimeoutS = 0;

    std::string display;  ///< the URL with the password masked
    std::string target;   ///< "host:port" (or the socket path) for messages

    /// Parses and checks `url`; the error names the bad parameter and shows
    /// the URL masked.
    static Result<MysqlConfig> fromUrl(const Url& url);
};

}  // namespace poolscope
