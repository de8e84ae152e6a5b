#include "app/ui/MainWindow.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QProcess>
#include <QSettings>
#include <QTabBar>
#include <QTabWidget>
#include <QToolBar>
#include <QToolButton>

#include "app/sources/HealthMonitor.h"
#include "app/sources/SessionRecorder.h"
#include "app/sources/ReplaySource.h"
#include "app/sources/SourceManager.h"
#include "app/ui/AlertNotifier.h"
#include "app/ui/AlertPanel.h"
#include "app/ui/ChartsPanel.h"
#include "app/ui/ConnectDialog.h"
#include "app/ui/ConnectionsPanel.h"
#include "app/ui/FleetPanel.h"
#include "app/ui/AttachDialog.h"
#include "app/ui/ChartExporter.h"
#include "app/sources/RemoteSource.h"
#include "app/ui/GuiOptions.h"
#include "app/ui/MainMenus.h"
#include "app/ui/PasswordVault.h"
#include "app/ui/PoolListModel.h"
#include "app/ui/PoolSettingsPanel.h"
#include "app/ui/StatusBar.h"
#include "app/ui/ThresholdsDialog.h"
#include "app/ui/Theme.h"
#include "app/ui/WorkloadPanel.h"
#include "app/ui/WorkloadPresets.h"
#include "core/health/RuleId.h"
#include "widgets/AlertListModel.h"
#include "widgets/AlertText.h"
#include "widgets/ReplayBar.h"
#include "widgets/StateMachineView.h"
#include "widgets/TimeSeriesChart.h"

namespace poolscope {

MainWindow::MainWindow(SourceManager& sources, Theme& theme, QSettings& settings, bool persistent,
                       QWidget* parent)
    : QMainWindow(parent),
      sources_(sources),
      theme_(theme),
      settings_(settings),
      persistent_(persistent),
      vault_(new PasswordVault(this)),
      menus_(new MainMenus(this)),
      poolModel_(new PoolListModel(this)),
      poolList_(new QListView(this)),
      charts_(new ChartsPanel(&sources.timeline(), this)),
      stateView_(new StateMachineView(this)),
      connections_(new ConnectionsPanel(this)),
      settingsPanel_(new PoolSettingsPanel(this)),
      workloadPanel_(new WorkloadPanel(this)),
      status_(new StatusBar(this)),
      health_(new HealthMonitor(sources, Thresholds::defaults(), this)),
      alerts_(new AlertPanel(*health_, this)),
      notifier_(new AlertNotifier(this, this)),
      fleet_(new FleetPanel(sources, *health_, this)),
      centralTabs_(new QTabWidget(this)) {
    setWindowTitle(tr("PoolScope"));
    setObjectName(QStringLiteral("mainWindow"));
    // The charts of the pool shown, and the fleet of every pool beside them
    // (its tab appears once the session has two pools).
    centralTabs_->setObjectName(QStringLiteral("centralTabs"));
    centralTabs_->setAccessibleName(tr("Charts and fleet"));
    centralTabs_->setDocumentMode(true);
    centralTabs_->addTab(charts_, tr("Charts"));
    centralTabs_->addTab(fleet_, tr("Fleet"));
    centralTabs_->tabBar()->hide();
    setCentralWidget(centralTabs_);
    setStatusBar(status_);
    buildDocks();
    wireSources();
    wirePanels();
    wireMenus();
    wireReplay();
    wireHealth();
    wireRecording();
    redrawTimer_.setInterval(kRedrawMs);
    connect(&redrawTimer_, &QTimer::timeout, this, &MainWindow::redraw);
    redrawTimer_.start();
    if (persistent_) {
        restoreGeometry(settings_.value("window/geometry").toByteArray());
        restoreState(settings_.value("window/state").toByteArray());
    }
    status_->setSource({});
    // Qt's own "more" buttons of a bar that does not fit say nothing to a
    // screen reader unless named.
    for (QToolButton* b : findChildren<QToolButton*>())
        if (b->objectName() == QLatin1String("qt_toolbar_ext_button") ||
            b->objectName() == QLatin1String("qt_menubar_ext_button"))
            b->setAccessibleName(tr("More"));
}

MainWindow::~MainWindow() = default;

void MainWindow::buildDocks() {
    poolList_->setModel(poolModel_);
    poolList_->setAccessibleName(tr("Pools of this session"));
    poolList_->setAlternatingRowColors(true);
    poolList_->setWordWrap(true);
    const auto dock = [this](const QString& title, const QString& name, QWidget* w, Qt::DockWidgetArea area) {
        auto* d = new QDockWidget(title, this);
        d->setObjectName(name);
        d->setWidget(w);
        d->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                       QDockWidget::DockWidgetClosable);
        addDockWidget(area, d);
        menus_->panelsMenu->addAction(d->toggleViewAction());
        return d;
    };
    QDockWidget* machine = dock(tr("State machine"), "stateDock", stateView_, Qt::RightDockWidgetArea);
    QDockWidget* table = dock(tr("Connections"), "connectionsDock", connections_, Qt::RightDockWidgetArea);
    QDockWidget* workload = dock(tr("Workload"), "workloadDock", workloadPanel_, Qt::RightDockWidgetArea);
    QDockWidget* settings = dock(tr("Pool settings"), "settingsDock", settingsPanel_, Qt::RightDockWidgetArea);
    QDockWidget* pools = dock(tr("Pools"), "poolsDock", poolList_, Qt::RightDockWidgetArea);
    QDockWidget* alerts = dock(tr("Alerts"), "alertsDock", alerts_, Qt::RightDockWidgetArea);
    splitDockWidget(machine, table, Qt::Vertical);
    tabifyDockWidget(table, workload);
    tabifyDockWidget(workload, settings);
    tabifyDockWidget(settings, pools);
    tabifyDockWidget(pools, alerts);
    connect(alerts_, &AlertPanel::activeCountChanged, alerts, [alerts](int n) {
        alerts->setWindowTitle(n > 0 ? tr("Alerts (%1)").arg(n) : tr("Alerts"));
    });
    table->raise();
    resizeDocks({machine}, {600}, Qt::Horizontal);
    resizeDocks({machine, table}, {360, 380}, Qt::Vertical);
}

