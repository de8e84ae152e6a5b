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
#include "app/sources/SessionRecorder.h"
#include "app/sources/SourceManager.h"
#include "app/ui/GuiOptions.h"
#include "app/ui/MainWindow.h"
#include "app/sources/RemoteSource.h"
#include "app/ui/StatusBar.h"
#include "app/ui/Theme.h"
#include "core/health/ThresholdsFile.h"
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

QString GuiApplication::usage(const HelpTranslator& translate) { return GuiOptions::usage(translate); }

HelpTranslator GuiApplication::helpTranslator(const std::vector<std::string>& args) {
    QString language;
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--lang" && i + 1 < args.size()) language = QString::fromStdString(args[i + 1]);
        if (args[i].starts_with("--lang=")) language = QString::fromStdString(args[i].substr(7));
    }
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    if (locale.language() == QLocale::English || locale.language() == QLocale::C) return {};
    auto translator = std::make_shared<QTranslator>();
    if (!translator->load(locale, QStringLiteral("poolscope"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        return {};
    return [translator](std::string_view english) {
        const std::string key(english);
        const QString text = translator->translate("Help", key.c_str());
        return text.isEmpty() ? key : text.toStdString();
    };
}

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
    // One folder name everywhere: settings in $XDG_CONFIG_HOME/poolscope/,
    // data in $XDG_DATA_HOME/poolscope/ (CommandLine::dataDirectory).
    QApplication::setOrganizationName(QStringLiteral("poolscope"));
    QApplication::setApplicationName(QStringLiteral("poolscope"));
    // Matches the installed io.poolscope.PoolScope.desktop (Wayland app id, icon).
    QApplication::setDesktopFileName(QStringLiteral("io.poolscope.PoolScope"));
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
    if (options.thresholds) {
        window.setThresholds(*options.thresholds, options.thresholdsFile);
    } else if (const QString saved = settings.value("health/thresholdsFile").toString(); !saved.isEmpty()) {
        // Saved from the threshold editor earlier. A file that went bad is
        // reported and the built-in set used: the app must still start.
        if (auto t = ThresholdsFile::load(saved.toStdString()))
            window.setThresholds(*t, saved);
        else
            window.statusBarWidget()->showNote(QString::fromStdString(t.message()), true);
    }
    window.resize(kScreenshotWidth, kScreenshotHeight);
    window.show();

    QStringList urls = options.connectUrls;
    // A replay or an attach opens instead of the embedded default.
    const bool replay = !options.replayFile.isEmpty() || !options.attachUrls.isEmpty();
    if (urls.isEmpty() && !replay) {  // a replay opens instead of the embedded default
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
    if (!options.replayFile.isEmpty()) window.openRecording(options.replayFile);
    for (const QString& url : options.attachUrls) {
        AttachSpec spec;
        spec.url = url;
        spec.token = options.attachToken;
        spec.caFile = options.attachCaFile;
        window.attach(spec);
    }
    if (urls.isEmpty() && !replay) QTimer::singleShot(0, &window, &MainWindow::showConnectDialog);
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

    // After the pools are added, so the recording's meta names their sources.
    if (!options.recordFile.isEmpty()) {
        if (const QString error = window.sessionRecorder()->start(options.recordFile); !error.isEmpty()) {
            printErr(QStringLiteral("poolscope: --record: ") + error);
            return CommandLine::kExitBadArguments;
        }
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
