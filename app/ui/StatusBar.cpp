#include "app/ui/StatusBar.h"

#include <QLabel>

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

void StatusBar::setHealth(const QString& grade, const QString& detail) {
    if (grade.isEmpty()) {
        health_->setText(tr("Health: –"));
        health_->setToolTip(tr("The health grade appears here once the health engine is available."));
        return;
    }
    health_->setText(tr("Health: %1").arg(grade));
    health_->setToolTip(detail);
}

void StatusBar::setEventsDropped(quint64 dropped) {
    events_->setText(tr("Events dropped: %1").arg(dropped));
    events_->setToolTip(tr("Transition events the pool's ring dropped because the viewer fell "
                           "behind; counts and charts stay exact."));
}

void StatusBar::setPaused(bool paused) {
    paused_->setText(tr("⏸ Paused"));
    paused_->setVisible(paused);
}

void StatusBar::showNote(const QString& text, bool error) {
    QPalette p;  // empty: inherit the window's palette
    if (error) p.setColor(QPalette::WindowText, QColor(0xd6, 0x27, 0x28));
    setPalette(p);
    showMessage(text, error ? 0 : 8000);
}

QString StatusBar::sourceText() const { return source_->text(); }
QString StatusBar::healthText() const { return health_->text(); }
QString StatusBar::eventsText() const { return events_->text(); }

}  // namespace poolscope