void MainWindow::wireSources() {
    connect(&sources_, &SourceManager::poolAdded, this, [this](const QString& pool) {
        const auto info = sources_.info(pool);
        if (info) poolModel_->upsert(*info);
        menus_->poolBox->addItem(pool, pool);
        // A recording's first pool is shown once it replaces the file's placeholder.
        const bool firstOfRecording = info && info->controls.testFlag(Source::CanPlayBack) &&
                                      sources_.siblingsOf(pool).value(0) == pool;
        if (firstOfRecording) replayPool_ = pool;
        if (current_.isEmpty() || firstOfRecording) selectPool(pool);
        if (sources_.pools().size() >= 2) centralTabs_->tabBar()->show();
        // A fleet-sized session opens on the fleet, once.
        if (!fleetShown_ && sources_.pools().size() >= kFleetPools) {
            fleetShown_ = true;
            centralTabs_->setCurrentWidget(fleet_);
        }
    });
    connect(&sources_, &SourceManager::poolChanged, this, &MainWindow::poolChanged);
    connect(&sources_, &SourceManager::poolRemoved, this, [this](const QString& pool) {
        if (pool == replayPool_) replayPool_.clear();
        poolModel_->remove(pool);
        menus_->poolBox->removeItem(menus_->poolBox->findData(pool));
        if (pool == current_) {
            current_.clear();
            selectPool(poolModel_->poolAt(0));
        }
    });
    connect(&sources_, &SourceManager::snapshotArrived, this,
            [this](const QString& pool, const PoolSnapshot& snapshot) {
                charts_->noteSnapshot(snapshot);
                if (pool == current_) dirty_ = true;
            });
    connect(&sources_, &SourceManager::historyAppended, this, [this](const QString& pool) {
        if (pool == current_) dirty_ = true;
    });
    connect(&sources_, &SourceManager::eventsArrived, this,
            [this](const QString& pool, const std::vector<TransitionEvent>& events) {
                if (pool == current_ && !paused_) stateView_->addEvents(events);
            });
    connect(&sources_, &SourceManager::commandFinished, this,
            [this](const QString& pool, const QString& command, bool ok, const QString& message) {
                if (pool != current_) return;
                if (command == QLatin1String("reconfigure")) settingsPanel_->setApplyResult(ok, message);
                else if (command == QLatin1String("workload") || command == QLatin1String("restart"))
                    workloadPanel_->setMessage(ok ? QString() : message, !ok);
                if (!ok) status_->showNote(tr("%1: %2").arg(command, message), true);
                dirty_ = true;
            });
}

