// libFuzzer target: arbitrary text as a database or attach URL (Url::parse,
// maskPassword, openDriver, openAttach), checking what the URL code promises:
// - a URL that parses re-encodes (unmasked()) to text that parses to the
//   same parts, and its masked() form parses to the same parts with the
//   password and every secret parameter replaced by "***";
// - no text shown for a URL whose password or secret parameter is a known
//   canary ever contains the canary: maskPassword, parse errors, driver
//   errors and display URLs, attach sessions' descriptions, HTTP clients'
//   shown URLs and errors.
// The first byte picks the scheme put before the rest for the canary checks
// and whether the canary is the password or a secret parameter. Build with
// -DPOOLSCOPE_FUZZ=ON (clang), then e.g.
//   build-fuzz/tests/fuzz/UrlFuzz -max_len=512 tests/fuzz/corpus-url
// UrlFuzzRegressionTest runs the same function over the corpus in every build.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/drivers/DriverFactory.h"
#include "core/drivers/Url.h"
#include "core/session/AttachSession.h"
#include "core/session/HttpFetcher.h"
#include "tests/fuzz/FuzzCheck.h"

namespace {

using poolscope::Url;

// Starts with a letter that percent-encoding never writes (hex is upper
// case), so it can only show up in a URL's text where it really is.
constexpr std::string_view kCanary = "zq7wkcanary";

constexpr std::string_view kSchemes[] = {
    "postgresql", "postgres", "mysql",      "mariadb",    "sqlite",           "sim",
    "pgbouncer",  "http",     "https",      "prometheus", "prometheus+https", "foo",
    "POSTGRESQL", "sim",      "postgresql", "mysql",
};
constexpr std::string_view kSecretKeys[] = {"password", "sslpassword", "api_key", "Access-Token"};

bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/// The text with every valid %XX decoded, the rest as written.
std::string decoded(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
            out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

std::string describe(const Url& u) {
    std::string out = "scheme=" + u.scheme() + " user=" + u.user() + " password=" + u.password() +
                      (u.hasPassword() ? " (has)" : "") + " path=" + u.path();
    for (const auto& h : u.hosts()) out += " host=" + h.host + ":" + std::to_string(h.port);
    for (const auto& p : u.params()) out += " param " + p.key + "=" + p.value;
    return out;
}

/// Every part but the password and the parameter values.
bool sameShape(const Url& a, const Url& b) {
    if (a.scheme() != b.scheme() || a.user() != b.user() || a.hasPassword() != b.hasPassword() ||
        a.hosts() != b.hosts() || a.host() != b.host() || a.port() != b.port() ||
        a.path() != b.path() || a.params().size() != b.params().size())
        return false;
    for (size_t i = 0; i < a.params().size(); ++i)
        if (a.params()[i].key != b.params()[i].key) return false;
    return true;
}

/// What the parser promises about a URL that parsed.
void checkParsed(std::string_view text, const Url& u) {
    POOLSCOPE_FUZZ_CHECK(!u.scheme().empty() && !u.hosts().empty(),
                         "a parsed URL has a scheme and a host entry", text);
    POOLSCOPE_FUZZ_CHECK(u.host() == u.hosts().front().host && u.port() == u.hosts().front().port,
                         "host() and port() are the first host entry", text);
    for (const auto& h : u.hosts())
        POOLSCOPE_FUZZ_CHECK(h.port >= 0 && h.port <= 65535, "ports are 0 (absent) or 1-65535",
                             text);

    const std::string again = u.unmasked();
    auto reparsed = Url::parse(again);
    POOLSCOPE_FUZZ_CHECK(reparsed.isOk(), "unmasked() parses again",
                         std::string(text) + " -> " + again);
    POOLSCOPE_FUZZ_CHECK(sameShape(u, *reparsed) && u.password() == reparsed->password() &&
                             u.params() == reparsed->params(),
                         "unmasked() parses to the same parts",
                         describe(u) + "  vs  " + describe(*reparsed) + "  via " + again);

    const std::string shown = u.masked();
    POOLSCOPE_FUZZ_CHECK(poolscope::maskPassword(text) == shown,
                         "maskPassword of a URL that parses is masked()", text);
    auto masked = Url::parse(shown);
    POOLSCOPE_FUZZ_CHECK(masked.isOk(), "masked() parses again", shown);
    POOLSCOPE_FUZZ_CHECK(sameShape(u, *masked), "masked() keeps every part but the secrets",
                         describe(u) + "  vs  " + describe(*masked));
    POOLSCOPE_FUZZ_CHECK(masked->password() == (u.hasPassword() ? "***" : ""),
                         "masked() hides the password", shown);
    for (size_t i = 0; i < u.params().size(); ++i) {
        const auto& p = u.params()[i];
        const auto& m = masked->params()[i];
        if (poolscope::isSecretParam(p.key))
            POOLSCOPE_FUZZ_CHECK(m.value == "***", "masked() hides secret parameters", shown);
        else
            POOLSCOPE_FUZZ_CHECK(m.value == p.value, "masked() keeps other parameters", shown);
    }
}

/// `shown` must not contain the canary.
void noCanary(std::string_view shown, const char* where, std::string_view url) {
    POOLSCOPE_FUZZ_CHECK(!contains(shown, kCanary), where,
                         std::string(shown) + "  (URL " + std::string(url) + ")");
}

/// Everything that shows `url` (which carries the canary as a secret) keeps
/// the canary out. `strict` is false when the canary is a secret only if the
/// URL parses (a secret parameter after text that may hold a '?').
void checkNoLeak(const std::string& url, bool strict) {
    auto u = Url::parse(url);
    if (!u) {
        if (!strict) return;
        noCanary(u.message(), "a parse error shows the secret", url);
        noCanary(poolscope::maskPassword(url),
                 "maskPassword shows the secret of a URL that does not parse", url);
    } else {
        // The canary must be a secret here, and nowhere else, for the check
        // to mean anything.
        bool secret = contains(u->password(), kCanary);
        for (const auto& p : u->params()) {
            if (poolscope::isSecretParam(p.key))
                secret |= contains(p.value, kCanary);
            else if (contains(p.value, kCanary))
                return;
            if (contains(p.key, kCanary)) return;
        }
        if (strict)
            POOLSCOPE_FUZZ_CHECK(secret, "the canary is where the grammar says a secret is", url);
        if (!secret) return;
        if (contains(u->user(), kCanary) || contains(u->path(), kCanary)) return;
        for (const auto& h : u->hosts())
            if (contains(h.host, kCanary)) return;
        noCanary(u->masked(), "masked() shows the secret", url);
        noCanary(poolscope::maskPassword(url), "maskPassword shows the secret", url);
        if (auto s = u->checkParams({"sslmode"}); !s)
            noCanary(s.message(), "checkParams shows the secret", url);
    }

    auto driver = poolscope::openDriver(url);
    if (driver)
        noCanary((*driver)->displayUrl(), "a driver's display URL shows the secret", url);
    else
        noCanary(driver.message(), "openDriver's error shows the secret", url);

    poolscope::HttpSettings http;
    http.url = url;
    auto fetcher = poolscope::HttpFetcher::open(http);
    if (fetcher)
        noCanary((*fetcher)->shownUrl(), "an HTTP client's shown URL shows the secret", url);
    else
        noCanary(fetcher.message(), "HttpFetcher::open's error shows the secret", url);

    poolscope::RemoteSpec spec;
    spec.http.url = url;
    auto session = poolscope::openAttach(spec);
    noCanary(session->description(), "an attach session's description shows the secret", url);
    noCanary(session->sourceName(), "an attach session's source name shows the secret", url);
    noCanary(session->controlsNote(), "an attach session's controls note shows the secret", url);
    // Refused without touching the network: an unknown action, or (PgBouncer)
    // the URL's own error, or no such pool.
    for (const char* action : {"close", "suspend"})
        if (auto s = session->lifecycleAction("", action); !s)
            noCanary(s.message(), "a refused action shows the secret", url);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    const uint8_t mode = data[0];
    const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
    if (rest.size() > 4096) return 0;

    // The text as it is.
    if (auto u = Url::parse(rest))
        checkParsed(rest, *u);
    else
        (void)poolscope::maskPassword(rest);
    const std::string scheme(kSchemes[mode & 15]);
    const std::string withScheme = scheme + "://" + std::string(rest);
    if (auto u = Url::parse(withScheme)) checkParsed(withScheme, *u);

    // The canary checks, unless the text holds the canary itself.
    if (contains(rest, kCanary) || contains(decoded(rest), kCanary)) return 0;
    if (!(mode & 16)) {
        // The canary as the password: whatever follows, the user info ends at
        // the last '@' before the first '/', so the canary is in it.
        checkNoLeak(scheme + "://u:" + std::string(kCanary) + "@" + std::string(rest), true);
    } else {
        // The canary as a secret parameter's value. When the text has no '?'
        // or '@' the parameter is in the query whether or not the URL parses.
        const bool plain = !contains(rest, "?") && !contains(rest, "@");
        const std::string key(kSecretKeys[(mode >> 5) & 3]);
        checkNoLeak(withScheme + (plain ? "?" : "&") + key + "=" + std::string(kCanary), plain);
    }
    return 0;
}
