#include "widgets/ReplayBar.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QToolButton>

#include "widgets/ReplayScrubber.h"

namespace poolscope {

QList<double> ReplayBar::speeds() { return {0.25, 0.5, 1, 2, 5, 10, 100, 0}; }

QColor ReplayBar::gradeColor(const QString& grade) {
    if (grade == QLatin1String("danger") || grade == QLatin1String("critical") || grade == QLatin1String("error"))
        return QColor(0xd3, 0x2f, 0x2f);
    if (grade == QLatin1String("warning")) return QColor(0xf5, 0x7c, 0x00);
    if (grade == QLatin1String("info")) return QColor(0x19, 0x76, 0xd2);
    return QColor(0x9e, 0x9e, 0x9e);  // resolved, or a grade this build does not know
}

ReplayBar::ReplayBar(QWidget* parent)
    : QWidget(parent),
      play_(new QToolButton(this)),
      speed_(new QComboBox(this)),
      scrubber_(new ReplayScrubber(this)),
      nextAlert_(new QToolButton(this)),
      markFrom_(new QToolButton(this)),
      markTo_(new QToolButton(this)),
      loop_(new QToolButton(this)),
      label_(new QLabel(this)) {
    setObjectName(QStringLiteral("replayBar"));
    for (double s : speeds())
        speed_->addItem(s == 0 ? tr("max") : QStringLiteral("%1×").arg(QLocale().toString(s)), s);
    speed_->setToolTip(tr("Playback speed (times real time; max: as fast as possible)"));
    // The box's buddy: also what a screen reader calls the box.
    auto* speedLabel = new QLabel(tr("Speed"), this);
    speedLabel->setBuddy(speed_);
    setSpeed(1);
    nextAlert_->setText(tr("Next alert"));
    nextAlert_->setToolTip(tr("Jump to the next alert change"));
    markFrom_->setText(tr("Mark A"));
    markFrom_->setToolTip(tr("Set the loop start at the current position"));
    markTo_->setText(tr("Mark B"));
    markTo_->setToolTip(tr("Set the loop end at the current position"));
    loop_->setText(tr("Loop"));
    loop_->setToolTip(tr("Play between mark A and mark B over and over (shift-drag the scrubber to set both)"));
    loop_->setCheckable(true);
    label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label_->setAccessibleDescription(
        tr("Replay position: time, offset and length of the recording"));
    label_->setMinimumWidth(label_->fontMetrics().horizontalAdvance(QStringLiteral("00:00:00.000  +00:00:00.0 / 00:00:00.0")));

    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(4, 2, 4, 2);
    row->addWidget(play_);
    row->addWidget(speedLabel);
    row->addWidget(speed_);
    row->addWidget(scrubber_, 1);
    row->addWidget(nextAlert_);
    row->addWidget(markFrom_);
    row->addWidget(markTo_);
    row->addWidget(loop_);
    row->addWidget(label_);

    connect(play_, &QToolButton::clicked, this, [this] {
        if (playing_) emit pauseRequested();
        else emit playRequested();
    });
    connect(speed_, &QComboBox::activated, this,
            [this](int index) { emit speedRequested(speed_->itemData(index).toDouble()); });
    connect(scrubber_, &ReplayScrubber::seekRequested, this, &ReplayBar::seekRequested);
    connect(scrubber_, &ReplayScrubber::rangeSelected, this, [this](qint64 a, qint64 b) {
        setMarks(a, b);
        if (!loop_->isChecked()) loop_->setChecked(true);  // a selected range is meant to loop
        else applyLoop();
    });
    connect(nextAlert_, &QToolButton::clicked, this, &ReplayBar::nextAlertRequested);
    connect(markFrom_, &QToolButton::clicked, this, [this] { setMarks(position(), loopTo_); applyLoop(); });
    connect(markTo_, &QToolButton::clicked, this, [this] { setMarks(loopFrom_, position()); applyLoop(); });
    connect(loop_, &QToolButton::toggled, this, [this](bool on) {
        if (on) applyLoop();
        else emit loopCleared();
        updateButtons();
    });
    updateButtons();
}

void ReplayBar::setRecording(qint64 startMs, qint64 endMs, const QList<qint64>& alertTimes,
                             const QStringList& alertGrades) {
    scrubber_->setRange(startMs, endMs);
    QList<QColor> colors;
    for (const QString& g : alertGrades) colors << gradeColor(g);
    scrubber_->setMarkers(alertTimes, colors);
    nextAlert_->setEnabled(!alertTimes.isEmpty());
    setPosition(startMs, playing_);
}

void ReplayBar::setPosition(qint64 tMs, bool playing) {
    scrubber_->setPosition(tMs);
    label_->setText(positionText(tMs, scrubber_->startMs(), scrubber_->endMs()));
    if (playing != playing_) {
        playing_ = playing;
        updateButtons();
    }
}

void ReplayBar::setSpeed(double speed) {
    const int i = speed_->findData(speed);
    if (i >= 0) speed_->setCurrentIndex(i);
}

qint64 ReplayBar::position() const { return scrubber_->position(); }

QString ReplayBar::positionText(qint64 tMs, qint64 startMs, qint64 endMs) {
    const QString clock = QDateTime::fromMSecsSinceEpoch(tMs).toString(QStringLiteral("HH:mm:ss.zzz"));
    return QStringLiteral("%1  +%2 / %3")
        .arg(clock, ReplayScrubber::durationText(tMs - startMs),
             ReplayScrubber::durationText(endMs - startMs));
}

void ReplayBar::setMarks(std::optional<qint64> from, std::optional<qint64> to) {
    loopFrom_ = from;
    loopTo_ = to;
    updateButtons();
}

void ReplayBar::applyLoop() {
    if (!loop_->isChecked()) {
        scrubber_->setLoopRange(std::nullopt);
        return;
    }
    if (!loopFrom_ || !loopTo_ || *loopFrom_ == *loopTo_) return;  // updateButtons keeps it unchecked
    const qint64 a = std::min(*loopFrom_, *loopTo_);
    const qint64 b = std::max(*loopFrom_, *loopTo_);
    scrubber_->setLoopRange(std::make_pair(a, b));
    emit loopRequested(a, b);
}

void ReplayBar::updateButtons() {
    play_->setText(playing_ ? tr("Pause") : tr("Play"));
    play_->setToolTip(playing_ ? tr("Pause the replay") : tr("Play the replay"));
    const bool haveRange = loopFrom_ && loopTo_ && *loopFrom_ != *loopTo_;
    loop_->setEnabled(haveRange || loop_->isChecked());
    if (!haveRange && loop_->isChecked()) loop_->setChecked(false);
    if (!loop_->isChecked()) scrubber_->setLoopRange(std::nullopt);
    markFrom_->setText(loopFrom_ ? tr("A %1").arg(QDateTime::fromMSecsSinceEpoch(*loopFrom_).toString(QStringLiteral("HH:mm:ss")))
                                 : tr("Mark A"));
    markTo_->setText(loopTo_ ? tr("B %1").arg(QDateTime::fromMSecsSinceEpoch(*loopTo_).toString(QStringLiteral("HH:mm:ss")))
                             : tr("Mark B"));
}

}  // namespace poolscope