void MainWindow::wirePanels() {
    connect(poolList_->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& index) { selectPool(poolModel_->poolAt(index.row())); });
    connect(stateView_, &StateMachineView::stateClicked, this, [this](ConnState s) {
        connections_->setStateFilter(s);
        stateView_->setSelectedState(s);
        if (auto* d = findChild<QDockWidget*>(QStringLiteral("connectionsDock"))) d->raise();
    });
    connect(stateView_, &StateMachineView::selectionCleared, this, [this] {
        connections_->setStateFilter(std::nullopt);
        stateView_->setSelectedState(std::nullopt);
    });
    connect(connections_, &ConnectionsPanel::stateFilterChanged, stateView_,
            &StateMachineView::setSelectedState);
    connect(stateView_, &StateMachineView::lifecycleActionRequested, this,
            [this](const QString& action) { sources_.lifecycleAction(current_, action); });
    connect(settingsPanel_, &PoolSettingsPanel::applyRequested, this,
            [this](const PoolConfig& c) { sources_.reconfigure(current_, c); });
    connect(workloadPanel_, &WorkloadPanel::startRequested, this,
            [this](const WorkloadConfig& c) { sources_.setWorkload(current_, c, true); });
    connect(workloadPanel_, &WorkloadPanel::stopRequested, this,
            [this] { sources_.setWorkload(current_, workloadPanel_->config(), false); });
    connect(workloadPanel_, &WorkloadPanel::presetRequested, this, &MainWindow::applyPreset);
    connect(workloadPanel_, &WorkloadPanel::restartServerRequested, this,
            [this] { sources_.restartServer(current_); });
}

void MainWindow::wireMenus() {
    MainMenus* m = menus_;
    connect(m->newConnection, &QAction::triggered, this, &MainWindow::showConnectDialog);
    connect(m->attach, &QAction::triggered, this, &MainWindow::showAttachDialog);
    connect(m->poolBox, &QComboBox::activated, this,
            [this, m](int index) { selectPool(m->poolBox->itemData(index).toString()); });
    connect(m->removePool, &QAction::triggered, this, [this] {
        if (!current_.isEmpty()) sources_.removePool(current_);
    });
    connect(m->exportAllCharts, &QAction::triggered, this, [this] { exportCharts(-1); });
    for (int i = 0; i < m->exportChart.size(); ++i)
        connect(m->exportChart[i], &QAction::triggered, this, [this, i] { exportCharts(i); });
    connect(m->exportCsv, &QAction::triggered, this, &MainWindow::exportCsv);
    connect(m->quit, &QAction::triggered, this, &QWidget::close);
    connect(m->pause, &QAction::toggled, this, &MainWindow::setPaused);
    connect(m->follow, &QAction::triggered, this, [this] { setPaused(false); });
    for (QAction* a : m->windowActions)
        connect(a, &QAction::triggered, this, [m, a] { m->windowBox->setCurrentIndex(m->windowBox->findData(a->data())); });
    connect(m->windowBox, &QComboBox::currentIndexChanged, this, [this, m](int index) {
        charts_->setWindowMs(m->windowBox->itemData(index).toLongLong());
        m->windowActions.value(index)->setChecked(true);
        backfillShown();
        settings_.setValue("view/windowMs", m->windowBox->itemData(index));
        dirty_ = true;
    });
    const qint64 windowMs = settings_.value("view/windowMs", 5 * 60'000).toLongLong();
    m->windowBox->setCurrentIndex(std::max(0, m->windowBox->findData(windowMs)));
    charts_->setWindowMs(m->windowBox->currentData().toLongLong());
    m->windowActions.value(m->windowBox->currentIndex())->setChecked(true);

    MainMenus::check(m->themeGroup, Theme::toString(theme_.mode()));
    connect(m->themeGroup, &QActionGroup::triggered, this, [this](QAction* a) {
        theme_.apply(Theme::fromString(a->data().toString()));
        settings_.setValue("ui/theme", a->data());
    });
    MainMenus::check(m->languageGroup, settings_.value("ui/language").toString());
    connect(m->languageGroup, &QActionGroup::triggered, this,
            [this](QAction* a) { chooseLanguage(a->data().toString()); });

    const std::pair<QAction*, QString> lifecycle[] = {
        {m->suspend, "suspend"}, {m->resume, "resume"}, {m->evict, "evict"}, {m->terminate, "close"}};
    for (const auto& [action, name] : lifecycle)
        connect(action, &QAction::triggered, this, [this, name] { sources_.lifecycleAction(current_, name); });
    connect(m->startWorkload, &QAction::triggered, this,
            [this] { sources_.setWorkload(current_, workloadPanel_->config(), true); });
    connect(m->stopWorkload, &QAction::triggered, this,
            [this] { sources_.setWorkload(current_, workloadPanel_->config(), false); });
    connect(m->restartServer, &QAction::triggered, this, [this] { sources_.restartServer(current_); });
    for (QAction* a : m->presets)
        connect(a, &QAction::triggered, this, [this, a] { applyPreset(a->data().toString()); });
    connect(m->shortcuts, &QAction::triggered, this, [this] {
        QMessageBox box(QMessageBox::NoIcon, tr("Keyboard shortcuts"), menus_->shortcutSummary(),
                        QMessageBox::Close, this);
        box.setTextFormat(Qt::PlainText);
        box.exec();
    });
    connect(m->about, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About PoolScope"),
                           tr("<b>PoolScope</b> %1<br>A workstation for database connection pools."
                              "<br>Qt %2")
                               .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion())));
    });
}

