#pragma once
// The controls of a replay: play/pause, speed, a scrubber with alert markers,
// "next alert", a loop range and the position. It only emits requests; the
// app passes them to the replay source and feeds the position back.

#include <QColor>
#include <QList>
#include <QStringList>
#include <QWidget>
#include <optional>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLabel;
class QToolButton;
QT_END_NAMESPACE

namespace poolscope {

class ReplayScrubber;

/// GUI thread only. Times are wall-clock ms since the Unix epoch.
class ReplayBar : public QWidget {
    Q_OBJECT
public:
    explicit ReplayBar(QWidget* parent = nullptr);

    /// Speeds offered, times real time; 0 = as fast as possible ("max").
    static QList<double> speeds();
    /// Tick colour of an alert grade ("danger", "warning", "info", "resolved").
    static QColor gradeColor(const QString& grade);

    /// The recording's span and its alert changes (markers, one per time).
    void setRecording(qint64 startMs, qint64 endMs, const QList<qint64>& alertTimes,
                      const QStringList& alertGrades);
    /// Where playback is and whether it plays (the source's report).
    void setPosition(qint64 tMs, bool playing);
    /// The speed shown selected (does not emit speedRequested).
    void setSpeed(double speed);

    qint64 position() const;
    bool playing() const { return playing_; }
    /// Loop marks set so far; the loop is active while loopButton() is checked.
    std::optional<qint64> loopFrom() const { return loopFrom_; }
    std::optional<qint64> loopTo() const { return loopTo_; }
    /// "10:00:05.200  +0:05.2 / 0:20.0" (local time, offset / length).
    static QString positionText(qint64 tMs, qint64 startMs, qint64 endMs);

    // The parts, for tests and styling; owned by the bar.
    QToolButton* playButton() const { return play_; }
    QComboBox* speedBox() const { return speed_; }
    ReplayScrubber* scrubber() const { return scrubber_; }
    QToolButton* nextAlertButton() const { return nextAlert_; }
    QToolButton* markFromButton() const { return markFrom_; }
    QToolButton* markToButton() const { return markTo_; }
    QToolButton* loopButton() const { return loop_; }
    QLabel* positionLabel() const { return label_; }

signals:
    void playRequested();
    void pauseRequested();
    /// Times real time; 0 = as fast as possible.
    void speedRequested(double speed);
    void seekRequested(qint64 tMs);
    void nextAlertRequested();
    /// Loop [fromMs, toMs] (fromMs < toMs).
    void loopRequested(qint64 fromMs, qint64 toMs);
    void loopCleared();

private:
    void setMarks(std::optional<qint64> from, std::optional<qint64> to);
    void applyLoop();
    void updateButtons();

    QToolButton* play_;
    QComboBox* speed_;
    ReplayScrubber* scrubber_;
    QToolButton* nextAlert_;
    QToolButton* markFrom_;
    QToolButton* markTo_;
    QToolButton* loop_;
    QLabel* label_;
    bool playing_ = false;
    std::optional<qint64> loopFrom_;
    std::optional<qint64> loopTo_;
};

}  // namespace poolscope
