#include "core/drivers/postgres/PgErrors.h"

#include <algorithm>
#include <array>
#include <vector>

namespace poolscope::pg {

bool isFatalSqlState(std::string_view s) {
    if (s.size() != 5) return false;
    if (s.substr(0, 2) == "08") return true;  // connection_exception and subclasses
    static constexpr std::array<std::string_view, 7> kFatal = {
        "57P01",  // admin_shutdown: pg_ctl stop/restart -m fast, pg_terminate_backend
        "57P02",  // crash_shutdown
        "57P03",  // cannot_connect_now: starting up / shutting down
        "57P04",  // database_dropped
        "57P05",  // idle_session_timeout
        "25P03",  // idle_in_transaction_session_timeout
        "53300",  // too_many_connections
    };
    for (auto f : kFatal) {
        if (s == f) return true;
    }
    return false;
}

bool isFatalSeverity(std::string_view severity) {
    return severity == "FATAL" || severity == "PANIC";
}

std::string describeResult(const PGresult* res) {
    if (!res) return {};
    const char* primary = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
    if (!primary || !*primary) {
        const char* all = PQresultErrorMessage(res);
        return all ? oneLine(all) : std::string();
    }
    const char* sev = PQresultErrorField(res, PG_DIAG_SEVERITY_NONLOCALIZED);
    const char* state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    std::string out = sev ? sev : "ERROR";
    if (state && *state) out.append(" ").append(state);
    out.append(": ").append(oneLine(primary));
    return out;
}

std::string oneLine(std::string_view m) {
    // libpq joins the errors of each attempt (e.g. SSL, then plain) as
    // `connection to server at "h", port p failed: ...` lines, with tab-indented
    // hints. Callers already name the target: drop that prefix, join hints to
    // their line, and drop repeated lines.
    std::vector<std::string> lines;
    size_t pos = 0;
    while (pos <= m.size()) {
        size_t nl = m.find('\n', pos);
        std::string_view line = m.substr(pos, nl == std::string_view::npos ? m.npos : nl - pos);
        pos = nl == std::string_view::npos ? m.size() + 1 : nl + 1;
        const bool hint = !line.empty() && line.front() == '\t';
        if (line.starts_with("connection to server ")) {
            auto f = line.find(" failed: ");
            if (f != std::string_view::npos) line.remove_prefix(f + 9);
        }
        std::string text;
        bool space = false;
        for (char c : line) {
            if (c == '\t' || c == '\r' || c == ' ') {
                space = true;
                continue;
            }
            if (space && !text.empty()) text.push_back(' ');
            space = false;
            text.push_back(c);
        }
        if (text.empty()) continue;
        if (hint && !lines.empty()) {
            lines.back() += " " + text;
        } else {
            lines.push_back(std::move(text));
        }
    }
    std::string out;
    for (size_t i = 0; i < lines.size(); ++i) {
        if (std::find(lines.begin(), lines.begin() + static_cast<long>(i), lines[i]) !=
            lines.begin() + static_cast<long>(i))
            continue;
        if (!out.empty()) out += "; ";
        out += lines[i];
    }
    return out;
}

namespace {

bool isSqlStateChar(char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'); }

bool contains(std::string_view text, std::string_view what) {
    return text.find(what) != std::string_view::npos;
}

}  // namespace

VerboseMessage splitVerbose(std::string_view m) {
    VerboseMessage out;
    size_t pos = 0;
    while (pos <= m.size()) {
        const size_t nl = m.find('\n', pos);
        std::string_view line = m.substr(pos, nl == std::string_view::npos ? m.npos : nl - pos);
        pos = nl == std::string_view::npos ? m.size() + 1 : nl + 1;
        if (line.starts_with("LOCATION:")) continue;
        // "SEVERITY:  SQLSTATE: message": drop the SQLSTATE, keep the first.
        std::string kept(line);
        for (size_t at = kept.find(":  "); at != std::string::npos; at = kept.find(":  ", at + 1)) {
            const size_t code = at + 3;
            if (code + 7 > kept.size() || kept[code + 5] != ':' || kept[code + 6] != ' ') continue;
            const std::string_view candidate = std::string_view(kept).substr(code, 5);
            if (!std::all_of(candidate.begin(), candidate.end(), isSqlStateChar)) continue;
            if (out.sqlstate.empty()) out.sqlstate = std::string(candidate);
            kept.erase(code, 7);
            break;
        }
        out.text += kept;
        if (nl != std::string_view::npos) out.text += '\n';
    }
    return out;
}

ConnectErrorClass connectErrorClass(std::string_view sqlstate, std::string_view message) {
    using C = ConnectErrorClass;
    if (sqlstate.size() == 5) {
        if (sqlstate.starts_with("28")) return C::Authentication;
        if (sqlstate == "53300") return C::ServerFull;
        for (std::string_view s : {"3D000", "42501", "42704", "22023", "0A000", "08004", "08P01"})
            if (sqlstate == s) return C::Configuration;
        if (sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03" || sqlstate.starts_with("08"))
            return C::Unreachable;
        return C::Unknown;
    }
    // The server never answered with an error: libpq's own words.
    if (contains(message, "password") || contains(message, "SCRAM") || contains(message, "authentication"))
        return C::Authentication;
    for (std::string_view w : {"SSL", "certificate", "GSS", "sslmode", "channel binding", "invalid",
                               "unsupported", "not supported"})
        if (contains(message, w)) return C::Configuration;
    return C::Unreachable;
}

}  // namespace poolscope::pg