void MainWindow::wireHealth() {
    connect(health_, &HealthMonitor::evaluated, this,
            [this](const QString& pool, const PoolSnapshot&, const PoolHealth& h) {
        // The pool's badge lists its active alerts; resolutions reach the
        // alert panel through alertChanged().
        QStringList lines;
        for (const Alert& a : h.alerts)
            if (a.state != AlertState::Resolved)
                lines << tr("%1 (%2): %3")
                             .arg(QString::fromStdString(a.rule), AlertListModel::stateText(a.state),
                                  AlertText::message(a));
        const QStringList off = AlertPanel::rulesOffLines(h);
        if (!off.isEmpty()) lines << tr("Rules off (inputs not reported by this source):") << off;
        poolModel_->setHealth(pool, h.grade, lines.join(QLatin1Char('\n')));
        // Values move, and the panel lists the current pool's rules off:
        // refreshed about once a second.
        if (!lines.isEmpty()) alertsDirty_ = true;
        if (pool == current_) showHealth(pool);
    });
    connect(health_, &HealthMonitor::alertChanged, this, [this](const Alert& a) {
        charts_->noteAlert(a);
        alertsChanged_ = true;
        dirty_ = true;
    });
    connect(health_, &HealthMonitor::dangerRaised, notifier_, &AlertNotifier::notify);
    connect(notifier_, &AlertNotifier::notified, this,
            [this](const QString& title, const QString& text) { status_->showNote(title + QStringLiteral(": ") + text, true); });
    connect(notifier_, &AlertNotifier::poolRequested, this, &MainWindow::selectPool);
    connect(alerts_, &AlertPanel::poolRequested, this, &MainWindow::selectPool);
    connect(fleet_, &FleetPanel::poolRequested, this, &MainWindow::selectPool);
    connect(fleet_, &FleetPanel::poolActivated, this, [this](const QString& pool) {
        selectPool(pool);
        centralTabs_->setCurrentWidget(charts_);
    });
    connect(menus_->thresholds, &QAction::triggered, this, &MainWindow::showThresholdsDialog);
}

