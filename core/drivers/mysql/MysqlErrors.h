#pragma once
// How MySQL/MariaDB client errors become PoolScope errors.

#include <string>
#include <string_view>

#include "core/util/ConnectErrorClass.h"

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

/// Why a connect failed, from its error number: 1040, 1203, 1226 (no
/// connection slot): ServerFull; 1045, 1130, 1251, 1698, 2049, 2059, 1129,
/// 1820, 1862 (credentials, host or auth plugin refused): Authentication;
/// 1049 (unknown database), 1044 (database not granted, or unknown: MariaDB
/// does not say which), 2026 (TLS), 1043, 2012, 2047, 2054, 1193 (handshake
/// or option): Configuration; 2001-2005, 2006, 2013,
/// 2055, 1053, 2027 (nothing or no longer answering): Unreachable; anything else
/// Unknown.
ConnectErrorClass connectErrorClass(unsigned code);


}  // namespace poolscope::mysql
