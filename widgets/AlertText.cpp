#include "widgets/AlertText.h"

#include <array>

#include "widgets/LintText.h"

namespace poolscope {

namespace {

constexpr char kContext[] = "poolscope::AlertText";
constexpr char kConfigPrefix[] = "config_lint.";
constexpr const char* kConfigText = QT_TRANSLATE_NOOP("poolscope::AlertText", "config: %1");

QString tx(const char* source) { return QCoreApplication::translate(kContext, source); }

/// Replaces %1..%9 in `text` by `values` in one pass, so a '%' inside a value
/// (a holder, a driver's error) stays as it is.
QString fill(const QString& text, const QStringList& values) {
    QString out;
    out.reserve(text.size() + 64);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c == QLatin1Char('%') && i + 1 < text.size() && text[i + 1] >= QLatin1Char('1') &&
            text[i + 1] <= QLatin1Char('9')) {
            const qsizetype n = text[i + 1].unicode() - '1';
            if (n < values.size()) {
                out += values[n];
                ++i;
                continue;
            }
        }
        out += c;
    }
    return out;
}

/// An optional clause: empty when its value is (the core left it out).
QString clause(const char* source, const QString& value) {
    return value.isEmpty() ? QString() : fill(tx(source), {value});
}

QString plain(const QString& text, const QStringList& a) { return fill(text, a); }

QString waitP99(const QString& headline, const QStringList& a) {
    return fill(tx(QT_TRANSLATE_NOOP(
                    "poolscope::AlertText",
                    "%1 is %2 ms: requests queue for a connection (in_use=%3 of max_open=%4, "
                    "waiting=%5); shorten how long requests hold connections, or raise max_open")),
                {headline, a[0], a[1], a[2], a[3]});
}

QString afterTimeout(const QString& timeoutMs) {
    return clause(QT_TRANSLATE_NOOP("poolscope::AlertText", " after acquire_timeout_ms=%1"),
                  timeoutMs);
}

QString exhausted(const QString& text, const QStringList& a) {
    return fill(text, {a[0], a[1], afterTimeout(a[2])});
}

QString timeouts(const QString& text, const QStringList& a) {
    return fill(text, {a[0], a[1], afterTimeout(a[2]), a[3], a[4], a[5]});
}

QString connectErrors(const QString& text, const QStringList& a) {
    return fill(
        text,
        {a[0], a[1], clause(QT_TRANSLATE_NOOP("poolscope::AlertText", "; last error: %1"), a[2])});
}

QString serverVsPool(const QString& text, const QStringList& a) {
    return fill(
        text,
        {a[0], a[1], a[2], a[3],
         clause(QT_TRANSLATE_NOOP("poolscope::AlertText", " plus %1 unbounded pool(s)"), a[4])});
}

/// What a stale source does meanwhile, in the user's language.
QString doing(const QString& word) {
    if (word == QLatin1String("retrying")) return tx(QT_TRANSLATE_NOOP("poolscope::AlertText", "retrying"));
    if (word == QLatin1String("reconnecting"))
        return tx(QT_TRANSLATE_NOOP("poolscope::AlertText", "reconnecting"));
    return word;
}

QString staleNoData(const QString& text, const QStringList& a) { return fill(text, {a[0], a[1], doing(a[2])}); }

QString staleError(const QString& text, const QStringList& a) { return fill(text, {a[0], doing(a[1])}); }

/// One code's wording: `source` is the text translators see for it (what
/// isTranslated() checks); `word` fills its translation with the arguments.
struct Wording {
    const char* code;
    int args;
    const char* source;
    QString (*word)(const QString& text, const QStringList& args);
};

