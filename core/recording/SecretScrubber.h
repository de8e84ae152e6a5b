#pragma once
// Removes secrets from text before it is written to a recording: a recording
// is a file people attach to tickets.

#include <string>
#include <string_view>

namespace poolscope {

class SecretScrubber {
public:
    /// `source` (a URL or a label) safe to store: the password masked
    /// (maskPassword: "user:***@host"), query parameters whose value is a
    /// secret by PoolScope's one policy (isSecretKey in core/util/Secrets.h:
    /// "password", "token", "access_token", "api_key", "secret", "auth",
    /// "credential", "signature", "sessionid", ...) dropped with their value,
    /// and any "#fragment" dropped. When in doubt it drops more, never less.
    /// Text with no URL syntax comes back unchanged.
    static std::string scrubSource(std::string_view source);

    /// True for a query parameter name that scrubSource drops: isSecretKey.
    static bool isTokenLike(std::string_view key);
};

}  // namespace poolscope
