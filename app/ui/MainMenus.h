#pragma once
// The main window's actions, menus and tool bar, with their shortcuts. Knows
// nothing of pools: MainWindow connects the actions.

#include <QList>
#include <QObject>

QT_BEGIN_NAMESPACE
class QAction;
class QActionGroup;
class QComboBox;
class QMainWindow;
class QMenu;
class QToolBar;
QT_END_NAMESPACE

namespace poolscope {

/// GUI thread only. Owned by (a child of) the main window.
class MainMenus : public QObject {
    Q_OBJECT
public:
    /// Creates the actions and fills `window`'s menu bar and a tool bar.
    explicit MainMenus(QMainWindow* window);

    // File
    QAction* newConnection;
    QAction* attach;  ///< File > Attach to endpoint… (a pool in another process)
    QAction* openRecording;  ///< File > Open recording… (a .psrec to replay)
    QAction* removePool;
    QAction* exportAllCharts;
    QList<QAction*> exportChart;  ///< connections, latency, rates
    QAction* exportCsv;
    QAction* record;      ///< checkable: recording the session to a .psrec
    QAction* saveFlight;  ///< the flight recorder's last 15 minutes to a .psrec
    QAction* quit;
    // View
    QAction* pause;
    QAction* follow;
    QList<QAction*> windowActions;  ///< one per ChartsPanel::windowChoices()
    QComboBox* windowBox;           ///< the same choice in the tool bar
    QComboBox* poolBox;             ///< the selected pool, in the tool bar
    QActionGroup* themeGroup;       ///< data: "system", "light", "dark"
    QActionGroup* languageGroup;    ///< data: "", "en", "zh_CN"
    // Pool
    QAction* suspend;
    QAction* resume;
    QAction* evict;
    QAction* terminate;
    QAction* startWorkload;
    QAction* stopWorkload;
    QAction* restartServer;
    QList<QAction*> presets;        ///< data: preset id
    // Help
    QAction* thresholds;            ///< Health → Thresholds…
    QAction* shortcuts;
    QAction* about;
    /// Menus holding the docks' show/hide toggles.
    QMenu* panelsMenu;

    /// Checks the action whose data is `value` in `group`.
    static void check(QActionGroup* group, const QString& value);
    /// "Ctrl+N  New connection…" lines for every action with a shortcut.
    QString shortcutSummary() const;

private:
    QAction* make(const QString& text, const QKeySequence& key, const QString& tip = {});
    QList<QAction*> all_;
};

}  // namespace poolscope
