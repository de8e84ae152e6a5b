// Alert messages in the user's language: every code the core emits has a
// Chinese wording taking its arguments, and a real alert from the health
// engine shows in Chinese in the alert list while its English stays as it is.

#include <QtTest>

#include <QTranslator>
#include <functional>
#include <memory>
#include <set>

#include "core/health/HealthEngine.h"
#include "core/health/RuleMeasurement.h"
#include "core/health/ServerLint.h"
#include "core/session/StaleHealth.h"
#include "widgets/AlertListModel.h"
#include "widgets/AlertText.h"
#include "widgets/LintText.h"

namespace poolscope {

namespace {

constexpr int64_t kNowMs = 1'700'000'100'000;

std::vector<std::string> placeholderArgs(int n) {
    std::vector<std::string> out;
    for (int i = 1; i <= n; ++i) out.push_back("<arg" + std::to_string(i) + ">");
    return out;
}

/// Every code the config_lint rule can carry: the pool lint's and the server lint's.
QStringList configLintCodes() {
    QStringList out;
    for (const QString& c : LintText::knownCodes() + LintText::serverCodes()) out << "config_lint." + c;
    return out;
}

/// One measurement per rule and variant the core words differently.
std::vector<Measurement> coreMeasurements() {
    std::vector<Measurement> out;
    const Thresholds defaults = Thresholds::defaults();
    const auto measure = [&](RuleId rule, const std::function<void(PoolSnapshot&)>& change) {
        PoolSnapshot s;
        s.tMs = kNowMs;
        s.config.maxOpen = 10;
        s.config.maxIdle = 10;
        s.config.minIdle = 5;
        s.config.leakThresholdMs = 1000;
        s.counts = {.open = 10, .idle = 0, .inUse = 10, .waiting = 3};
        change(s);
        CounterWindow window(60'000'000'000);
        window.add(1'000'000'000, PoolTotals{});
        window.add(2'000'000'000, s.totals, s.counts);
        out.push_back(measureRule(rule, s, window, defaults.rule(rule)));
    };
    for (auto d : {WaitDerivation::Exact, WaitDerivation::Histogram, WaitDerivation::Summary, WaitDerivation::Mean})
        measure(RuleId::WaitP99, [d](PoolSnapshot& s) { s.wait.derivation = d; });
    measure(RuleId::Utilisation, [](PoolSnapshot&) {});
    measure(RuleId::Exhausted, [](PoolSnapshot&) {});
    measure(RuleId::Timeouts, [](PoolSnapshot& s) { s.totals.timeouts = 2; });
    measure(RuleId::IdleBelowMin, [](PoolSnapshot& s) { s.counts = {.open = 3, .idle = 1, .inUse = 2}; });
    measure(RuleId::Leak, [](PoolSnapshot& s) {
        ConnectionInfo c;
        c.id = 7;
        c.holder = "worker-7";
        c.sinceMs = kNowMs - 5000;
        c.leaked = true;
        s.connections = {c};
    });
    measure(RuleId::Leak, [](PoolSnapshot& s) {
        s.totals.leaks = 1;
        s.leakReports = {{5, "OrderService.create", 1500, kNowMs, {}}};
    });
    measure(RuleId::Leak, [](PoolSnapshot& s) { s.totals.leaks = 2; });
    measure(RuleId::StaleConnections, [](PoolSnapshot& s) {
        s.totals.closedBroken = 1;
        s.config.validation.mode = ValidationPolicy::Mode::Borrow;
    });
    measure(RuleId::StaleConnections, [](PoolSnapshot& s) {
        s.totals.closedBroken = 1;
        s.config.validation.mode = ValidationPolicy::Mode::Never;
    });
    for (auto c : {ConnectErrorClass::Unknown, ConnectErrorClass::Unreachable, ConnectErrorClass::ServerFull,
                   ConnectErrorClass::Authentication, ConnectErrorClass::Configuration})
        measure(RuleId::ConnectErrors, [c](PoolSnapshot& s) {
            s.totals.connectErrors = 3;
            s.lastConnectErrorClass = c;
            s.lastConnectError = "connect to 127.0.0.1:5432 failed: 100% refused";
        });
    measure(RuleId::IllegalTransitions, [](PoolSnapshot& s) { s.totals.illegalTransitions = 1; });
    measure(RuleId::EventsDropped, [](PoolSnapshot& s) { s.totals.eventsDropped = 9; });
    measure(RuleId::Unbounded, [](PoolSnapshot& s) { s.config.maxOpen = 0; });

    PoolSnapshot server;
    server.counts.open = 40;
    out.push_back(measureServerVsPool(server, ServerPools{30, 2, 1}));

    // The server lint, every code: a short wait_timeout and idle_session_timeout,
    // max_open above the limit; then an unbounded pool.
    ServerLimits limits;
    limits.product = "MySQL";
    limits.maxConnections = 20;
    limits.reservedConnections = 3;
    limits.waitTimeoutMs = 60'000;
    limits.idleSessionTimeoutMs = 90'000;
    PoolConfig pool;
    pool.name = "orders";
    pool.maxOpen = 30;
    pool.maxIdle = 30;
    PoolSnapshot linted;
    for (const auto& m : measureLint(linted, lintAgainstServer(pool, {pool}, limits))) out.push_back(m);
    pool.maxOpen = 0;
    for (const auto& m : measureLint(linted, lintAgainstServer(pool, {pool}, limits))) out.push_back(m);
    return out;
}

}  // namespace

class AlertTextTest : public QObject {
    Q_OBJECT
    QTranslator chinese_;

    static Alert exhaustedAlert(const PoolHealth& h) {
        for (const Alert& a : h.alerts)
            if (a.rule == "exhausted") return a;
        return {};
    }
    static QString messageOf(const AlertListModel& model, const std::string& rule, int role = Qt::DisplayRole) {
        for (int row = 0; row < model.rowCount(); ++row) {
            const QString r = model.index(row, AlertListModel::RuleColumn).data().toString();
            if (r == QString::fromStdString(rule))
                return model.index(row, AlertListModel::MessageColumn).data(role).toString();
        }
        return {};
    }

private slots:
    void initTestCase() {
        QVERIFY(chinese_.load(POOLSCOPE_QM_FILE));
        QVERIFY(QCoreApplication::installTranslator(&chinese_));
    }
    void init() { QCoreApplication::installTranslator(&chinese_); }

    void everyCodeHasAChineseWordingOfItsArguments() {
        for (const QString& code : AlertText::knownCodes() + configLintCodes()) {
            const int n = AlertText::argumentCount(code);
            QVERIFY2(n >= 0, qPrintable(code));
            QVERIFY2(AlertText::isTranslated(code), qPrintable(code));
            const std::vector<std::string> args = placeholderArgs(n);
            const QString text = AlertText::message(code.toStdString(), args, "config: English");
            QVERIFY2(text != QLatin1String("config: English") && !text.contains(QLatin1String("English")),
                     qPrintable(code + ": " + text));
            for (const auto& a : args)
                QVERIFY2(text.contains(QString::fromStdString(a)), qPrintable(code + ": " + text));
            // One argument too many (or too few): the core's English.
            QCOMPARE(AlertText::message(code.toStdString(), placeholderArgs(n + 1), "English"),
                     QStringLiteral("English"));
        }
    }

    void theCoreEmitsOnlyWordedCodes() {
        std::set<QString> emitted;
        for (const Measurement& m : coreMeasurements()) {
            const QString code = QString::fromStdString(m.code);
            QVERIFY2(m.value.has_value(), qPrintable(code));
            QCOMPARE(AlertText::argumentCount(code), static_cast<int>(m.args.size()));
            const QString text = AlertText::message(m.code, m.args, m.message);
            QVERIFY2(text != QString::fromStdString(m.message), qPrintable(code));
            emitted.insert(code);
        }
        // Every rule variant is reached (the leak guard's are HealthGuardTest's,
        // a stale source's aStaleSourceSaysWhyInChinese's).
        for (const QString& code : AlertText::knownCodes())
            if (!code.startsWith(QLatin1String("leak_guard.")) && !code.startsWith(QLatin1String("stale.")))
                QVERIFY2(emitted.count(code), qPrintable(code + " not emitted"));
        for (const QString& code : LintText::serverCodes())
            QVERIFY2(emitted.count("config_lint." + code), qPrintable(code + " not emitted"));
    }

    void anExhaustedPoolShowsInChineseAndItsEnglishStays() {
        auto clock = std::make_shared<ManualClock>();
        HealthEngine engine(Thresholds::defaults(), clock);
        PoolSnapshot s;
        s.pool = s.config.name = "orders";
        s.config.leakThresholdMs = 60'000;
        s.config.maxLifetimeMs = 0;  // a config_lint alert too
        s.lint = lintConfig(s.config);
        s.counts = {.open = 10, .idle = 0, .inUse = 10, .waiting = 7};
        PoolHealth h;
        for (int i = 0; i < 3; ++i, clock->advanceMs(1000)) h = engine.evaluate(s);
        const Alert exhausted = exhaustedAlert(h);
        QVERIFY(exhausted.state == AlertState::Firing);
        const QString english = QString::fromStdString(exhausted.message);
        QCOMPARE(english, QStringLiteral("pool exhausted — 7 requests waiting, all 10 connections busy; they time "
                                         "out after acquire_timeout_ms=30000: look for slow queries or leaked "
                                         "connections, or raise max_open"));

        AlertListModel model;
        model.setAlerts(h.alerts, {}, {}, {});
        const QString chinese = QStringLiteral(
            "连接池耗尽 — 7 个请求在等待，全部 10 个连接均忙；这些请求将超时（等待 acquire_timeout_ms=30000 "
            "后）：请排查慢查询或泄漏的连接，或调大 max_open");
        QCOMPARE(messageOf(model, "exhausted"), chinese);
        QCOMPARE(messageOf(model, "exhausted", Qt::ToolTipRole), chinese);
        const QString lintRow = QStringLiteral("config_lint (no_max_lifetime)");
        QVERIFY2(messageOf(model, lintRow.toStdString()).startsWith(QStringLiteral("配置：连接永不过期")),
                 qPrintable(messageOf(model, lintRow.toStdString())));
        QCOMPARE(AlertText::message(engine.fired().front()), AlertText::message(engine.fired().front().messageCode,
                                                                               engine.fired().front().messageArgs,
                                                                               engine.fired().front().message));
        QCOMPARE(QString::fromStdString(exhaustedAlert(engine.health("orders")).message), english);

        // The English UI shows the core's own words.
        QCoreApplication::removeTranslator(&chinese_);
        model.setAlerts(h.alerts, {}, {}, {});
        QCOMPARE(messageOf(model, "exhausted"), english);
        QVERIFY(messageOf(model, lintRow.toStdString()).startsWith(QStringLiteral("config: ")));
    }

    void aStaleSourceSaysWhyInChinese() {
        SourceHealth reported, base;
        // Quiet for 5 s, no error: "no data from ...".
        auto quiet = staleHealthChange(base, 5'000, 1'000, false, "", "http://api:9400", "retrying", reported);
        QVERIFY(quiet.has_value());
        QCOMPARE(quiet->messageCode, std::string("stale.no_data"));
        QCOMPARE(AlertText::argumentCount(QString::fromStdString(quiet->messageCode)),
                 static_cast<int>(quiet->messageArgs.size()));
        QCOMPARE(AlertText::message(*quiet), QStringLiteral("5 秒未收到 http://api:9400 的数据；正在重试（退避 1 秒，逐次加倍至 30 秒）"));
        // With the source's own error, which stays as the source worded it.
        auto failing = staleHealthChange(base, 5'000, 1'000, false, "GET /metrics: connection refused",
                                         "http://api:9400", "reconnecting", reported);
        QVERIFY(failing.has_value());
        QCOMPARE(failing->messageCode, std::string("stale.error"));
        QCOMPARE(AlertText::message(*failing),
                 QStringLiteral("GET /metrics: connection refused；正在重新连接（退避 1 秒，逐次加倍至 30 秒）"));
        // The English UI shows the core's own words.
        QCoreApplication::removeTranslator(&chinese_);
        QCOMPARE(AlertText::message(*quiet), QString::fromStdString(quiet->message));
        QCOMPARE(QString::fromStdString(quiet->message),
                 QStringLiteral("no data from http://api:9400 for 5 s; retrying (backoff 1 s doubling to 30 s)"));
        QCOMPARE(AlertText::message(*failing), QString::fromStdString(failing->message));
        // Live again: no message, no code.
        auto live = staleHealthChange(base, 0, 1'000, false, "", "http://api:9400", "retrying", reported);
        QVERIFY(live.has_value());
        QVERIFY(live->messageCode.empty() && live->message.empty());
    }

    void unknownCodesAndValuesWithPercentSignsAreSafe() {
        QCOMPARE(AlertText::message("brand_new", {}, "something new"), QStringLiteral("something new"));
        QCOMPARE(AlertText::message("", {}, "no code"), QStringLiteral("no code"));
        QCOMPARE(AlertText::message("config_lint.brand_new", {}, "config: new"), QStringLiteral("config: new"));
        // A holder named like a placeholder is shown as it is, not substituted.
        const QString text = AlertText::message("leak.held", {"%2-holder", "7", "5 s", "1000", "1"}, "English");
        QVERIFY2(text.contains(QStringLiteral("“%2-holder”")), qPrintable(text));
    }
};

}  // namespace poolscope

QTEST_GUILESS_MAIN(poolscope::AlertTextTest)
#include "AlertTextTest.moc"
