#include "app/ui/GuiApplication.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTimer>
#include <QTranslator>
#include <cstdio>
#include <memory>

#include "app/headless/CommandLine.h"
#include "app/sources/SourceManager.h"
#include "app/ui/GuiOptions.h"
#include "app/ui/MainWindow.h"
#include "app/ui/StatusBar.h"
#include "app/ui/Theme.h"
#include "widgets/MetaTypes.h"

#ifndef POOLSCOPE_VERSION
#define POOLSCOPE_VERSION "unknown"
#endif

namespace poolscope {

namespace {

void printErr(const QString& text) {
    std::fprintf(stderr, "%s\n", text.toLocal8Bit().constData());
}

/// Loads PoolScope's own translation and Qt's for `locale`; English needs none.
void installTranslations(QApplication& app, const QLocale& locale) {
    if (locale.language() == QLocale::English || locale.language() == QLocale::C) return;
    auto* own = new QTranslator(&app);
    if (own->load(locale, QStringLiteral("poolscope"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(own);
    auto* qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
}

}  // namespace

QString GuiApplication::usage() { return GuiOptions::usage(); }

bool GuiApplication::haveDisplay() {
    return !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") ||
           !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}

int GuiApplication::run(int argc, char** argv) {
    QStringList args;
    for (int i = 1; i < argc; ++i) args << QString::fromLocal8Bit(argv[i]);
    const GuiOptions options = GuiOptions::parse(args);
    if (!options.error.isEmpty()) {
        printErr(options.error);
        return CommandLine::kExitBadArguments;
    }
    if (!haveDisplay()) {
        printErr(QStringLiteral(
            "poolscope: no display for the GUI (DISPLAY and WAYLAND_DISPLAY are unset).\n"
            "Run it in a desktop session or under xvfb-run, or use the headless mode, e.g.\n"
            "  poolscope --headless --connect 'sim://?query_ms=2' --duration 5\n"
            "See 'poolscope --help'."));
        return CommandLine::kExitBadArguments;
    }

    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("PoolScope"));
    QApplication::setApplicationName(QStringLiteral("poolscope"));
    QApplication::setApplicationDisplayName(QStringLiteral("PoolScope"));
    QApplication::setApplicationVersion(QStringLiteral(POOLSCOPE_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/poolscope.png")));
    registerPoolScopeMetaTypes();

    QSettings settings;
    const QString language = !options.language.isEmpty() ? options.language
                                                          : settings.value("ui/language").toString();
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    QLocale::setDefault(locale);
    installTranslations(app, locale);

    Theme theme;
    const QString themeName = !options.theme.isEmpty() ? options.theme : settings.value("ui/theme").toString();
    theme.apply(Theme::fromString(themeName));

    const bool screenshot = !options.screenshotFile.isEmpty();
    SourceManager sources;
    MainWindow window(sources, theme, settings, /*persistent=*/!screenshot && !options.quitAfterS);
    window.resize(kScreenshotWidth, kScreenshotHeight);
    window.show();

    QStringList urls = options.connectUrls;
    if (urls.isEmpty()) {
        auto def = CommandLine::defaultConnectUrl();
        if (def) urls << QString::fromStdString(*def);
        else window.statusBarWidget()->showNote(QString::fromStdString(def.message()), true);
    }
    for (int i = 0; i < urls.size(); ++i) {
        EmbeddedSpec spec;
        spec.url = urls[i];
        spec.pool = i == 0 ? options.pool : GuiOptions::defaultPool();
        spec.workload = i == 0 ? options.workload : GuiOptions::defaultWorkload();
        spec.runWorkload = options.runWorkload;
        if (i > 0) spec.pool.name = "pool";
        sources.addEmbedded(spec);
    }
    if (urls.isEmpty()) QTimer::singleShot(0, &window, &MainWindow::showConnectDialog);
    if (!options.preset.isEmpty() && !sources.pools().isEmpty()) {
        // Once the first pool runs (its first snapshot), like a user choosing it.
        const QString first = sources.pools().first();
        auto connection = std::make_shared<QMetaObject::Connection>();
        *connection = QObject::connect(&sources, &SourceManager::snapshotArrived, &window,
                                       [&window, &options, first, connection](const QString& pool) {
                                           if (pool != first) return;
                                           QObject::disconnect(*connection);
                                           window.applyPreset(options.preset);
                                       });
    }

    int exitCode = 0;
    if (options.quitAfterS) {
        QTimer::singleShot(static_cast<int>(*options.quitAfterS * 1000), &window, [&] {
            if (screenshot) {
                const QImage image = window.grab().toImage();
                if (!image.save(options.screenshotFile, "PNG")) {
                    printErr(QStringLiteral("poolscope: cannot write the screenshot %1")
                                 .arg(QFileInfo(options.screenshotFile).absoluteFilePath()));
                    exitCode = 1;
                }
            }
            window.close();
            QApplication::quit();
        });
    }
    const int rc = QApplication::exec();
    return exitCode != 0 ? exitCode : rc;
}

}  // namespace poolscope
