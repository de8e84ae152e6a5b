// ReplayBar and its scrubber: the user's clicks and drags become requests
// (play, pause, speed, seek, next alert, loop), alert markers sit where their
// times are, and the position label reads the time and the offset.

#include <QAccessible>
#include <QComboBox>
#include <QLabel>
#include <QSignalSpy>
#include <QToolButton>
#include <QtTest>

#include "widgets/ReplayBar.h"
#include "widgets/ReplayScrubber.h"

namespace poolscope {

namespace {
constexpr qint64 kStart = 1'714'557'600'000;
constexpr qint64 kEnd = kStart + 20'000;
}  // namespace

class ReplayBarTest : public QObject {
    Q_OBJECT

    static void showBar(ReplayBar& bar) {
        bar.resize(1200, 40);
        bar.show();
        QVERIFY(QTest::qWaitForWindowExposed(&bar));
        bar.setRecording(kStart, kEnd, {kStart + 5'000, kStart + 15'000}, {"danger", "resolved"});
    }

private slots:
    void playButtonAsksToPlayThenToPause() {
        ReplayBar bar;
        showBar(bar);
        QSignalSpy play(&bar, &ReplayBar::playRequested);
        QSignalSpy pause(&bar, &ReplayBar::pauseRequested);
        QCOMPARE(bar.playButton()->text(), QStringLiteral("Play"));
        QTest::mouseClick(bar.playButton(), Qt::LeftButton);
        QCOMPARE(play.count(), 1);
        QCOMPARE(pause.count(), 0);
        bar.setPosition(kStart + 1000, true);  // the source reports it plays
        QCOMPARE(bar.playButton()->text(), QStringLiteral("Pause"));
        QTest::mouseClick(bar.playButton(), Qt::LeftButton);
        QCOMPARE(pause.count(), 1);
        QCOMPARE(play.count(), 1);
    }

    void speedChoicesIncludeMax() {
        ReplayBar bar;
        showBar(bar);
        QSignalSpy speed(&bar, &ReplayBar::speedRequested);
        QComboBox* box = bar.speedBox();
        QCOMPARE(box->count(), 8);
        QCOMPARE(box->currentData().toDouble(), 1.0);
        QStringList texts;
        for (int i = 0; i < box->count(); ++i) texts << box->itemText(i);
        QCOMPARE(texts, (QStringList{"0.25×", "0.5×", "1×", "2×", "5×", "10×", "100×", "max"}));
        box->setFocus();
        QTest::keyClick(box, Qt::Key_End);  // the last choice: max
        QCOMPARE(speed.count(), 1);
        QCOMPARE(speed.at(0).at(0).toDouble(), 0.0);
        QTest::keyClick(box, Qt::Key_Up);
        QCOMPARE(speed.last().at(0).toDouble(), 100.0);
    }

