#include "app/ui/MainMenus.h"

#include <QAction>
#include <QActionGroup>
#include <QComboBox>
#include <QKeySequence>
#include <QLabel>
#include <QMainWindow>
#include <QMenuBar>
#include <QToolBar>

#include "app/ui/ChartsPanel.h"
#include "app/ui/WorkloadPresets.h"

namespace poolscope {

QAction* MainMenus::make(const QString& text, const QKeySequence& key, const QString& tip) {
    auto* a = new QAction(text, parent());
    if (!key.isEmpty()) a->setShortcut(key);
    if (!tip.isEmpty()) a->setStatusTip(tip);
    a->setShortcutContext(Qt::WindowShortcut);
    all_ << a;
    return a;
}

MainMenus::MainMenus(QMainWindow* w) : QObject(w) {
    QMenuBar* bar = w->menuBar();

    QMenu* file = bar->addMenu(tr("&File"));
    newConnection = make(tr("&New connection…"), QKeySequence::New,
                         tr("Open a pool on PostgreSQL, MySQL, SQLite or the simulated server"));
    attach = make(tr("&Attach to endpoint…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A),
                  tr("Show the pools of another process that serves a PoolScope endpoint"));
    openRecording = make(tr("&Open recording…"), QKeySequence::Open,
                         tr("Replay a recorded session (.psrec) with play, seek and speed controls"));
    removePool = make(tr("&Remove pool from session"), QKeySequence(Qt::CTRL | Qt::Key_W),
                      tr("Stop the selected pool and its workload and remove it"));
    exportAllCharts = make(tr("Export &charts as PNG…"), QKeySequence(Qt::CTRL | Qt::Key_E));
    exportChart = {make(tr("Connections chart…"), {}), make(tr("Acquire wait chart…"), {}),
                   make(tr("Rates chart…"), {})};
    exportCsv = make(tr("Export &timeline as CSV…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    record = make(tr("&Record session…"), QKeySequence(Qt::CTRL | Qt::Key_R),
                  tr("Record everything the session shows to a .psrec file; again to stop"));
    record->setCheckable(true);
    saveFlight = make(tr("Save last 15 &minutes…"), {},
                      tr("Save what the flight recorder kept of the last 15 minutes to a .psrec file"));
    quit = make(tr("&Quit"), QKeySequence::Quit);
    file->addAction(newConnection);
    file->addAction(attach);
    file->addAction(openRecording);
    file->addAction(removePool);
    file->addSeparator();
    file->addAction(exportAllCharts);
    QMenu* one = file->addMenu(tr("Export one chart"));
    one->addActions(exportChart);
    file->addAction(exportCsv);
    file->addSeparator();
    file->addAction(record);
    file->addAction(saveFlight);
    file->addSeparator();
    file->addAction(quit);

    QMenu* view = bar->addMenu(tr("&View"));
    pause = make(tr("&Pause"), QKeySequence(Qt::Key_Space), tr("Freeze the views; samples keep arriving"));
    pause->setCheckable(true);
    follow = make(tr("&Follow newest"), QKeySequence(Qt::Key_End), tr("Resume and follow the newest sample"));
    view->addAction(pause);
    view->addAction(follow);
    QMenu* window = view->addMenu(tr("Time &window"));
    auto* windowGroup = new QActionGroup(this);
    windowBox = new QComboBox(w);
    windowBox->setToolTip(tr("Time window of the charts"));
    const QList<qint64> choices = ChartsPanel::windowChoices();
    for (int i = 0; i < choices.size(); ++i) {
        QAction* a = make(ChartsPanel::windowLabel(choices[i]),
                          QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
        a->setCheckable(true);
        a->setData(choices[i]);
        windowGroup->addAction(a);
        window->addAction(a);
        windowActions << a;
        windowBox->addItem(a->text(), choices[i]);
    }
    view->addSeparator();
    panelsMenu = view->addMenu(tr("P&anels"));
    QMenu* theme = view->addMenu(tr("&Theme"));
    themeGroup = new QActionGroup(this);
    const std::pair<QString, QString> themes[] = {
        {tr("Follow the system"), "system"}, {tr("Light"), "light"}, {tr("Dark"), "dark"}};
    for (const auto& [text, value] : themes) {
        QAction* a = theme->addAction(text);
        a->setCheckable(true);
        a->setData(value);
        themeGroup->addAction(a);
    }
    QMenu* language = view->addMenu(tr("&Language"));
    languageGroup = new QActionGroup(this);
    const std::pair<QString, QString> languages[] = {
        {tr("System language"), ""}, {QStringLiteral("English"), "en"}, {QStringLiteral("简体中文"), "zh_CN"}};
    for (const auto& [text, value] : languages) {
        QAction* a = language->addAction(text);
        a->setCheckable(true);
        a->setData(value);
        languageGroup->addAction(a);
    }

    QMenu* pool = bar->addMenu(tr("&Pool"));
    suspend = make(tr("&Suspend"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S),
                   tr("Acquires wait until the pool is resumed"));
    resume = make(tr("&Resume"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    evict = make(tr("&Evict idle connections"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V));
    terminate = make(tr("&Close (terminate)"), {}, tr("Close the pool for good: acquires fail at once"));
    startWorkload = make(tr("Start or restart &workload"), QKeySequence(Qt::Key_F5));
    stopWorkload = make(tr("S&top workload"), QKeySequence(Qt::SHIFT | Qt::Key_F5));
    restartServer = make(tr("Restart simulated &database"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D),
                         tr("Every open connection silently breaks (fake alive)"));
    pool->addActions({suspend, resume, evict, terminate});
    pool->addSeparator();
    pool->addActions({startWorkload, stopWorkload, restartServer});
    QMenu* incidents = pool->addMenu(tr("&Incident presets"));
    int n = 1;
    for (const WorkloadPreset& p : WorkloadPresets::all()) {
        QAction* a = make(p.title, QKeySequence(Qt::ALT | static_cast<Qt::Key>(Qt::Key_0 + n++)), p.description);
        a->setData(p.id);
        incidents->addAction(a);
        presets << a;
    }

    QMenu* health = bar->addMenu(tr("H&ealth"));
    thresholds = make(tr("&Thresholds…"), QKeySequence(Qt::CTRL | Qt::Key_T),
                      tr("Edit the health thresholds; apply them now or save them for the next start"));
    health->addAction(thresholds);

    QMenu* help = bar->addMenu(tr("&Help"));
    shortcuts = make(tr("&Keyboard shortcuts"), QKeySequence::HelpContents);
    about = make(tr("&About PoolScope"), {});
    help->addActions({shortcuts, about});

    QToolBar* tools = w->addToolBar(tr("Main"));
    tools->setObjectName(QStringLiteral("mainToolBar"));
    tools->setMovable(false);
    poolBox = new QComboBox(w);
    poolBox->setToolTip(tr("The pool every panel shows"));
    poolBox->setMinimumContentsLength(12);
    poolBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    newConnection->setIconText(tr("Connect…"));
    startWorkload->setIconText(tr("Start workload"));
    stopWorkload->setIconText(tr("Stop workload"));
    exportAllCharts->setIconText(tr("Export PNG…"));
    follow->setIconText(tr("Follow"));
    pause->setIconText(tr("Pause"));
    tools->addAction(newConnection);
    // A combo box is named by its label (Qt names it by its current item).
    auto* poolLabel = new QLabel(tr(" Pool: "), tools);
    poolLabel->setBuddy(poolBox);
    tools->addWidget(poolLabel);
    tools->addWidget(poolBox);
    tools->addSeparator();
    auto* windowLabel = new QLabel(tr(" Window: "), tools);
    windowLabel->setBuddy(windowBox);
    tools->addWidget(windowLabel);
    tools->addWidget(windowBox);
    tools->addAction(pause);
    tools->addAction(follow);
    tools->addSeparator();
    tools->addAction(startWorkload);
    tools->addAction(stopWorkload);
    tools->addSeparator();
    tools->addAction(exportAllCharts);
    record->setIconText(tr("Record"));
    tools->addAction(record);
    for (QAction* a : std::as_const(all_)) w->addAction(a);  // shortcuts work with menus hidden
}

void MainMenus::check(QActionGroup* group, const QString& value) {
    for (QAction* a : group->actions())
        if (a->data().toString() == value) a->setChecked(true);
}

QString MainMenus::shortcutSummary() const {
    QString out;
    for (const QAction* a : all_) {
        if (a->shortcut().isEmpty()) continue;
        QString text = a->text();
        text.remove(QLatin1Char('&'));
        out += QStringLiteral("%1\t%2\n").arg(a->shortcut().toString(QKeySequence::NativeText), -16).arg(text);
    }
    return out;
}

}  // namespace poolscope
