#include "core/drivers/mysql/MysqlDriver.h"

#include "core/drivers/mysql/MysqlConfig.h"
#include "core/drivers/mysql/MysqlConnection.h"
#include "core/drivers/mysql/MysqlConnector.h"

namespace poolscope {

Result<std::shared_ptr<Driver>> MysqlDriver::open(const Url& url) {
    auto config = MysqlConfig::fromUrl(url);
    if (!config) return config.error();
    auto shared = std::make_shared<const MysqlConfig>(std::move(config).value());
    return std::shared_ptr<Driver>(new MysqlDriver(std::move(shared)));
}

std::string MysqlDriver::displayUrl() const { return config_->display; }

Result<std::unique_ptr<Connection>> MysqlDriver::connect(Deadline deadline) {
    auto handle = MysqlConnector::open(*config_, deadline);
    if (!handle) return handle.error();
    return std::unique_ptr<Connection>(std::make_unique<MysqlConnection>(*handle, config_));
}

Result<std::shared_ptr<Driver>> openMysqlDriver(const Url& url) { return MysqlDriver::open(url); }

}  // namespace poolscope
