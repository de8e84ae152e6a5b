#include <QAccessible>
#include <QSignalSpy>
#include <QToolButton>
#include <QToolTip>
#include <QtTest>

#include "widgets/MetaTypes.h"
#include "widgets/StateMachineGeometry.h"
#include "widgets/StateMachineView.h"
#include "widgets/StateNames.h"

using namespace poolscope;

namespace {

PoolSnapshot snap(int64_t tMs, int64_t idle, int64_t inUse, uint64_t edgeCount = 0) {
    PoolSnapshot s;
    s.tMs = tMs;
    s.lifecycle = Lifecycle::Started;
    s.counts.idle = idle;
    s.counts.inUse = inUse;
    s.counts.open = idle + inUse;
    s.totals.destroyed = 5;
    s.transitions.fill(edgeCount);
    return s;
}

bool differs(const QImage& a, const QImage& b, const QRect& r) {
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x <= r.right(); ++x)
            if (a.pixel(x, y) != b.pixel(x, y)) return true;
    return false;
}

QToolButton* button(StateMachineView& view, const QString& text) {
    for (QToolButton* b : view.findChildren<QToolButton*>())
        if (b->text() == text) return b;
    return nullptr;
}

}  // namespace

/// Stands in for a source: emits from its own thread.
class Emitter : public QObject {
    Q_OBJECT
signals:
    void snapshot(const poolscope::PoolSnapshot& snapshot);
    void events(const std::vector<poolscope::TransitionEvent>& events);
};

class StateMachineViewTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { registerPoolScopeMetaTypes(); }
    void layoutComesFromTheTable();
    void rendersCountsOffscreen();
    void ratesFromCumulativeTransitions();
    void clickingAStateEmitsIt();
    void eventsAnimateAndIllegalFlash();
    void lifecycleActionsFollowTheTable();
    void metaTypesCrossThreads();
    void narrowViewsStackTheLifecycleButtons();
    void unreportedCountsAndUnknownEdges();
    void birthsUnknownInOlderLinesOnly();
    void keyboardMovesBetweenItemsAndActivates();
    void focusRingMarksTheCurrentItem();
    void assistiveTechnologyReadsStatesAndTransitions();
};

void StateMachineViewTest::keyboardMovesBetweenItemsAndActivates() {
    StateMachineView view;
    view.resize(700, 460);
    QVERIFY(view.focusPolicy() & Qt::TabFocus);
    QCOMPARE(view.currentItem(), -1);  // until the view first has focus
    view.show();
    QVERIFY(QTest::qWaitForWindowActive(&view));
    view.setSnapshot(snap(1000, 3, 7, 40));
    view.setFocus(Qt::TabFocusReason);
    QTRY_VERIFY(view.hasFocus());
    // Focus starts on IDLE; the arrows move without filtering anything.
    QCOMPARE(view.currentItem(), StateMachineView::stateItem(ConnState::Idle));
    QSignalSpy clicked(&view, &StateMachineView::stateClicked);
    QSignalSpy cleared(&view, &StateMachineView::selectionCleared);
    QTest::keyClick(&view, Qt::Key_Right);
    QTest::keyClick(&view, Qt::Key_Down);
    QCOMPARE(view.currentItem(), StateMachineView::stateItem(ConnState::InUse));
    QTest::keyClick(&view, Qt::Key_Left);
    QTest::keyClick(&view, Qt::Key_Right);
    QCOMPARE(clicked.count(), 0);
    // Enter does what a click does: select, and on the selected state clear.
    QTest::keyClick(&view, Qt::Key_Return);
    QCOMPARE(clicked.count(), 1);
    QVERIFY(clicked.at(0).at(0).value<ConnState>() == ConnState::InUse);
    QVERIFY(view.selectedState() == ConnState::InUse);
    QTest::keyClick(&view, Qt::Key_Enter, Qt::KeypadModifier);
    QCOMPARE(cleared.count(), 1);
    QVERIFY(!view.selectedState());
    QTest::keyClick(&view, Qt::Key_Return);
    QTest::keyClick(&view, Qt::Key_Escape);  // Escape clears the filter too
    QCOMPARE(cleared.count(), 2);
    // Home and End reach the ends of the list and stay there.
    QTest::keyClick(&view, Qt::Key_End);
    QCOMPARE(view.currentItem(), StateMachineView::kItemCount - 1);
    QTest::keyClick(&view, Qt::Key_Right);
    QCOMPARE(view.currentItem(), StateMachineView::kItemCount - 1);
    QTest::keyClick(&view, Qt::Key_Home);
    QCOMPARE(view.currentItem(), 0);
    QTest::keyClick(&view, Qt::Key_Up);
    QCOMPARE(view.currentItem(), 0);
    // Past the states come the transitions; Enter on one shows its figures.
    for (int i = 0; i < kConnStateCount; ++i) QTest::keyClick(&view, Qt::Key_Right);
    QCOMPARE(view.currentItem(), StateMachineView::edgeItem(0));
    QTest::keyClick(&view, Qt::Key_Return);
    QCOMPARE(clicked.count(), 2);  // no state selected by it
    QTRY_VERIFY(QToolTip::isVisible());
    QCOMPARE(QToolTip::text(), view.itemText(StateMachineView::edgeItem(0)));
    QToolTip::hideText();
    // A click moves the keyboard there as well.
    QTest::mouseClick(&view, Qt::LeftButton, {},
                      view.stateRect(ConnState::Returning).center().toPoint());
    QCOMPARE(view.currentItem(), StateMachineView::stateItem(ConnState::Returning));
}

