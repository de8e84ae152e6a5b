#include "widgets/LintText.h"

namespace poolscope {

namespace {

QStringList argsOf(const LintFinding& f) {
    QStringList out;
    for (const auto& a : f.args) out << QString::fromStdString(a);
    return out;
}

}  // namespace

QStringList LintText::knownCodes() {
    return {"negative_duration", "negative_count", "empty_name", "max_idle_gt_max_open",
            "min_idle_gt_max_idle", "unbounded", "no_max_lifetime", "leak_detection_off",
            "no_acquire_timeout", "no_validation", "keepalive_ge_max_lifetime",
            "max_idle_time_gt_max_lifetime"};
}

QStringList LintText::serverCodes() {
    return {"unbounded_vs_server", "max_open_over_server", "max_idle_time_ge_wait_timeout",
            "max_lifetime_ge_wait_timeout", "max_idle_time_ge_idle_session_timeout",
            "max_lifetime_ge_idle_session_timeout"};
}

int LintText::argumentCount(const QString& code) {
    if (knownCodes().contains(code)) return 0;
    if (code == QLatin1String("unbounded_vs_server")) return 5;
    if (serverCodes().contains(code)) return 6;
    return -1;
}

QString LintText::serverName(const QString& product) {
    return product.isEmpty() ? tr("the server") : tr("the %1 server").arg(product);
}

QString LintText::limitText(const QStringList& a) {
    // a: max_connections, usable, reserved ("" when none)
    const QString max = QStringLiteral("max_connections=%1").arg(a[0]);
    return a[2].isEmpty() ? max : tr("%1 (%2 after %3 reserved)").arg(max, a[1], a[2]);
}

QString LintText::serverMessage(const QString& code, const QStringList& a) {
    if (code == QLatin1String("unbounded_vs_server"))
        return tr("pool \"%1\": max_open=0 lets it open connections until %2's %3 is used up, starving every "
                  "other client; set max_open to this service's share")
            .arg(a[0], serverName(a[1]), limitText(a.mid(2)));
    if (code == QLatin1String("max_open_over_server")) {
        const QString what = a[1] == QLatin1String("1")
                                 ? QStringLiteral("max_open=%1").arg(a[0])
                                 : tr("max_open summed over %1 pools (%2)").arg(a[1], a[0]);
        return tr("%1 is above %2's %3: when the pools fill up, connects fail with \"too many clients\"; lower "
                  "max_open or raise max_connections")
            .arg(what, serverName(a[2]), limitText(a.mid(3)));
    }
    // The timeout codes: pool, the setting's ms, its duration ("" = never), product, variable, timeout.
    const QString key = code.startsWith(QLatin1String("max_idle_time")) ? QStringLiteral("max_idle_time_ms")
                                                                         : QStringLiteral("max_lifetime_ms");
    const QString setting = a[2].isEmpty() ? tr("%1=0 (never)").arg(key)
                                           : QStringLiteral("%1=%2 (%3)").arg(key, a[1], a[2]);
    return tr("pool \"%1\": %2 is not below %3's %4 (%5), so the pool can hand out sessions the server already "
              "closed; set it a few seconds below %4, or set keepalive_ms below it")
        .arg(a[0], setting, serverName(a[3]), a[4], a[5]);
}

QString LintText::fieldOf(const LintFinding& f) {
    const QString code = QString::fromStdString(f.code);
    if (code == QLatin1String("negative_duration") || code == QLatin1String("negative_count")) {
        // The core's message starts with "key=value".
        const QString m = QString::fromStdString(f.message);
        const auto eq = m.indexOf(QLatin1Char('='));
        return eq > 0 ? m.left(eq) : QString();
    }
    if (code == QLatin1String("empty_name")) return QStringLiteral("name");
    if (code == QLatin1String("max_idle_gt_max_open")) return QStringLiteral("max_idle");
    if (code == QLatin1String("min_idle_gt_max_idle")) return QStringLiteral("min_idle");
    if (code == QLatin1String("unbounded")) return QStringLiteral("max_open");
    if (code == QLatin1String("no_max_lifetime")) return QStringLiteral("max_lifetime_ms");
    if (code == QLatin1String("leak_detection_off")) return QStringLiteral("leak_threshold_ms");
    if (code == QLatin1String("no_acquire_timeout")) return QStringLiteral("acquire_timeout_ms");
    if (code == QLatin1String("no_validation")) return QStringLiteral("validate");
    if (code == QLatin1String("keepalive_ge_max_lifetime")) return QStringLiteral("keepalive_ms");
    if (code == QLatin1String("max_idle_time_gt_max_lifetime")) return QStringLiteral("max_idle_time_ms");
    if (code == QLatin1String("unbounded_vs_server") || code == QLatin1String("max_open_over_server"))
        return QStringLiteral("max_open");
    if (code == QLatin1String("max_idle_time_ge_wait_timeout") ||
        code == QLatin1String("max_idle_time_ge_idle_session_timeout"))
        return QStringLiteral("max_idle_time_ms");
    if (code == QLatin1String("max_lifetime_ge_wait_timeout") ||
        code == QLatin1String("max_lifetime_ge_idle_session_timeout"))
        return QStringLiteral("max_lifetime_ms");
    return {};
}

QString LintText::message(const LintFinding& f) {
    const QString code = QString::fromStdString(f.code);
    if (serverCodes().contains(code))
        return argumentCount(code) == static_cast<int>(f.args.size()) ? serverMessage(code, argsOf(f))
                                                                       : QString::fromStdString(f.message);
    if (code == QLatin1String("negative_duration"))
        return tr("%1 is negative; use 0 to disable or a positive number of ms").arg(fieldOf(f));
    if (code == QLatin1String("negative_count")) return tr("%1 is negative").arg(fieldOf(f));
    if (code == QLatin1String("empty_name")) return tr("The pool needs a name.");
    if (code == QLatin1String("max_idle_gt_max_open"))
        return tr("max_idle is above max_open; lower max_idle to at most max_open.");
    if (code == QLatin1String("min_idle_gt_max_idle"))
        return tr("min_idle is above max_idle: the housekeeper would open connections that "
                  "release closes at once.");
    if (code == QLatin1String("unbounded"))
        return tr("max_open=0 lets the pool open connections without limit; under load it can "
                  "exhaust the database's max_connections.");
    if (code == QLatin1String("no_max_lifetime"))
        return tr("Connections live forever, so failovers, DNS changes and server-side timeouts "
                  "leave stale connections; set it below the server's own timeouts.");
    if (code == QLatin1String("leak_detection_off"))
        return tr("Connections held forever are not reported; set e.g. 60000.");
    if (code == QLatin1String("no_acquire_timeout"))
        return tr("An exhausted pool fails every acquire at once.");
    if (code == QLatin1String("no_validation"))
        return tr("No validation and no keepalive: after a database restart the pool hands out "
                  "dead connections until each fails once.");
    if (code == QLatin1String("keepalive_ge_max_lifetime"))
        return tr("keepalive_ms is not below max_lifetime_ms, so keepalive never runs.");
    if (code == QLatin1String("max_idle_time_gt_max_lifetime"))
        return tr("max_idle_time_ms is above max_lifetime_ms, so it never applies.");
    return QString::fromStdString(f.message);
}

QString LintText::levelLabel(LintFinding::Level level) {
    switch (level) {
        case LintFinding::Level::Error: return tr("error");
        case LintFinding::Level::Warning: return tr("warning");
        case LintFinding::Level::Info: break;
    }
    return tr("info");
}

}  // namespace poolscope
