#pragma once
// The time slider of a replay: the recording's span as a groove, the played
// part filled, alert changes as coloured ticks, the loop range shaded. Click
// or drag to seek; shift-drag to select a loop range. From the keyboard, the
// arrows step (Page Up/Down in bigger steps, Home/End to the ends), and
// assistive technology reads it as a slider (ReplayScrubberAccessible).

#include <QColor>
#include <QList>
#include <QWidget>
#include <optional>
#include <utility>

namespace poolscope {

/// GUI thread only. Times are wall-clock ms since the Unix epoch.
class ReplayScrubber : public QWidget {
    Q_OBJECT
public:
    explicit ReplayScrubber(QWidget* parent = nullptr);

    /// The recording's span; an empty span (end <= start) shows an idle groove.
    void setRange(qint64 startMs, qint64 endMs);
    qint64 startMs() const { return startMs_; }
    qint64 endMs() const { return endMs_; }
    void setPosition(qint64 tMs);
    qint64 position() const { return positionMs_; }
    /// Seeks to tMs clamped to the span, as a click there does: shows it at
    /// once and emits seekRequested (nothing when there is no span).
    void seek(qint64 tMs);
    /// One arrow key's step: a hundredth of the span, at least 100 ms; a
    /// Page Up/Down step is ten of them.
    qint64 singleStepMs() const;
    qint64 pageStepMs() const;
    /// "10:00:05.200, 0:05.2 of 0:20.0" (local time, offset of the span's
    /// length); "no recording" without a span. What a screen reader says.
    QString positionText() const;
    /// "1:05.2" or "2:01:05.2" for a duration in ms (negative with a '-').
    static QString durationText(qint64 ms);
    /// One tick per entry of `times`, drawn in `colors` (same length).
    void setMarkers(const QList<qint64>& times, const QList<QColor>& colors);
    int markerCount() const { return static_cast<int>(markers_.size()); }
    /// Where marker `index` is drawn (x in widget pixels); -1 when out of range.
    int markerX(int index) const;
    /// The shaded loop range; nullopt hides it.
    void setLoopRange(std::optional<std::pair<qint64, qint64>> range);
    std::optional<std::pair<qint64, qint64>> loopRange() const { return loop_; }

    /// Recording time under x (clamped to the span), and the reverse.
    qint64 timeAt(int x) const;
    int xAt(qint64 tMs) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    /// A click or a drag (without shift) at recording time `tMs`.
    void seekRequested(qint64 tMs);
    /// A shift-drag selected [fromMs, toMs] (fromMs < toMs).
    void rangeSelected(qint64 fromMs, qint64 toMs);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void focusInEvent(QFocusEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;
    bool event(QEvent* event) override;

private:
    struct Marker {
        qint64 tMs;
        QColor color;
    };
    /// Left and right ends of the groove, in pixels (room for the handle).
    int left() const;
    int right() const;
    /// Tells assistive technology the position changed; during playback at
    /// most once a second, unless `now`.
    void announcePosition(bool now);

    qint64 startMs_ = 0;
    qint64 endMs_ = 0;
    qint64 positionMs_ = 0;
    QList<Marker> markers_;
    std::optional<std::pair<qint64, qint64>> loop_;
    enum class Drag { None, Seek, Select } drag_ = Drag::None;
    qint64 selectFromMs_ = 0;
    qint64 selectToMs_ = 0;
    qint64 announcedMs_ = 0;  // QDateTime::currentMSecsSinceEpoch() of the last announcement
};

}  // namespace poolscope
