#pragma once
// The main window's status bar: source, health grade, events dropped, paused.

#include <QColor>
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
    /// The selected pool's health grade ("normal", "warning", "danger",
    /// translated) in `color`; `detail` (the tooltip) lists its alerts.
    /// An empty grade shows "–" (no pool yet).
    void setHealth(const QString& grade, const QString& detail = {}, const QColor& color = {});
    /// Events the pool's ring dropped (counts stay exact); "not reported"
    /// when the pool's source does not report it (never a 0).
    void setEventsDropped(quint64 dropped, bool reported = true);
    void setPaused(bool paused);
    /// A message that stays until replaced; red when `error`.
    void showNote(const QString& text, bool error = false);
    /// While recording: a red dot, the file's name and its size on disk;
    /// an empty `file` hides the indicator.
    void setRecording(const QString& file, quint64 bytes);
    /// The indicator's text without its dot; empty when hidden.
    QString recordingText() const;

    QString sourceText() const;
    QString healthText() const;
    QString eventsText() const;

private:
    QLabel* source_;
    QLabel* health_;
    QLabel* events_;
    QLabel* paused_;
    QString healthPlain_;  // the health label's text without its coloured dot
    QLabel* recording_ = nullptr;  // created by the first setRecording()
    QString recordingPlain_;
};

}  // namespace poolscope