void MainWindow::showHealth(const QString& pool) {
    const PoolHealth h = health_->health(pool);
    QStringList lines;
    for (const Alert& a : h.alerts) lines << AlertText::message(a);
    if (lines.isEmpty()) lines << tr("No active alerts");
    const QStringList off = AlertPanel::rulesOffLines(h);
    if (!off.isEmpty()) lines << tr("Rules off for this pool (its source does not report their inputs):") << off;
    const QString grade = off.isEmpty() ? AlertListModel::gradeText(h.grade)
                                        : tr("%1, %n rule(s) off", nullptr, static_cast<int>(off.size()))
                                              .arg(AlertListModel::gradeText(h.grade));
    status_->setHealth(grade, lines.join(QLatin1Char('\n')), AlertListModel::gradeColor(h.grade));
}

void MainWindow::setThresholds(const Thresholds& thresholds, const QString& file) {
    health_->setThresholds(thresholds);
    const RuleSettings& wait = thresholds.rule(RuleId::WaitP99);
    charts_->setWaitThresholds(wait.enabled ? wait.warning : std::nullopt, wait.enabled ? wait.danger : std::nullopt);
    thresholdsFile_ = file;
    dirty_ = true;
}

void MainWindow::showThresholdsDialog() {
    auto* dialog = new ThresholdsDialog(health_->thresholds(), thresholdsFile_, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ThresholdsDialog::applied, this, [this, dialog](const Thresholds& t) {
        setThresholds(t, dialog->file());
        status_->showNote(tr("Health thresholds applied"));
    });
    connect(dialog, &ThresholdsDialog::saved, this, [this](const QString& file) {
        // The next start reads this file (unless --thresholds names another).
        settings_.setValue("health/thresholdsFile", file);
        thresholdsFile_ = file;
        status_->showNote(tr("Saved %1").arg(file));
    });
    dialog->open();
}

void MainWindow::wireRecording() {
    recorder_ = new SessionRecorder(sources_, *health_, this);
    const auto askFile = [this](const QString& title, const QString& name) {
        const QString folder = settings_.value("recording/folder", QDir::homePath()).toString();
        const QString file = QFileDialog::getSaveFileName(this, title, QDir(folder).filePath(name),
                                                          tr("PoolScope recordings (*.psrec)"));
        if (!file.isEmpty()) settings_.setValue("recording/folder", QFileInfo(file).absolutePath());
        return file;
    };
    connect(menus_->record, &QAction::triggered, this, [this, askFile](bool on) {
        if (!on) {
            recorder_->stop();
            return;
        }
        const QString file =
            askFile(tr("Record session"), SessionRecorder::defaultFileName(QDateTime::currentDateTime()));
        const QString error = file.isEmpty() ? QString() : recorder_->start(file);
        if (!error.isEmpty()) status_->showNote(error, true);
        menus_->record->setChecked(recorder_->recording());
    });
    connect(recorder_, &SessionRecorder::recordingChanged, this, [this](bool on) {
        menus_->record->setChecked(on);
        menus_->record->setText(on ? tr("Stop &recording") : tr("&Record session…"));
        if (!on) status_->setRecording({}, 0);
    });
    connect(recorder_, &SessionRecorder::progressed, this,
            [this] { status_->setRecording(recorder_->path(), recorder_->progress().bytes); });
    connect(recorder_, &SessionRecorder::stopped, this, [this](const QString& path, const QString& error) {
        status_->showNote(error.isEmpty() ? tr("Recorded the session to %1").arg(path) : error, !error.isEmpty());
    });
    connect(menus_->saveFlight, &QAction::triggered, this, [this, askFile] {
        const QString name = QStringLiteral("poolscope-last15min-%1.psrec")
                                 .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
        const QString file = askFile(tr("Save last 15 minutes"), name);
        if (file.isEmpty()) return;
        status_->showNote(tr("Saving the last 15 minutes to %1…").arg(file));
        recorder_->saveFlight(file);
    });
    connect(recorder_, &SessionRecorder::flightSaved, this, [this](const QString& path, const QString& error) {
        status_->showNote(error.isEmpty() ? tr("Saved the last 15 minutes to %1").arg(path)
                                          : tr("Cannot save the last 15 minutes: %1").arg(error),
                          !error.isEmpty());
    });
}

