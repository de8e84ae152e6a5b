// Every finding the core's lint can produce lands beside a field, with a text.

#include <QtTest>

#include "core/health/ServerLint.h"
#include "widgets/LintText.h"

namespace poolscope {

class LintTextTest : public QObject {
    Q_OBJECT
private slots:
    void everyCodeHasAFieldAndAText() {
        QFETCH(QString, options);
        QFETCH(QString, code);
        QFETCH(QString, field);
        PoolConfig c;
        c.leakThresholdMs = 60000;
        c.validation.mode = ValidationPolicy::Mode::Borrow;
        if (!options.isEmpty()) {
            // negative values cannot be parsed from text: set them directly
            if (options == "neg_lifetime") c.maxLifetimeMs = -1;
            else if (options == "neg_open") c.maxOpen = -1;
            else if (options == "no_name") c.name.clear();
            else QVERIFY(applyPoolOptions(c, options.toStdString()));
        }
        bool seen = false;
        for (const LintFinding& f : lintConfig(c)) {
            if (QString::fromStdString(f.code) != code) continue;
            seen = true;
            QCOMPARE(LintText::fieldOf(f), field);
            QVERIFY(!LintText::message(f).isEmpty());
            QVERIFY(!LintText::levelLabel(f.level).isEmpty());
        }
        QVERIFY2(seen, qPrintable(code));
        QVERIFY(LintText::knownCodes().contains(code));
    }
    void everyCodeHasAFieldAndAText_data() {
        QTest::addColumn<QString>("options");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("field");
        QTest::newRow("negative_duration") << "neg_lifetime" << "negative_duration" << "max_lifetime_ms";
        QTest::newRow("negative_count") << "neg_open" << "negative_count" << "max_open";
        QTest::newRow("empty_name") << "no_name" << "empty_name" << "name";
        QTest::newRow("max_idle_gt_max_open") << "max_open=2,max_idle=5" << "max_idle_gt_max_open" << "max_idle";
        QTest::newRow("min_idle_gt_max_idle") << "max_idle=2,min_idle=5" << "min_idle_gt_max_idle" << "min_idle";
        QTest::newRow("unbounded") << "max_open=0" << "unbounded" << "max_open";
        QTest::newRow("no_max_lifetime") << "max_lifetime_ms=0" << "no_max_lifetime" << "max_lifetime_ms";
        QTest::newRow("leak_detection_off") << "leak_threshold_ms=0" << "leak_detection_off" << "leak_threshold_ms";
        QTest::newRow("no_acquire_timeout") << "acquire_timeout_ms=0" << "no_acquire_timeout" << "acquire_timeout_ms";
        QTest::newRow("no_validation") << "validate=never" << "no_validation" << "validate";
        QTest::newRow("keepalive_ge_max_lifetime") << "keepalive_ms=5000,max_lifetime_ms=4000"
                                                   << "keepalive_ge_max_lifetime" << "keepalive_ms";
        QTest::newRow("max_idle_time_gt_max_lifetime") << "max_idle_time_ms=9000,max_lifetime_ms=4000"
                                                       << "max_idle_time_gt_max_lifetime" << "max_idle_time_ms";
    }

    void serverCodesHaveAFieldAndAreWordedFromTheirArguments() {
        ServerLimits limits;
        limits.product = "PostgreSQL";
        limits.maxConnections = 20;
        limits.reservedConnections = 3;
        limits.waitTimeoutMs = 60'000;
        limits.idleSessionTimeoutMs = 1500;
        PoolConfig p;
        p.name = "orders";
        p.maxOpen = 30;
        p.maxIdle = 30;
        p.maxLifetimeMs = 1'800'000;
        std::vector<LintFinding> findings = lintAgainstServer(p, {p, p}, limits);
        p.maxOpen = 0;
        limits.product.clear();
        limits.reservedConnections.reset();
        for (const auto& f : lintAgainstServer(p, {p}, limits)) findings.push_back(f);
        QStringList seen;
        for (const LintFinding& f : findings) {
            const QString code = QString::fromStdString(f.code);
            seen << code;
            QVERIFY2(!LintText::fieldOf(f).isEmpty(), qPrintable(code));
            QCOMPARE(LintText::argumentCount(code), static_cast<int>(f.args.size()));
            // No translator here: the source texts word it exactly as the core does.
            QCOMPARE(LintText::message(f), QString::fromStdString(f.message));
            LintFinding short_ = f;
            short_.args.pop_back();
            short_.message = "core text";
            QCOMPARE(LintText::message(short_), QStringLiteral("core text"));
        }
        seen.removeDuplicates();
        seen.sort();
        QStringList all = LintText::serverCodes();
        all.sort();
        QCOMPARE(seen, all);
    }

    void unknownCodesKeepTheCoreText() {
        LintFinding f{LintFinding::Level::Warning, "brand_new", "something new"};
        QCOMPARE(LintText::message(f), QStringLiteral("something new"));
        QCOMPARE(LintText::fieldOf(f), QString());
    }
};

}  // namespace poolscope

QTEST_GUILESS_MAIN(poolscope::LintTextTest)
#include "LintTextTest.moc"