    void clickAndDragOnTheScrubberSeek() {
        ReplayBar bar;
        showBar(bar);
        ReplayScrubber* s = bar.scrubber();
        QSignalSpy seek(&bar, &ReplayBar::seekRequested);
        const int mid = s->height() / 2;
        const int x = s->xAt(kStart + 10'000);
        QTest::mouseClick(s, Qt::LeftButton, {}, QPoint(x, mid));
        QCOMPARE(seek.count(), 1);
        QVERIFY(std::llabs(seek.at(0).at(0).toLongLong() - (kStart + 10'000)) <= 100);
        // A drag seeks all the way; the left end is the start.
        seek.clear();
        QTest::mousePress(s, Qt::LeftButton, {}, QPoint(x, mid));
        QMouseEvent move(QEvent::MouseMove, QPointF(0, mid), s->mapToGlobal(QPointF(0, mid)), Qt::NoButton,
                         Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(s, &move);
        QTest::mouseRelease(s, Qt::LeftButton, {}, QPoint(0, mid));
        QVERIFY(seek.count() >= 2);
        QCOMPARE(seek.last().at(0).toLongLong(), kStart);
    }

    void markersSitAtTheirTimesInTheirGradesColour() {
        ReplayBar bar;
        showBar(bar);
        ReplayScrubber* s = bar.scrubber();
        QCOMPARE(s->markerCount(), 2);
        const int a = s->markerX(0);
        const int b = s->markerX(1);
        const int left = s->xAt(kStart);
        const int right = s->xAt(kEnd);
        QVERIFY(left < a && a < b && b < right);
        QVERIFY(std::abs((a - left) - (right - left) / 4) <= 1);
        QVERIFY(std::abs((b - left) - 3 * (right - left) / 4) <= 1);
        // Painted: the marker columns carry the grade colours.
        const QImage img = s->grab().toImage();
        const QColor danger = ReplayBar::gradeColor("danger");
        bool found = false;
        for (int y = 0; y < img.height() && !found; ++y)
            found = QColor(img.pixel(a, y)) == danger;
        QVERIFY(found);
        QVERIFY(ReplayBar::gradeColor("danger") != ReplayBar::gradeColor("warning"));
        QCOMPARE(ReplayBar::gradeColor("resolved"), ReplayBar::gradeColor("something new"));
    }

    void nextAlertButtonAsks() {
        ReplayBar bar;
        showBar(bar);
        QSignalSpy next(&bar, &ReplayBar::nextAlertRequested);
        QVERIFY(bar.nextAlertButton()->isEnabled());
        QTest::mouseClick(bar.nextAlertButton(), Qt::LeftButton);
        QCOMPARE(next.count(), 1);
        bar.setRecording(kStart, kEnd, {}, {});
        QVERIFY(!bar.nextAlertButton()->isEnabled());
    }

    void marksFromThePositionMakeALoop() {
        ReplayBar bar;
        showBar(bar);
        QSignalSpy loop(&bar, &ReplayBar::loopRequested);
        QSignalSpy cleared(&bar, &ReplayBar::loopCleared);
        QVERIFY(!bar.loopButton()->isEnabled());  // no marks yet
        bar.setPosition(kStart + 12'000, false);
        QTest::mouseClick(bar.markFromButton(), Qt::LeftButton);
        bar.setPosition(kStart + 4'000, false);
        QTest::mouseClick(bar.markToButton(), Qt::LeftButton);
        QVERIFY(bar.loopButton()->isEnabled());
        QCOMPARE(loop.count(), 0);  // marks alone do not loop
        QTest::mouseClick(bar.loopButton(), Qt::LeftButton);
        QCOMPARE(loop.count(), 1);
        QCOMPARE(loop.at(0).at(0).toLongLong(), kStart + 4'000);
        QCOMPARE(loop.at(0).at(1).toLongLong(), kStart + 12'000);
        QCOMPARE(bar.scrubber()->loopRange()->first, kStart + 4'000);
        QTest::mouseClick(bar.loopButton(), Qt::LeftButton);
        QCOMPARE(cleared.count(), 1);
        QVERIFY(!bar.scrubber()->loopRange());
    }

    void shiftDragSelectsALoopRange() {
        ReplayBar bar;
        showBar(bar);
        ReplayScrubber* s = bar.scrubber();
        QSignalSpy loop(&bar, &ReplayBar::loopRequested);
        QSignalSpy seek(&bar, &ReplayBar::seekRequested);
        const int mid = s->height() / 2;
        const int x1 = s->xAt(kStart + 2'000);
        const int x2 = s->xAt(kStart + 8'000);
        QTest::mousePress(s, Qt::LeftButton, Qt::ShiftModifier, QPoint(x1, mid));
        QMouseEvent move(QEvent::MouseMove, QPointF(x2, mid), s->mapToGlobal(QPointF(x2, mid)), Qt::NoButton,
                         Qt::LeftButton, Qt::ShiftModifier);
        QApplication::sendEvent(s, &move);
        QTest::mouseRelease(s, Qt::LeftButton, Qt::ShiftModifier, QPoint(x2, mid));
        QCOMPARE(seek.count(), 0);  // selecting is not seeking
        QCOMPARE(loop.count(), 1);
        QVERIFY(std::llabs(loop.at(0).at(0).toLongLong() - (kStart + 2'000)) <= 100);
        QVERIFY(std::llabs(loop.at(0).at(1).toLongLong() - (kStart + 8'000)) <= 100);
        QVERIFY(bar.loopButton()->isChecked());
        QVERIFY(s->loopRange().has_value());
    }

    void positionLabelShowsTimeAndOffset() {
        ReplayBar bar;
        showBar(bar);
        const qint64 t = kStart + 65'300;
        bar.setRecording(kStart, kStart + 2 * 3600'000, {}, {});
        bar.setPosition(t, false);
        const QString clock = QDateTime::fromMSecsSinceEpoch(t).toString("HH:mm:ss.zzz");
        QCOMPARE(bar.positionLabel()->text(), clock + QStringLiteral("  +1:05.3 / 2:00:00.0"));
        QCOMPARE(bar.scrubber()->position(), t);
    }

    void arrowsPagesHomeAndEndStepTheScrubber() {
        ReplayBar bar;
        showBar(bar);  // a 20 s recording: steps of 200 ms, pages of 2 s
        QVERIFY(QTest::qWaitForWindowActive(&bar));
        ReplayScrubber* s = bar.scrubber();
        QVERIFY(s->focusPolicy() & Qt::TabFocus);
        QCOMPARE(s->singleStepMs(), qint64(200));
        QCOMPARE(s->pageStepMs(), qint64(2000));
        s->setFocus(Qt::TabFocusReason);
        QTRY_VERIFY(s->hasFocus());
        QSignalSpy seek(&bar, &ReplayBar::seekRequested);
        QTest::keyClick(s, Qt::Key_Right);
        QCOMPARE(seek.count(), 1);
        QCOMPARE(seek.last().at(0).toLongLong(), kStart + 200);
        QCOMPARE(s->position(), kStart + 200);  // shown at once, before the source answers
        QTest::keyClick(s, Qt::Key_PageUp);
        QCOMPARE(seek.last().at(0).toLongLong(), kStart + 2200);
        QTest::keyClick(s, Qt::Key_Left);
        QCOMPARE(seek.last().at(0).toLongLong(), kStart + 2000);
        QTest::keyClick(s, Qt::Key_PageDown);
        QCOMPARE(seek.last().at(0).toLongLong(), kStart);
        QTest::keyClick(s, Qt::Key_Down);  // clamped at the start
        QCOMPARE(seek.last().at(0).toLongLong(), kStart);
        QTest::keyClick(s, Qt::Key_End);
        QCOMPARE(seek.last().at(0).toLongLong(), kEnd);
        QTest::keyClick(s, Qt::Key_Up);  // clamped at the end
        QCOMPARE(seek.last().at(0).toLongLong(), kEnd);
        QTest::keyClick(s, Qt::Key_Home);
        QCOMPARE(seek.last().at(0).toLongLong(), kStart);
        // Without a recording the keys do nothing.
        bar.setRecording(kStart, kStart, {}, {});
        seek.clear();
        QTest::keyClick(s, Qt::Key_Right);
        QCOMPARE(seek.count(), 0);
    }

    void focusRingShowsOnTheScrubber() {
        ReplayBar bar;
        showBar(bar);
        QVERIFY(QTest::qWaitForWindowActive(&bar));
        ReplayScrubber* s = bar.scrubber();
        bar.setPosition(kStart + 10'000, false);
        const QImage before = s->grab().toImage();
        s->setFocus();
        QTRY_VERIFY(s->hasFocus());
        const QImage after = s->grab().toImage();
        // Around the handle and along the border the focused scrubber differs.
        const int x = s->xAt(kStart + 10'000), mid = s->height() / 2;
        int changedNearHandle = 0, changedOnBorder = 0;
        for (int y = 0; y < s->height(); ++y)
            for (int dx = -9; dx <= 9; ++dx)
                changedNearHandle += before.pixel(x + dx, y) != after.pixel(x + dx, y);
        for (int px = 0; px < s->width(); ++px)
            changedOnBorder += before.pixel(px, 0) != after.pixel(px, 0);
        QVERIFY2(changedNearHandle > 10, qPrintable(QString::number(changedNearHandle)));
        QVERIFY2(changedOnBorder > s->width() / 4, qPrintable(QString::number(changedOnBorder)));
        Q_UNUSED(mid);
    }

    void scrubberIsASliderForAssistiveTechnology() {
        ReplayBar bar;
        showBar(bar);
        ReplayScrubber* s = bar.scrubber();
        QAccessibleInterface* iface = QAccessible::queryAccessibleInterface(s);
        QVERIFY(iface);
        QCOMPARE(iface->role(), QAccessible::Slider);
        QCOMPARE(iface->text(QAccessible::Name), QString("Replay position"));
        QVERIFY(iface->text(QAccessible::Description).contains("Page Up"));
        QAccessibleValueInterface* value = iface->valueInterface();
        QVERIFY(value);
        QCOMPARE(value->minimumValue().toDouble(), 0.0);
        QCOMPARE(value->maximumValue().toDouble(), 20.0);
        QCOMPARE(value->minimumStepSize().toDouble(), 0.2);
        bar.setPosition(kStart + 5'200, false);
        QCOMPARE(value->currentValue().toDouble(), 5.2);
        const QString clock =
            QDateTime::fromMSecsSinceEpoch(kStart + 5'200).toString("HH:mm:ss.zzz");
        QCOMPARE(iface->text(QAccessible::Value), clock + QStringLiteral(", 0:05.2 of 0:20.0"));
        // Setting the value seeks, as a click would.
        QSignalSpy seek(&bar, &ReplayBar::seekRequested);
        value->setCurrentValue(12.5);
        QCOMPARE(seek.count(), 1);
        QCOMPARE(seek.last().at(0).toLongLong(), kStart + 12'500);
        QCOMPARE(value->currentValue().toDouble(), 12.5);
        // The speed box is named by its label, not by the speed it shows.
        QAccessibleInterface* speed = QAccessible::queryAccessibleInterface(bar.speedBox());
        const auto labels = speed->relations(QAccessible::Label);
        QCOMPARE(labels.size(), 1);
        QCOMPARE(labels.first().first->text(QAccessible::Name), QString("Speed"));
    }
};

}  // namespace poolscope

QTEST_MAIN(poolscope::ReplayBarTest)
#include "ReplayBarTest.moc"