void StateMachineViewTest::focusRingMarksTheCurrentItem() {
    StateMachineView view;
    view.resize(700, 460);
    view.show();
    QVERIFY(QTest::qWaitForWindowActive(&view));
    view.setSnapshot(snap(1000, 3, 7));
    view.clearFocus();  // the window gave its only focusable view the focus
    QTRY_VERIFY(!view.hasFocus());
    view.setCurrentItem(StateMachineView::stateItem(ConnState::Allocating));
    const QImage unfocused = view.grab().toImage();
    view.setFocus();
    QTRY_VERIFY(view.hasFocus());
    const QImage focused = view.grab().toImage();
    // The ring sits just outside the current box; the other boxes look the same.
    const QRect box =
        view.itemRect(StateMachineView::stateItem(ConnState::Allocating)).toAlignedRect();
    QVERIFY(differs(unfocused, focused, box.adjusted(-5, -5, 5, 5)));
    const QRect idle = view.stateRect(ConnState::Idle).toAlignedRect();
    QVERIFY(!differs(unfocused, focused, idle.adjusted(2, 2, -2, -2)));
    // On a transition, the ring surrounds its rate.
    view.setCurrentItem(StateMachineView::edgeItem(2));
    const QRect rate = view.itemRect(StateMachineView::edgeItem(2)).toAlignedRect();
    QVERIFY(!rate.isEmpty());
    QVERIFY(differs(focused, view.grab().toImage(), rate.adjusted(-5, -5, 5, 5)));
}

