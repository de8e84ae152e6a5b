#include "core/session/EmbeddedSession.h"

#include <algorithm>

#include "core/drivers/DriverFactory.h"
#include "core/drivers/ServerLimitsProbe.h"
#include "core/drivers/SimDriver.h"
#include "core/drivers/Url.h"
#include "core/pool/Pool.h"
#include "core/workload/Workload.h"

namespace poolscope {

using Steady = std::chrono::steady_clock;

EmbeddedSession::EmbeddedSession(EmbeddedSessionSpec spec) : spec_(std::move(spec)) {
    if (auto parsed = Url::parse(spec_.url)) isSim_ = parsed->scheme() == "sim";
}

EmbeddedSession::~EmbeddedSession() { stop(); }

std::string EmbeddedSession::description() const { return "embedded " + shownUrl(); }
std::string EmbeddedSession::shownUrl() const { return maskPassword(spec_.url); }

unsigned EmbeddedSession::controls() const {
    unsigned c = CanReconfigure | CanRunWorkload | CanChangeLifecycle;
    if (isSim_) c |= CanRestartServer;
    return c;
}

std::vector<std::string> EmbeddedSession::pools() const {
    if (!pool_) return {};
    return {pool_->name()};
}

ServerLimits EmbeddedSession::serverLimits(const std::string&) const { return limits_; }
std::string EmbeddedSession::serverKey(const std::string&) const { return serverKey_; }

StartResult EmbeddedSession::start() {
    if (pool_ || stopped_) return StartResult::fail(StartStage::Arguments, {}, "the session was already started");
    auto opened = openDriver(spec_.url);
    if (!opened) return StartResult::fail(StartStage::Arguments, "--connect", opened.message());
    driver_ = *opened;
    {
        // One probe, so an unreachable database is one clear message rather
        // than a stream of acquire errors; the same connection reads the
        // server's limits for the config lint.
        const int64_t probeMs = std::clamp<int64_t>(spec_.pool.acquireTimeoutMs, 1, std::max<int64_t>(spec_.probeTimeoutMs, 1));
        auto probe = driver_->connect(Steady::now() + std::chrono::milliseconds(probeMs));
        if (!probe) {
            const std::string message =
                "cannot reach the database at " + maskPassword(spec_.url) + ": " + probe.message();
            driver_.reset();
            return StartResult::fail(StartStage::Reach, {}, message);
        }
        // A field the server will not tell stays unknown; the pool starts all the same.
        limits_ = probeServerLimits(*driver_, **probe, Steady::now() + kLimitsProbeTimeout);
        serverKey_ = serverKeyOf(*driver_);
    }
    pool_ = std::make_unique<Pool>(spec_.pool, driver_);
    if (auto s = pool_->start(); !s) {
        pool_.reset();
        driver_.reset();
        return StartResult::fail(StartStage::Arguments, "--pool", s.message());
    }
    if (spec_.runWorkload) {
        if (auto s = setWorkload(spec_.workload, true); !s) {
            pool_->close();
            return StartResult::fail(StartStage::Arguments, {}, s.message());
        }
    }
    return StartResult::ok();
}

void EmbeddedSession::poll(PollResult& out, bool withSnapshots) {
    if (!pool_ || stopped_) return;
    if (withSnapshots) {
        out.snapshots.push_back(pool_->snapshot());
        out.snapshots.back().source = sourceName();
    }
    // The events drained after a snapshot precede the next one.
    std::vector<TransitionEvent> events;
    pool_->drainEvents(events);
    if (!events.empty()) out.events.push_back({pool_->name(), std::move(events)});
    reapRetired(false);
}

void EmbeddedSession::stop() {
    if (stopped_) return;
    stopped_ = true;
    // Stop the workers first, then close the pool so a worker waiting in
    // acquire() wakes at once, then join everything.
    if (workload_) workload_->requestStop();
    for (auto& r : retiring_) r.workload->requestStop();
    if (pool_) pool_->close();
    if (workload_) workload_->stop();
    reapRetired(true);
}

std::optional<WorkloadStatus> EmbeddedSession::workload() const {
    WorkloadStatus s;
    s.config = spec_.workload;
    if (workload_) {
        s.running = workload_->running() && !stopped_;
        s.stats = workload_->stats();
    }
    if (auto sim = std::dynamic_pointer_cast<SimDriver>(driver_)) s.serverRestarts = sim->restarts();
    return s;
}

void EmbeddedSession::retireWorkload() {
    if (!workload_) return;
    workload_->requestStop();
    Retiring r;
    r.done = std::make_shared<std::atomic<bool>>(false);
    Workload* w = workload_.get();
    auto done = r.done;
    r.joiner = std::thread([w, done] {
        w->stop();
        done->store(true, std::memory_order_release);
    });
    r.workload = std::move(workload_);
    retiring_.push_back(std::move(r));
}

void EmbeddedSession::reapRetired(bool wait) {
    for (auto it = retiring_.begin(); it != retiring_.end();) {
        if (wait || it->done->load(std::memory_order_acquire)) {
            if (it->joiner.joinable()) it->joiner.join();
            it = retiring_.erase(it);
        } else {
            ++it;
        }
    }
}

Status EmbeddedSession::reconfigure(const std::string&, const PoolConfig& config) {
    if (!pool_ || stopped_) return Status::fail("the pool is not running");
    PoolConfig c = config;
    c.name = pool_->name();  // a pool keeps its name
    if (auto s = pool_->reconfigure(c); !s) return s;
    spec_.pool = c;
    // A per-request workload builds its pools from the settings it started with.
    if (workload_ && workload_->config().poolPerRequest) return setWorkload(workload_->config(), true);
    return Status::ok();
}

Status EmbeddedSession::setWorkload(const WorkloadConfig& config, bool run) {
    if (!pool_ || stopped_) return Status::fail("the pool is not running");
    if (auto s = validateWorkloadConfig(config); !s) return s;
    retireWorkload();
    spec_.workload = config;
    if (!run) return Status::ok();
    Workload::PoolFactory factory;
    if (config.poolPerRequest) {
        PoolConfig perRequest = spec_.pool;
        perRequest.name = pool_->name() + std::string(kPerRequestSuffix);
        factory = Workload::poolFactory(perRequest, driver_);
    }
    workload_ = std::make_unique<Workload>(config, *pool_, std::move(factory));
    if (auto s = workload_->start(); !s) {
        workload_.reset();
        return s;
    }
    return Status::ok();
}

Status EmbeddedSession::lifecycleAction(const std::string&, std::string_view action) {
    if (!pool_) return Status::fail("the pool is not running");
    if (action == "suspend") return pool_->suspend();
    if (action == "resume") return pool_->resume();
    if (action == "evict") {
        pool_->evictIdle();
        return Status::ok();
    }
    if (action == "close") {
        if (workload_) workload_->requestStop();
        pool_->close();
        retireWorkload();
        return Status::ok();
    }
    return Status::fail("unknown action '" + std::string(action) + "'");
}

Status EmbeddedSession::restartServer() {
    auto sim = std::dynamic_pointer_cast<SimDriver>(driver_);
    if (!sim) return unsupported();
    sim->restartServer();
    return Status::ok();
}

}  // namespace poolscope
