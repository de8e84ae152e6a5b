#include "app/sources/SessionRecorder.h"

#include <QtConcurrent/QtConcurrentRun>

#include "core/recording/LiveRecording.h"
#include "core/recording/RecordingSchema.h"
#include "core/recording/SecretScrubber.h"
#include "app/sources/HealthMonitor.h"
#include "app/sources/SourceManager.h"
#include "core/health/ThresholdsFile.h"
#include "core/telemetry/SnapshotJson.h"

#ifndef POOLSCOPE_VERSION
#define POOLSCOPE_VERSION "unknown"
#endif

namespace poolscope {

namespace {

QString fromStd(const std::string& s) { return QString::fromStdString(s); }

}  // namespace

SessionRecorder::SessionRecorder(SourceManager& sources, HealthMonitor& health, QObject* parent,
                                 qint64 flightWindowMs)
    : QObject(parent), sources_(sources), health_(health), flight_(flightWindowMs) {
    feed_.addSink(flight_);
    // evaluated() carries the snapshot and the health it was given (with
    // the alerts it resolved): the line is written from exactly that.
    connect(&health_, &HealthMonitor::evaluated, this, &SessionRecorder::onEvaluated);
    connect(&sources_, &SourceManager::eventsArrived, this, &SessionRecorder::onEvents);
    connect(&sources_, &SourceManager::poolAdded, this, [this] {
        if (recording_)
            recording_->recorder().setMeta(std::string(RecordingSchema::kMetaSource),
                                           meta().source);
    });
    progressTimer_.setInterval(kProgressMs);
    connect(&progressTimer_, &QTimer::timeout, this, &SessionRecorder::tick);
}

SessionRecorder::~SessionRecorder() {
    progressTimer_.stop();
    // At exit the file must be complete, so here (only here) we wait.
    if (recording_) {
        feed_.removeSink(recording_->recorder());
        (void)recording_->finish({});
    }
    for (auto* w : std::as_const(closing_)) w->waitForFinished();
    for (auto* w : std::as_const(flightSaves_)) w->waitForFinished();
}

QString SessionRecorder::defaultFileName(const QDateTime& time) {
    return QStringLiteral("poolscope-%1.psrec")
        .arg(time.toString(QStringLiteral("yyyyMMdd-HHmmss")));
}

RecordingMeta SessionRecorder::meta() const {
    // Descriptions are masked already; scrubbed again here because several
    // are joined and the writer's own scrubbing expects one URL.
    std::string source;
    for (const QString& pool : sources_.pools()) {
        const auto info = sources_.info(pool);
        if (!info) continue;
        if (!source.empty()) source += "; ";
        source += pool.toStdString() + ": " +
                  SecretScrubber::scrubSource(info->description.toStdString());
    }
    return LiveRecording::metaFor(std::move(source), POOLSCOPE_VERSION,
                                  ThresholdsFile::toJson(health_.thresholds()));
}

QString SessionRecorder::start(const QString& path) {
    if (recording_) return tr("Already recording to %1").arg(path_);
    if (path.isEmpty()) return tr("No file name given for the recording");
    auto started = LiveRecording::start(path.toStdString(), meta());
    if (!started) return fromStd(started.message());
    recording_ = std::move(*started);
    path_ = path;
    feed_.addSink(recording_->recorder());
    elapsed_.start();
    progressTimer_.start();
    emit recordingChanged(true);
    emit progressed();
    return {};
}

void SessionRecorder::stop() {
    if (recording_) finish({});
}

SessionRecorder::Progress SessionRecorder::progress() const {
    Progress p;
    if (!recording_) return p;
    const Recorder::Stats s = recording_->recorder().stats();
    p.bytes = s.bytes;
    p.snapshots = s.snapshots;
    p.events = s.events;
    p.elapsedMs = elapsed_.elapsed();
    return p;
}

void SessionRecorder::tick() {
    if (!recording_) return;
    // A failed commit (disk full, file removed) stops the writer; say so now
    // rather than when the user presses Stop.
    if (const Status s = recording_->recorder().status(); !s) {
        finish(fromStd(s.message()));
        return;
    }
    emit progressed();
}

void SessionRecorder::finish(QString error) {
    progressTimer_.stop();
    feed_.removeSink(recording_->recorder());
    std::shared_ptr<LiveRecording> closing(recording_.release());
    const QString path = path_;
    auto* watcher = new QFutureWatcher<Status>(this);
    closing_ << watcher;
    connect(watcher, &QFutureWatcher<Status>::finished, this, [this, watcher, path, error] {
        closing_.removeOne(watcher);
        watcher->deleteLater();
        const Status closed = watcher->result();
        QString why = error;
        if (why.isEmpty() && !closed) why = fromStd(closed.message());
        emit stopped(
            path, why.isEmpty()
                      ? QString()
                      : tr("Recording to %1 stopped: %2. The file keeps what was written before.")
                            .arg(path, why));
    });
    // Closing commits the last quarter second and folds the WAL into the file.
    watcher->setFuture(QtConcurrent::run([closing] { return closing->finish({}); }));
    emit recordingChanged(false);
}

void SessionRecorder::saveFlight(const QString& path) {
    RecordingMeta m = meta();
    m.startMs = 0;  // the file starts at the oldest time kept, not now
    auto* watcher = new QFutureWatcher<Status>(this);
    flightSaves_ << watcher;
    connect(watcher, &QFutureWatcher<Status>::finished, this, [this, watcher, path] {
        flightSaves_.removeOne(watcher);
        watcher->deleteLater();
        const Status s = watcher->result();
        emit flightSaved(path, s ? QString() : fromStd(s.message()));
    });
    watcher->setFuture(QtConcurrent::run(
        [this, file = path.toStdString(), m = std::move(m)] { return flight_.saveTo(file, m); }));
}

void SessionRecorder::onEvaluated(const QString&, const PoolSnapshot& snapshot, const PoolHealth& health) {
    feed_.snapshot(snapshot, snapshotToJsonLine(snapshot, health), health);
}

void SessionRecorder::onEvents(const QString& pool, const std::vector<TransitionEvent>& events) {
    feed_.events(pool.toStdString(), events);
}

}  // namespace poolscope
