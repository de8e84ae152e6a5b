#include "app/sources/HealthMonitor.h"

#include "app/sources/SourceManager.h"
#include "widgets/AlertListModel.h"

namespace poolscope {

namespace {

/// A seek back in a replay (or a wall clock stepped back) by more than this
/// restarts the pool's health: hold times cannot run backwards.
constexpr qint64 kBackwardsMs = 1000;

const Alert* findAlert(const PoolHealth& health, const Alert& like) {
    for (const Alert& a : health.alerts)
        if (a.rule == like.rule && a.subject == like.subject && a.state != AlertState::Resolved) return &a;
    return nullptr;
}

}  // namespace

HealthMonitor::HealthMonitor(SourceManager& sources, Thresholds thresholds, QObject* parent)
    : QObject(parent),
      sources_(sources),
      clock_(std::make_shared<DataClock>()),
      engine_(std::make_unique<HealthEngine>(std::move(thresholds), clock_)) {
    qRegisterMetaType<poolscope::Alert>();
    connect(&sources_, &SourceManager::snapshotArrived, this, &HealthMonitor::evaluate);
    connect(&sources_, &SourceManager::serverLimitsKnown, this,
            [this](const QString& pool, const QString& server, const ServerLimits& limits) {
                engine_->setServerLimits(pool.toStdString(), server.toStdString(), limits);
            });
    connect(&sources_, &SourceManager::poolRemoved, this, [this](const QString& pool) {
        engine_->forget(pool.toStdString());
        lastTimeMs_.remove(pool);
    });
}

HealthMonitor::~HealthMonitor() = default;

void HealthMonitor::setThresholds(Thresholds thresholds) { engine_->setThresholds(std::move(thresholds)); }

PoolHealth HealthMonitor::health(const QString& pool) const { return engine_->health(pool.toStdString()); }

QString HealthMonitor::keyOf(const Alert& alert) { return AlertListModel::keyOf(alert); }

void HealthMonitor::acknowledge(const Alert& alert) { acknowledged_.insert(keyOf(alert)); }

bool HealthMonitor::acknowledged(const Alert& alert) const { return acknowledged_.contains(keyOf(alert)); }

void HealthMonitor::silence(const Alert& alert, qint64 forMs) {
    silencedUntil_.insert(keyOf(alert), clock_->wallMs() + forMs);
}

bool HealthMonitor::silenced(const Alert& alert) const {
    return silencedUntil_.value(keyOf(alert), 0) > clock_->wallMs();
}

QSet<QString> HealthMonitor::silencedKeys() const {
    QSet<QString> keys;
    const qint64 now = clock_->wallMs();
    for (auto it = silencedUntil_.constBegin(); it != silencedUntil_.constEnd(); ++it)
        if (it.value() > now) keys.insert(it.key());
    return keys;
}

void HealthMonitor::evaluate(const QString& pool, const PoolSnapshot& snapshot) {
    const qint64 t = snapshot.tMs;
    if (auto it = lastTimeMs_.constFind(pool); it != lastTimeMs_.constEnd() && t < *it - kBackwardsMs) {
        engine_->forget(pool.toStdString());  // replay sought back: start this pool's health afresh
    }
    lastTimeMs_.insert(pool, t);
    clock_->set(t);
    const PoolHealth before = engine_->health(pool.toStdString());
    const PoolHealth now = engine_->evaluate(snapshot);

    for (const Alert& a : now.alerts) {
        const Alert* old = findAlert(before, a);
        const bool changed = !old || old->state != a.state || old->grade != a.grade;
        if (!changed) continue;
        const QString key = keyOf(a);
        if (a.state == AlertState::Resolved) acknowledged_.remove(key);  // the next firing is news again
        emit alertChanged(a);
        const bool escalatedToDanger = a.state == AlertState::Firing && a.grade == Grade::Danger &&
                                       (!old || old->state != AlertState::Firing || old->grade != Grade::Danger);
        if (escalatedToDanger && !acknowledged_.contains(key) && !silenced(a)) emit dangerRaised(a);
    }
    emit evaluated(pool, snapshot, now);
}

}  // namespace poolscope
