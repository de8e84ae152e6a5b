#include "app/sources/SourceManager.h"

#include <QThread>

#include "widgets/AlertText.h"

namespace poolscope {

SourceManager::SourceManager(size_t timelineCapacity, QObject* parent)
    : QObject(parent), timeline_(timelineCapacity) {
    registerPoolScopeMetaTypes();
    qRegisterMetaType<WorkloadSummary>();
}

SourceManager::~SourceManager() {
    for (const QString& pool : order_)
        if (auto* e = find(pool)) shutDown(*e, false);
    // Removed pools may still be stopping too: every source thread is a child.
    for (QThread* thread : findChildren<QThread*>(Qt::FindDirectChildrenOnly)) thread->wait();
}

SourceManager::Entry* SourceManager::find(const QString& pool) {
    auto it = entries_.find(pool);
    return it == entries_.end() ? nullptr : it->get();
}

const SourceManager::Entry* SourceManager::find(const QString& pool) const {
    auto it = entries_.find(pool);
    return it == entries_.end() ? nullptr : it->get();
}

SourceManager::Entry* SourceManager::live(const QString& pool, const Source* source) {
    Entry* e = find(pool);
    return e && e->source == source ? e : nullptr;
}

QString SourceManager::uniqueName(const QString& base) const {
    const QString b = base.isEmpty() ? QStringLiteral("pool") : base;
    if (!entries_.contains(b)) return b;
    for (int i = 2;; ++i) {
        const QString candidate = QStringLiteral("%1-%2").arg(b).arg(i);
        if (!entries_.contains(candidate)) return candidate;
    }
}

QString SourceManager::addEmbedded(EmbeddedSpec spec) {
    const QString name = uniqueName(QString::fromStdString(spec.pool.name));
    spec.pool.name = name.toStdString();
    return addSource(std::make_unique<EmbeddedSource>(std::move(spec)), name);
}

QString SourceManager::addSource(std::unique_ptr<Source> source, const QString& pool) {
    const QString name = entries_.contains(pool) ? uniqueName(pool) : pool;
    auto e = std::make_shared<Entry>();
    e->info.pool = name;
    e->info.description = source->description();
    e->info.controls = source->controls();
    e->info.controlsNote = source->controlsNote();
    e->source = source.release();
    e->thread = new QThread(this);
    e->thread->setObjectName(QStringLiteral("source:") + name);
    e->source->moveToThread(e->thread);
    entries_.insert(name, e);
    order_ << name;
    wire(name, e->source);
    connect(e->thread, &QThread::started, e->source, &Source::start);
    connect(e->thread, &QThread::finished, e->thread, &QObject::deleteLater);
    e->thread->start();
    emit poolAdded(name);
    return name;
}

QStringList SourceManager::poolsOf(const Source* source) const {
    QStringList out;
    if (!source) return out;
    for (const QString& name : order_)
        if (find(name)->source == source) out << name;
    return out;
}

QStringList SourceManager::siblingsOf(const QString& pool) const {
    const Entry* e = find(pool);
    if (!e) return {};
    return e->source ? poolsOf(e->source) : QStringList{pool};
}

void SourceManager::openPools(const QString& placeholder, Source* src, const QStringList& recorded) {
    auto it = entries_.find(placeholder);
    if (it == entries_.end() || (*it)->source != src || recorded.isEmpty()) return;  // removed meanwhile
    const std::shared_ptr<Entry> owner = *it;
    entries_.erase(it);
    order_.removeAll(placeholder);
    emit poolRemoved(placeholder);
    for (const QString& carried : recorded)
        // The first recorded pool takes over the placeholder's entry (and the source).
        enterShared(carried == recorded.first() ? owner : sharing(*owner), src, carried);
}

std::shared_ptr<SourceManager::Entry> SourceManager::sharing(const Entry& owner) {
    auto e = std::make_shared<Entry>();
    e->source = owner.source;
    e->thread = owner.thread;
    e->ownsSource = false;
    e->info.description = owner.info.description;
    e->info.controls = owner.info.controls;
    e->info.controlsNote = owner.info.controlsNote;
    e->info.status = owner.info.status;
    return e;
}

void SourceManager::enterShared(std::shared_ptr<Entry> e, Source* src, const QString& carried) {
    const QString name = uniqueName(carried);
    e->info.pool = name;
    e->carried = carried;
    e->historyFed = src->feedsTimelineFromHistory();
    routes_.insert(routeKey(src, carried), name);
    // A removed pool of the same name left samples of another time behind.
    timeline_.removePool(name.toStdString());
    entries_.insert(name, std::move(e));
    order_ << name;
    emit poolAdded(name);
}

void SourceManager::addPools(Source* src, const QStringList& added) {
    // Any pool of the source lends the new ones its source and description.
    const Entry* owner = nullptr;
    for (auto it = entries_.cbegin(); it != entries_.cend() && !owner; ++it)
        if ((*it)->source == src && (*it)->ownsSource) owner = it->get();
    if (!owner) return;  // removed meanwhile
    for (const QString& carried : added)
        if (!routes_.contains(routeKey(src, carried))) enterShared(sharing(*owner), src, carried);
}

SourceManager::Entry* SourceManager::route(const QString& pool, const Source* src, const QString& carried,
                                           QString& name) {
    if (Entry* e = live(pool, src)) {
        name = pool;
        return e;
    }
    // A recording's (an endpoint's, a fleet's) pools share the source wired
    // under its placeholder's name: looked up by the name the source gives
    // them, in constant time (a fleet sends thousands of snapshots a refresh).
    const auto it = routes_.constFind(routeKey(src, carried));
    if (it == routes_.cend()) return nullptr;
    Entry* e = find(*it);
    if (!e || e->source != src || e->carried != carried) return nullptr;  // removed, or the name reused
    name = *it;
    return e;
}

void SourceManager::wire(const QString& pool, Source* src) {
    // A source that feeds several pools (a recording, an endpoint) names them
    // before any snapshot: the entry added under `pool` gives way to one
    // entry per pool, all fed by the one source.
    connect(src, &Source::poolsOpened, this,
            [this, pool, src](const QStringList& names) { openPools(pool, src, names); });
    connect(src, &Source::backfilled, this,
            [this, pool, src](const QString& from, const std::vector<PoolSnapshot>& samples, const QString& error) {
                QString name;
                Entry* e = route(pool, src, from, name);
                if (!e) return;
                if (error.isEmpty()) takeBackfill(name, *e, samples);
                emit commandFinished(name, QStringLiteral("backfill"), error.isEmpty(), error);
            });
    connect(src, &Source::poolsAdded, this, [this, src](const QStringList& names) { addPools(src, names); });
    connect(src, &Source::placeKnown, this,
            [this, pool, src](const QString& from, const QString& service, const QString& instance,
                              const QString& format, const QString& server) {
                QString name;
                if (Entry* e = route(pool, src, from, name)) {
                    e->info.service = service;
                    e->info.instance = instance;
                    e->info.format = format;
                    e->info.server = server;
                    emit poolChanged(name);
                }
            });
    connect(src, &Source::historyReady, this,
            [this, src](const QString& carried, const std::vector<PoolSnapshot>& samples) {
                for (const QString& name : std::as_const(order_)) {
                    Entry* e = find(name);
                    if (!e || e->source != src || e->carried != carried) continue;
                    const std::string key = name.toStdString();
                    for (const PoolSnapshot& s : samples) {
                        if (s.pool == key) {
                            timeline_.append(s);
                        } else {
                            PoolSnapshot renamed = s;
                            renamed.pool = key;
                            timeline_.append(renamed);
                        }
                    }
                    emit historyAppended(name);
                    return;
                }
            });
    connect(src, &Source::healthChanged, this, [this, pool, src](const SourceHealth& health) {
        for (const QString& name : poolsOf(src)) {
            Entry* e = find(name);
            e->info.stale = health.state == SourceHealth::State::Stale;
            e->info.staleSinceMs = health.lastDataMs;
            e->info.error = AlertText::message(health);  // the user's language
            emit poolChanged(name);
        }
        Q_UNUSED(pool);
    });
    connect(src, &Source::markerAdded, this, [this, pool, src](const QString& from, qint64 tMs, const QString& text) {
        QString name;
        if (route(pool, src, from, name)) emit markerAdded(name, tMs, text);
    });
    connect(src, &Source::started, this, [this, pool, src](const QString&) {
        if (Entry* e = live(pool, src)) {
            e->info.status = PoolInfo::Status::Running;
            emit poolChanged(pool);
        }
    });
    connect(src, &Source::failed, this, [this, pool, src](const QString& message) {
        if (Entry* e = live(pool, src)) {
            e->info.status = PoolInfo::Status::Failed;
            e->info.error = message;
            emit poolChanged(pool);
        }
    });
    connect(src, &Source::snapshotReady, this, [this, pool, src](const PoolSnapshot& s) {
        QString name;
        Entry* e = route(pool, src, QString::fromStdString(s.pool), name);
        if (!e) return;
        e->latest = s;
        e->latest.pool = name.toStdString();
        e->hasLatest = true;
        if (!e->historyFed) timeline_.append(e->latest);
        PoolInfo& i = e->info;
        const bool changed = i.lifecycle != s.lifecycle || i.driver.isEmpty();
        i.driver = QString::fromStdString(s.driver);
        i.lifecycle = s.lifecycle;
        i.counts = s.counts;
        i.maxOpen = s.config.maxOpen;
        i.eventsDropped = s.totals.eventsDropped;
        i.reported = s.reported;
        if (i.status == PoolInfo::Status::Connecting) i.status = PoolInfo::Status::Running;
        emit snapshotArrived(name, e->latest);
        if (changed) emit poolChanged(name);
    });
    connect(src, &Source::eventsReady, this,
            [this, pool, src](const QString& from, const std::vector<TransitionEvent>& events) {
                QString name;
                if (route(pool, src, from, name)) emit eventsArrived(name, events);
            });
    connect(src, &Source::serverLimitsKnown, this,
            [this, pool, src](const QString& from, const QString& server, const ServerLimits& limits) {
                QString name;
                if (route(pool, src, from, name)) emit serverLimitsKnown(name, server, limits);
            });
    connect(src, &Source::workloadChanged, this,
            [this, pool, src](const QString& from, const WorkloadSummary& w) {
                QString name;
                if (Entry* e = route(pool, src, from, name)) {
                    e->info.workload = w;
                    emit poolChanged(name);
                }
            });
    // Playback concerns every pool of the source: announced under its first.
    const auto firstOf = [this, pool, src] {
        const QStringList names = poolsOf(src);
        return names.isEmpty() ? pool : names.first();
    };
    connect(src, &Source::spanKnown, this,
            [this, firstOf](qint64 from, qint64 to, const QList<qint64>& times, const QStringList& grades) {
                emit spanKnown(firstOf(), from, to, times, grades);
            });
    connect(src, &Source::positionChanged, this,
            [this, firstOf](qint64 t, bool playing) { emit positionChanged(firstOf(), t, playing); });
    connect(src, &Source::commandFinished, this,
            [this, pool, src](const QString& command, bool ok, const QString& message) {
                if (live(pool, src)) {
                    emit commandFinished(pool, command, ok, message);
                    return;
                }
                for (const QString& n : poolsOf(src)) emit commandFinished(n, command, ok, message);
            });
}

void SourceManager::shutDown(Entry& e, bool wait) {
    if (!e.source) return;
    if (!e.ownsSource) {  // a recording's other pool: its owner stops the source
        e.source = nullptr;
        e.thread = nullptr;
        return;
    }
    Source* src = e.source;
    QThread* thread = e.thread;
    e.source = nullptr;
    e.thread = nullptr;
    disconnect(src, nullptr, this, nullptr);
    // Stopped on its own thread; QThread deletes it (deleteLater on finished)
    // as the thread ends, then the thread object goes too.
    connect(thread, &QThread::finished, src, &QObject::deleteLater);
    QMetaObject::invokeMethod(
        src,
        [src, thread] {
            src->stop();
            thread->quit();
        },
        Qt::QueuedConnection);
    if (wait) thread->wait();
}

void SourceManager::removePool(const QString& pool) {
    const Entry* target = find(pool);
    if (!target) return;
    // The pools of one recording share one source: they go together.
    QStringList group{pool};
    if (target->source)
        for (const QString& other : std::as_const(order_))
            if (other != pool && find(other)->source == target->source) group << other;
    for (const QString& name : group) {
        std::shared_ptr<Entry> e = entries_.take(name);
        order_.removeAll(name);
        shutDown(*e, false);
    }
    for (const QString& name : group) emit poolRemoved(name);
}

std::optional<PoolInfo> SourceManager::info(const QString& pool) const {
    if (const Entry* e = find(pool)) return e->info;
    return std::nullopt;
}

const PoolSnapshot* SourceManager::latest(const QString& pool) const {
    const Entry* e = find(pool);
    return e && e->hasLatest ? &e->latest : nullptr;
}

void SourceManager::post(const QString& pool, const QString& command, Source::Control need,
                         const std::function<void(Source*)>& call) {
    Entry* e = find(pool);
    if (!e || !e->source) {
        emit commandFinished(pool, command, false, tr("no pool named '%1'").arg(pool));
        return;
    }
    if (!(e->info.controls & need)) {
        emit commandFinished(pool, command, false, tr("not supported by this source"));
        return;
    }
    Source* src = e->source;
    QMetaObject::invokeMethod(src, [src, call] { call(src); }, Qt::QueuedConnection);
}

void SourceManager::reconfigure(const QString& pool, const PoolConfig& config) {
    post(pool, QStringLiteral("reconfigure"), Source::CanReconfigure,
         [config](Source* s) { s->reconfigure(config); });
}

void SourceManager::setWorkload(const QString& pool, const WorkloadConfig& config, bool run) {
    post(pool, QStringLiteral("workload"), Source::CanRunWorkload,
         [config, run](Source* s) { s->setWorkload(config, run); });
}

void SourceManager::lifecycleAction(const QString& pool, const QString& action) {
    post(pool, action, Source::CanChangeLifecycle, [action](Source* s) { s->lifecycleAction(action); });
}

void SourceManager::playback(const QString& pool, const PlaybackCommand& command) {
    post(pool, QStringLiteral("playback"), Source::CanPlayBack,
         [command](Source* s) { s->playback(command); });
}

void SourceManager::backfill(const QString& pool, qint64 fromMs, qint64 toMs, qint64 stepMs) {
    const Entry* e = find(pool);
    const QString carried = e && !e->carried.isEmpty() ? e->carried : pool;
    post(pool, QStringLiteral("backfill"), Source::CanBackfill,
         [carried, fromMs, toMs, stepMs](Source* s) { s->backfill(carried, fromMs, toMs, stepMs); });
}

void SourceManager::takeBackfill(const QString& name, Entry& e, const std::vector<PoolSnapshot>& samples) {
    const std::string key = name.toStdString();
    timeline_.removePool(key);
    int64_t last = 0;
    for (PoolSnapshot s : samples) {
        s.pool = key;
        timeline_.append(s);
        last = s.tMs;
    }
    // Live data that came while the past was read follows it.
    if (e.hasLatest && e.latest.tMs > last) timeline_.append(e.latest);
    emit historyAppended(name);
}

void SourceManager::restartServer(const QString& pool) {
    post(pool, QStringLiteral("restart"), Source::CanRestartServer,
         [](Source* s) { s->restartServer(); });
}

}  // namespace poolscope