void StateMachineViewTest::assistiveTechnologyReadsStatesAndTransitions() {
    StateMachineView view;
    view.resize(700, 460);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QAccessibleInterface* iface = QAccessible::queryAccessibleInterface(&view);
    QVERIFY(iface);
    QCOMPARE(iface->role(), QAccessible::List);
    QCOMPARE(iface->text(QAccessible::Name), QString("Connection state machine"));
    QVERIFY(iface->text(QAccessible::Description).contains("Arrow keys"));
    QCOMPARE(iface->child(0)->text(QAccessible::Name), QString("IDLE: no data yet"));
    view.setSnapshot(snap(1000, 3, 7, 40));
    view.setSnapshot(snap(2000, 3, 1, 50));  // 10 transitions per second on every edge

    // The states, then the transitions, then the four lifecycle buttons.
    QCOMPARE(iface->childCount(), StateMachineView::kItemCount + 4);
    QAccessibleInterface* inUse = iface->child(StateMachineView::stateItem(ConnState::InUse));
    QVERIFY(inUse && inUse->isValid());
    QCOMPARE(inUse->role(), QAccessible::ListItem);
    QCOMPARE(inUse->text(QAccessible::Name), QString("IN_USE: 1 connection"));
    QCOMPARE(iface->child(StateMachineView::stateItem(ConnState::Idle))->text(QAccessible::Name),
             QString("IDLE: 3 connections"));
    QCOMPARE(
        iface->child(StateMachineView::stateItem(ConnState::Destroyed))->text(QAccessible::Name),
        QString("DESTROYED: 5 in total"));
    QCOMPARE(iface->child(StateMachineView::edgeItem(0))->text(QAccessible::Name),
             QString("IDLE → ALLOCATING: 10/s, 50 in total"));
    // The description starts with what the view shows besides its items.
    QVERIFY2(iface->text(QAccessible::Description)
                 .startsWith("pool default; 0 waiting; pool state: STARTED. "),
             qPrintable(iface->text(QAccessible::Description)));
    QCOMPARE(inUse->parent(), iface);
    QCOMPARE(iface->indexOfChild(inUse), StateMachineView::stateItem(ConnState::InUse));
    QAccessibleInterface* suspend = iface->child(StateMachineView::kItemCount);
    QCOMPARE(suspend->text(QAccessible::Name), QString("Suspend"));
    QCOMPARE(iface->indexOfChild(suspend), StateMachineView::kItemCount);
    // Where an item is on screen, and what is there.
    const QRect r = inUse->rect();
    QCOMPARE(r.center(),
             view.mapToGlobal(view.stateRect(ConnState::InUse).toAlignedRect().center()));
    QCOMPARE(iface->childAt(r.center().x(), r.center().y()), inUse);

    // The value is the item the keyboard is on; the selection is the filter.
    view.setCurrentItem(StateMachineView::stateItem(ConnState::InUse));
    QCOMPARE(iface->text(QAccessible::Value), inUse->text(QAccessible::Name));
    view.setFocus();
    QTRY_VERIFY(view.hasFocus());
    QCOMPARE(iface->focusChild(), inUse);
    QVERIFY(inUse->state().focused);
    QVERIFY(!inUse->state().selected);
    QSignalSpy clicked(&view, &StateMachineView::stateClicked);
    QAccessibleActionInterface* action = inUse->actionInterface();
    QVERIFY(action && action->actionNames().contains(QAccessibleActionInterface::pressAction()));
    action->doAction(QAccessibleActionInterface::pressAction());
    QCOMPARE(clicked.count(), 1);
    QVERIFY(inUse->state().selected);

    // A figure the source does not report reads so, never as a zero.
    PoolSnapshot partial = snap(3000, 3, 1, 60);
    partial.reported.set(Figure::InUse, false);
    partial.reported.set(Figure::Transitions, false);
    view.setSnapshot(partial);
    QCOMPARE(inUse->text(QAccessible::Name), QString("IN_USE: not reported by this source"));
    QCOMPARE(iface->child(StateMachineView::edgeItem(0))->text(QAccessible::Name),
             QString("IDLE → ALLOCATING: not reported by this source"));
}

void StateMachineViewTest::narrowViewsStackTheLifecycleButtons() {
    StateMachineView view;
    QFont small = view.font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    const QFontMetricsF fm(small);
    const auto buttons = view.findChildren<QToolButton*>();
    QCOMPARE(buttons.size(), 4);
    for (int width : {420, 520, 700, 900}) {
        view.resize(width, 420);
        view.grab();  // lays out and paints
        for (int i = 0; i < kLifecycleCount; ++i) {
            const auto s = static_cast<Lifecycle>(i);
            const QRectF r = view.lifecycleRect(s);
            // Every state's name fits its box, and no button covers a box.
            QVERIFY2(r.width() >= fm.horizontalAdvance(lifecycleLabel(s)) + 2,
                     qPrintable(QString("%1 px: %2 does not fit").arg(width).arg(lifecycleLabel(s))));
            for (const QToolButton* b : buttons)
                QVERIFY2(!QRectF(b->geometry()).intersects(r),
                         qPrintable(QString("%1 px: %2 covers %3").arg(width).arg(b->text(), lifecycleLabel(s))));
            QVERIFY(view.rect().contains(r.toAlignedRect()));
        }
        for (const QToolButton* b : buttons) QVERIFY(view.rect().contains(b->geometry()));
    }
}

