#pragma once
// How MySQL/MariaDB client errors become PoolScope errors.

#include <string>
#include <string_view>

struct st_mysql;

namespace poolscope::mysql {

/// True when error `code` means the session is over and the connection must
/// be destroyed: 2006 server has gone away, 2013 lost connection, 2055 lost
/// connection (extended), 2002/2003 cannot connect (seen when a lost session
/// is used again), 2014 commands out of sync, 2026 TLS error, 2027 malformed
/// packet, 4031 disconnected for inactivity (MySQL 8), 1053 server shutdown,
/// 1927 connection killed, 1152/1184 aborted connection, 1158-1161 network
/// read/write errors, 1040 too many connections.
bool isFatalCode(unsigned code);

/// "ERROR 1146 (42S02): Table 'x.y' doesn't exist" for the handle's last
/// error, on one line.
std::string describe(st_mysql* m);


}  // namespace poolscope::mysql
