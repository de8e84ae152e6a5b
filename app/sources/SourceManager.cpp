#include "app/sources/SourceManager.h"

#include <QThread>

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

void SourceManager::wire(const QString& pool, Source* src) {
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
        Entry* e = live(pool, src);
        if (!e) return;
        e->latest = s;
        e->latest.pool = pool.toStdString();
        e->hasLatest = true;
        timeline_.append(e->latest);
        PoolInfo& i = e->info;
        const bool changed = i.lifecycle != s.lifecycle || i.driver.isEmpty();
        i.driver = QString::fromStdString(s.driver);
        i.lifecycle = s.lifecycle;
        i.counts = s.counts;
        i.maxOpen = s.config.maxOpen;
        i.eventsDropped = s.totals.eventsDropped;
        if (i.status == PoolInfo::Status::Connecting) i.status = PoolInfo::Status::Running;
        emit snapshotArrived(pool);
        if (changed) emit poolChanged(pool);
    });
    connect(src, &Source::eventsReady, this,
            [this, pool, src](const QString&, const std::vector<TransitionEvent>& events) {
                if (live(pool, src)) emit eventsArrived(pool, events);
            });
    connect(src, &Source::workloadChanged, this,
            [this, pool, src](const QString&, const WorkloadSummary& w) {
                if (Entry* e = live(pool, src)) {
                    e->info.workload = w;
                    emit poolChanged(pool);
                }
            });
    connect(src, &Source::commandFinished, this,
            [this, pool, src](const QString& command, bool ok, const QString& message) {
                if (live(pool, src)) emit commandFinished(pool, command, ok, message);
            });
}

void SourceManager::shutDown(Entry& e, bool wait) {
    if (!e.source) return;
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
    auto it = entries_.find(pool);
    if (it == entries_.end()) return;
    std::shared_ptr<Entry> e = *it;
    entries_.erase(it);
    order_.removeAll(pool);
    shutDown(*e, false);
    emit poolRemoved(pool);
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

void SourceManager::restartServer(const QString& pool) {
    post(pool, QStringLiteral("restart"), Source::CanRestartServer,
         [](Source* s) { s->restartServer(); });
}

}  // namespace poolscope
