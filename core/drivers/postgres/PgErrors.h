#pragma once
// How PostgreSQL errors become PoolScope errors: one-line messages that quote
// the server, SQLSTATE-based fatal classification, and password scrubbing.

#include <string>
#include <string_view>

#include <libpq-fe.h>

#include "core/util/ConnectErrorClass.h"

namespace poolscope::pg {

/// True when `sqlstate` means the session is over and the connection must be
/// destroyed: class 08 (connection exception), 57P01 admin_shutdown, 57P02
/// crash_shutdown, 57P03 cannot_connect_now, 57P04 database_dropped, 57P05
/// idle_session_timeout, 25P03 idle_in_transaction_session_timeout, 53300
/// too_many_connections, XX000-class internal errors are NOT fatal.
bool isFatalSqlState(std::string_view sqlstate);

/// True when a server message's severity (non-localized "FATAL", "PANIC")
/// means the server ends the session.
bool isFatalSeverity(std::string_view severity);

/// "ERROR 42P01: relation \"x\" does not exist" for an error result (severity,
/// SQLSTATE and primary message, one line); empty when `res` carries no error.
std::string describeResult(const PGresult* res);

/// libpq's (possibly multi-line, tab-indented) message on one line, with the
/// redundant `connection to server at "h", port p failed: ` prefix removed.
std::string oneLine(std::string_view message);

/// A connect error message libpq wrote in PQERRORS_VERBOSE mode, split into
/// the SQLSTATE of the server's first error (empty when the server never
/// answered with one) and the message as the default mode writes it (no
/// SQLSTATE, no LOCATION lines).
struct VerboseMessage {
    std::string sqlstate;
    std::string text;
};
VerboseMessage splitVerbose(std::string_view message);

/// Why a connect failed, from the server's SQLSTATE when it answered (class
/// 28: Authentication; 53300: ServerFull; 3D000, 42501 (no CONNECT right on
/// the database), 42704, 22023, 0A000, 08004, 08P01: Configuration; 57P01-57P03 and the rest of class 08:
/// Unreachable) or else from libpq's own words (a password missing:
/// Authentication; TLS, GSSAPI and invalid options: Configuration; anything
/// else, e.g. refused, timed out, unknown host: Unreachable).
ConnectErrorClass connectErrorClass(std::string_view sqlstate, std::string_view message);


}  // namespace poolscope::pg
