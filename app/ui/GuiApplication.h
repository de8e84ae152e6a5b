#pragma once
// Starts the GUI: QApplication, translations, theme, the session's sources,
// the main window; optionally a screenshot and a timed quit.

#include <QString>
#include <string>
#include <vector>

#include "app/headless/OptionTable.h"

namespace poolscope {

/// Entry point of the GUI mode (main() calls run()).
class GuiApplication {
public:
    /// Parses the GUI command line (GuiOptions), refuses to start without a
    /// display (exit 2, pointing at --headless), then runs the event loop.
    /// Returns the process exit code: 0 normally and after --screenshot/
    /// --quit-after, 1 when the screenshot cannot be written, 2 bad arguments.
    static int run(int argc, char** argv);
    /// The GUI part of --help.
    static QString usage(const HelpTranslator& translate = {});
    /// The translation of --help for the language of `args` (--lang L or
    /// --lang=L), else of the system locale; empty for English, or when no
    /// translation is found. Needs no QApplication.
    static HelpTranslator helpTranslator(const std::vector<std::string>& args);
    /// True when a display server is reachable by name (DISPLAY,
    /// WAYLAND_DISPLAY) or a Qt platform is forced (QT_QPA_PLATFORM).
    static bool haveDisplay();
    /// The size of the window in --screenshot runs (pixels).
    static constexpr int kScreenshotWidth = 1280;
    static constexpr int kScreenshotHeight = 800;
};

}  // namespace poolscope