// Arguments in the order the core gives them (core/health/RuleMeasurement.cpp,
// core/health/HealthGuard.cpp, core/session/StaleHealth.h).
constexpr std::array kWordings{
    Wording{"stale.no_data", 3,
            QT_TRANSLATE_NOOP("poolscope::AlertText", "no data from %1 for %2 s; %3 (backoff 1 s doubling to 30 s)"),
            staleNoData},
    Wording{"stale.error", 2, QT_TRANSLATE_NOOP("poolscope::AlertText", "%1; %2 (backoff 1 s doubling to 30 s)"),
            staleError},
    Wording{"wait_p99.exact", 4, QT_TRANSLATE_NOOP("poolscope::AlertText", "acquire wait P99"),
            waitP99},
    Wording{
        "wait_p99.histogram", 4,
        QT_TRANSLATE_NOOP("poolscope::AlertText", "acquire wait P99 (from the source's histogram)"),
        waitP99},
    Wording{"wait_p99.summary", 4,
            QT_TRANSLATE_NOOP("poolscope::AlertText", "acquire wait P99 (the source's summary)"),
            waitP99},
    Wording{
        "wait_p99.mean", 4,
        QT_TRANSLATE_NOOP("poolscope::AlertText", "mean wait (the source reports no percentiles)"),
        waitP99},
    Wording{"utilisation", 3,
            QT_TRANSLATE_NOOP(
                "poolscope::AlertText",
                "pool %1% busy — in_use=%2 of max_open=%3: requests queue once it is full; raise "
                "max_open if the database has room, or shorten holds"),
            plain},
    Wording{"exhausted", 3,
            QT_TRANSLATE_NOOP("poolscope::AlertText",
                              "pool exhausted — %1 request(s) waiting, all %2 connections busy; "
                              "they time out%3: look "
                              "for slow queries or leaked connections, or raise max_open"),
            exhausted},
    Wording{
        "timeouts", 6,
        QT_TRANSLATE_NOOP(
            "poolscope::AlertText",
            "%1 acquire timeout(s) in the last %2 — requests gave up%3 with every connection busy "
            "(in_use=%4 of max_open=%5, waiting=%6): look for slow queries or leaked connections, "
            "or "
            "raise max_open"),
        timeouts},
    Wording{"idle_below_min", 2,
            QT_TRANSLATE_NOOP("poolscope::AlertText",
                              "idle=%1 below min_idle=%2 while the pool has room to open more: the "
                              "housekeeper cannot "
                              "refill; check connect errors and the server's connection limit"),
            plain},
    Wording{"leak.held", 5,
            QT_TRANSLATE_NOOP(
                "poolscope::AlertText",
                "connection leak — \"%1\" has held connection %2 for %3 (leak_threshold_ms=%4); %5 "
                "connection(s) held past the threshold: find where this holder acquires without "
                "releasing (the acquiring stack is in leak_reports)"),
            plain},
    Wording{
        "leak.reported", 6,
        QT_TRANSLATE_NOOP(
            "poolscope::AlertText",
            "connection leak — %1 leak report(s) in the last %2; the latest: \"%3\" held "
            "connection "
            "%4 for %5 (leak_threshold_ms=%6): find where this holder acquires without releasing "
            "(stack in leak_reports)"),
        plain},
    Wording{"leak.count", 3,
            QT_TRANSLATE_NOOP(
                "poolscope::AlertText",
                "connection leak — %1 leak report(s) in the last %2 (leak_threshold_ms=%3)"),
            plain},
    Wording{
        "stale_connections.unchecked", 2,
        QT_TRANSLATE_NOOP(
            "poolscope::AlertText",
            "stale connections — database restarted or idle timeout shorter than max_idle_time? %1 "
            "connection(s) failed validation or broke in use in the last %2: with validate=never "
            "and "
            "no keepalive, callers get them; set validate=borrow or keepalive_ms, or lower "
            "max_idle_time_ms"),
        plain},
    Wording{
        "stale_connections.validated", 2,
        QT_TRANSLATE_NOOP(
            "poolscope::AlertText",
            "stale connections — database restarted or idle timeout shorter than max_idle_time? %1 "
            "connection(s) failed validation or broke in use in the last %2: validation catches "
            "them; if it keeps happening, lower max_idle_time_ms below the server's idle timeout"),
        plain},
    Wording{
        "connect_errors.unreachable", 3,
        QT_TRANSLATE_NOOP(
            "poolscope::AlertText",
            "database unreachable — %1 connect error(s) in the last %2: nothing answered at the "
            "server's address; check that the server is up, the host and port in the URL, and any "
            "firewall in between%3"),
        connectErrors},
    Wording{
        "connect_errors.server_full", 3,
        QT_TRANSLATE_NOOP(
            "poolscope::AlertText",
            "database full — %1 connect error(s) in the last %2: the server answered but has no "
            "connection slot left (max_connections reached); lower max_open of the pools sharing "
            "this server, close idle connections, or raise the server's max_connections%3"),
        connectErrors},
    Wording{
        "connect_errors.authentication", 3,
        QT_TRANSLATE_NOOP(
            "poolscope::AlertText",
            "authentication refused — %1 connect error(s) in the last %2: the server answered and "
            "refused the credentials; check the user name and password in the URL and the server's "
            "access rules (pg_hba.conf, MySQL user hosts)%3"),
        connectErrors},
    Wording{
        "connect_errors.configuration", 3,
        QT_TRANSLATE_NOOP(
            "poolscope::AlertText",
            "connection refused by configuration — %1 connect error(s) in the last %2: the server "
            "answered and refused the request; check the database name (and that the user may use "
            "it), the TLS settings (sslmode / ssl-mode, certificates) and the other URL "
            "parameters%3"),
        connectErrors},
    Wording{
        "connect_errors.unknown", 3,
        QT_TRANSLATE_NOOP(
            "poolscope::AlertText",
            "cannot connect to the database — %1 connect error(s) in the last %2: check that the "
            "server is up and accepts connections (address, credentials, max_connections)%3"),
        connectErrors},
    Wording{"illegal_transitions", 2,
            QT_TRANSLATE_NOOP(
                "poolscope::AlertText",
                "%1 illegal state transition(s) in the last %2 — refused and counted: a bug in the "
                "pool, "
                "or a double release in the calling code; the refused edges are in the transition "
                "events"),
            plain},
    Wording{
        "events_dropped", 2,
        QT_TRANSLATE_NOOP(
            "poolscope::AlertText",
            "%1 transition event(s) dropped in the last %2 — the event consumer falls behind; the "
            "counters stay exact"),
        plain},
    Wording{"unbounded", 3,
            QT_TRANSLATE_NOOP(
                "poolscope::AlertText",
                "unbounded pool — up to %1 connection(s) open in the last %2 (%3 now) with "
                "max_open=0: it "
                "opens one per concurrent request until the database refuses more; set max_open"),
            plain},
    Wording{
        "server_vs_pool", 5,
        QT_TRANSLATE_NOOP(
            "poolscope::AlertText",
            "the server holds %1 client session(s), %2% of the %3 its %4 pool(s) allow (max_open "
            "sum)%5: pools opened per request, more processes than planned, or a client no pool "
            "accounts for; see the server's sessions by application and client address"),
        serverVsPool},
    Wording{
        "leak_guard.shrunk", 5,
        QT_TRANSLATE_NOOP(
            "poolscope::AlertText",
            "leak guard: %1 leak reports within %2 — pool \"%3\" shrunk from max_open=%4 to %5 to "
            "protect the database; fix the leak (see the leak alert), then raise max_open again"),
        plain},
    Wording{"leak_guard.shrink_failed", 4,
            QT_TRANSLATE_NOOP(
                "poolscope::AlertText",
                "leak guard: %1 leak reports within %2 — pool \"%3\" could not be shrunk: %4"),
            plain},
    Wording{"leak_guard.suspended", 3,
            QT_TRANSLATE_NOOP("poolscope::AlertText",
                              "leak guard: %1 leak reports within %2 — pool \"%3\" suspended: "
                              "acquires wait until it is "
                              "resumed; fix the leak (see the leak alert), then resume the pool"),
            plain},
    Wording{"leak_guard.suspend_failed", 4,
            QT_TRANSLATE_NOOP(
                "poolscope::AlertText",
                "leak guard: %1 leak reports within %2 — pool \"%3\" could not be suspended: %4"),
            plain},
};

