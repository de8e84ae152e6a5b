#include "core/drivers/DriverFactory.h"

#include <string>

#include "core/drivers/SimDriver.h"
#ifdef POOLSCOPE_HAVE_SQLITE
#include "core/drivers/SqliteDriver.h"
#endif
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
    // its URLs get "this build has no <product> driver (<option>=OFF)".
    // core/drivers/CMakeLists.txt and core/drivers/{postgres,mysql}/CMakeLists.txt
    // add `target_compile_definitions(poolscope_core PRIVATE POOLSCOPE_HAVE_...)`
    // when the POOLSCOPE_WITH_... option is ON.
    static const std::vector<DriverEntry> entries = {
        {"sim", "simulated database", &openAs<SimDriver>, {}},
#ifdef POOLSCOPE_HAVE_SQLITE
        {"sqlite", "SQLite", &openAs<SqliteDriver>, "POOLSCOPE_WITH_SQLITE"},
#else
        {"sqlite", "SQLite", nullptr, "POOLSCOPE_WITH_SQLITE"},
#endif
#ifdef POOLSCOPE_HAVE_POSTGRES
        {"postgresql", "PostgreSQL", &openPostgresDriver, "POOLSCOPE_WITH_POSTGRESQL"},
        {"postgres", "PostgreSQL", &openPostgresDriver, "POOLSCOPE_WITH_POSTGRESQL"},
#else
        {"postgresql", "PostgreSQL", nullptr, "POOLSCOPE_WITH_POSTGRESQL"},
        {"postgres", "PostgreSQL", nullptr, "POOLSCOPE_WITH_POSTGRESQL"},
#endif
#ifdef POOLSCOPE_HAVE_MYSQL
        {"mysql", "MySQL", &openMysqlDriver, "POOLSCOPE_WITH_MYSQL"},
        {"mariadb", "MariaDB", &openMysqlDriver, "POOLSCOPE_WITH_MYSQL"},
#else
        {"mysql", "MySQL", nullptr, "POOLSCOPE_WITH_MYSQL"},
        {"mariadb", "MariaDB", nullptr, "POOLSCOPE_WITH_MYSQL"},
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
            return Error{"this build has no " + std::string(entry.product) + " driver (" +
                         std::string(entry.option) + "=OFF); cannot open " + url->masked()};
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
