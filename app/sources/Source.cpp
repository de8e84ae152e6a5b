#include "app/sources/Source.h"

namespace poolscope {

Source::Source(QObject* parent) : QObject(parent) {
    registerPoolScopeMetaTypes();
    qRegisterMetaType<WorkloadSummary>();
    qRegisterMetaType<SourceHealth>();
    qRegisterMetaType<std::vector<PoolSnapshot>>();
}

Source::~Source() = default;

void Source::refuse(const QString& command) {
    emit commandFinished(command, false, tr("not supported by this source"));
}

void Source::reconfigure(const PoolConfig&) { refuse(QStringLiteral("reconfigure")); }
void Source::setWorkload(const WorkloadConfig&, bool) { refuse(QStringLiteral("workload")); }
void Source::lifecycleAction(const QString& action) { refuse(action); }
void Source::restartServer() { refuse(QStringLiteral("restart")); }

void Source::playback(const PlaybackCommand&) { refuse(QStringLiteral("playback")); }

void Source::backfill(const QString& pool, qint64, qint64, qint64) {
    emit backfilled(pool, {}, tr("not supported by this source"));
}

}  // namespace poolscope