void StateMachineViewTest::layoutComesFromTheTable() {
    // The ring is the cycle of kConnEdges; DESTROYED (only the birth edge
    // leaves it) sits apart.
    QVERIFY(StateMachineGeometry::ring() ==
            (std::vector<ConnState>{ConnState::Idle, ConnState::Allocating, ConnState::InUse,
                                    ConnState::Returning}));
    QVERIFY(StateMachineGeometry::sinks() == std::vector<ConnState>{ConnState::Destroyed});
    StateMachineGeometry g;
    g.layout(QRectF(0, 0, 700, 400), QRectF(0, 400, 500, 50));
    for (int e = 0; e < kConnEdgeCount; ++e) {
        const QPainterPath& path = g.edge(e);
        QVERIFY2(!path.isEmpty(), qPrintable(QString("edge %1 has no path").arg(e)));
        // Each arrow leaves its from-box and ends at its to-box, outside both.
        const QRectF from = g.node(kConnEdges[size_t(e)].from), to = g.node(kConnEdges[size_t(e)].to);
        const QPointF start = path.pointAtPercent(0), end = path.pointAtPercent(1);
        QVERIFY(!from.contains(start) && !to.contains(end));
        QVERIFY(QLineF(start, from.center()).length() < QLineF(start, to.center()).length());
        QVERIFY(QLineF(end, to.center()).length() < QLineF(end, from.center()).length());
        // The dots' lookup table follows the curve (within a pixel and a half).
        for (double t : {0.0, 0.13, 0.5, 0.77, 1.0}) {
            const double off = QLineF(g.pointOnEdge(e, t), path.pointAtPercent(t)).length();
            QVERIFY2(off < 1.5, qPrintable(QString("edge %1 at %2: %3 px off").arg(e).arg(t).arg(off)));
        }
    }
    for (int a = 0; a < kConnStateCount; ++a)
        for (int b = a + 1; b < kConnStateCount; ++b)
            QVERIFY(!g.node(ConnState(a)).intersects(g.node(ConnState(b))));
}

void StateMachineViewTest::rendersCountsOffscreen() {
    StateMachineView view;
    view.resize(700, 460);
    QCOMPARE(view.countText(ConnState::Idle), QString("–"));
    view.setSnapshot(snap(1000, 3, 7));
    QCOMPARE(view.countText(ConnState::Idle), QString("3"));
    QCOMPARE(view.countText(ConnState::InUse), QString("7"));
    QCOMPARE(view.countText(ConnState::Destroyed), QString("5 total"));
    const QImage first = view.grab().toImage();
    QVERIFY(!first.isNull());
    QCOMPARE(first.size(), QSize(700, 460));
    view.setSnapshot(snap(1100, 3, 8));
    const QImage second = view.grab().toImage();
    // The IN_USE box shows the new count; the IDLE box did not change.
    QVERIFY(differs(first, second, view.stateRect(ConnState::InUse).toRect()));
    QVERIFY(!differs(first, second, view.stateRect(ConnState::Idle).toRect().adjusted(2, 2, -2, -2)));
}

void StateMachineViewTest::unreportedCountsAndUnknownEdges() {
    // A go_sql-like source: open, idle, in use; no allocating/returning
    // gauges, no waiting gauge, no per-edge counters.
    StateMachineView view;
    view.resize(700, 460);
    PoolSnapshot s = snap(1000, 3, 7, 40);
    for (Figure f : {Figure::Allocating, Figure::Returning, Figure::Waiting, Figure::Destroyed, Figure::Transitions})
        s.reported.set(f, false);
    view.setSnapshot(s);
    QCOMPARE(view.countText(ConnState::Idle), QString("3"));
    QCOMPARE(view.countText(ConnState::InUse), QString("7"));
    QCOMPARE(view.countText(ConnState::Allocating), QString("?"));
    QCOMPARE(view.countText(ConnState::Returning), QString("?"));
    QCOMPARE(view.countText(ConnState::Destroyed), QString("?"));
    QVERIFY(!view.transitionsReported());
    // The counters do not move the edges, and events draw no dots.
    s.tMs = 1500;
    s.transitions.fill(90);
    view.setSnapshot(s);
    for (int e = 0; e < kConnEdgeCount; ++e) QCOMPARE(view.edgeRate(e), 0.0);
    TransitionEvent event;
    event.seq = 1;
    event.from = ConnState::Idle;
    event.to = ConnState::Allocating;
    view.addEvents({event});
    QCOMPARE(view.activeDots(), 0);
    // Hovering an edge says why it is grey; hovering a box with "?" says so too.
    const QImage unknown = view.grab().toImage();  // lays the graph out
    const QString edgeTip = view.toolTipAt(view.edgePoint(0, 0.5));
    QVERIFY2(edgeTip.contains("does not report transitions"), qPrintable(edgeTip));
    QVERIFY(view.toolTipAt(view.stateRect(ConnState::Allocating).center()).contains("does not report"));
    QVERIFY(!view.toolTipAt(view.stateRect(ConnState::Idle).center()).contains("does not report"));
    // Greyed, dashed edges look different from the idle solid ones.
    PoolSnapshot full = snap(2000, 3, 7, 40);
    view.setSnapshot(full);
    QVERIFY(view.transitionsReported());
    QCOMPARE(view.countText(ConnState::Allocating), QString("0"));
    const QImage known = view.grab().toImage();
    const QPointF mid = view.edgePoint(0, 0.5);
    QVERIFY(differs(unknown, known, QRect(mid.toPoint() - QPoint(12, 12), QSize(24, 24))));
}

