#pragma once
// MySQL / MariaDB through MariaDB Connector/C (libmariadb):
// mysql://user:pass@host:port/db?ssl-mode=&ssl-ca=&connect_timeout=&read_timeout=&write_timeout=

#include <memory>

#include "core/drivers/Driver.h"
#include "core/drivers/Url.h"
#include "core/util/Result.h"

namespace poolscope {

struct MysqlConfig;

/// Opens MySQL/MariaDB sessions (see MysqlConfig for the URL's parameters).
/// connect() never blocks past its deadline: it uses the client library's
/// non-blocking API with poll(). Thread-safe.
class MysqlDriver final : public Driver {
public:
    /// Checks the URL and builds the driver; connects to nothing.
    static Result<std::shared_ptr<Driver>> open(const Url& url);

    std::string_view name() const override { return "mysql"; }
    std::string displayUrl() const override;
    /// Errors read "connect to HOST:PORT failed: ERROR 1040 (HY000): Too many
    /// connections" (client or server words, password never shown).
    Result<std::unique_ptr<Connection>> connect(Deadline deadline) override;

private:
    explicit MysqlDriver(std::shared_ptr<const MysqlConfig> config) : config_(std::move(config)) {}
    std::shared_ptr<const MysqlConfig> config_;
};

/// The factory entry for "mysql://" and "mariadb://" URLs.
Result<std::shared_ptr<Driver>> openMysqlDriver(const Url& url);

}  // namespace poolscope
