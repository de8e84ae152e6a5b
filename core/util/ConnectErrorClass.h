#pragma once
// Why a connect failed, as far as the driver can tell from the client
// library's error (SQLSTATE for PostgreSQL, the error number for MySQL). The
// pool keeps it beside the last connect error; the health engine gives each
// class its own advice.

#include <cstdint>
#include <optional>
#include <string_view>

namespace poolscope {

enum class ConnectErrorClass : uint8_t {
    Unknown,         ///< not a connect error, or the driver cannot tell
    Unreachable,     ///< nothing answered: refused, no route, DNS, timeout, server starting or stopping
    ServerFull,      ///< the server answered and refused: no connection slot left
    Authentication,  ///< the server answered and refused the credentials (or the client host)
    Configuration,   ///< the server answered and refused the request: no such database, TLS or option mismatch
};

/// Stable snake_case name: "unknown", "unreachable", "server_full",
/// "authentication", "configuration".
std::string_view toString(ConnectErrorClass c);
/// Inverse of toString; nullopt for an unknown name.
std::optional<ConnectErrorClass> connectErrorClassFromString(std::string_view name);

}  // namespace poolscope
