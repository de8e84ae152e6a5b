#include "app/ui/WorkloadPresets.h"

namespace poolscope {

QList<WorkloadPreset> WorkloadPresets::all() {
    QList<WorkloadPreset> out;
    {
        WorkloadPreset p;
        p.id = QStringLiteral("unbounded");
        p.title = tr("Unbounded pool (max_open=0)");
        p.description = tr("64 workers each hold a connection for 50 ms and the pool has no "
                           "limit: open connections climb to the number of workers.");
        p.workload.workers = 64;
        p.workload.holdMs = 50;
        p.workload.thinkMs = 10;
        p.adjustPool = [](PoolConfig c) {
            c.maxOpen = 0;
            c.maxIdle = std::max<int64_t>(c.maxIdle, 10);
            c.minIdle = std::min(c.minIdle, c.maxIdle);
            return c;
        };
        out << p;
    }
    {
        WorkloadPreset p;
        p.id = QStringLiteral("leak");
        p.title = tr("Leaking handler");
        p.description = tr("8 workers; 5 % of requests never release their connection. Leak "
                           "reports appear after 1 s, the pool drains, then acquires time out.");
        p.workload.workers = 8;
        p.workload.leakPct = 5;
        p.adjustPool = [](PoolConfig c) {
            if (c.maxOpen == 0) c.maxOpen = 10;
            c.maxIdle = std::min(c.maxIdle, c.maxOpen);
            c.minIdle = std::min(c.minIdle, c.maxIdle);
            c.leakThresholdMs = 1000;
            c.acquireTimeoutMs = 5000;
            return c;
        };
        out << p;
    }
    {
        WorkloadPreset p;
        p.id = QStringLiteral("restart");
        p.title = tr("Database restart (fake alive)");
        p.description = tr("The database restarts; idle connections look alive but are dead. "
                           "Without validation the workload sees errors; set Validate to "
                           "\"on every borrow\" and they disappear.");
        p.workload.workers = 8;
        p.adjustPool = [](PoolConfig c) {
            c.validation = ValidationPolicy{};
            c.keepaliveMs = 0;
            if (c.maxOpen == 0) c.maxOpen = 10;
            c.maxIdle = std::min(c.maxIdle, c.maxOpen);
            c.minIdle = std::min(c.minIdle, c.maxIdle);
            return c;
        };
        p.needsRestarts = true;
        p.simUrl = QStringLiteral("sim://?query_ms=2&restart_every_s=10");
        out << p;
    }
    {
        WorkloadPreset p;
        p.id = QStringLiteral("wait_storm");
        p.title = tr("Wait storm");
        p.description = tr("32 workers on 8 connections: a queue builds up and the P99 wait "
                           "explodes while every connection is busy.");
        p.workload.workers = 32;
        p.workload.holdMs = 20;
        p.workload.thinkMs = 10;
        p.adjustPool = [](PoolConfig c) {
            c.maxOpen = 8;
            c.maxIdle = std::min<int64_t>(c.maxIdle, 8);
            c.minIdle = std::min(c.minIdle, c.maxIdle);
            return c;
        };
        out << p;
    }
    return out;
}

WorkloadPreset WorkloadPresets::byId(const QString& id) {
    for (const WorkloadPreset& p : all())
        if (p.id == id) return p;
    return {};
}

}  // namespace poolscope
