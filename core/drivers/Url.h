#pragma once
// Database URLs: `scheme://user:password@host:port/path?key=value&key2=value2`.

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/Result.h"
#include "core/util/Secrets.h"

namespace poolscope {

/// One entry of a URL's host list, decoded (IPv6 without brackets).
struct UrlHost {
    std::string host;  ///< empty when absent
    int port = 0;      ///< 1-65535, or 0 when absent
    bool operator==(const UrlHost&) const = default;
};

/// One `key=value` pair of a URL's query, percent-decoded.
struct UrlParam {
    std::string key;
    std::string value;  ///< empty for a bare `key` or `key=`
    bool operator==(const UrlParam&) const = default;
};

/// A parsed database URL. Immutable value; thread-safe to share.
///
/// Grammar: `scheme://[user[:password]@][host][:port][/path][?k=v[&k=v...]]`.
/// - The user info ends at the last '@' before the first '/', so an unencoded
///   '@', '?' or '#' in a password is accepted; a '/' in a password, and an
///   '@' in a path or parameter, must be percent-encoded (%2F, %40).
/// - User, password, host, path and parameters are percent-decoded ('+' stays
///   '+'). IPv6 hosts are written in brackets (`[::1]:5432`) and stored
///   without them. A NUL byte (raw or %00) is refused anywhere: the client
///   libraries take C strings, which would end there.
/// - PostgreSQL URLs (`postgresql://`, `postgres://`) may list several hosts,
///   as libpq does: `postgresql://h1:5432,[::1]:5433,h3/db`. Other schemes
///   take one host; a list is refused naming the scheme.
/// - `sqlite:///abs/path.db` has an empty host and path "/abs/path.db";
///   `sim://?connect_ms=5` has an empty host and path.
class Url {
public:
    /// Parses `text`. The error says what is wrong and shows the URL with any
    /// password masked, e.g. "URL 'x' has no scheme; expected e.g.
    /// sqlite:///path/to/file.db". Never quotes a password.
    static Result<Url> parse(std::string_view text);

    /// Lower-case scheme without "://", e.g. "postgresql". Never empty.
    const std::string& scheme() const { return scheme_; }
    /// Decoded user name; empty when absent.
    const std::string& user() const { return user_; }
    /// Decoded password; empty when absent (see hasPassword()).
    const std::string& password() const { return password_; }
    /// True when the URL has a ':' after the user name, even if empty.
    bool hasPassword() const { return hasPassword_; }
    /// Decoded host, IPv6 without brackets; empty when absent.
    const std::string& host() const { return host_; }
    /// Port 1-65535, or 0 when absent.
    int port() const { return port_; }
    /// Every host in the order written; one entry (host(), port()) unless a
    /// PostgreSQL URL lists several. host() and port() are the first entry.
    const std::vector<UrlHost>& hosts() const { return hosts_; }
    /// Decoded path including its leading '/'; empty when absent.
    const std::string& path() const { return path_; }
    /// Query parameters in the order written (duplicates kept).
    const std::vector<UrlParam>& params() const { return params_; }

    /// Value of the first parameter named `key` (case-sensitive), or nullopt.
    std::optional<std::string_view> param(std::string_view key) const;

    /// The URL with the password and the value of every secret parameter
    /// (isSecretKey: `password`, `sslpassword`, `api_key`, `access_token`,
    /// ...) replaced by "***"; safe to log or display.
    /// Components are re-encoded, so the text may differ from the input.
    std::string masked() const;
    /// The URL re-encoded like masked() but with the password and every
    /// parameter as given: for a client library's own parser (libpq's
    /// PQconninfoParse) only. Never show, log or store it.
    std::string unmasked() const;

    /// Checks that every parameter is in `allowed` and given at most once.
    /// The error names the key and its value and lists the allowed keys.
    Status checkParams(std::initializer_list<std::string_view> allowed) const;
    /// The decimal value of parameter `key` (e.g. "2.5") within [min, max],
    /// or `fallback` when the parameter is absent. The error names the key
    /// and the value.
    Result<double> numberParam(std::string_view key, double fallback, double min, double max) const;
    /// The whole-number value of parameter `key` within [min, max], or
    /// `fallback` when absent. The error names the key and the value.
    Result<int64_t> integerParam(std::string_view key, int64_t fallback, int64_t min,
                                 int64_t max) const;

private:
    std::string render(bool mask) const;

    std::string scheme_;
    std::string user_;
    std::string password_;
    bool hasPassword_ = false;
    std::string host_;
    int port_ = 0;
    std::vector<UrlHost> hosts_;
    std::string path_;
    std::vector<UrlParam> params_;
};

/// `url` with any password replaced by "***", for logs and error messages.
/// Works on any text, including URLs that do not parse: when in doubt it
/// masks more, never less.
std::string maskPassword(std::string_view url);

/// True for parameter names whose value is a secret: the one policy of
/// isSecretKey (core/util/Secrets.h). scrubSecret is declared there too.
bool isSecretParam(std::string_view key);

}  // namespace poolscope
