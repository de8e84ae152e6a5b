// Every finding the core's lint can produce lands beside a field, with a text.

#include <QtTest>

#include "app/ui/LintText.h"

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

    void unknownCodesKeepTheCoreText() {
        LintFinding f{LintFinding::Level::Warning, "brand_new", "something new"};
        QCOMPARE(LintText::message(f), QStringLiteral("something new"));
        QCOMPARE(LintText::fieldOf(f), QString());
    }
};

}  // namespace poolscope

QTEST_GUILESS_MAIN(poolscope::LintTextTest)
#include "LintTextTest.moc"