void MainWindow::selectPool(const QString& pool) {
    if (pool == current_) return;
    current_ = pool;
    const int row = poolModel_->rowOf(pool);
    if (row >= 0 && poolList_->currentIndex().row() != row)
        poolList_->setCurrentIndex(poolModel_->index(row));
    menus_->poolBox->setCurrentIndex(menus_->poolBox->findData(pool));
    charts_->setPool(pool);
    alerts_->setPool(pool);
    fleet_->showPool(pool);
    // A replay moved the charts' "now" to its position; a pool that is not
    // replayed is drawn live again.
    if (replayPool_.isEmpty() || !sources_.siblingsOf(replayPool_).contains(pool))
        for (int i = 0; i < charts_->chartCount(); ++i)
            if (!charts_->chart(i)->follow()) charts_->chart(i)->setFollow(true);
    connections_->clear();
    connections_->setStateFilter(std::nullopt);
    stateView_->setSelectedState(std::nullopt);
    const auto info = sources_.info(pool);
    const PoolSnapshot* latest = sources_.latest(pool);
    settingsPanel_->setConfig(latest ? latest->config : GuiOptions::defaultPool(),
                              latest ? latest->reported : FigureSet::all());
    setWindowTitle(pool.isEmpty() ? tr("PoolScope") : tr("%1 – PoolScope").arg(pool));
    if (info) {
        settingsPanel_->setEditable(info->controls.testFlag(Source::CanReconfigure));
        workloadPanel_->syncConfig(info->workload.config, true);
    }
    poolChanged(pool);
    showHealth(pool);
    backfillShown();
    dirty_ = true;
    redraw();
}

void MainWindow::backfillShown() {
    // A pool whose source keeps its past (a Prometheus server) opens with its
    // history over the chart window (24 h at most), at a step that fits the
    // chart's pixels, once per pool and window; live data then follows.
    const auto info = sources_.info(current_);
    if (!info || !info->controls.testFlag(Source::CanBackfill)) return;
    const qint64 windowMs = std::min<qint64>(charts_->windowMs(), 24LL * 3600 * 1000);
    if (backfilledMs_.value(current_, 0) >= windowMs) return;
    backfilledMs_.insert(current_, windowMs);
    const qint64 pixels = std::max(200, charts_->width());
    const qint64 stepMs = std::max<qint64>(1000, windowMs / pixels);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    sources_.backfill(current_, now - windowMs, now, stepMs);
    status_->showNote(tr("Reading the history of %1…").arg(current_));
}

void MainWindow::poolChanged(const QString& pool) {
    const auto info = sources_.info(pool);
    if (!info) return;
    poolModel_->upsert(*info);
    if (info->status == PoolInfo::Status::Failed) {
        showPoolError(*info);
        if (pool == replayPool_) replayTools_->hide();
    }
    if (pool != current_) return;
    if (info->stale) status_->showNote(tr("%1 is stale (showing the last data): %2").arg(pool, info->error), true);
    status_->setSource(info->description);
    status_->setEventsDropped(info->eventsDropped, info->reported.has(Figure::EventsDropped));
    workloadPanel_->setControls(info->controls);
    workloadPanel_->setSummary(info->workload);
    workloadPanel_->syncConfig(info->workload.config);
    const bool lifecycle = info->controls.testFlag(Source::CanChangeLifecycle);
    const QString why = info->controlsNote.isEmpty()
                            ? tr("This source cannot change the pool (a recording, or a pool PoolScope does not run)")
                            : info->controlsNote;
    for (QAction* a : {menus_->suspend, menus_->resume, menus_->evict, menus_->terminate})
        a->setEnabled(lifecycle);
    stateView_->setActionsAvailable(lifecycle, why);
    menus_->restartServer->setEnabled(info->controls.testFlag(Source::CanRestartServer));
    for (QAction* a : {menus_->startWorkload, menus_->stopWorkload})
        a->setEnabled(info->controls.testFlag(Source::CanRunWorkload));
}

