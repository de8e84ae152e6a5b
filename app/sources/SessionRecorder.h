#pragma once
// Records the GUI session: an always-on flight recorder (the last 15 minutes
// in memory, saved on request) and, while the user records, a .psrec file
// written as the session happens. Both get what the dashboard shows: each
// snapshot with the exact line the headless mode would print for it
// (snapshotToJsonLine with the pool's health), the transition events, and
// the alert changes.

#include <QDateTime>
#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>
#include <memory>
#include <vector>

#include "core/recording/FlightRecorder.h"
#include "core/recording/LiveFeed.h"
#include "core/recording/RecordingTypes.h"
#include "core/health/Alert.h"
#include "core/telemetry/TransitionEvent.h"
#include "core/util/Result.h"

namespace poolscope {

class HealthMonitor;
class LiveRecording;
class SourceManager;

/// GUI thread only. Nothing here waits for the disk: the recording's own
/// thread writes it, closing it and saving the flight recorder run on the
/// thread pool and report back with signals. Only the destructor waits (for
/// the file to be complete at exit).
class SessionRecorder : public QObject {
    Q_OBJECT
public:
    /// What the status bar shows while recording.
    struct Progress {
        quint64 bytes = 0;      ///< file size after the last commit (file + WAL)
        quint64 snapshots = 0;  ///< committed so far
        quint64 events = 0;     ///< committed so far
        qint64 elapsedMs = 0;   ///< since start()
    };

    /// Listens to `sources` and `health` (not owned; both must outlive this).
    /// The flight recorder keeps `flightWindowMs` of data (default 15 min,
    /// at most FlightRecorder::kDefaultMaxBytes of memory).
    SessionRecorder(SourceManager& sources, HealthMonitor& health, QObject* parent = nullptr,
                    qint64 flightWindowMs = FlightRecorder::kDefaultWindowMs);
    /// Closes a recording under way and waits for saves in progress.
    ~SessionRecorder() override;

    /// Starts recording to `path` (a new file, or a recording to replace).
    /// Returns an empty string on success, else what went wrong, naming the
    /// file ("cannot create ... : Permission denied"). Refused while recording.
    QString start(const QString& path);
    /// Stops recording; returns at once. stopped() follows once the file is
    /// complete. Nothing happens when not recording.
    void stop();
    bool recording() const { return recording_ != nullptr; }
    /// The file being recorded (or the last one); empty before the first start().
    QString path() const { return path_; }
    /// Figures of the recording under way (zeros when not recording).
    Progress progress() const;

    /// Writes the flight recorder's content (the last 15 minutes) to `path`
    /// in the background; flightSaved() reports the result.
    void saveFlight(const QString& path);
    /// True while a saveFlight() runs.
    bool savingFlight() const { return !flightSaves_.isEmpty(); }
    const FlightRecorder& flight() const { return flight_; }

    /// "poolscope-YYYYMMDD-HHMMSS.psrec" for `time` (local time).
    static QString defaultFileName(const QDateTime& time);
    /// The progress interval while recording (ms).
    static constexpr int kProgressMs = 1000;

signals:
    /// Recording started or stopped (stopped: the file may still be closing).
    void recordingChanged(bool recording);
    /// About once a second while recording: progress() has new figures.
    void progressed();
    /// The recording of `path` is complete; `error` is empty, or says why
    /// recording stopped (disk full, ...) and that the file keeps what was
    /// written before.
    void stopped(const QString& path, const QString& error);
    /// saveFlight(`path`) finished; `error` empty on success.
    void flightSaved(const QString& path, const QString& error);

private:
    void onEvaluated(const QString& pool, const PoolSnapshot& snapshot, const PoolHealth& health);
    void onEvents(const QString& pool, const std::vector<TransitionEvent>& events);
    void tick();
    void finish(QString error);
    RecordingMeta meta() const;

    SourceManager& sources_;
    HealthMonitor& health_;
    FlightRecorder flight_;
    LiveFeed feed_;
    std::unique_ptr<LiveRecording> recording_;
    QString path_;
    QElapsedTimer elapsed_;
    QTimer progressTimer_;
    QList<QFutureWatcher<Status>*> closing_;
    QList<QFutureWatcher<Status>*> flightSaves_;
};

}  // namespace poolscope
