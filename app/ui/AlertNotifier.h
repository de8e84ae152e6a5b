#pragma once
// The desktop notification when an alert turns danger: a tray balloon
// (QSystemTrayIcon) where the desktop has a tray, otherwise the window asks
// for attention (QApplication::alert) and the status bar says it.

#include <QHash>
#include <QObject>
#include <QString>

QT_BEGIN_NAMESPACE
class QSystemTrayIcon;
class QWidget;
QT_END_NAMESPACE

namespace poolscope {

struct Alert;

/// GUI thread only.
class AlertNotifier : public QObject {
    Q_OBJECT
public:
    /// `window` (not owned) is the one that asks for attention.
    explicit AlertNotifier(QWidget* window, QObject* parent = nullptr);
    ~AlertNotifier() override;

    /// Notifies about `alert` (HealthMonitor::dangerRaised already left out
    /// acknowledged and silenced ones). At most one notification per
    /// kMinGapMs per pool, so a flapping pool does not flood the desktop.
    void notify(const Alert& alert);
    static constexpr qint64 kMinGapMs = 30'000;

    /// True when notifications go to the system tray.
    bool usesTray() const { return tray_ != nullptr; }
    /// Notifications shown so far, and the last one's title and text (tests).
    int shown() const { return shown_; }
    QString lastTitle() const { return lastTitle_; }
    QString lastText() const { return lastText_; }

signals:
    /// Emitted for every notification shown (the status bar repeats it).
    void notified(const QString& title, const QString& text);
    /// The user clicked the tray balloon: show this pool.
    void poolRequested(const QString& pool);

private:
    QWidget* window_;
    QSystemTrayIcon* tray_ = nullptr;
    QHash<QString, qint64> lastShownMs_;
    QString lastPool_;
    int shown_ = 0;
    QString lastTitle_;
    QString lastText_;
};

}  // namespace poolscope
