#include "app/sources/SessionSource.h"

namespace poolscope {

namespace {

/// Workload counters are copied under a lock: every 5th poll is plenty.
constexpr int kSummaryEveryPolls = 5;

QString fromStd(const std::string& s) { return QString::fromStdString(s); }

Source::Controls controlsOf(unsigned bits) {
    Source::Controls c;
    if (bits & SnapshotSource::CanReconfigure) c |= Source::CanReconfigure;
    if (bits & SnapshotSource::CanRunWorkload) c |= Source::CanRunWorkload;
    if (bits & SnapshotSource::CanChangeLifecycle) c |= Source::CanChangeLifecycle;
    if (bits & SnapshotSource::CanRestartServer) c |= Source::CanRestartServer;
    return c;
}

}  // namespace

SessionSource::SessionSource(std::unique_ptr<SnapshotSource> session, int intervalMs, QString description,
                             bool namesItsPools, QObject* parent)
    : Source(parent),
      session_(std::move(session)),
      intervalMs_(intervalMs),
      namesItsPools_(namesItsPools),
      description_(description.isEmpty() ? fromStd(session_->description()) : std::move(description)),
      controls_(controlsOf(session_->controls()) | (session_->canBackfill() ? CanBackfill : NoControl)),
      controlsNote_(fromStd(session_->controlsNote())) {}

SessionSource::~SessionSource() { stop(); }

QString SessionSource::firstPool() const {
    const auto pools = session_->pools();
    return pools.empty() ? QString() : fromStd(pools.front());
}

void SessionSource::start() {
    if (started_ || stopped_) return;
    const StartResult r = session_->start();
    if (!r) {
        emit failed(fromStd(r.status.message()));
        return;
    }
    started_ = true;
    const auto pools = session_->pools();
    emit started(firstPool());
    if (pools.size() > 1 || (namesItsPools_ && !pools.empty())) {
        QStringList names;
        for (const auto& p : pools) names << fromStd(p);
        known_ = QSet<QString>(names.begin(), names.end());
        namesPools_ = true;
        emit poolsOpened(names);
    }
    for (const auto& p : pools) {
        const ServerLimits limits = session_->serverLimits(p);
        if (!limits.empty()) emit serverLimitsKnown(fromStd(p), fromStd(session_->serverKey(p)), limits);
    }
    if (const auto w = session_->workload()) {
        // The workload the session started with it, reported like one the
        // user started (the workload panel and tests wait for it).
        if (w->running) emit commandFinished(QStringLiteral("workload"), true, {});
        emitWorkloadSummary();
    }

    timer_ = new QTimer(this);
    timer_->setTimerType(Qt::PreciseTimer);
    connect(timer_, &QTimer::timeout, this, &SessionSource::poll);
    timer_->start(intervalMs_);
    poll();
}

void SessionSource::poll() {
    if (!started_ || stopped_) return;
    result_.clear();
    session_->poll(result_);
    announceNewPools();
    for (const PoolSnapshot& s : result_.snapshots) emit snapshotReady(s);
    for (PoolEvents& e : result_.events)
        if (!e.events.empty()) emit eventsReady(fromStd(e.pool), e.events);
    for (const SourceMarker& m : result_.markers) emit markerAdded(fromStd(m.pool), m.tMs, fromStd(m.text));
    if (result_.health) emit healthChanged(*result_.health);
    if (++polls_ % kSummaryEveryPolls == 0 && session_->workload()) emitWorkloadSummary();
}

void SessionSource::announceNewPools() {
    QStringList added;
    for (const PoolSnapshot& s : result_.snapshots) {
        const QString pool = fromStd(s.pool);
        if (namesPools_ && !known_.contains(pool)) {
            known_.insert(pool);
            added << pool;
        }
    }
    if (!added.isEmpty()) emit poolsAdded(added);
    for (const PoolSnapshot& s : result_.snapshots) {
        const QString pool = fromStd(s.pool);
        if (placed_.contains(pool)) continue;
        placed_.insert(pool);
        const PoolPlace p = session_->placeOf(s.pool);
        if (p != PoolPlace{})
            emit placeKnown(pool, fromStd(p.service), fromStd(p.instance), fromStd(p.format), fromStd(p.server));
        // A pool discovered after start(), on a server whose limits are known.
        if (const ServerLimits limits = session_->serverLimits(s.pool); !limits.empty())
            emit serverLimitsKnown(pool, fromStd(session_->serverKey(s.pool)), limits);
    }
}

void SessionSource::backfill(const QString& pool, qint64 fromMs, qint64 toMs, qint64 stepMs) {
    if (!(controls_ & CanBackfill)) return Source::backfill(pool, fromMs, toMs, stepMs);
    auto samples = session_->backfill(pool.toStdString(), fromMs, toMs, stepMs);
    if (!samples) {
        emit backfilled(pool, {}, fromStd(samples.message()));
        return;
    }
    emit backfilled(pool, *samples, {});
}

void SessionSource::emitWorkloadSummary() {
    const std::optional<WorkloadStatus> status = session_->workload();
    if (!status) return;
    WorkloadSummary s;
    s.config = status->config;
    s.running = status->running;
    s.ok = status->stats.ok;
    s.errors = status->stats.errorCount();
    s.leaked = status->stats.leaked;
    uint64_t best = 0;
    for (const auto& [message, count] : status->stats.errors) {
        if (count > best) {
            best = count;
            s.topError = fromStd(message);
        }
    }
    s.serverRestarts = status->serverRestarts;
    emit workloadChanged(firstPool(), s);
}

void SessionSource::stop() {
    if (stopped_) return;
    stopped_ = true;
    if (timer_) {
        timer_->stop();
        delete timer_;
        timer_ = nullptr;
    }
    session_->stop();
    emit stopped();
}

void SessionSource::finish(const QString& command, const Status& status) {
    emit commandFinished(command, status.isOk(), status.isOk() ? QString() : fromStd(status.message()));
}

void SessionSource::reconfigure(const PoolConfig& config) {
    const QString command = QStringLiteral("reconfigure");
    if (!(controls_ & CanReconfigure)) return refuse(command);
    const Status s = session_->reconfigure(firstPool().toStdString(), config);
    finish(command, s);
    if (s) poll();
}

void SessionSource::setWorkload(const WorkloadConfig& config, bool run) {
    const QString command = QStringLiteral("workload");
    if (!(controls_ & CanRunWorkload)) return refuse(command);
    finish(command, session_->setWorkload(config, run));
    emitWorkloadSummary();
}

void SessionSource::lifecycleAction(const QString& action) {
    if (!(controls_ & CanChangeLifecycle)) return refuse(action);
    const Status s = session_->lifecycleAction(firstPool().toStdString(), action.toStdString());
    finish(action, s);
    poll();
}

void SessionSource::restartServer() {
    const QString command = QStringLiteral("restart");
    if (!(controls_ & CanRestartServer)) return refuse(command);
    finish(command, session_->restartServer());
    emitWorkloadSummary();
}

}  // namespace poolscope
