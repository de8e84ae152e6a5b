#pragma once
// PoolScope's one secret policy: which parameter names hold secrets, and how
// a secret is kept out of text that is shown, logged or stored. Every URL
// shown (maskPassword, Url::masked), every driver message and every
// recording's metadata (SecretScrubber) goes through these functions, so
// there is one list to extend.

#include <string>
#include <string_view>
#include <vector>

namespace poolscope {

/// What replaces a secret in text: "***".
inline constexpr std::string_view kSecretMask = "***";

/// True for a parameter name whose value is a secret: names that, once
/// lower-cased with '-', '_' and '.' removed, contain password, passwd, pwd,
/// pass, secret, token, apikey, accesskey, auth, credential, signature,
/// sessionid, sessionkey, sessiontoken, cookie, bearer, privatekey or jwt
/// ("password", "sslpassword", "api_key", "access_token", "X-Amz-Signature",
/// ...). Names merely about sessions ("target_session_attrs") are not
/// secrets. When in doubt it says yes: masking a harmless value costs
/// nothing.
bool isSecretKey(std::string_view key);

/// Replaces every occurrence of `secret` (a password, a token) in `text`
/// with "***". Secrets shorter than 4 characters are left alone: replacing
/// them would garble ordinary words of the message.
std::string scrubSecret(std::string text, std::string_view secret);

/// scrubSecret for each of `secrets`, longest first (so a secret containing
/// another is removed whole).
std::string scrubSecrets(std::string text, std::vector<std::string> secrets);

}  // namespace poolscope
