#pragma once
// A recording (.psrec) played back as a Source: the views receive the recorded
// snapshots and transition events exactly as they came from the live pool,
// paced by a PlaybackClock (0.25x to 100x, or as fast as possible).

#include <QList>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <memory>
#include <optional>
#include <vector>

#include "core/recording/PlaybackClock.h"
#include "core/recording/RecordingTypes.h"
#include "app/sources/Source.h"
#include "core/telemetry/Snapshot.h"

namespace poolscope {

class RecordingReader;
class ReplayCursor;

/// Replays one .psrec file, every recorded pool of it. Lives on a worker
/// thread like every Source: call its slots with queued invocations.
///
/// Signal order after start(): started(first pool), poolsOpened(names),
/// spanKnown(span, alerts), the frames at the start of the recording
/// (snapshotReady per pool), positionChanged; then, one chunk per tick,
/// historyReady until every recorded sample was handed over, interleaved with
/// playback. Snapshots and events carry the recorded pool names.
///
/// The Timeline of a replayed pool is fed from historyReady only (the whole
/// recording, loaded once, in time order), never from snapshotReady: views
/// end their time axis at positionChanged's time instead, so seeking back and
/// forth never rewrites the Timeline.
class ReplaySource final : public Source {
    Q_OBJECT
public:
    /// Time between two playback steps (the GUI's redraw rate).
    static constexpr int kTickMs = 40;
    /// Samples per pool handed over per historyReady (keeps each GUI-thread
    /// append to a few tens of ms, even for a 24 h recording).
    static constexpr size_t kHistoryChunk = 20'000;
    /// A step that spans more frames of one pool than this delivers only the
    /// newest (fast playback; the Timeline has the rest from the history).
    static constexpr size_t kMaxFramesPerPoolPerStep = 16;
    /// Frames stepped per tick as fast as possible.
    static constexpr int kFastFramesPerTick = 25;

    /// `path` is opened by start(), on the worker thread. `autoPlay`: start
    /// playing at 1x at once (the app); false: stay paused at the start (tests).
    explicit ReplaySource(QString path, bool autoPlay = true, QObject* parent = nullptr);
    /// Calls stop().
    ~ReplaySource() override;

    /// "replay FILE".
    QString description() const override { return description_; }
    QString path() const { return path_; }
    /// The Timeline is filled from historyReady: the recorded chart samples
    /// (the figures a Timeline plots; no connection list).
    bool feedsTimelineFromHistory() const override { return true; }
    /// A recording plays back; nothing else can be changed.
    Controls controls() const override { return CanPlayBack; }

public slots:
    /// Opens the file; emits failed() with the reader's message when it is
    /// not a readable recording (missing, not a recording, newer schema).
    void start() override;
    void stop() override;

    void play();
    void pause();
    /// Times real time within [0.25, 100]; 0 = as fast as possible.
    void setSpeed(double speed);
    /// Jumps to recording time `tMs` (wall-clock ms, clamped to the span).
    void seek(qint64 tMs);
    /// Seeks to the first alert change after the position; stays put when none.
    void jumpToNextAlert();
    /// Plays [fromMs, toMs] over and over (order of the two does not matter).
    void setLoop(qint64 fromMs, qint64 toMs);
    void clearLoop();
    /// The generic form of the slots above (what SourceManager sends).
    void playback(const poolscope::PlaybackCommand& command) override;
    /// One playback step: the next history chunk, then the frames due now.
    /// The timer calls it; tests may call it directly.
    void tick();

signals:
    /// Playback reached the end of the recording (and paused there).
    void finished();

private:
    void loadHistoryChunk();
    bool advance(int64_t tMs);
    bool jump(int64_t tMs);
    void deliverFrames(const std::vector<ReplayFrame>& frames, bool newestOnly);
    void deliverEvents(const std::vector<ReplayEvent>& events);
    void finish();
    void report(const QString& message);
    void updateTimer();
    void announce();

    const QString path_;
    const bool autoPlay_;
    QString description_;
    std::unique_ptr<RecordingReader> reader_;
    std::unique_ptr<ReplayCursor> cursor_;
    PlaybackClock clock_;
    QTimer* timer_ = nullptr;
    int64_t firstMs_ = 0;
    int64_t lastMs_ = 0;
    std::optional<std::pair<int64_t, int64_t>> loop_;
    int64_t historyAfterMs_ = 0;
    int64_t historyChunkMs_ = 0;
    bool historyDone_ = false;
    bool stopped_ = false;
    QStringList reported_;  // messages already sent (damage is reported once)
};

}  // namespace poolscope

