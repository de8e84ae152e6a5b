#pragma once
// The main window. It only wires things together: the SourceManager's pools
// and snapshots to the panels, the panels' requests back to the sources, the
// menus to both. Redraws are coalesced on one ~40 ms timer.

#include <QElapsedTimer>
#include <QHash>
#include <QMainWindow>
#include <QPointer>
#include <QTimer>

#include "app/sources/PoolInfo.h"
#include "core/health/Thresholds.h"

QT_BEGIN_NAMESPACE
class QListView;
class QTabWidget;
class QToolBar;
class QSettings;
QT_END_NAMESPACE

namespace poolscope {

class AlertNotifier;
struct AttachSpec;
class AlertPanel;
class FleetPanel;
class ChartsPanel;
class HealthMonitor;
class ConnectionsPanel;
class MainMenus;
class PasswordVault;
class PoolListModel;
class PoolSettingsPanel;
class ReplayBar;
class SessionRecorder;
class SourceManager;
class StateMachineView;
class StatusBar;
class Theme;
class WorkloadPanel;

/// GUI thread only.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    /// None of the arguments is owned; all must outlive the window.
    /// `persistent` false: window geometry is neither restored nor saved
    /// (screenshots and tests get the same layout every time).
    MainWindow(SourceManager& sources, Theme& theme, QSettings& settings, bool persistent,
               QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Interval of the coalescing redraw timer.
    static constexpr int kRedrawMs = 40;
    /// A session with this many pools opens the fleet view by itself.
    static constexpr int kFleetPools = 6;

    /// Shows `pool` in every panel.
    void selectPool(const QString& pool);
    QString currentPool() const { return current_; }
    /// Opens the connect dialog (non-modal); a new pool is added on Connect.
    void showConnectDialog();
    /// Applies an incident preset to the selected pool (or opens the pool it needs).
    void applyPreset(const QString& id);
    void setPaused(bool paused);
    /// Health thresholds in force from now on; `file` is where they came from
    /// (shown in the editor; empty for the built-in set).
    void setThresholds(const Thresholds& thresholds, const QString& file = {});
    /// Opens the threshold editor (non-modal).
    void showThresholdsDialog();
    /// Replays the recording at `path` (replacing the replay open before) and
    /// shows the replay bar; a bad file is reported like a failed pool.
    void openRecording(const QString& path);
    /// Attaches to the pools of a PoolScope endpoint in another process.
    void attach(const AttachSpec& spec);
    /// File > Attach…
    void showAttachDialog();
    ReplayBar* replayBar() const { return replayBar_; }

    ChartsPanel* charts() const { return charts_; }
    StateMachineView* stateView() const { return stateView_; }
    ConnectionsPanel* connections() const { return connections_; }
    PoolSettingsPanel* settingsPanel() const { return settingsPanel_; }
    WorkloadPanel* workloadPanel() const { return workloadPanel_; }
    PoolListModel* poolModel() const { return poolModel_; }
    StatusBar* statusBarWidget() const { return status_; }
    HealthMonitor* healthMonitor() const { return health_; }
    AlertPanel* alertPanel() const { return alerts_; }
    FleetPanel* fleetPanel() const { return fleet_; }
    AlertNotifier* notifier() const { return notifier_; }
    MainMenus* menus() const { return menus_; }
    /// Records the session (File → Record) and keeps the flight recorder.
    SessionRecorder* sessionRecorder() const { return recorder_; }
    /// Redraw ticks that found new data (tests, CPU checks).
    int redraws() const { return redraws_; }

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    /// Back-fills the shown pool's charts from its source's history, when it has one.
    void backfillShown();
    void buildDocks();
    void wireSources();
    void wirePanels();
    void wireMenus();
    void wireReplay();
    void wireHealth();
    void wireRecording();
    void showHealth(const QString& pool);
    void redraw();
    void poolChanged(const QString& pool);
    void exportCharts(int index);
    void exportCsv();
    void chooseLanguage(const QString& language);
    void showPoolError(const PoolInfo& info);

    SourceManager& sources_;
    Theme& theme_;
    QSettings& settings_;
    const bool persistent_;
    PasswordVault* vault_;
    MainMenus* menus_;
    PoolListModel* poolModel_;
    QListView* poolList_;
    ChartsPanel* charts_;
    StateMachineView* stateView_;
    ConnectionsPanel* connections_;
    PoolSettingsPanel* settingsPanel_;
    WorkloadPanel* workloadPanel_;
    StatusBar* status_;
    HealthMonitor* health_;
    AlertPanel* alerts_;
    AlertNotifier* notifier_;
    FleetPanel* fleet_;
    QTabWidget* centralTabs_;  // Charts | Fleet
    bool fleetShown_ = false;
    QHash<QString, qint64> backfilledMs_;  // pool -> window already back-filled  // the fleet tab was shown once for a fleet-sized session
    SessionRecorder* recorder_ = nullptr;  // made by wireRecording(), after health_
    QString thresholdsFile_;
    bool alertsDirty_ = false;    // active alerts' values changed (refresh ≤ 1 Hz)
    bool alertsChanged_ = false;  // an alert started, fired or resolved (refresh now)
    QElapsedTimer alertsRefreshed_;
    QTimer redrawTimer_;
    QString current_;
    bool dirty_ = false;
    bool paused_ = false;
    int redraws_ = 0;
    QStringList reportedFailures_;
    ReplayBar* replayBar_ = nullptr;
    QToolBar* replayTools_ = nullptr;  // holds the replay bar; hidden without a replay
    /// The first pool of the recording being played (its file name until the
    /// recording has opened); empty when none. Playback goes through SourceManager.
    QString replayPool_;
};

}  // namespace poolscope
