#include "core/drivers/DriverFactory.h"

#include <string>

#include "core/drivers/SimDriver.h"
#include "core/drivers/SqliteDriver.h"
#ifdef POOLSCOPE_HAVE_POSTGRES
#include "core/drivers/postgres/PgDriver.h"
#endif
#ifdef POOLSCOPE_HAVE_MYSQL
#include "core/drivers/mysql/MysqlDriver.h"
#endif

namespace poolscope {
namespace {

template <class D>
Result<std::shared_ptr<Driver>> openAs(const Url& url) {
    auto driver = D::create(url);
    if (!driver) return driver.error();
    return std::shared_ptr<Driver>(std::move(driver).value());
}

}  // namespace

const std::vector<DriverEntry>& driverEntries() {
    // ---- Driver registry: the single place where drivers register. --------
    // A driver not built into this binary keeps its row with `nullptr`, so
    // its URLs get "<product> support is not built into this binary".
    // PostgreSQL / MySQL: core/drivers/{postgres,mysql}/CMakeLists.txt add
    // `target_compile_definitions(poolscope_core PRIVATE POOLSCOPE_HAVE_...)`.
    static const std::vector<DriverEntry> entries = {
        {"sim", "simulated database", &openAs<SimDriver>},
        {"sqlite", "SQLite", &openAs<SqliteDriver>},
#ifdef POOLSCOPE_HAVE_POSTGRES
        {"postgresql", "PostgreSQL", &openPostgresDriver},
        {"postgres", "PostgreSQL", &openPostgresDriver},
#else
        {"postgresql", "PostgreSQL", nullptr},
        {"postgres", "PostgreSQL", nullptr},
#endif
#ifdef POOLSCOPE_HAVE_MYSQL
        {"mysql", "MySQL", &openMysqlDriver},
        {"mariadb", "MariaDB", &openMysqlDriver},
#else
        {"mysql", "MySQL", nullptr},
        {"mariadb", "MariaDB", nullptr},
#endif
    };
    return entries;
}

Result<std::shared_ptr<Driver>> openDriver(std::string_view text) {
    auto url = Url::parse(text);
    if (!url) return url.error();
    for (const DriverEntry& entry : driverEntries()) {
        if (entry.scheme != url->scheme()) continue;
        if (entry.open == nullptr) {
            return Error{std::string(entry.product) +
                         " support is not built into this binary (URL " + url->masked() + ")"};
        }
        return entry.open(*url);
    }
    std::string supported;
    for (const DriverEntry& entry : driverEntries()) {
        if (!supported.empty()) supported += ", ";
        supported.append(entry.scheme).append("://");
        if (entry.open == nullptr) supported += " (not built in)";
    }
    return Error{"unknown URL scheme '" + url->scheme() + "' in " + url->masked() +
                 "; supported: " + supported};
}

}  // namespace poolscope
