// Assistive technology can use the real main window: every control a user
// can reach (in the window, its panels, the replay bar and the dialogs it
// opens) has a name a screen reader can say, and the two views PoolScope
// draws itself, the state machine and the replay scrubber, work from the
// keyboard and tell assistive technology what they show.

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QAction>
#include <QComboBox>
#include <QDialog>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QToolBar>
#include <QtTest>

#include "app/sources/SourceManager.h"
#include "app/ui/ChartsPanel.h"
#include "app/ui/ConnectionsPanel.h"
#include "app/ui/GuiOptions.h"
#include "app/ui/MainMenus.h"
#include "app/ui/FleetPanel.h"
#include "app/ui/MainWindow.h"
#include "app/ui/Theme.h"
#include "core/recording/RecordingWriter.h"
#include "core/telemetry/SnapshotJson.h"
#include "widgets/ConnectionFilterProxy.h"
#include "widgets/ConnectionTableModel.h"
#include "widgets/ReplayBar.h"
#include "widgets/ReplayScrubber.h"
#include "widgets/StateMachineView.h"
#include "widgets/TimeSeriesChart.h"

namespace poolscope {

namespace {

/// A widget the user operates: reachable with Tab, a kind of control, or a
/// view PoolScope draws itself.
bool interactive(const QWidget* w) {
    if (qobject_cast<const StateMachineView*>(w) || qobject_cast<const ReplayScrubber*>(w) ||
        qobject_cast<const TimeSeriesChart*>(w))
        return true;
    if (qobject_cast<const QAbstractButton*>(w) || qobject_cast<const QAbstractItemView*>(w) ||
        qobject_cast<const QLineEdit*>(w) || qobject_cast<const QComboBox*>(w) ||
        qobject_cast<const QAbstractSpinBox*>(w) || qobject_cast<const QAbstractSlider*>(w))
        return true;
    return w->focusPolicy() & Qt::TabFocus;
}

/// Parts of Qt's composite controls that assistive technology reaches
/// through their owner: a spin box's or combo box's editor and popup, a line
/// edit's clear button, an item view's headers, viewport and editors, a
/// scroll area's scroll bars; and menus, whose items are their actions' texts.
bool partOfAControl(const QWidget* w) {
    for (const QWidget* p = w->parentWidget(); p; p = p->parentWidget()) {
        if (qobject_cast<const QAbstractSpinBox*>(p) || qobject_cast<const QComboBox*>(p) ||
            qobject_cast<const QLineEdit*>(p) || qobject_cast<const QAbstractItemView*>(p) ||
            qobject_cast<const QMenu*>(p))
            return true;
        if (p->objectName() == QLatin1String("qt_scrollarea_hcontainer") ||
            p->objectName() == QLatin1String("qt_scrollarea_vcontainer"))
            return true;
    }
    return qobject_cast<const QMenu*>(w) != nullptr;
}

/// The name a screen reader says for `w`. Qt on Linux names a combo box by
/// its current item ("name is text, we use relations for this"): what says
/// what the box is for is the label whose buddy it is.
QString accessibleName(QWidget* w) {
    QAccessibleInterface* iface = QAccessible::queryAccessibleInterface(w);
    if (!iface) return {};
    QString name = iface->text(QAccessible::Name).trimmed();
    if (qobject_cast<QComboBox*>(w) && name == iface->text(QAccessible::Value).trimmed()) {
        name.clear();
        for (const auto& [label, relation] : iface->relations(QAccessible::Label))
            if (label) name = label->text(QAccessible::Name).trimmed();
    }
    return name;
}

/// "poolscope::MainWindow(mainWindow) > QDockWidget(poolsDock) > QListView".
QString path(const QWidget* w) {
    QStringList parts;
    for (const QWidget* p = w; p; p = p->parentWidget()) {
        QString part = QString::fromLatin1(p->metaObject()->className());
        if (!p->objectName().isEmpty()) part += '(' + p->objectName() + ')';
        parts.prepend(part);
    }
    return parts.join(QStringLiteral(" > "));
}

/// Every interactive widget under `root` (itself included) that has no name.
QStringList unnamed(QWidget* root) {
    QList<QWidget*> all = root->findChildren<QWidget*>();
    all.prepend(root);
    QStringList out;
    for (QWidget* w : std::as_const(all))
        if (interactive(w) && !partOfAControl(w) && accessibleName(w).isEmpty()) out << path(w);
    return out;
}

}  // namespace

class AccessibilityTest : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

    static EmbeddedSpec sim(const std::string& name) {
        EmbeddedSpec s;
        s.url = "sim://?query_ms=1";
        s.pool = GuiOptions::defaultPool();
        s.pool.name = name;
        s.workload = GuiOptions::defaultWorkload();
        return s;
    }