void StateMachineViewTest::birthsUnknownInOlderLinesOnly() {
    // A line from before births were counted: every edge known but the birth.
    StateMachineView view;
    view.resize(700, 460);
    const int birth = connEdgeIndex(ConnState::Destroyed, ConnState::Allocating);
    PoolSnapshot s = snap(1000, 3, 7, 40);
    s.reported.set(Figure::Births, false);
    view.setSnapshot(s);
    s.tMs = 1500;
    s.transitions.fill(90);
    view.setSnapshot(s);
    QVERIFY(view.transitionsReported());
    for (int e = 0; e < kConnEdgeCount; ++e) {
        QCOMPARE(view.edgeKnown(e), e != birth);
        QCOMPARE(view.edgeRate(e), e == birth ? 0.0 : 100.0);
    }
    const QImage unknown = view.grab().toImage();  // lays the graph out
    const QString birthTip = view.toolTipAt(view.edgePoint(birth, 0.5));
    QVERIFY2(birthTip.contains("before new connections were counted"), qPrintable(birthTip));
    QVERIFY(view.toolTipAt(view.edgePoint(0, 0.5)).isEmpty());
    QAccessibleInterface* iface = QAccessible::queryAccessibleInterface(&view);
    QVERIFY(iface);
    QVERIFY(iface->child(StateMachineView::edgeItem(birth))->text(QAccessible::Name).endsWith("not reported by this source"));
    QVERIFY(iface->child(StateMachineView::edgeItem(0))->text(QAccessible::Name).endsWith("90 in total"));
    // The same line with births counted draws the birth edge as known.
    s.reported.set(Figure::Births, true);
    s.tMs = 2000;
    view.setSnapshot(s);
    QVERIFY(view.edgeKnown(birth));
    const QPointF mid = view.edgePoint(birth, 0.5);
    QVERIFY(differs(unknown, view.grab().toImage(), QRect(mid.toPoint() - QPoint(14, 14), QSize(28, 28))));
}

