// A service outside the PoolScope tree, built against the installed core
// (find_package(PoolScopeCore) or pkg-config poolscope-core): opens a pool on
// the simulated server, runs one query on a borrowed connection and prints
// the pool's snapshot as a JSON line. Exit 0 only if all of that worked.
#include <iostream>

#include "core/drivers/DriverFactory.h"
#include "core/pool/Pool.h"
#include "core/pool/PoolConfig.h"
#include "core/telemetry/SnapshotJson.h"

int main() {
    auto driver = poolscope::openDriver("sim://?query_ms=1");
    if (!driver) {
        std::cerr << "consumer: " << driver.message() << '\n';
        return 1;
    }
    poolscope::PoolConfig config;
    config.name = "consumer";
    config.maxOpen = 2;
    config.maxIdle = 2;
    config.minIdle = 0;
    poolscope::Pool pool(config, *driver);
    if (auto started = pool.start(); !started) {
        std::cerr << "consumer: start: " << started.message() << '\n';
        return 1;
    }
    {
        auto lease = pool.acquire("consumer.main");
        if (!lease) {
            std::cerr << "consumer: acquire: " << lease.message() << '\n';
            return 1;
        }
        if (auto rows = lease->execute("SELECT 1"); !rows) {
            std::cerr << "consumer: query: " << rows.message() << '\n';
            return 1;
        }
    }
    std::cout << poolscope::snapshotToJsonLine(pool.snapshot()) << '\n';
    pool.close();
    return 0;
}
