#include "app/ui/StatusBar.h"

#include <QFileInfo>
#include <QLabel>
#include <QLocale>

namespace poolscope {

StatusBar::StatusBar(QWidget* parent)
    : QStatusBar(parent),
      source_(new QLabel(this)),
      health_(new QLabel(this)),
      events_(new QLabel(this)),
      paused_(new QLabel(this)) {
    source_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    source_->setMinimumWidth(120);
    paused_->setVisible(false);
    health_->setTextFormat(Qt::RichText);
    addPermanentWidget(paused_);
    addPermanentWidget(source_, 1);
    addPermanentWidget(health_);
    addPermanentWidget(events_);
    setHealth({});
    setEventsDropped(0);
}

void StatusBar::setSource(const QString& description) {
    source_->setText(tr("Source: %1").arg(description.isEmpty() ? tr("none") : description));
    source_->setToolTip(description);
}

void StatusBar::setHealth(const QString& grade, const QString& detail, const QColor& color) {
    if (grade.isEmpty()) {
        healthPlain_ = tr("Health: –");
        health_->setText(healthPlain_);
        health_->setAccessibleName(healthPlain_);
        health_->setToolTip(tr("No pool has reported yet."));
        return;
    }
    // A coloured dot, so the grade reads at a glance in any theme.
    const QString dot = color.isValid() ? QStringLiteral("<span style=\"color:%1\">●</span> ").arg(color.name())
                                        : QString();
    healthPlain_ = tr("Health: %1").arg(grade);
    health_->setText(dot + healthPlain_.toHtmlEscaped());
    health_->setAccessibleName(healthPlain_);  // the words, without the coloured dot
    health_->setToolTip(detail);
}

void StatusBar::setEventsDropped(quint64 dropped, bool reported) {
    events_->setText(reported ? tr("Events dropped: %1").arg(dropped) : tr("Events dropped: not reported"));
    events_->setToolTip(tr("Transition events the pool's ring dropped because the viewer fell "
                           "behind; counts and charts stay exact."));
}

void StatusBar::setPaused(bool paused) {
    paused_->setText(tr("⏸ Paused"));
    paused_->setAccessibleName(tr("Paused"));  // the word, without the symbol
    paused_->setVisible(paused);
}

void StatusBar::showNote(const QString& text, bool error) {
    QPalette p;  // empty: inherit the window's palette
    if (error) p.setColor(QPalette::WindowText, QColor(0xd6, 0x27, 0x28));
    setPalette(p);
    showMessage(text, error ? 0 : 8000);
}

void StatusBar::setRecording(const QString& file, quint64 bytes) {
    if (!recording_) {
        recording_ = new QLabel(this);
        recording_->setTextFormat(Qt::RichText);
        insertPermanentWidget(0, recording_);  // leftmost: the first thing to see
    }
    recording_->setVisible(!file.isEmpty());
    if (file.isEmpty()) {
        recordingPlain_.clear();
        return;
    }
    recordingPlain_ = tr("REC %1 (%2)").arg(QFileInfo(file).fileName(), QLocale().formattedDataSize(bytes));
    recording_->setText(QStringLiteral("<span style=\"color:#d62728\">●</span> ") + recordingPlain_.toHtmlEscaped());
    recording_->setAccessibleName(recordingPlain_);
    recording_->setToolTip(tr("Recording the session to %1").arg(file));
}

QString StatusBar::recordingText() const { return recordingPlain_; }
QString StatusBar::sourceText() const { return source_->text(); }
QString StatusBar::healthText() const { return healthPlain_; }
QString StatusBar::eventsText() const { return events_->text(); }

}  // namespace poolscope
