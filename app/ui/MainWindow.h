#pragma once
// The main window. It only wires things together: the SourceManager's pools
// and snapshots to the panels, the panels' requests back to the sources, the
// menus to both. Redraws are coalesced on one ~40 ms timer.

#include <QMainWindow>
#include <QTimer>

#include "app/sources/PoolInfo.h"

QT_BEGIN_NAMESPACE
class QListView;
class QSettings;
QT_END_NAMESPACE

namespace poolscope {

class ChartsPanel;
class ConnectionsPanel;
class MainMenus;
class PasswordVault;
class PoolListModel;
class PoolSettingsPanel;
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

    /// Shows `pool` in every panel.
    void selectPool(const QString& pool);
    QString currentPool() const { return current_; }
    /// Opens the connect dialog (non-modal); a new pool is added on Connect.
    void showConnectDialog();
    /// Applies an incident preset to the selected pool (or opens the pool it needs).
    void applyPreset(const QString& id);
    void setPaused(bool paused);

    ChartsPanel* charts() const { return charts_; }
    StateMachineView* stateView() const { return stateView_; }
    ConnectionsPanel* connections() const { return connections_; }
    PoolSettingsPanel* settingsPanel() const { return settingsPanel_; }
    WorkloadPanel* workloadPanel() const { return workloadPanel_; }
    PoolListModel* poolModel() const { return poolModel_; }
    StatusBar* statusBarWidget() const { return status_; }
    MainMenus* menus() const { return menus_; }
    /// Redraw ticks that found new data (tests, CPU checks).
    int redraws() const { return redraws_; }

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildDocks();
    void wireSources();
    void wirePanels();
    void wireMenus();
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
    QTimer redrawTimer_;
    QString current_;
    bool dirty_ = false;
    bool paused_ = false;
    int redraws_ = 0;
    QStringList reportedFailures_;
};

}  // namespace poolscope