    /// 50 snapshots of pool "rec", 100 ms apart from t0.
    static void writeRecording(const QString& path, int64_t t0) {
        auto writer = RecordingWriter::create(path.toStdString(), RecordingMeta{});
        if (!writer.isOk()) QFAIL(writer.message().c_str());
        for (int i = 0; i < 50; ++i) {
            PoolSnapshot s;
            s.tMs = t0 + i * 100;
            s.pool = s.config.name = "rec";
            s.driver = "sim";
            s.lifecycle = Lifecycle::Started;
            s.config.maxOpen = 4;
            s.counts = {4, 4 - i % 4, i % 4, 0, 0, 0};
            RecordingBatch batch;
            batch.snapshots.push_back(RecordedSnapshot::of(s, snapshotToJsonLine(s)));
            QVERIFY((*writer)->write(batch).isOk());
        }
        QVERIFY((*writer)->close(t0 + 4900).isOk());
    }

    /// POOLSCOPE_A11Y_SHOT_DIR=dir saves `w` as dir/name.png, for a person to
    /// look at the focus indicators (not part of the assertions).
    static void shot(QWidget* w, const char* name) {
        const QString dir = qEnvironmentVariable("POOLSCOPE_A11Y_SHOT_DIR");
        if (!dir.isEmpty()) QVERIFY(w->grab().save(dir + '/' + name + ".png"));
    }

    static void showActive(MainWindow& w) {
        w.resize(1280, 800);
        w.show();
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
    }

private slots:
    void everyControlHasAName() {
        QSettings settings(dir_.filePath("names.ini"), QSettings::IniFormat);
        SourceManager sources;
        Theme theme;
        MainWindow w(sources, theme, settings, false);
        showActive(w);
        // A live pool fills the panels; a replay shows the replay bar.
        const QString pool = sources.addEmbedded(sim("sim"));
        QTRY_VERIFY_WITH_TIMEOUT(w.connections()->model()->rowCount() > 0, 5000);
        const QString file = dir_.filePath("names.psrec");
        writeRecording(file, 1'714'557'600'000);
        w.openRecording(file);
        QTRY_VERIFY_WITH_TIMEOUT(w.replayBar()->scrubber()->endMs() > 0, 5000);
        w.selectPool(pool);
        // And every dialog the window opens.
        w.showConnectDialog();
        w.showAttachDialog();
        w.showThresholdsDialog();
        const auto dialogs = w.findChildren<QDialog*>();
        QCOMPARE(dialogs.size(), 3);
        for (QDialog* d : dialogs) QVERIFY(QTest::qWaitForWindowExposed(d));

        // The custom views and charts are among what is checked.
        QVERIFY(interactive(w.stateView()) && interactive(w.replayBar()->scrubber()));
        QVERIFY(!accessibleName(w.charts()->chart(0)).isEmpty());

        const QStringList missing = unnamed(&w);
        for (const QString& p : missing) qWarning("unnamed: %s", qPrintable(p));
        QVERIFY2(missing.isEmpty(), qPrintable("interactive widgets without an accessible name:\n" +
                                               missing.join('\n')));
        // The fleet tab's controls are among them (hidden with one pool, checked all the same).
        QVERIFY(!w.fleetPanel()->findChildren<QComboBox*>().isEmpty());
    }

