#include "core/drivers/mysql/MysqlConfig.h"

#include <algorithm>
#include <cctype>

namespace poolscope {

namespace {

Result<MysqlConfig::SslMode> parseSslMode(std::string text, const std::string& display) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) {
        return c == '-' ? '_' : static_cast<char>(std::toupper(c));
    });
    using M = MysqlConfig::SslMode;
    if (text == "DISABLED") return M::Disabled;
    if (text == "PREFERRED") return M::Preferred;
    if (text == "REQUIRED") return M::Required;
    if (text == "VERIFY_CA") return M::VerifyCa;
    if (text == "VERIFY_IDENTITY") return M::VerifyIdentity;
    return Error{"URL " + display + ": ssl-mode '" + text +
                 "' is not one of DISABLED, PREFERRED, REQUIRED, VERIFY_CA, VERIFY_IDENTITY"};
}

}  // namespace

Result<MysqlConfig> MysqlConfig::fromUrl(const Url& url) {
    MysqlConfig c;
    c.display = url.masked();
    if (url.scheme() != "mysql" && url.scheme() != "mariadb") {
        return Error{"URL " + c.display + " is not a mysql:// URL"};
    }
    if (auto s = url.checkParams({"ssl-mode", "ssl-ca", "ssl-cert", "ssl-key", "connect_timeout",
                                  "read_timeout", "write_timeout", "socket", "charset"});
        !s) {
        return s.error();
    }
    if (!url.host().empty()) c.host = url.host();
    if (url.port()) c.port = static_cast<unsigned>(url.port());
    c.user = url.user();
    c.password = url.password();
    if (url.path().size() > 1) c.database = url.path().substr(1);
    if (auto v = url.param("socket")) c.socket = *v;
    if (auto v = url.param("charset")) c.charset = *v;
    if (auto v = url.param("ssl-ca")) c.sslCa = *v;
    if (auto v = url.param("ssl-cert")) c.sslCert = *v;
    if (auto v = url.param("ssl-key")) c.sslKey = *v;
    if (auto v = url.param("ssl-mode")) {
        auto m = parseSslMode(std::string(*v), c.display);
        if (!m) return m.error();
        c.sslMode = *m;
    }
    struct Timeout {
        const char* key;
        unsigned* out;
    };
    for (auto [key, out] : {Timeout{"connect_timeout", &c.connectTimeoutS},
                            Timeout{"read_timeout", &c.readTimeoutS},
                            Timeout{"write_timeout", &c.writeTimeoutS}}) {
        auto t = url.integerParam(key, 0, 0, 31'536'000);
        if (!t) return t.error();
        *out = static_cast<unsigned>(*t);
    }
    c.target = c.socket.empty() ? c.host + ":" + std::to_string(c.port) : c.socket;
    return c;
}

}  // namespace poolscope
