#include "core/drivers/Url.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <system_error>

namespace poolscope {
namespace {

constexpr std::string_view kExample = "expected e.g. sqlite:///path/to/file.db";
constexpr std::string_view kMask = kSecretMask;

char lowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string toLower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), lowerAscii);
    return out;
}

bool isAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isUnreserved(char c) {
    return isAlpha(c) || isDigit(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

bool isValidScheme(std::string_view s) {
    if (s.empty() || !isAlpha(s[0])) return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return isAlpha(c) || isDigit(c) || c == '+' || c == '-' || c == '.';
    });
}

int hexValue(char c) {
    if (isDigit(c)) return c - '0';
    c = lowerAscii(c);
    return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
}

/// Decodes %XX escapes; nullopt on a malformed escape.
std::optional<std::string> percentDecode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '%') {
            out += s[i];
            continue;
        }
        if (i + 2 >= s.size()) return std::nullopt;
        const int hi = hexValue(s[i + 1]);
        const int lo = hexValue(s[i + 2]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    return out;
}

/// Decodes the valid %XX escapes and keeps anything else as written.
std::string lenientDecode(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && hexValue(s[i + 1]) >= 0 && hexValue(s[i + 2]) >= 0) {
            out += static_cast<char>(hexValue(s[i + 1]) * 16 + hexValue(s[i + 2]));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

/// Percent-encodes everything but unreserved characters and `keep`.
std::string percentEncode(std::string_view s, std::string_view keep = {}) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        if (isUnreserved(c) || keep.find(c) != std::string_view::npos) {
            out += c;
        } else {
            const auto u = static_cast<unsigned char>(c);
            out += '%';
            out += kHex[u >> 4];
            out += kHex[u & 0xF];
        }
    }
    return out;
}

/// Masks the values of password-like parameters in a raw query string.
std::string maskQuery(std::string_view query) {
    std::string out;
    size_t start = 0;
    while (start <= query.size()) {
        size_t end = query.find('&', start);
        if (end == std::string_view::npos) end = query.size();
        const std::string_view seg = query.substr(start, end - start);
        const size_t eq = seg.find('=');
        if (eq != std::string_view::npos && isSecretParam(lenientDecode(seg.substr(0, eq)))) {
            out.append(seg.substr(0, eq + 1)).append(kMask);
        } else {
            out.append(seg);
        }
        if (end == query.size()) break;
        out += '&';
        start = end + 1;
    }
    return out;
}

/// Masks passwords in text that may not be a valid URL. When in doubt, masks
/// more: everything from the first ':' to the last '@' after the scheme, and
/// a non-numeric "port" when there is no '@' (it may be a password).
std::string heuristicMask(std::string_view text) {
    const size_t sep = text.find("://");
    const size_t start = sep == std::string_view::npos ? 0 : sep + 3;
    std::string out(text.substr(0, start));
    std::string_view rest = text.substr(start);

    const size_t at = rest.rfind('@');
    const size_t colon = rest.substr(0, at == std::string_view::npos ? 0 : at).find(':');
    if (at != std::string_view::npos && colon != std::string_view::npos) {
        out.append(rest.substr(0, colon + 1)).append(kMask);
        rest = rest.substr(at);
    } else if (at == std::string_view::npos) {
        const size_t authEnd = std::min(rest.find_first_of("/?#"), rest.size());
        const std::string_view authority = rest.substr(0, authEnd);
        const size_t portColon = authority.rfind(':');
        if (portColon != std::string_view::npos &&
            authority.find(']', portColon) == std::string_view::npos) {
            const std::string_view port = authority.substr(portColon + 1);
            if (!std::all_of(port.begin(), port.end(), isDigit)) {
                out.append(authority.substr(0, portColon + 1)).append(kMask);
                rest = rest.substr(authEnd);
            }
        }
    }
    const size_t q = rest.find('?');
    if (q == std::string_view::npos) return out.append(rest);
    out.append(rest.substr(0, q + 1));
    return out.append(maskQuery(rest.substr(q + 1)));
}

std::string formatNumber(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.15g", v);
    return buf;
}

}  // namespace

bool isSecretParam(std::string_view key) { return isSecretKey(key); }

/// Whether a URL of `scheme` may list several hosts (libpq's multi-host URLs).
static bool takesHostList(std::string_view scheme) { return scheme == "postgresql" || scheme == "postgres"; }

std::string maskPassword(std::string_view url) {
    auto parsed = Url::parse(url);
    return parsed ? parsed->masked() : heuristicMask(url);
}