void MainWindow::showPoolError(const PoolInfo& info) {
    if (reportedFailures_.contains(info.pool)) return;
    reportedFailures_ << info.pool;
    status_->showNote(tr("Pool %1 failed: %2").arg(info.pool, info.error), true);
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Cannot open pool %1").arg(info.pool),
                                info.error, QMessageBox::Close, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::redraw() {
    if (!dirty_ || paused_) return;
    dirty_ = false;
    ++redraws_;
    charts_->refresh();
    if (alertsChanged_ || (alertsDirty_ && !alertsRefreshed_.isValid()) ||
        (alertsDirty_ && alertsRefreshed_.elapsed() >= 1000)) {
        alertsChanged_ = alertsDirty_ = false;
        alertsRefreshed_.start();
        alerts_->refresh();
    }
    if (const PoolSnapshot* s = sources_.latest(current_)) {
        stateView_->setSnapshot(*s);
        connections_->setSnapshot(*s);
        settingsPanel_->syncFromSnapshot(s->config, s->reported);
        status_->setEventsDropped(s->totals.eventsDropped, s->reported.has(Figure::EventsDropped));
    }
}

void MainWindow::setPaused(bool paused) {
    paused_ = paused;
    if (menus_->pause->isChecked() != paused) menus_->pause->setChecked(paused);
    charts_->setPaused(paused);
    status_->setPaused(paused);
    dirty_ = true;
}

void MainWindow::showConnectDialog() {
    auto* dialog = new ConnectDialog(settings_, *vault_, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        EmbeddedSpec spec;
        spec.url = dialog->url();
        spec.pool = GuiOptions::defaultPool();
        spec.pool.name = dialog->poolName().toStdString();
        spec.workload = GuiOptions::defaultWorkload();
        selectPool(sources_.addEmbedded(spec));
    });
    dialog->open();
}

void MainWindow::showAttachDialog() {
    auto* dialog = new AttachDialog(settings_, *vault_, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { attach(dialog->spec()); });
    dialog->open();
}

void MainWindow::attach(const AttachSpec& spec) {
    selectPool(sources_.addSource(std::make_unique<RemoteSource>(spec), RemoteSource::placeholderName(spec.url)));
}

void MainWindow::applyPreset(const QString& id) {
    const WorkloadPreset preset = WorkloadPresets::byId(id);
    const auto info = sources_.info(current_);
    if (preset.id.isEmpty()) return;
    if (!info || (preset.needsRestarts && !info->controls.testFlag(Source::CanRestartServer))) {
        // This database cannot be restarted from here: show it on a simulated one.
        EmbeddedSpec spec;
        spec.url = preset.simUrl;
        spec.pool = preset.poolFor(GuiOptions::defaultPool());
        spec.pool.name = "restart-demo";
        spec.workload = preset.workload;
        selectPool(sources_.addEmbedded(spec));
        status_->showNote(tr("Opened a simulated database that restarts every 10 s."));
        return;
    }
    const PoolSnapshot* latest = sources_.latest(current_);
    const PoolConfig config = preset.poolFor(latest ? latest->config : settingsPanel_->config());
    settingsPanel_->setConfig(config);
    workloadPanel_->setConfig(preset.workload);
    sources_.reconfigure(current_, config);
    sources_.setWorkload(current_, preset.workload, true);
    if (preset.needsRestarts) sources_.restartServer(current_);
    status_->showNote(tr("Preset: %1. %2").arg(preset.title, preset.description));
}

void MainWindow::exportCharts(int index) {
    const QString file = QFileDialog::getSaveFileName(this, tr("Export chart"), current_ + QStringLiteral(".png"),
                                                      tr("PNG images (*.png)"));
    if (file.isEmpty()) return;
    QList<TimeSeriesChart*> list;
    if (index < 0)
        for (int i = 0; i < charts_->chartCount(); ++i) list << charts_->chart(i);
    else
        list << charts_->chart(index);
    const QString error = ChartExporter::writePng(ChartExporter::renderCharts(list, QSize(1600, 500)), file);
    status_->showNote(error.isEmpty() ? tr("Saved %1").arg(file) : error, !error.isEmpty());
}

void MainWindow::exportCsv() {
    const QString file = QFileDialog::getSaveFileName(this, tr("Export timeline"), current_ + QStringLiteral(".csv"),
                                                      tr("CSV files (*.csv)"));
    if (file.isEmpty()) return;
    const QString error = ChartExporter::writeTimelineCsv(sources_.timeline(), current_, file);
    status_->showNote(error.isEmpty() ? tr("Saved %1").arg(file) : error, !error.isEmpty());
}

