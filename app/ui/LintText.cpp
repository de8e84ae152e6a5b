#include "app/ui/LintText.h"

namespace poolscope {

QStringList LintText::knownCodes() {
    return {"negative_duration", "negative_count", "empty_name", "max_idle_gt_max_open",
            "min_idle_gt_max_idle", "unbounded", "no_max_lifetime", "leak_detection_off",
            "no_acquire_timeout", "no_validation", "keepalive_ge_max_lifetime",
            "max_idle_time_gt_max_lifetime"};
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
    return {};
}

QString LintText::message(const LintFinding& f) {
    const QString code = QString::fromStdString(f.code);
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