Result<Url> Url::parse(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    if (text.empty()) return Error{"URL is empty; " + std::string(kExample)};

    auto fail = [text](std::string_view what) {
        return Error{"URL '" + heuristicMask(text) + "' " + std::string(what)};
    };

    const size_t sep = text.find("://");
    if (sep == std::string_view::npos || sep == 0) {
        // "sqlite:/x.db" lacks the '//'; "localhost:5432" and "u:pw@h" lack a scheme.
        const size_t colon = text.find(':');
        if (sep == std::string_view::npos && colon != std::string_view::npos &&
            isValidScheme(text.substr(0, colon)) && text.find('@') == std::string_view::npos &&
            (colon + 1 == text.size() || !isDigit(text[colon + 1]))) {
            return fail("is missing '//' after '" + toLower(text.substr(0, colon)) + ":'; " +
                        std::string(kExample));
        }
        return fail("has no scheme; " + std::string(kExample));
    }
    // A NUL ends a C string: client libraries would read a shorter password
    // or file name than the one shown, and libpq quotes a %00 password back
    // in its error, percent-encoded, where scrubbing the decoded one misses it.
    if (text.find('\0') != std::string_view::npos || text.find("%00") != std::string_view::npos)
        return fail("contains a NUL byte (%00); no client library accepts one");
    if (!isValidScheme(text.substr(0, sep))) {
        return fail(
            "has an invalid scheme (only letters, digits, '+', '-' and '.' are "
            "allowed); " +
            std::string(kExample));
    }

    Url url;
    url.scheme_ = toLower(text.substr(0, sep));
    std::string_view rest = text.substr(sep + 3);

    // User info: up to the last '@' before the first '/'.
    const size_t at = (rest.empty() || rest[0] == '?' || rest[0] == '/')
                          ? std::string_view::npos
                          : rest.substr(0, rest.find('/')).rfind('@');
    if (at != std::string_view::npos) {
        const std::string_view userinfo = rest.substr(0, at);
        const size_t colon = userinfo.find(':');
        auto user = percentDecode(userinfo.substr(0, colon));
        std::optional<std::string> password;
        if (colon != std::string_view::npos) {
            url.hasPassword_ = true;
            password = percentDecode(userinfo.substr(colon + 1));
        }
        if (!user || (url.hasPassword_ && !password))
            return fail("has an invalid percent-encoding in the user name or password");
        url.user_ = std::move(*user);
        if (password) url.password_ = std::move(*password);
        rest = rest.substr(at + 1);
    }

    const size_t authEnd = std::min(rest.find_first_of("/?#"), rest.size());
    const std::string_view authority = rest.substr(0, authEnd);
    const std::string_view remainder = rest.substr(authEnd);
    if (remainder.find('#') != std::string_view::npos) return fail("contains '#'; write it as %23");
    // "u:pa/ss@h/db": without this check the password would become a port and a path.
    if (at == std::string_view::npos && authority.find(':') != std::string_view::npos &&
        remainder.find('@') != std::string_view::npos) {
        return fail(
            "is ambiguous: it has an '@' after the host; if the password contains "
            "'/', write it as %2F, and write an '@' in the path or parameters as %40");
    }

    std::vector<std::string_view> entries;
    for (size_t from = 0;;) {
        const size_t comma = authority.find(',', from);
        entries.push_back(authority.substr(from, comma == std::string_view::npos ? comma : comma - from));
        if (comma == std::string_view::npos) break;
        from = comma + 1;
    }
    if (entries.size() > 1 && !takesHostList(url.scheme_))
        return fail("lists " + std::to_string(entries.size()) + " hosts; only postgresql:// URLs take a host list");
    for (const std::string_view entry : entries) {
        std::string_view hostText = entry;
        std::optional<std::string_view> portText;
        if (!entry.empty() && entry[0] == '[') {
            const size_t close = entry.find(']');
            if (close == std::string_view::npos) return fail("has an unterminated '[' in the host");
            hostText = entry.substr(1, close - 1);
            const std::string_view after = entry.substr(close + 1);
            if (!after.empty() && after[0] != ':')
                return fail("has unexpected text after the IPv6 address; expected ']:port'");
            if (!after.empty()) portText = after.substr(1);
        } else if (const size_t colon = entry.find(':'); colon != std::string_view::npos) {
            if (entry.find(':', colon + 1) != std::string_view::npos)
                return fail("has an IPv6 host without brackets; write it as [address]:port");
            hostText = entry.substr(0, colon);
            portText = entry.substr(colon + 1);
        }
        auto host = percentDecode(hostText);
        if (!host) return fail("has an invalid percent-encoding in the host");
        UrlHost h;
        h.host = std::move(*host);
        if (portText) {
            int port = 0;
            const auto [end, ec] =
                std::from_chars(portText->data(), portText->data() + portText->size(), port);
            if (portText->empty() || ec != std::errc() || end != portText->data() + portText->size() ||
                port < 1 || port > 65535 || !isDigit((*portText)[0])) {
                return fail("has a port that is not a number from 1 to 65535");
            }
            h.port = port;
        }
        url.hosts_.push_back(std::move(h));
    }
    url.host_ = url.hosts_.front().host;
    url.port_ = url.hosts_.front().port;

    const size_t q = remainder.find('?');
    auto path = percentDecode(remainder.substr(0, q));
    if (!path) return fail("has an invalid percent-encoding in the path");
    url.path_ = std::move(*path);
    if (q == std::string_view::npos) return url;

    std::string_view query = remainder.substr(q + 1);
    while (!query.empty()) {
        const size_t amp = std::min(query.find('&'), query.size());
        const std::string_view seg = query.substr(0, amp);
        query = amp < query.size() ? query.substr(amp + 1) : std::string_view{};
        if (seg.empty()) continue;
        const size_t eq = seg.find('=');
        auto key = percentDecode(seg.substr(0, eq));
        if (!key) return fail("has an invalid percent-encoding in a parameter name");
        if (key->empty()) return fail("has a parameter with an empty name");
        std::optional<std::string> value{std::string()};
        if (eq != std::string_view::npos) value = percentDecode(seg.substr(eq + 1));
        if (!value)
            return fail("has an invalid percent-encoding in the value of parameter '" + *key + "'");
        url.params_.push_back({std::move(*key), std::move(*value)});
    }
    return url;
}

