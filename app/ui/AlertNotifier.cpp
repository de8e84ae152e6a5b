#include "app/ui/AlertNotifier.h"

#include <QApplication>
#include <QDateTime>
#include <QSystemTrayIcon>
#include <QWidget>

#include "core/health/Alert.h"
#include "widgets/AlertText.h"

namespace poolscope {

AlertNotifier::AlertNotifier(QWidget* window, QObject* parent) : QObject(parent), window_(window) {
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        tray_ = new QSystemTrayIcon(QApplication::windowIcon(), this);
        tray_->setToolTip(tr("PoolScope"));
        tray_->show();
        connect(tray_, &QSystemTrayIcon::messageClicked, this, [this] {
            if (window_) {
                window_->showNormal();
                window_->raise();
                window_->activateWindow();
            }
            if (!lastPool_.isEmpty()) emit poolRequested(lastPool_);
        });
    }
}

AlertNotifier::~AlertNotifier() = default;

void AlertNotifier::notify(const Alert& alert) {
    const QString pool = QString::fromStdString(alert.pool);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (auto it = lastShownMs_.constFind(pool); it != lastShownMs_.constEnd() && now - *it < kMinGapMs) return;
    lastShownMs_.insert(pool, now);
    lastPool_ = pool;
    lastTitle_ = tr("Pool %1: danger").arg(pool);
    lastText_ = AlertText::message(alert);
    ++shown_;
    if (tray_) tray_->showMessage(lastTitle_, lastText_, QSystemTrayIcon::Critical, 10'000);
    else if (window_) QApplication::alert(window_);
    emit notified(lastTitle_, lastText_);
}

}  // namespace poolscope
