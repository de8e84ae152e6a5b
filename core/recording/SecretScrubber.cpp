#include "core/recording/SecretScrubber.h"

#include "core/drivers/Url.h"
#include "core/util/Secrets.h"

namespace poolscope {

bool SecretScrubber::isTokenLike(std::string_view key) { return isSecretKey(key); }

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