std::optional<std::string_view> Url::param(std::string_view key) const {
    for (const auto& p : params_)
        if (p.key == key) return p.value;
    return std::nullopt;
}

std::string Url::masked() const { return render(true); }

std::string Url::unmasked() const { return render(false); }

std::string Url::render(bool mask) const {
    std::string out = scheme_ + "://";
    if (!user_.empty() || hasPassword_) {
        out += percentEncode(user_);
        if (hasPassword_) out.append(":").append(mask ? std::string(kMask) : percentEncode(password_));
        out += '@';
    }
    for (size_t i = 0; i < hosts_.size(); ++i) {
        const UrlHost& h = hosts_[i];
        if (i > 0) out += ',';
        if (h.host.find(':') != std::string::npos) {
            out.append("[").append(percentEncode(h.host, ":")).append("]");
        } else {
            out += percentEncode(h.host);
        }
        if (h.port != 0) out.append(":").append(std::to_string(h.port));
    }
    out += percentEncode(path_, "/");
    for (size_t i = 0; i < params_.size(); ++i) {
        out += i == 0 ? '?' : '&';
        out += percentEncode(params_[i].key);
        if (mask && isSecretParam(params_[i].key)) {
            out.append("=").append(kMask);
        } else if (!params_[i].value.empty()) {
            out.append("=").append(percentEncode(params_[i].value, mask ? ",:" : ""));
        }
    }
    return out;
}

Status Url::checkParams(std::initializer_list<std::string_view> allowed) const {
    for (size_t i = 0; i < params_.size(); ++i) {
        const UrlParam& p = params_[i];
        const std::string shown = isSecretParam(p.key) ? std::string(kMask) : p.value;
        if (std::find(allowed.begin(), allowed.end(), p.key) == allowed.end()) {
            std::string msg =
                "unknown parameter '" + p.key + "' (value '" + shown + "') in " + masked() + "; ";
            if (allowed.size() == 0) {
                msg += scheme_ + " URLs take no parameters";
            } else {
                msg += "supported: ";
                for (auto it = allowed.begin(); it != allowed.end(); ++it)
                    msg.append(it == allowed.begin() ? "" : ", ").append(*it);
            }
            return Status::fail(std::move(msg));
        }
        for (size_t j = 0; j < i; ++j) {
            if (params_[j].key == p.key) {
                return Status::fail("parameter '" + p.key + "' is given twice in " + masked() +
                                    " (values '" +
                                    (isSecretParam(p.key) ? std::string(kMask) : params_[j].value) +
                                    "' and '" + shown + "')");
            }
        }
    }
    return Status::ok();
}

Result<double> Url::numberParam(std::string_view key, double fallback, double min,
                                double max) const {
    const auto text = param(key);
    if (!text) return fallback;
    double v = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
    if (text->empty() || ec != std::errc() || end != text->data() + text->size() ||
        !std::isfinite(v) || v < min || v > max) {
        return Error{"parameter " + std::string(key) + "='" + std::string(*text) + "' in " +
                     masked() + " is not a number from " + formatNumber(min) + " to " +
                     formatNumber(max)};
    }
    return v;
}

Result<int64_t> Url::integerParam(std::string_view key, int64_t fallback, int64_t min,
                                  int64_t max) const {
    const auto text = param(key);
    if (!text) return fallback;
    int64_t v = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
    if (text->empty() || ec != std::errc() || end != text->data() + text->size() || v < min ||
        v > max) {
        return Error{"parameter " + std::string(key) + "='" + std::string(*text) + "' in " +
                     masked() + " is not a whole number from " + std::to_string(min) + " to " +
                     std::to_string(max)};
    }
    return v;
}

}  // namespace poolscope
