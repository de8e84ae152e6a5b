#include "core/drivers/mysql/MysqlErrors.h"

#include <mysql.h>

#include <cstring>

namespace poolscope::mysql {

bool isFatalCode(unsigned code) {
    switch (code) {
        case 2002:  // CR_CONNECTION_ERROR
        case 2003:  // CR_CONN_HOST_ERROR
        case 2006:  // CR_SERVER_GONE_ERROR
        case 2013:  // CR_SERVER_LOST
        case 2014:  // CR_COMMANDS_OUT_OF_SYNC: the protocol state is unknown
        case 2026:  // CR_SSL_CONNECTION_ERROR
        case 2027:  // CR_MALFORMED_PACKET
        case 2048:  // CR_INVALID_CONN_HANDLE
        case 2055:  // CR_SERVER_LOST_EXTENDED
        case 4031:  // ER_CLIENT_INTERACTION_TIMEOUT (MySQL 8.0.24+)
        case 1040:  // ER_CON_COUNT_ERROR
        case 1053:  // ER_SERVER_SHUTDOWN
        case 1152:  // ER_ABORTING_CONNECTION
        case 1184:  // ER_NEW_ABORTING_CONNECTION
        case 1158:  // ER_NET_READ_ERROR
        case 1159:  // ER_NET_READ_INTERRUPTED
        case 1160:  // ER_NET_ERROR_ON_WRITE
        case 1161:  // ER_NET_WRITE_INTERRUPTED
        case 1927:  // ER_CONNECTION_KILLED
            return true;
        default:
            return false;
    }
}

std::string describe(st_mysql* m) {
    std::string out = "ERROR " + std::to_string(mysql_errno(m));
    const char* state = mysql_sqlstate(m);
    if (state && *state) out.append(" (").append(state).append(")");
    out.append(": ");
    bool space = false;
    for (const char* p = mysql_error(m); p && *p; ++p) {
        if (*p == '\n' || *p == '\r' || *p == '\t') {
            space = true;
            continue;
        }
        if (space) out.push_back(' ');
        space = false;
        out.push_back(*p);
    }
    // "Can't connect to server on '127.0.0.1' (111)": spell out the errno.
    const unsigned code = mysql_errno(m);
    if ((code == 2002 || code == 2003) && !out.empty() && out.back() == ')') {
        auto open = out.rfind('(');
        std::string num = out.substr(open + 1, out.size() - open - 2);
        if (open != std::string::npos && !num.empty() &&
            num.find_first_not_of("0123456789") == std::string::npos) {
            out.insert(out.size() - 1, std::string(" ") + std::strerror(std::stoi(num)));
        }
    }
    return out;
}

ConnectErrorClass connectErrorClass(unsigned code) {
    using C = ConnectErrorClass;
    switch (code) {
        case 1040: case 1203: case 1226: return C::ServerFull;
        case 1045: case 1129: case 1130: case 1251: case 1698: case 1820: case 1862: case 2049:
        case 2059: return C::Authentication;
        // 1044: the credentials were accepted, the database is not there or
        // not granted (MariaDB does not say which to a user without rights).
        case 1043: case 1044: case 1049: case 1193: case 2012: case 2026: case 2047: case 2054:
            return C::Configuration;
        case 1053: case 2001: case 2002: case 2003: case 2004: case 2005: case 2006: case 2013:
        case 2027: case 2055: return C::Unreachable;
        default: return C::Unknown;
    }
}

}  // namespace poolscope::mysql
