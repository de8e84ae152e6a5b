#include "app/recording/SecretScrubber.h"

#include <algorithm>
#include <cctype>

#include "core/drivers/Url.h"

namespace poolscope {

bool SecretScrubber::isTokenLike(std::string_view key) {
    std::string lower;
    for (char c : key) {
        // '%' kept: an encoded name is compared as it is written.
        if (c == '-' || c == '_' || c == '.') continue;
        lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    if (isSecretParam(key)) return true;
    static constexpr std::string_view kParts[] = {
        "password", "passwd", "pwd",    "pass",      "secret", "token",  "apikey",
        "auth",     "credential", "signature", "session", "cookie", "bearer", "privatekey",
    };
    return std::any_of(std::begin(kParts), std::end(kParts),
                       [&](std::string_view part) { return lower.find(part) != std::string::npos; });
}

std::string SecretScrubber::scrubSource(std::string_view source) {
    std::string masked = maskPassword(source);
    if (const size_t hash = masked.find('#'); hash != std::string::npos) masked.resize(hash);
    const size_t q = masked.find('?');
    if (q == std::string::npos) return masked;
    std::string out = masked.substr(0, q);
    const std::string_view query = std::string_view(masked).substr(q + 1);
    std::string kept;
    size_t start = 0;
    while (start <= query.size()) {
        size_t end = query.find_first_of("&;", start);
        if (end == std::string_view::npos) end = query.size();
        const std::string_view param = query.substr(start, end - start);
        const std::string_view key = param.substr(0, param.find('='));
        if (!param.empty() && !isTokenLike(key)) {
            if (!kept.empty()) kept.push_back('&');
            kept.append(param);
        }
        start = end + 1;
    }
    if (!kept.empty()) out += "?" + kept;
    return out;
}

}  // namespace poolscope
