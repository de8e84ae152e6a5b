#pragma once
// Light and dark palettes: by default the application follows the system's
// palette; the View menu can force light or dark.

#include <QObject>
#include <QPalette>
#include <QString>

namespace poolscope {

/// GUI thread only. One per application.
class Theme : public QObject {
    Q_OBJECT
public:
    enum class Mode { System, Light, Dark };

    /// Selects the Fusion style (call after QApplication exists).
    explicit Theme(QObject* parent = nullptr);

    /// Applies `mode` to the whole application (Fusion style). System mode
    /// leaves the platform's palette in place, so the app follows it.
    void apply(Mode mode);
    Mode mode() const { return mode_; }
    /// True when the palette in effect is dark (window darker than its text).
    static bool isDark(const QPalette& palette);

    /// "system", "light", "dark" and back; unknown text reads as System.
    static QString toString(Mode mode);
    static Mode fromString(const QString& text);

    static QPalette lightPalette();
    static QPalette darkPalette();

signals:
    void changed(poolscope::Theme::Mode mode);

private:
    Mode mode_ = Mode::System;
};

}  // namespace poolscope