    void stateMachineFromTheKeyboard() {
        QSettings settings(dir_.filePath("keys.ini"), QSettings::IniFormat);
        SourceManager sources;
        Theme theme;
        MainWindow w(sources, theme, settings, false);
        showActive(w);
        sources.addEmbedded(sim("sim"));
        QTRY_VERIFY_WITH_TIMEOUT(w.connections()->model()->rowCount() > 0, 5000);
        StateMachineView* view = w.stateView();
        QAccessibleInterface* iface = QAccessible::queryAccessibleInterface(view);
        QVERIFY(iface);
        view->setFocus(Qt::TabFocusReason);
        QTRY_VERIFY(view->hasFocus());
        QCOMPARE(view->currentItem(), StateMachineView::stateItem(ConnState::Idle));
        QSignalSpy follow(w.menus()->follow, &QAction::triggered);

        // Right twice: IN_USE, read out with its live count.
        QTest::keyClick(view, Qt::Key_Right);
        QTest::keyClick(view, Qt::Key_Right);
        QCOMPARE(view->currentItem(), StateMachineView::stateItem(ConnState::InUse));
        QAccessibleInterface* inUse = iface->focusChild();
        QVERIFY(inUse);
        QCOMPARE(iface->indexOfChild(inUse), StateMachineView::stateItem(ConnState::InUse));
        QTRY_VERIFY(iface->text(QAccessible::Value).startsWith("IN_USE: "));
        QVERIFY(iface->text(QAccessible::Value).contains("connection"));
        QCOMPARE(inUse->text(QAccessible::Name),
                 view->itemText(StateMachineView::stateItem(ConnState::InUse)));
        shot(view, "state-focus");

        // Enter filters the connection table, as a click does; again clears it.
        QTest::keyClick(view, Qt::Key_Return);
        QVERIFY(w.connections()->proxy()->stateFilter() == std::optional(ConnState::InUse));
        QVERIFY(inUse->state().selected);
        QTest::keyClick(view, Qt::Key_Return);
        QVERIFY(w.connections()->proxy()->stateFilter() == std::nullopt);
        QVERIFY(!inUse->state().selected);

        // End goes to the last transition (the birth of a connection): the
        // view's key, not "follow newest".
        QTest::keyClick(view, Qt::Key_End);
        QCOMPARE(view->currentItem(), StateMachineView::kItemCount - 1);
        QCOMPARE(follow.count(), 0);
        QVERIFY2(iface->text(QAccessible::Value).startsWith("DESTROYED → ALLOCATING: "),
                 qPrintable(iface->text(QAccessible::Value)));
        QTRY_VERIFY(iface->text(QAccessible::Value).contains("in total"));
        shot(view, "transition-focus");
        // Home, then past the five states: the first transition.
        QTest::keyClick(view, Qt::Key_Home);
        for (int i = 0; i < kConnStateCount; ++i) QTest::keyClick(view, Qt::Key_Right);
        QCOMPARE(view->currentItem(), StateMachineView::edgeItem(0));
        QVERIFY(iface->text(QAccessible::Value).startsWith("IDLE → ALLOCATING: "));
        shot(view, "first-transition-focus");
    }

    void scrubberFromTheKeyboard() {
        const int64_t t0 = 1'714'557'600'000;
        const QString file = dir_.filePath("keys.psrec");
        writeRecording(file, t0);
        QSettings settings(dir_.filePath("scrub.ini"), QSettings::IniFormat);
        SourceManager sources;
        Theme theme;
        MainWindow w(sources, theme, settings, false);
        showActive(w);
        w.openRecording(file);
        QTRY_COMPARE_WITH_TIMEOUT(w.currentPool(), QStringLiteral("rec"), 5000);
        ReplayScrubber* scrubber = w.replayBar()->scrubber();
        QTRY_COMPARE(scrubber->endMs(), t0 + 4900);
        emit w.replayBar()->pauseRequested();
        QTRY_VERIFY(!w.replayBar()->playing());
        QAccessibleInterface* iface = QAccessible::queryAccessibleInterface(scrubber);
        QVERIFY(iface && iface->valueInterface());
        QCOMPARE(iface->role(), QAccessible::Slider);
        QCOMPARE(iface->valueInterface()->maximumValue().toDouble(), 4.9);
        scrubber->setFocus(Qt::TabFocusReason);
        QTRY_VERIFY(scrubber->hasFocus());
        QSignalSpy follow(w.menus()->follow, &QAction::triggered);

        // Home, a page (1 s) and a step (0.1 s: the least step) reach the replay.
        QTest::keyClick(scrubber, Qt::Key_Home);
        QTRY_COMPARE(sources.latest("rec")->tMs, t0);
        QTest::keyClick(scrubber, Qt::Key_PageUp);
        QTest::keyClick(scrubber, Qt::Key_Right);
        QTRY_COMPARE(sources.latest("rec")->tMs, t0 + 1100);
        QTRY_COMPARE(w.replayBar()->position(), t0 + 1100);
        QCOMPARE(iface->valueInterface()->currentValue().toDouble(), 1.1);
        QVERIFY2(iface->text(QAccessible::Value).endsWith(", 0:01.1 of 0:04.9"),
                 qPrintable(iface->text(QAccessible::Value)));
        QTRY_COMPARE(w.charts()->chart(0)->cursorMs(), t0 + 1100);
        shot(w.replayBar(), "scrubber-focus");

        // End is the scrubber's, not the window's "follow newest".
        QTest::keyClick(scrubber, Qt::Key_End);
        QTRY_COMPARE(sources.latest("rec")->tMs, t0 + 4900);
        QCOMPARE(follow.count(), 0);
        QCOMPARE(iface->valueInterface()->currentValue().toDouble(), 4.9);
    }
};

}  // namespace poolscope

QTEST_MAIN(poolscope::AccessibilityTest)
#include "AccessibilityTest.moc"
