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

}  // namespace poolscope::pg