const Wording* wordingOf(const QString& code) {
    for (const Wording& w : kWordings)
        if (code == QLatin1String(w.code)) return &w;
    return nullptr;
}

/// The lint code of a config_lint message code; empty for other codes.
QString lintCode(const QString& code) {
    return code.startsWith(QLatin1String(kConfigPrefix))
               ? code.mid(qsizetype(sizeof kConfigPrefix) - 1)
               : QString();
}

bool translated(const char* source) { return tx(source) != QString::fromUtf8(source); }

}  // namespace

QStringList AlertText::knownCodes() {
    QStringList out;
    for (const Wording& w : kWordings) out << QLatin1String(w.code);
    return out;
}

int AlertText::argumentCount(const QString& code) {
    if (const QString lint = lintCode(code); !lint.isEmpty()) return LintText::argumentCount(lint);
    const Wording* w = wordingOf(code);
    return w ? w->args : -1;
}

bool AlertText::isTranslated(const QString& code) {
    if (!lintCode(code).isEmpty()) return argumentCount(code) >= 0 && translated(kConfigText);
    const Wording* w = wordingOf(code);
    return w && translated(w->source);
}

QString AlertText::message(const std::string& code, const std::vector<std::string>& args,
                           const std::string& english) {
    const QString c = QString::fromStdString(code);
    if (argumentCount(c) != static_cast<int>(args.size()) || !isTranslated(c))
        return QString::fromStdString(english);
    if (const QString lint = lintCode(c); !lint.isEmpty()) {
        // The core's text is "config: " + the finding's; LintText reads the
        // finding's own (negative_duration names its field there).
        static const std::string prefix = "config: ";
        LintFinding f;
        f.code = lint.toStdString();
        f.message = english.rfind(prefix, 0) == 0 ? english.substr(prefix.size()) : english;
        f.args = args;
        return fill(tx(kConfigText), {LintText::message(f)});
    }
    QStringList a;
    for (const auto& arg : args) a << QString::fromStdString(arg);
    const Wording* w = wordingOf(c);
    return w->word(tx(w->source), a);
}

QString AlertText::message(const Alert& alert) {
    return message(alert.messageCode, alert.messageArgs, alert.message);
}

QString AlertText::message(const FiredAlert& alert) {
    return message(alert.messageCode, alert.messageArgs, alert.message);
}

QString AlertText::message(const SourceHealth& health) {
    return message(health.messageCode, health.messageArgs, health.message);
}

}  // namespace poolscope