void MainWindow::chooseLanguage(const QString& language) {
    settings_.setValue("ui/language", language);
    QMessageBox box(QMessageBox::Question, tr("Language"),
                    tr("The new language takes effect when PoolScope starts again. Restart now?"),
                    QMessageBox::Yes | QMessageBox::No, this);
    if (box.exec() != QMessageBox::Yes) return;
    QStringList args = QApplication::arguments().mid(1);
    if (const auto i = args.indexOf(QStringLiteral("--lang")); i >= 0) args.remove(i, std::min<qsizetype>(2, args.size() - i));
    args.removeIf([](const QString& a) { return a.startsWith(QLatin1String("--lang=")); });
    QProcess::startDetached(QApplication::applicationFilePath(), args);
    close();
}

void MainWindow::wireReplay() {
    replayBar_ = new ReplayBar(this);
    replayTools_ = new QToolBar(tr("Replay"), this);
    replayTools_->setObjectName(QStringLiteral("replayToolBar"));
    replayTools_->setMovable(false);
    replayTools_->addWidget(replayBar_);
    addToolBar(Qt::BottomToolBarArea, replayTools_);
    replayTools_->hide();
    connect(menus_->openRecording, &QAction::triggered, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Open recording"), {},
                                                          tr("PoolScope recordings (*.psrec);;All files (*)"));
        if (!file.isEmpty()) openRecording(file);
    });
    // The bar's requests go to the recording's source through SourceManager.
    const auto send = [this](PlaybackCommand c) {
        if (!replayPool_.isEmpty()) sources_.playback(replayPool_, c);
    };
    using Kind = PlaybackCommand::Kind;
    ReplayBar* bar = replayBar_;
    connect(bar, &ReplayBar::playRequested, this, [send] { send({Kind::Play}); });
    connect(bar, &ReplayBar::pauseRequested, this, [send] { send({Kind::Pause}); });
    connect(bar, &ReplayBar::speedRequested, this, [send](double v) { send({Kind::Speed, v}); });
    connect(bar, &ReplayBar::seekRequested, this, [send](qint64 t) { send({Kind::Seek, 1, t}); });
    connect(bar, &ReplayBar::nextAlertRequested, this, [send] { send({Kind::NextAlert}); });
    connect(bar, &ReplayBar::loopRequested, this, [send](qint64 a, qint64 b) { send({Kind::Loop, 1, a, b}); });
    connect(bar, &ReplayBar::loopCleared, this, [send] { send({Kind::ClearLoop}); });
    connect(&sources_, &SourceManager::spanKnown, this,
            [this](const QString& pool, qint64 from, qint64 to, const QList<qint64>& times, const QStringList& grades) {
                if (pool == replayPool_) replayBar_->setRecording(from, to, times, grades);
            });
    connect(&sources_, &SourceManager::positionChanged, this, [this](const QString& pool, qint64 t, bool playing) {
        if (pool != replayPool_) return;
        replayBar_->setPosition(t, playing);
        if (!sources_.siblingsOf(pool).contains(current_)) return;
        // The Timeline holds the whole recording: the charts end at the replay's "now".
        for (int i = 0; i < charts_->chartCount(); ++i) {
            TimeSeriesChart* c = charts_->chart(i);
            if (c->follow()) c->setFollow(false);
            c->setCursorMs(t);
        }
    });
}

void MainWindow::openRecording(const QString& path) {
    // One recording at a time: the one playing goes (all its pools).
    if (!replayPool_.isEmpty()) sources_.removePool(replayPool_);
    replayBar_->setSpeed(1);
    replayBar_->setPosition(0, false);
    selectPool(sources_.addSource(std::make_unique<ReplaySource>(path), QFileInfo(path).fileName()));
    replayTools_->show();
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (persistent_) {
        settings_.setValue("window/geometry", saveGeometry());
        settings_.setValue("window/state", saveState());
    }
    QMainWindow::closeEvent(event);
}

}  // namespace poolscope
