#include "core/util/Secrets.h"

#include <algorithm>
#include <cctype>

namespace poolscope {

bool isSecretKey(std::string_view key) {
    std::string k;
    for (char c : key) {
        // '%' kept: an encoded name is compared as it is written.
        if (c == '-' || c == '_' || c == '.') continue;
        k.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    static constexpr std::string_view kParts[] = {
        "password", "passwd",     "pwd",       "pass",      "secret",     "token",
        "apikey",   "accesskey",  "auth",      "credential", "signature", "sessionid",
        "sessionkey", "sessiontoken", "cookie", "bearer",   "privatekey", "jwt",
    };
    return std::any_of(std::begin(kParts), std::end(kParts),
                       [&](std::string_view part) { return k.find(part) != std::string::npos; });
}

std::string scrubSecret(std::string text, std::string_view secret) {
    if (secret.size() < 4) return text;
    for (size_t pos = text.find(secret); pos != std::string::npos;
         pos = text.find(secret, pos + kSecretMask.size())) {
        text.replace(pos, secret.size(), kSecretMask);
    }
    return text;
}

std::string scrubSecrets(std::string text, std::vector<std::string> secrets) {
    std::sort(secrets.begin(), secrets.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    for (const auto& s : secrets) text = scrubSecret(std::move(text), s);
    return text;
}

}  // namespace poolscope
