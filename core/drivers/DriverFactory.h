#pragma once
// From a URL to a Driver: the one place that knows which schemes exist.

#include <memory>
#include <string_view>
#include <vector>

#include "core/drivers/Driver.h"
#include "core/drivers/Url.h"
#include "core/util/Result.h"

namespace poolscope {

/// Builds a driver from a parsed URL without connecting. The error names the
/// bad parameter and its value.
using DriverOpener = Result<std::shared_ptr<Driver>> (*)(const Url& url);

/// One scheme the factory knows.
struct DriverEntry {
    std::string_view scheme;   ///< lower-case, e.g. "postgresql"
    std::string_view product;  ///< for messages, e.g. "PostgreSQL"
    DriverOpener open;         ///< nullptr: known, but not built into this binary
    std::string_view option;   ///< CMake option that builds it, e.g. "POOLSCOPE_WITH_MYSQL"; empty: always built
};

/// Creates the driver for `url`: sim:// -> SimDriver, sqlite:// -> SqliteDriver,
/// postgresql:// and postgres:// -> PostgreSQL, mysql:// and mariadb:// -> MySQL
/// (when built in). Validates every parameter but opens no connection. Errors: a URL that
/// does not parse, an unknown scheme (listing the supported ones), a driver
/// not built into this binary ("this build has no MySQL driver
/// (POOLSCOPE_WITH_MYSQL=OFF)"), or a bad parameter (naming key and value).
/// Messages never contain the password. Thread-safe.
Result<std::shared_ptr<Driver>> openDriver(std::string_view url);

/// Every scheme the factory knows, built in or not, in a stable order.
const std::vector<DriverEntry>& driverEntries();

}  // namespace poolscope
