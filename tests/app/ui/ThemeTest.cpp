// Light, dark, and back to the system's palette.

#include <QApplication>
#include <QtTest>

#include "app/ui/Theme.h"

namespace poolscope {

class ThemeTest : public QObject {
    Q_OBJECT
private slots:
    void appliesModes() {
        Theme theme;
        const QPalette system = QApplication::palette();
        theme.apply(Theme::Mode::Dark);
        QVERIFY(Theme::isDark(QApplication::palette()));
        QVERIFY(theme.mode() == Theme::Mode::Dark);
        theme.apply(Theme::Mode::Light);
        QVERIFY(!Theme::isDark(QApplication::palette()));
        theme.apply(Theme::Mode::System);
        QCOMPARE(QApplication::palette().color(QPalette::Window), system.color(QPalette::Window));
        for (auto m : {Theme::Mode::System, Theme::Mode::Light, Theme::Mode::Dark})
            QVERIFY(Theme::fromString(Theme::toString(m)) == m);
        QVERIFY(Theme::fromString("purple") == Theme::Mode::System);
        // Text stays readable on both palettes.
        for (const QPalette& p : {Theme::lightPalette(), Theme::darkPalette()})
            QVERIFY(qAbs(p.color(QPalette::Base).lightness() - p.color(QPalette::Text).lightness()) > 120);
    }
};

}  // namespace poolscope

QTEST_MAIN(poolscope::ThemeTest)
#include "ThemeTest.moc"
