#pragma once
// The main window's status bar: source, health grade, events dropped, paused.

#include <QStatusBar>

QT_BEGIN_NAMESPACE
class QLabel;
QT_END_NAMESPACE

namespace poolscope {

/// GUI thread only.
class StatusBar : public QStatusBar {
    Q_OBJECT
public:
    explicit StatusBar(QWidget* parent = nullptr);

    /// The selected pool's source ("embedded sqlite:///…"); never a password.
    void setSource(const QString& description);
    /// A grade such as "A"; empty shows the placeholder until the health engine lands.
    void setHealth(const QString& grade, const QString& detail = {});
    /// Events the pool's ring dropped (counts stay exact).
    void setEventsDropped(quint64 dropped);
    void setPaused(bool paused);
    /// A message that stays until replaced; red when `error`.
    void showNote(const QString& text, bool error = false);

    QString sourceText() const;
    QString healthText() const;
    QString eventsText() const;

private:
    QLabel* source_;
    QLabel* health_;
    QLabel* events_;
    QLabel* paused_;
};

}  // namespace poolscope
