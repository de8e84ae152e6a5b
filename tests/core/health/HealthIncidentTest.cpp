// The classic incidents reproduced in-process (Pool + Workload on the
// simulated driver, real time, a few seconds each): each raises its alert
// within a few seconds and no other danger alert; a healthy workload raises
// nothing.

#include <gtest/gtest.h>

#include <chrono>
#include <iostream>
#include <optional>
#include <set>
#include <string>
#include <thread>

#include "core/drivers/DriverFactory.h"
#include "core/health/HealthEngine.h"
#include "core/workload/Workload.h"

namespace poolscope {
namespace {

using Steady = std::chrono::steady_clock;
using namespace std::chrono_literals;

struct Incident {
    const char* name;
    const char* url;
    const char* pool;      ///< --pool options
    const char* workload;  ///< --workload options
    const char* rule;      ///< the alert it must raise ("" = none at all)
    Grade grade;           ///< at this grade
    std::set<std::string> otherDanger;  ///< other danger alerts that are symptoms of it
    int limitMs;           ///< it must fire within this
};

void PrintTo(const Incident& c, std::ostream* os) { *os << c.name; }

struct Outcome {
    int64_t firedAfterMs = -1;  ///< -1: never
    std::vector<FiredAlert> fired;
};

/// Runs the incident, evaluating health every 250 ms, until its alert fired
/// and 1 s more passed (to catch alerts that come with it), or the limit.
Outcome run(const Incident& c) {
    Outcome out;
    auto driver = openDriver(c.url);
    EXPECT_TRUE(driver) << driver.message();
    PoolConfig pc;
    const Status ps = applyPoolOptions(pc, c.pool);
    EXPECT_TRUE(ps) << ps.message();
    WorkloadConfig wc;
    const Status ws = applyWorkloadOptions(wc, c.workload);
    EXPECT_TRUE(ws) << ws.message();
    if (!driver || !ps || !ws) return out;
    Pool pool(pc, *driver);
    EXPECT_TRUE(pool.start());
    Workload workload(wc, pool);
    EXPECT_TRUE(workload.start());
    HealthEngine engine(Thresholds::defaults());
    const auto start = Steady::now();
    const auto limit = start + std::chrono::milliseconds(c.limitMs);
    auto next = start;
    std::optional<Steady::time_point> stopAt;
    while (Steady::now() < (stopAt ? *stopAt : limit)) {
        next += 250ms;
        std::this_thread::sleep_until(next);
        const PoolHealth h = engine.evaluate(pool.snapshot());
        for (const auto& a : h.alerts)
            if (!stopAt && a.rule == c.rule && a.state == AlertState::Firing && a.grade >= c.grade) {
                out.firedAfterMs = std::chrono::duration_cast<std::chrono::milliseconds>(Steady::now() - start).count();
                stopAt = Steady::now() + 1s;
                std::cout << "[ incident ] " << c.name << ": " << a.rule << " (" << toString(a.grade) << ") fired after "
                          << out.firedAfterMs << " ms: " << a.message << std::endl;
            }
    }
    workload.requestStop();
    pool.close();
    workload.stop();
    out.fired = engine.fired();
    return out;
}

class HealthIncidentTest : public testing::TestWithParam<Incident> {};

TEST_P(HealthIncidentTest, RaisesItsAlertAndNoOtherDanger) {
    const Incident& c = GetParam();
    const Outcome o = run(c);
    EXPECT_GE(o.firedAfterMs, 0) << c.rule << " did not fire within " << c.limitMs << " ms";
    for (const auto& f : o.fired) {
        if (f.peakGrade < Grade::Danger || f.rule == c.rule) continue;
        EXPECT_TRUE(c.otherDanger.count(f.rule)) << "unexpected danger alert " << f.rule << ": " << f.message;
    }
}

INSTANTIATE_TEST_SUITE_P(
    Incidents, HealthIncidentTest,
    testing::Values(
        // max_open=0 under load: one connection per concurrent request.
        Incident{"unbounded", "sim://?query_ms=2", "max_open=0", "workers=64,hold_ms=50", "unbounded",
                 Grade::Danger, {}, 6000},
        // 0.5 % of requests never release; reported after 1 s held.
        Incident{"leaking_handler", "sim://", "max_open=20,leak_threshold_ms=1000", "workers=4,leak_pct=0.5",
                 "leak", Grade::Danger, {}, 6000},
        // The server restarts every 2 s and the pool does not validate.
        Incident{"restart_no_validation", "sim://?restart_every_s=2", "validate=never", "workers=8", "stale_connections",
                 Grade::Warning, {}, 6000},
        // 32 workers holding 20 ms each on 8 connections.
        Incident{"wait_storm", "sim://?query_ms=2", "max_open=8", "workers=32,hold_ms=20", "exhausted",
                 Grade::Danger, {"wait_p99", "utilisation"}, 6000}),
    [](const testing::TestParamInfo<Incident>& info) { return std::string(info.param.name); });

TEST(HealthIncidentTest, HealthyWorkloadRaisesNothing) {
    const Incident healthy{"healthy", "sim://?query_ms=1", "max_open=10", "workers=4,hold_ms=10,think_ms=10", "",
                           Grade::Info, {}, 4000};
    const Outcome o = run(healthy);
    for (const auto& f : o.fired) ADD_FAILURE() << "alert " << f.rule << " (" << toString(f.peakGrade) << "): " << f.message;
}

}  // namespace
}  // namespace poolscope
