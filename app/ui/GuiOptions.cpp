#include "app/ui/GuiOptions.h"

#include <cmath>

#include "app/headless/OptionTable.h"
#include "core/health/ThresholdsFile.h"
#include "core/util/TokenFile.h"

namespace poolscope {

namespace {

constexpr double kMaxQuitAfterS = 7 * 24 * 3600.0;

}  // namespace

PoolConfig GuiOptions::defaultPool() {
    PoolConfig c;
    c.name = "default";
    c.maxOpen = 10;
    c.maxIdle = 10;
    c.minIdle = 2;
    c.validation.mode = ValidationPolicy::Mode::IdleFor;
    c.validation.idleMs = 5'000;
    c.leakThresholdMs = 60'000;
    return c;
}

WorkloadConfig GuiOptions::defaultWorkload() {
    WorkloadConfig w;
    w.workers = 4;
    w.holdMs = 20;
    w.thinkMs = 30;
    return w;
}

QString GuiOptions::usage(const HelpTranslator& translate) {
    static constexpr std::string_view kAbout = QT_TRANSLATE_NOOP(
        "Help",
        "Without --headless, PoolScope opens its window (a display is needed) on the\n"
        "embedded SQLite database with a gentle demo workload, or on each --connect URL.");
    return QStringLiteral(
               "Usage: poolscope [--connect URL]... [--pool k=v,...] [--workload k=v,...|off]\n"
               "                 [--lang zh_CN|en] [--theme system|light|dark]\n"
               "                 [--preset unbounded|leak|restart|wait_storm]\n"
               "                 [--thresholds FILE] [--replay FILE] [--screenshot FILE] [--quit-after S]\n"
               "                 [--record FILE] [--attach URL]... [--token-file FILE] [--tls-ca FILE]\n"
               "\n") +
           QString::fromStdString(translated(translate, kAbout) + "\n" + optionHelp(OptionMode::Gui, translate));
}

GuiOptions GuiOptions::parse(const QStringList& args) {
    GuiOptions o;
    const auto fail = [&o](const QString& message) {
        o.error = QStringLiteral("poolscope: ") + message +
                  QStringLiteral("\nSee 'poolscope --help'.");
        return o;
    };
    bool screenshotAfterGiven = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString arg = args[i];
        QString name = arg;
        QString value;
        bool inlineValue = false;
        if (arg.startsWith(QLatin1String("--"))) {
            if (const auto eq = arg.indexOf(QLatin1Char('=')); eq >= 0) {
                name = arg.left(eq);
                value = arg.mid(eq + 1);
                inlineValue = true;
            }
        }
        const OptionSpec* spec = findOption(name.toStdString());
        if (!spec) {
            if (arg.startsWith(QLatin1Char('-')))
                return fail(QStringLiteral("unknown option '%1'").arg(name));
            return fail(QStringLiteral("unexpected argument '%1'").arg(arg));
        }
        // Every dashboard option takes a value; the flags are all headless.
        if (!appliesTo(spec->modes, OptionMode::Gui))
            return fail(QString::fromStdString(notForMode(*spec, OptionMode::Gui)));
        if (!inlineValue) {
            if (i + 1 >= args.size()) return fail(name + QStringLiteral(" needs a value"));
            value = args[++i];
        }
        if (name == QLatin1String("--connect")) {
            if (value.isEmpty()) return fail(QStringLiteral("--connect: the URL is empty"));
            o.connectUrls << value;
        } else if (name == QLatin1String("--pool")) {
            if (auto s = applyPoolOptions(o.pool, value.toStdString()); !s)
                return fail(QStringLiteral("--pool: ") + QString::fromStdString(s.message()));
        } else if (name == QLatin1String("--workload")) {
            if (value == QLatin1String("off")) {
                o.runWorkload = false;
            } else if (auto s = applyWorkloadOptions(o.workload, value.toStdString()); !s) {
                return fail(QStringLiteral("--workload: ") + QString::fromStdString(s.message()));
            }
        } else if (name == QLatin1String("--lang")) {
            static const QStringList known = {"en", "en_US", "zh_CN", "zh"};
            if (!known.contains(value))
                return fail(QStringLiteral("--lang: '%1' is not a known language; use zh_CN or en")
                                .arg(value));
            o.language = value == QLatin1String("zh") ? QStringLiteral("zh_CN") : value;
        } else if (name == QLatin1String("--theme")) {
            if (value != QLatin1String("system") && value != QLatin1String("light") &&
                value != QLatin1String("dark"))
                return fail(QStringLiteral("--theme: '%1' must be system, light or dark").arg(value));
            o.theme = value;
        } else if (name == QLatin1String("--preset")) {
            static const QStringList ids = {"unbounded", "leak", "restart", "wait_storm"};
            if (!ids.contains(value))
                return fail(QStringLiteral("--preset: '%1' is not a preset; use one of %2")
                                .arg(value, ids.join(QStringLiteral(", "))));
            o.preset = value;
        } else if (name == QLatin1String("--thresholds")) {
            auto t = ThresholdsFile::load(value.toStdString());
            if (!t) return fail(QStringLiteral("--thresholds: ") + QString::fromStdString(t.message()));
            o.thresholds = *t;
            o.thresholdsFile = value;
        } else if (name == QLatin1String("--replay")) {
            // The file itself is opened by the replay source, which reports a bad one.
            if (value.isEmpty()) return fail(QStringLiteral("--replay: the file name is empty"));
            o.replayFile = value;
        } else if (name == QLatin1String("--attach")) {
            if (value.isEmpty()) return fail(QStringLiteral("--attach: the URL is empty"));
            o.attachUrls << value;
        } else if (name == QLatin1String("--token-file")) {
            auto token = readTokenFile(value.toStdString());
            if (!token) return fail(QStringLiteral("--token-file: ") + QString::fromStdString(token.message()));
            o.attachToken = QString::fromStdString(*token);
        } else if (name == QLatin1String("--tls-ca")) {
            if (value.isEmpty()) return fail(QStringLiteral("--tls-ca: the file name is empty"));
            o.attachCaFile = value;
        } else if (name == QLatin1String("--record")) {
            // The file is created at start-up, which reports an unwritable one.
            if (value.isEmpty()) return fail(QStringLiteral("--record: the file name is empty"));
            o.recordFile = value;
        } else if (name == QLatin1String("--screenshot")) {
            if (value.isEmpty()) return fail(QStringLiteral("--screenshot: the file name is empty"));
            o.screenshotFile = value;
        } else {
            bool ok = false;
            const double s = value.toDouble(&ok);
            if (!ok || !std::isfinite(s))
                return fail(QStringLiteral("--quit-after: '%1' is not a number of seconds").arg(value));
            if (s < 0 || s > kMaxQuitAfterS)
                return fail(QStringLiteral("--quit-after: '%1' must be between 0 and %2 seconds")
                                .arg(value)
                                .arg(kMaxQuitAfterS));
            o.quitAfterS = s;
            screenshotAfterGiven = true;
        }
    }
    for (const auto& f : lintConfig(o.pool))
        if (f.level == LintFinding::Level::Error)
            return fail(QStringLiteral("--pool: ") + QString::fromStdString(f.message));
    if (!o.recordFile.isEmpty() && o.recordFile == o.replayFile)
        return fail(QStringLiteral("--record: '%1' is the file being replayed; record to another file")
                        .arg(o.recordFile));
    if (o.attachUrls.isEmpty() && (!o.attachToken.isEmpty() || !o.attachCaFile.isEmpty()))
        return fail(QStringLiteral("--token-file and --tls-ca need --attach URL"));
    if (!o.screenshotFile.isEmpty() && !screenshotAfterGiven)
        return fail(QStringLiteral("--screenshot needs --quit-after S (the seconds to wait)"));
    return o;
}

}  // namespace poolscope
