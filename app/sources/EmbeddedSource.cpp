#include "app/sources/EmbeddedSource.h"

#include <algorithm>
#include <chrono>

#include "core/drivers/DriverFactory.h"
#include "core/drivers/ServerLimitsProbe.h"
#include "core/drivers/SimDriver.h"
#include "core/drivers/Url.h"
#include "core/pool/Pool.h"
#include "core/workload/Workload.h"

namespace poolscope {

namespace {

/// Workload counters are copied under a lock: every 5th poll is plenty.
constexpr int kSummaryEveryPolls = 5;

QString fromStd(const std::string& s) { return QString::fromStdString(s); }

}  // namespace

EmbeddedSource::EmbeddedSource(EmbeddedSpec spec, QObject* parent)
    : Source(parent), spec_(std::move(spec)) {
    const std::string url = spec_.url.toStdString();
    description_ = tr("embedded %1").arg(fromStd(maskPassword(url)));
    if (auto parsed = Url::parse(url)) isSim_ = parsed->scheme() == "sim";
}

EmbeddedSource::~EmbeddedSource() { stop(); }

Source::Controls EmbeddedSource::controls() const {
    Controls c = CanReconfigure | CanRunWorkload | CanChangeLifecycle;
    if (isSim_) c |= CanRestartServer;
    return c;
}

void EmbeddedSource::start() {
    if (pool_ || stopped_) return;
    const std::string url = spec_.url.toStdString();
    auto opened = openDriver(url);
    if (!opened) {
        emit failed(fromStd(opened.message()));
        return;
    }
    driver_ = *opened;
    {
        // One probe, so an unreachable database is one clear message rather
        // than a stream of acquire errors.
        const auto deadline = std::chrono::steady_clock::now() +
                              std::chrono::milliseconds(std::max<qint64>(spec_.probeTimeoutMs, 1));
        auto probe = driver_->connect(deadline);
        if (!probe) {
            emit failed(tr("cannot reach the database at %1: %2")
                            .arg(fromStd(maskPassword(url)), fromStd(probe.message())));
            driver_.reset();
            return;
        }
        // The server's own limits, for the config lint; a field the server
        // will not tell stays unknown and the pool starts all the same.
        limits_ = probeServerLimits(*driver_, **probe, deadline);
    }
    pool_ = std::make_unique<Pool>(spec_.pool, driver_);
    if (auto s = pool_->start(); !s) {
        emit failed(fromStd(s.message()));
        pool_.reset();
        driver_.reset();
        return;
    }
    emit started(fromStd(pool_->name()));
    if (!limits_.empty())
        emit serverLimitsKnown(fromStd(pool_->name()), fromStd(serverKeyOf(*driver_)), limits_);
    if (spec_.runWorkload) setWorkload(spec_.workload, true);

    timer_ = new QTimer(this);
    timer_->setTimerType(Qt::PreciseTimer);
    connect(timer_, &QTimer::timeout, this, &EmbeddedSource::poll);
    timer_->start(spec_.intervalMs);
    poll();
}

void EmbeddedSource::poll() {
    if (!pool_) return;
    PoolSnapshot snapshot = pool_->snapshot();
    snapshot.source = "embedded";
    std::vector<TransitionEvent> events;
    pool_->drainEvents(events);
    const QString pool = fromStd(snapshot.pool);
    emit snapshotReady(snapshot);
    if (!events.empty()) emit eventsReady(pool, events);
    if (++polls_ % kSummaryEveryPolls == 0) {
        emitWorkloadSummary();
        reapRetired(false);
    }
}

void EmbeddedSource::emitWorkloadSummary() {
    WorkloadSummary s;
    s.config = spec_.workload;
    if (workload_) {
        const WorkloadStats st = workload_->stats();
        s.running = workload_->running();
        s.ok = st.ok;
        s.errors = st.errorCount();
        s.leaked = st.leaked;
        uint64_t best = 0;
        for (const auto& [message, count] : st.errors) {
            if (count > best) {
                best = count;
                s.topError = fromStd(message);
            }
        }
    }
    if (auto sim = std::dynamic_pointer_cast<SimDriver>(driver_)) s.serverRestarts = sim->restarts();
    emit workloadChanged(pool_ ? fromStd(pool_->name()) : QString(), s);
}

void EmbeddedSource::stop() {
    if (stopped_) return;
    stopped_ = true;
    if (timer_) {
        timer_->stop();
        delete timer_;
        timer_ = nullptr;
    }
    // Stop the workers first, then close the pool so a worker waiting in
    // acquire() wakes at once, then join everything.
    if (workload_) workload_->requestStop();
    for (auto& r : retiring_) r.workload->requestStop();
    if (pool_) pool_->close();
    if (workload_) {
        workload_->stop();
        workload_.reset();
    }
    reapRetired(true);
    pool_.reset();
    driver_.reset();
    emit stopped();
}

void EmbeddedSource::retireWorkload() {
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

void EmbeddedSource::reapRetired(bool wait) {
    for (auto it = retiring_.begin(); it != retiring_.end();) {
        if (wait || it->done->load(std::memory_order_acquire)) {
            if (it->joiner.joinable()) it->joiner.join();
            it = retiring_.erase(it);
        } else {
            ++it;
        }
    }
}

void EmbeddedSource::reconfigure(const PoolConfig& config) {
    const QString command = QStringLiteral("reconfigure");
    if (!pool_) {
        emit commandFinished(command, false, tr("the pool is not running"));
        return;
    }
    PoolConfig c = config;
    c.name = pool_->name();  // a pool keeps its name
    if (auto s = pool_->reconfigure(c); !s) {
        emit commandFinished(command, false, fromStd(s.message()));
        return;
    }
    spec_.pool = c;
    // A per-request workload builds its pools from the settings it started with.
    if (workload_ && workload_->config().poolPerRequest) setWorkload(workload_->config(), true);
    emit commandFinished(command, true, {});
    poll();
}

void EmbeddedSource::setWorkload(const WorkloadConfig& config, bool run) {
    const QString command = QStringLiteral("workload");
    if (!pool_) {
        emit commandFinished(command, false, tr("the pool is not running"));
        return;
    }
    if (auto s = validateWorkloadConfig(config); !s) {
        emit commandFinished(command, false, fromStd(s.message()));
        return;
    }
    retireWorkload();
    spec_.workload = config;
    if (run) {
        Workload::PoolFactory factory;
        if (config.poolPerRequest) {
            PoolConfig perRequest = spec_.pool;
            perRequest.name = pool_->name() + "/request";
            factory = Workload::poolFactory(perRequest, driver_);
        }
        workload_ = std::make_unique<Workload>(config, *pool_, std::move(factory));
        if (auto s = workload_->start(); !s) {
            workload_.reset();
            emit commandFinished(command, false, fromStd(s.message()));
            emitWorkloadSummary();
            return;
        }
    }
    emit commandFinished(command, true, {});
    emitWorkloadSummary();
}

void EmbeddedSource::lifecycleAction(const QString& action) {
    if (!pool_) {
        emit commandFinished(action, false, tr("the pool is not running"));
        return;
    }
    Status s;
    if (action == QLatin1String("suspend")) {
        s = pool_->suspend();
    } else if (action == QLatin1String("resume")) {
        s = pool_->resume();
    } else if (action == QLatin1String("evict")) {
        pool_->evictIdle();
    } else if (action == QLatin1String("close")) {
        if (workload_) workload_->requestStop();
        pool_->close();
        retireWorkload();
    } else {
        emit commandFinished(action, false, tr("unknown action '%1'").arg(action));
        return;
    }
    emit commandFinished(action, s.isOk(), s.isOk() ? QString() : fromStd(s.message()));
    poll();
}

void EmbeddedSource::restartServer() {
    const QString command = QStringLiteral("restart");
    auto sim = std::dynamic_pointer_cast<SimDriver>(driver_);
    if (!sim) {
        refuse(command);
        return;
    }
    sim->restartServer();
    emit commandFinished(command, true, {});
    emitWorkloadSummary();
}

}  // namespace poolscope
