#pragma once
// Opening one MySQL/MariaDB session with a deadline.

#include <mysql.h>

#include "core/drivers/Driver.h"
#include "core/drivers/mysql/MysqlConfig.h"
#include "core/util/Result.h"

namespace poolscope {

/// Opens raw client handles in non-blocking mode (MYSQL_OPT_NONBLOCK), with
/// auto-reconnect off (a broken session must surface as an error, never be
/// silently replaced), TCP unless a socket is configured, the URL's TLS
/// options and timeouts, and CLIENT_MULTI_STATEMENTS. Stateless; thread-safe.
class MysqlConnector {
public:
    /// Connects, giving up at `deadline` (or connect_timeout when earlier).
    /// The caller owns the handle (mysql_close, or mysql::abandon when it may
    /// be mid-operation). Errors read "connect to HOST:PORT failed: ERROR
    /// 2002 (HY000): <client or server words>"; the password is never shown.
    static Result<MYSQL*> open(const MysqlConfig& config, Deadline deadline);
};

}  // namespace poolscope