void StateMachineViewTest::ratesFromCumulativeTransitions() {
    StateMachineView view;
    view.resize(700, 460);
    view.setSnapshot(snap(10'000, 1, 1, 100));
    QCOMPARE(view.edgeRate(0), 0.0);
    view.setSnapshot(snap(10'500, 1, 1, 150));  // +50 in 0.5 s on every edge
    for (int e = 0; e < kConnEdgeCount; ++e) QCOMPARE(view.edgeRate(e), 100.0);
    PoolSnapshot other = snap(11'000, 1, 1, 10);
    other.pool = "orders";  // another pool: no rate across pools
    view.setSnapshot(other);
    QCOMPARE(view.edgeRate(0), 0.0);
}

void StateMachineViewTest::clickingAStateEmitsIt() {
    StateMachineView view;
    view.resize(700, 460);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setSnapshot(snap(1000, 2, 2));
    QSignalSpy clicked(&view, &StateMachineView::stateClicked);
    QSignalSpy cleared(&view, &StateMachineView::selectionCleared);
    QTest::mouseClick(&view, Qt::LeftButton, {}, view.stateRect(ConnState::InUse).center().toPoint());
    QCOMPARE(clicked.count(), 1);
    QVERIFY(clicked.at(0).at(0).value<ConnState>() == ConnState::InUse);
    QVERIFY(view.selectedState() == ConnState::InUse);
    QTest::mouseClick(&view, Qt::LeftButton, {}, view.stateRect(ConnState::Idle).center().toPoint());
    QVERIFY(clicked.at(1).at(0).value<ConnState>() == ConnState::Idle);
    // Clicking the selected state again clears the selection.
    QTest::mouseClick(&view, Qt::LeftButton, {}, view.stateRect(ConnState::Idle).center().toPoint());
    QCOMPARE(cleared.count(), 1);
    QVERIFY(!view.selectedState());
}

void StateMachineViewTest::eventsAnimateAndIllegalFlash() {
    StateMachineView view;
    view.resize(700, 460);
    view.setSnapshot(snap(1000, 2, 2));
    std::vector<TransitionEvent> events;
    for (int i = 0; i < 100; ++i)  // a burst on one edge is thinned, not queued
        events.push_back({uint64_t(i), 1000, 0, 1, ConnState::Idle, ConnState::Allocating, Reason::Acquire, false});
    events.push_back({100, 1000, 0, 2, ConnState::Allocating, ConnState::InUse, Reason::Granted, false});
    events.push_back({101, 1000, 0, 2, ConnState::InUse, ConnState::Idle, Reason::IllegalAttempt, true});
    view.addEvents(events);
    QVERIFY(view.activeDots() >= 2 && view.activeDots() <= 12);
    QCOMPARE(view.activeFlashes(), 1);
    QVERIFY(!view.grab().toImage().isNull());
    QTRY_COMPARE_WITH_TIMEOUT(view.activeDots(), 0, 3000);  // the animation ends on its own
    QTRY_COMPARE_WITH_TIMEOUT(view.activeFlashes(), 0, 3000);
}

void StateMachineViewTest::lifecycleActionsFollowTheTable() {
    StateMachineView view;
    view.resize(700, 460);
    QSignalSpy actions(&view, &StateMachineView::lifecycleActionRequested);
    QToolButton* suspend = button(view, "Suspend");
    QToolButton* resume = button(view, "Resume");
    QToolButton* close = button(view, "Close");
    QVERIFY(suspend && resume && close);
    QVERIFY(!suspend->isEnabled());  // nothing known yet
    view.setSnapshot(snap(1000, 1, 1));  // STARTED
    QVERIFY(suspend->isEnabled() && !resume->isEnabled() && close->isEnabled());
    suspend->click();
    QCOMPARE(actions.count(), 1);
    QCOMPARE(actions.at(0).at(0).toString(), QString("suspend"));
    PoolSnapshot s = snap(2000, 1, 1);
    s.lifecycle = Lifecycle::Suspended;
    view.setSnapshot(s);
    QVERIFY(!suspend->isEnabled() && resume->isEnabled());
    s.lifecycle = Lifecycle::Terminated;
    view.setSnapshot(s);
    QVERIFY(!suspend->isEnabled() && !resume->isEnabled() && !close->isEnabled());
}

void StateMachineViewTest::metaTypesCrossThreads() {
    // A snapshot and an event batch cross threads through queued signals, the
    // way a source hands them to the GUI thread.
    Emitter emitter;
    QThread thread;
    emitter.moveToThread(&thread);
    PoolSnapshot got;
    std::vector<TransitionEvent> gotEvents;
    connect(&emitter, &Emitter::snapshot, this, [&](const PoolSnapshot& s) { got = s; },
            Qt::QueuedConnection);
    connect(&emitter, &Emitter::events, this,
            [&](const std::vector<TransitionEvent>& e) { gotEvents = e; }, Qt::QueuedConnection);
    thread.start();
    QMetaObject::invokeMethod(&emitter, [&emitter] {
        PoolSnapshot s = snap(42, 1, 2);
        s.pool = "orders";
        emit emitter.snapshot(s);
        emit emitter.events({{7, 42, 0, 3, ConnState::Idle, ConnState::Allocating, Reason::Acquire, false}});
    });
    QTRY_COMPARE(gotEvents.size(), size_t(1));
    QCOMPARE(got.pool, std::string("orders"));
    QCOMPARE(gotEvents[0].seq, uint64_t(7));
    thread.quit();
    thread.wait();
    QVERIFY(QMetaType::fromName("poolscope::PoolSnapshot").isValid());
    QVERIFY(QMetaType::fromName("std::vector<poolscope::TransitionEvent>").isValid());
    QCOMPARE(QVariant::fromValue(snap(1, 2, 3)).value<PoolSnapshot>().counts.inUse, 3);
}

QTEST_MAIN(StateMachineViewTest)
#include "StateMachineViewTest.moc"
