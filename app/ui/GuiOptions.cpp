#include "app/ui/GuiOptions.h"

#include <cmath>

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

QString GuiOptions::usage() {
    return QStringLiteral(
        "Usage: poolscope [--connect URL]... [--pool k=v,...] [--workload k=v,...|off]\n"
        "                 [--lang zh_CN|en] [--theme system|light|dark]\n"
        "                 [--preset unbounded|leak|restart|wait_storm]\n"
        "                 [--thresholds FILE] [--replay FILE] [--screenshot FILE] [--quit-after S]\n"
        "                 [--record FILE] [--attach URL]... [--token-file FILE] [--tls-ca FILE]\n"
        "\n"
        "Without --headless, PoolScope opens its window (a display is needed) on the\n"
        "embedded SQLite database with a gentle demo workload, or on each --connect URL.\n"
        "  --connect URL       open a pool on URL (repeat for several pools)\n"
        "  --pool k=v,...      settings of the first pool (keys as for --headless)\n"
        "  --workload k=v,...  the first pool's workload; 'off' starts none\n"
        "  --lang L            user-interface language: zh_CN or en (default: system)\n"
        "  --theme T           system, light or dark (default: the saved choice)\n"
        "  --preset P          run an incident preset on the first pool: unbounded,\n"
        "                      leak, restart (fake alive) or wait_storm\n"
        "  --thresholds FILE   health thresholds (JSON; README, 'Health thresholds file');\n"
        "                      default: the file saved from the GUI, else the built-in set\n"
        "  --replay FILE       replay a recording (.psrec) instead of the embedded default\n"
        "  --attach URL        show the pools of a PoolScope endpoint in another process\n"
        "                      (http(s)://host:port[/prefix]); repeat for several\n"
        "  --token-file FILE   the endpoints' bearer token (enables their actions)\n"
        "  --tls-ca FILE       the CA that signed the endpoints' certificates (PEM)\n"
        "  --record FILE       record the session to FILE (.psrec) from the start;\n"
        "                      File > Record (Ctrl+R) stops it\n"
        "  --screenshot FILE   save a PNG of the window (with --quit-after S, after S s)\n"
        "  --quit-after S      quit after S seconds (exit status 0)\n");
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
        static const QStringList withValue = {"--connect", "--pool",       "--workload",  "--lang",
                                              "--theme",   "--screenshot", "--quit-after", "--preset",
                                              "--thresholds", "--replay", "--record",
                                              "--attach", "--token-file", "--tls-ca"};
        if (!withValue.contains(name)) {
            if (arg.startsWith(QLatin1Char('-')))
                return fail(QStringLiteral("unknown option '%1'").arg(name));
            return fail(QStringLiteral("unexpected argument '%1'").arg(arg));
        }
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
