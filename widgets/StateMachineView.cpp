#include "widgets/StateMachineView.h"

#include <QAccessible>
#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolButton>
#include <QToolTip>
#include <cmath>

#include "widgets/AccessibleViews.h"
#include "widgets/StateNames.h"

namespace poolscope {

namespace {

constexpr qint64 kDotMs = 700;          // a dot's trip along its arrow
constexpr qint64 kFlashMs = 1500;       // an illegal transition stays red this long
constexpr int kDotsPerEdgePerBatch = 6; // thinning: counts stay exact, dots are a hint
constexpr size_t kMaxDots = 240;
constexpr size_t kMaxFlashes = 16;
constexpr int kStripHeight = 58;
/// Narrowest lifecycle strip that still shows INITIAL … TERMINATED legibly.
constexpr int kMinStripWidth = 400;
/// A live count is announced to assistive technology at most this often.
constexpr qint64 kAnnounceMs = 1000;
const char* const kActions[] = {"suspend", "resume", "evict", "close"};

QColor stateColor(ConnState s) {
    switch (s) {
        case ConnState::Idle: return {0x54, 0xa2, 0x4b};
        case ConnState::Allocating: return {0x4c, 0x78, 0xa8};
        case ConnState::InUse: return {0xe4, 0x57, 0x56};
        case ConnState::Returning: return {0xd8, 0xa4, 0x1a};
        case ConnState::Destroyed: return {0x8c, 0x7b, 0x70};
    }
    return Qt::gray;
}

const QColor kIllegal(0xd6, 0x27, 0x28);

QString rateText(double r) {
    return StateMachineView::tr("%1/s").arg(r, 0, 'f', r > 0 && r < 10 ? 1 : 0);
}

}  // namespace

StateMachineView::StateMachineView(QWidget* parent) : QWidget(parent) {
    installAccessibleViews();
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(tr("Connection state machine"));
    setAccessibleDescription(
        tr("The pool's connections in each state and the transitions between them, with rates. "
           "Arrow keys move between the states and the transitions, Enter shows the connections "
           "in a state, Escape clears that filter; the lifecycle buttons follow."));
    clock_.start();
    timer_.setInterval(40);
    connect(&timer_, &QTimer::timeout, this, &StateMachineView::tick);
    const QString texts[] = {tr("Suspend"), tr("Resume"), tr("Evict idle"), tr("Close")};
    const QString tips[] = {tr("Suspend the pool: acquire waits until it is resumed"),
                            tr("Resume a suspended pool"),
                            tr("Close every idle connection now"),
                            tr("Close the pool: every connection is closed, acquire fails")};
    for (int i = 0; i < 4; ++i) {
        auto* b = new QToolButton(this);
        b->setText(texts[i]);
        b->setToolTip(tips[i]);
        tips_ << tips[i];
        b->setAutoRaise(false);
        b->setEnabled(false);
        const QString action = QString::fromLatin1(kActions[i]);
        connect(b, &QToolButton::clicked, this, [this, action] { emit lifecycleActionRequested(action); });
        buttons_.append(b);
    }
}

QSize StateMachineView::sizeHint() const { return {640, 420}; }
QSize StateMachineView::minimumSizeHint() const { return {420, 300}; }

void StateMachineView::setSnapshot(const PoolSnapshot& s) {
    const bool samePool = hasSnapshot_ && s.pool == snapshot_.pool;
    const double dtS = samePool ? double(s.tMs - snapshot_.tMs) / 1000.0 : 0;
    const bool transitions = s.reported.has(Figure::Transitions);
    if (!samePool || !transitions) {
        rates_.fill(0);
        dots_.clear();
        if (!samePool) flashes_.clear();
    } else if (!snapshot_.reported.has(Figure::Transitions)) {
        rates_.fill(0);  // first snapshot with counters: no rate until the next
    } else if (dtS > 0) {
        for (int i = 0; i < kConnEdgeCount; ++i) {
            const uint64_t now = s.transitions[size_t(i)], before = snapshot_.transitions[size_t(i)];
            const bool known = edgeReported(s.reported, size_t(i)) && edgeKnown(i);
            rates_[size_t(i)] = known && now >= before ? double(now - before) / dtS : 0;
        }
    }
    if (samePool && s.reported.has(Figure::IllegalTransitions) &&
        snapshot_.reported.has(Figure::IllegalTransitions) &&
        s.totals.illegalTransitions > snapshot_.totals.illegalTransitions) {
        illegalFlashMs_ = clock_.elapsed();
        ensureTimer();
    }
    // Keep what the view draws; not the connection list (it can be long).
    snapshot_.tMs = s.tMs;
    snapshot_.pool = s.pool;
    snapshot_.lifecycle = s.lifecycle;
    snapshot_.counts = s.counts;
    snapshot_.totals = s.totals;
    snapshot_.transitions = s.transitions;
    snapshot_.reported = s.reported;
    hasSnapshot_ = true;
    updateActions();
    announceCurrent(false);
    update();
}

void StateMachineView::addEvents(const std::vector<TransitionEvent>& events) {
    if (!transitionsReported()) return;  // greyed edges carry no dots
    const qint64 now = clock_.elapsed();
    std::array<int, kConnEdgeCount> perEdge{};
    for (const TransitionEvent& e : events) {
        const int edge = connEdgeIndex(e.from, e.to);
        if (e.illegal || edge < 0) {
            if (flashes_.size() >= kMaxFlashes) flashes_.erase(flashes_.begin());
            flashes_.push_back({e.from, e.to, now});
            illegalFlashMs_ = now;
            continue;
        }
        if (!edgeKnown(edge)) continue;
        int& n = perEdge[size_t(edge)];
        if (n >= kDotsPerEdgePerBatch || dots_.size() >= kMaxDots) continue;
        dots_.push_back({edge, now + n * 60});  // staggered, so a burst reads as a burst
        ++n;
    }
    ensureTimer();
}

void StateMachineView::setSelectedState(std::optional<ConnState> state) {
    if (state == selected_) return;
    selected_ = state;
    announceSelection();
    update();
}

void StateMachineView::setCurrentItem(int item) {
    if (item < 0 || item >= kItemCount || item == current_) return;
    current_ = item;
    announceCurrent(true);
    update();
}

void StateMachineView::activateItem(int item) {
    if (item < 0 || item >= kItemCount) return;
    setCurrentItem(item);
    if (item < kConnStateCount) {
        const auto state = static_cast<ConnState>(item);
        clickState(selected_ == state ? std::nullopt : std::optional(state));
        return;
    }
    // A transition has nothing to select: show what hovering it would.
    const QRectF r = itemRect(item);
    QToolTip::showText(mapToGlobal(r.center().toPoint()), itemText(item), this, r.toAlignedRect());
}

void StateMachineView::clickState(std::optional<ConnState> state) {
    if (state && state != selected_) {
        selected_ = state;
        emit stateClicked(*state);
    } else if (selected_) {
        selected_.reset();
        emit selectionCleared();
    } else {
        return;
    }
    announceSelection();
    update();
}

QString StateMachineView::itemText(int item) const {
    if (item < 0 || item >= kItemCount) return {};
    if (item < kConnStateCount) {
        const auto s = static_cast<ConnState>(item);
        const QString name = connStateLabel(s);
        if (!hasSnapshot_) return tr("%1: no data yet").arg(name);
        const QString count = countText(s);
        if (count == QLatin1String("?")) return tr("%1: not reported by this source").arg(name);
        if (s == ConnState::Destroyed)
            return tr("%1: %2 in total").arg(name).arg(snapshot_.totals.destroyed);
        // Two strings rather than %n: there is no English translation to pick plurals.
        return count == QLatin1String("1") ? tr("%1: 1 connection").arg(name)
                                           : tr("%1: %2 connections").arg(name, count);
    }
    const int e = item - kConnStateCount;
    const ConnEdge& edge = kConnEdges[size_t(e)];
    const QString name = tr("%1 → %2").arg(connStateLabel(edge.from), connStateLabel(edge.to));
    if (!hasSnapshot_) return tr("%1: no data yet").arg(name);
    if (!edgeKnown(e)) return tr("%1: not reported by this source").arg(name);
    return tr("%1: %2, %3 in total")
        .arg(name, rateText(rates_[size_t(e)]))
        .arg(snapshot_.transitions[size_t(e)]);
}

QRectF StateMachineView::itemRect(int item) const {
    if (item < 0 || item >= kItemCount) return {};
    if (item < kConnStateCount) return geo_.node(static_cast<ConnState>(item));
    const int e = item - kConnStateCount;
    if (geo_.edge(e).isEmpty()) return {};
    const QPointF at = geo_.edgeLabel(e);
    return QRectF(at.x() - 30, at.y() - 9, 60, 18);
}

void StateMachineView::announceCurrent(bool focusMoved) {
    if (!QAccessible::isActive() || current_ < 0) return;
    const QString text = itemText(current_);
    if (!focusMoved) {
        // A live count changes with every snapshot: tell at most once a second.
        const qint64 now = clock_.elapsed();
        if (text == announced_ || now - announcedMs_ < kAnnounceMs) return;
        announcedMs_ = now;
        announced_ = text;
        QAccessibleEvent name(this, QAccessible::NameChanged);
        name.setChild(current_);
        QAccessible::updateAccessibility(&name);
    } else {
        announced_ = text;
        announcedMs_ = clock_.elapsed();
        if (hasFocus()) {
            QAccessibleEvent focus(this, QAccessible::Focus);
            focus.setChild(current_);
            QAccessible::updateAccessibility(&focus);
        }
    }
    QAccessibleValueChangeEvent value(this, text);
    QAccessible::updateAccessibility(&value);
}

void StateMachineView::announceSelection() {
    if (!QAccessible::isActive()) return;
    QAccessibleEvent event(this, selected_ ? QAccessible::Selection : QAccessible::SelectionRemove);
    if (selected_) event.setChild(stateItem(*selected_));
    QAccessible::updateAccessibility(&event);
}

QRectF StateMachineView::stateRect(ConnState state) const { return geo_.node(state); }

double StateMachineView::edgeRate(int index) const {
    return index >= 0 && index < kConnEdgeCount ? rates_[size_t(index)] : 0;
}

void StateMachineView::ensureTimer() {
    if (!timer_.isActive() && (!dots_.empty() || !flashes_.empty() || illegalFlashMs_ >= 0))
        timer_.start();
}

void StateMachineView::tick() {
    const qint64 now = clock_.elapsed();
    std::erase_if(dots_, [now](const Dot& d) { return now - d.startMs > kDotMs; });
    std::erase_if(flashes_, [now](const Flash& f) { return now - f.startMs > kFlashMs; });
    if (illegalFlashMs_ >= 0 && now - illegalFlashMs_ > kFlashMs) illegalFlashMs_ = -1;
    if (dots_.empty() && flashes_.empty() && illegalFlashMs_ < 0) timer_.stop();
    update();
}

void StateMachineView::updateActions() {
    const Lifecycle lc = snapshot_.lifecycle;
    const bool enabled[] = {
        hasSnapshot_ && isLegal(lc, Lifecycle::Suspended),
        hasSnapshot_ && lc == Lifecycle::Suspended && isLegal(lc, Lifecycle::Started),
        hasSnapshot_ && (lc == Lifecycle::Started || lc == Lifecycle::Suspended),
        hasSnapshot_ && isLegal(lc, Lifecycle::Terminated),
    };
    for (int i = 0; i < 4; ++i) buttons_[i]->setEnabled(actionsAvailable_ && enabled[i]);
}

void StateMachineView::setActionsAvailable(bool available, const QString& why) {
    actionsAvailable_ = available;
    for (int i = 0; i < 4; ++i) buttons_[i]->setToolTip(available || why.isEmpty() ? tips_[i] : why);
    updateActions();
}

void StateMachineView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    layoutButtons();
    layoutGraph();
}

void StateMachineView::layoutButtons() {
    int buttonsWidth = 0, buttonHeight = 0;
    for (const QToolButton* b : buttons_) {
        buttonsWidth += b->sizeHint().width() + 4;
        buttonHeight = std::max(buttonHeight, b->sizeHint().height());
    }
    // Side by side when the strip keeps room for its four states; on a narrow
    // view the buttons get a row of their own under the strip.
    const bool stacked = width() - 24 - buttonsWidth < kMinStripWidth;
    const int buttonRow = stacked ? buttonHeight + 6 : 0;
    bottomHeight_ = kStripHeight + buttonRow;
    int x = width() - 8;
    const int y = stacked ? height() - buttonRow / 2 : height() - kStripHeight / 2;
    for (int i = int(buttons_.size()) - 1; i >= 0; --i) {
        QToolButton* b = buttons_[i];
        const QSize s = b->sizeHint();
        x -= s.width();
        b->setGeometry(x, y - s.height() / 2 + (stacked ? 0 : 4), s.width(), s.height());
        x -= 4;
    }
    const int stripRight = stacked ? width() - 8 : x;
    lifeArea_ = QRectF(8, height() - bottomHeight_, std::max(120, stripRight - 16), kStripHeight - 4);
}

void StateMachineView::layoutGraph() {
    graphArea_ = QRectF(8, 22, width() - 16, height() - bottomHeight_ - 30);
    QFont small = font();  // as paintLifecycle() draws the labels
    small.setPointSizeF(small.pointSizeF() * 0.9);
    const QFontMetricsF fm(small);
    double widest = 0;
    for (int i = 0; i < kLifecycleCount; ++i)
        widest = std::max(widest, fm.horizontalAdvance(lifecycleLabel(static_cast<Lifecycle>(i))));
    geo_.layout(graphArea_, lifeArea_, widest + 12);
}

void StateMachineView::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return QWidget::mousePressEvent(event);
    const auto state = geo_.stateAt(event->position());
    if (state) setCurrentItem(stateItem(*state));
    clickState(state);
    update();
}

bool StateMachineView::event(QEvent* event) {
    // While the view has focus its keys are its own, not the window's
    // shortcuts (End is "follow newest").
    if (event->type() == QEvent::ShortcutOverride) {
        const auto* key = static_cast<QKeyEvent*>(event);
        const bool plain = (key->modifiers() & ~Qt::KeypadModifier) == Qt::NoModifier;
        switch (key->key()) {
            case Qt::Key_Left:
            case Qt::Key_Right:
            case Qt::Key_Up:
            case Qt::Key_Down:
            case Qt::Key_Home:
            case Qt::Key_End:
            case Qt::Key_Return:
            case Qt::Key_Enter:
                if (plain) {
                    event->accept();
                    return true;
                }
                break;
            case Qt::Key_Escape:  // only while there is a selection to clear
                if (plain && selected_) {
                    event->accept();
                    return true;
                }
                break;
            default:
                break;
        }
    }
    return QWidget::event(event);
}

void StateMachineView::keyPressEvent(QKeyEvent* event) {
    if ((event->modifiers() & ~Qt::KeypadModifier) != Qt::NoModifier)
        return QWidget::keyPressEvent(event);
    const int from = current_ < 0 ? 0 : current_;
    switch (event->key()) {
        case Qt::Key_Right:
        case Qt::Key_Down:
            setCurrentItem(current_ < 0 ? 0 : std::min(from + 1, kItemCount - 1));
            break;
        case Qt::Key_Left:
        case Qt::Key_Up:
            setCurrentItem(std::max(from - 1, 0));
            break;
        case Qt::Key_Home:
            setCurrentItem(0);
            break;
        case Qt::Key_End:
            setCurrentItem(kItemCount - 1);
            break;
        case Qt::Key_Return:
        case Qt::Key_Enter:
            activateItem(from);
            break;
        case Qt::Key_Escape:
            if (!selected_) return QWidget::keyPressEvent(event);
            clickState(std::nullopt);
            break;
        default:
            return QWidget::keyPressEvent(event);
    }
    event->accept();
}

void StateMachineView::focusInEvent(QFocusEvent* event) {
    QWidget::focusInEvent(event);
    if (current_ < 0) current_ = selected_ ? stateItem(*selected_) : 0;
    announceCurrent(true);
    update();
}

void StateMachineView::focusOutEvent(QFocusEvent* event) {
    QWidget::focusOutEvent(event);
    update();
}

void StateMachineView::mouseMoveEvent(QMouseEvent* event) {
    const auto state = geo_.stateAt(event->position());
    setCursor(state ? Qt::PointingHandCursor : Qt::ArrowCursor);
    setToolTip(toolTipAt(event->position()));
}

QString StateMachineView::toolTipAt(const QPointF& pos) const {
    if (const auto state = geo_.stateAt(pos)) {
        QString tip = tr("Show the connections in %1").arg(connStateLabel(*state));
        if (countText(*state) == QLatin1String("?"))
            tip += QLatin1Char('\n') + tr("This source does not report how many connections are in %1.")
                                           .arg(connStateLabel(*state));
        return tip;
    }
    QPainterPathStroker stroker;
    stroker.setWidth(10);
    for (int e = 0; e < kConnEdgeCount; ++e) {
        if (edgeKnown(e) || geo_.edge(e).isEmpty() || !stroker.createStroke(geo_.edge(e)).contains(pos)) continue;
        const QString from = connStateLabel(kConnEdges[size_t(e)].from), to = connStateLabel(kConnEdges[size_t(e)].to);
        if (!transitionsReported())
            return tr("This source does not report transitions: the %1 → %2 count is unknown.").arg(from, to);
        return tr("Written before new connections were counted: the %1 → %2 count is unknown.").arg(from, to);
    }
    return {};
}

void StateMachineView::contextMenuEvent(QContextMenuEvent* event) {
    QMenu menu(this);
    for (int i = 0; i < 4; ++i) {
        QAction* a = menu.addAction(buttons_[i]->text());
        a->setEnabled(buttons_[i]->isEnabled());
        const QString action = QString::fromLatin1(kActions[i]);
        connect(a, &QAction::triggered, this, [this, action] { emit lifecycleActionRequested(action); });
    }
    menu.exec(event->globalPos());
}

QString StateMachineView::countText(ConnState s) const {
    if (!hasSnapshot_) return tr("–");
    static constexpr Figure kFigure[] = {Figure::Idle, Figure::Allocating, Figure::InUse,
                                         Figure::Returning, Figure::Destroyed};
    if (!snapshot_.reported.has(kFigure[static_cast<int>(s)])) return QStringLiteral("?");
    const PoolCounts& c = snapshot_.counts;
    switch (s) {
        case ConnState::Idle: return QString::number(c.idle);
        case ConnState::Allocating: return QString::number(c.allocating);
        case ConnState::InUse: return QString::number(c.inUse);
        case ConnState::Returning: return QString::number(c.returning);
        case ConnState::Destroyed: return tr("%1 total").arg(snapshot_.totals.destroyed);
    }
    return {};
}

void StateMachineView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Base));
    p.setRenderHint(QPainter::Antialiasing);
    const qint64 now = clock_.elapsed();
    paintFocusHalo(p);
    paintEdges(p, now);
    paintIllegal(p, now);
    paintNodes(p, now);
    paintLifecycle(p);
    paintFocus(p);

    const QColor text = palette().color(QPalette::Text);
    p.setPen(text);
    p.drawText(QRectF(10, 2, width() - 20, 20), Qt::AlignLeft | Qt::AlignVCenter, headText());
    if (hasSnapshot_ && snapshot_.totals.illegalTransitions > 0) {
        QFont f = p.font();
        f.setBold(illegalFlashMs_ >= 0);
        p.setFont(f);
        p.setPen(kIllegal);
        p.drawText(QRectF(10, 2, width() - 20, 20), Qt::AlignRight | Qt::AlignVCenter,
                   tr("illegal transitions refused: %1").arg(snapshot_.totals.illegalTransitions));
    }
}

QString StateMachineView::headText() const {
    if (!hasSnapshot_) return tr("no pool yet");
    return tr("pool %1").arg(QString::fromStdString(snapshot_.pool)) +
           (snapshot_.reported.has(Figure::Waiting)
                ? tr("  ·  %1 waiting").arg(snapshot_.counts.waiting)
                : tr("  ·  waiting: not reported by this source"));
}

QString StateMachineView::summaryText() const {
    if (!hasSnapshot_) return headText();
    QString text = headText() + QStringLiteral("  ·  ") +
                   (snapshot_.reported.has(Figure::Lifecycle)
                        ? tr("pool state: %1").arg(lifecycleLabel(snapshot_.lifecycle))
                        : tr("pool state: not reported by this source"));
    if (snapshot_.totals.illegalTransitions > 0)
        text += QStringLiteral("  ·  ") +
                tr("illegal transitions refused: %1").arg(snapshot_.totals.illegalTransitions);
    // Said, not drawn: a pause rather than a middle dot between the parts.
    return text.replace(QStringLiteral("  ·  "), QStringLiteral("; "));
}

void StateMachineView::paintArrow(QPainter& p, const QPainterPath& path, const QColor& color,
                                  double width, Qt::PenStyle style) {
    if (path.isEmpty()) return;
    p.strokePath(path, QPen(color, width, style, Qt::RoundCap, Qt::RoundJoin));
    const QPointF tip = path.pointAtPercent(1.0);
    const double a = path.angleAtPercent(0.99) * M_PI / 180.0;
    const QPointF dir(std::cos(a), -std::sin(a)), normal(-dir.y(), dir.x());
    const double len = 7 + width * 1.5, half = 3.5 + width;
    QPainterPath head;
    head.moveTo(tip + dir * 2);
    head.lineTo(tip - dir * len + normal * half);
    head.lineTo(tip - dir * len - normal * half);
    head.closeSubpath();
    p.fillPath(head, color);
}

void StateMachineView::paintEdges(QPainter& p, qint64 now) {
    const QColor text = palette().color(QPalette::Text);
    QColor idle = text;
    idle.setAlpha(70);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    p.setFont(small);
    if (!transitionsReported()) {
        // Unknown, not idle: greyed dashes, no rate, no dots.
        QColor unknown = text;
        unknown.setAlpha(45);
        for (int e = 0; e < kConnEdgeCount; ++e) paintArrow(p, geo_.edge(e), unknown, 1.2, Qt::DashLine);
        QColor note = text;
        note.setAlpha(140);
        p.setPen(note);
        p.drawText(QRectF(graphArea_.left(), graphArea_.bottom() - 16, graphArea_.width(), 16),
                   Qt::AlignHCenter | Qt::AlignBottom, tr("transitions: not reported by this source"));
        p.setFont(font());
        return;
    }
    QColor unknown = text;
    unknown.setAlpha(45);
    for (int e = 0; e < kConnEdgeCount; ++e) {
        if (!edgeKnown(e)) {
            paintArrow(p, geo_.edge(e), unknown, 1.2, Qt::DashLine);
            const QPointF at = geo_.edgeLabel(e);
            p.setPen(idle);
            p.drawText(QRectF(at.x() - 30, at.y() - 8, 60, 16), Qt::AlignCenter, QStringLiteral("?"));
            continue;
        }
        const double rate = rates_[size_t(e)];
        QColor c = rate > 0 ? stateColor(kConnEdges[size_t(e)].to) : idle;
        const double width = rate > 0 ? 1.4 + std::min(3.0, std::log10(1 + rate)) : 1.2;
        paintArrow(p, geo_.edge(e), c, width);
        const QString label = rateText(rate);
        const QPointF at = geo_.edgeLabel(e);
        const QRectF box(at.x() - 30, at.y() - 8, 60, 16);
        p.setPen(rate > 0 ? text : idle);
        p.drawText(box, Qt::AlignCenter, label);
    }
    p.setFont(font());
    for (const Dot& d : dots_) {
        if (now < d.startMs) continue;
        const double t = std::min(1.0, double(now - d.startMs) / kDotMs);
        if (geo_.edge(d.edge).isEmpty()) continue;
        const QPointF pos = geo_.pointOnEdge(d.edge, t);
        p.setPen(Qt::NoPen);
        p.setBrush(stateColor(kConnEdges[size_t(d.edge)].to).darker(115));
        p.drawEllipse(pos, 4.5, 4.5);
    }
}

void StateMachineView::paintIllegal(QPainter& p, qint64 now) {
    for (const Flash& f : flashes_) {
        const double fade = 1.0 - double(now - f.startMs) / kFlashMs;
        if (fade <= 0) continue;
        QColor c = kIllegal;
        c.setAlphaF(float(0.25 + 0.75 * fade));
        QPainterPath path = geo_.illegalPath(f.from, f.to);
        if (f.from == f.to) {  // a self-loop (e.g. a double release seen as IN_USE→IN_USE)
            const QRectF r = geo_.node(f.from);
            path = QPainterPath();
            path.moveTo(r.right() - 12, r.top());
            path.cubicTo(r.right() - 6, r.top() - 28, r.right() + 24, r.top() - 8, r.right(), r.top() + 10);
        }
        p.strokePath(path, QPen(c, 2.5, Qt::DashLine));
        paintArrow(p, QPainterPath(path), c, 0.1);
        if (!path.isEmpty()) {
            p.setPen(c);
            const QPointF mid = path.pointAtPercent(0.5);
            p.drawText(QRectF(mid.x() - 50, mid.y() - 20, 100, 16), Qt::AlignCenter, tr("illegal"));
        }
    }
}

void StateMachineView::paintNodes(QPainter& p, qint64 now) {
    const QColor base = palette().color(QPalette::Base), text = palette().color(QPalette::Text);
    const QColor highlight = palette().color(QPalette::Highlight);
    QFont bold = font();
    bold.setBold(true);
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.45);
    big.setBold(true);
    for (int i = 0; i < kConnStateCount; ++i) {
        const auto s = static_cast<ConnState>(i);
        const QRectF r = geo_.node(s);
        const QColor c = stateColor(s);
        QColor fill = c;
        fill.setAlpha(base.lightness() > 128 ? 40 : 70);
        bool flashing = false;
        for (const Flash& f : flashes_)
            flashing |= (f.from == s || f.to == s) && now - f.startMs < kFlashMs;
        p.setBrush(base);
        p.setPen(Qt::NoPen);
        p.drawRoundedRect(r, 8, 8);
        p.setBrush(fill);
        const bool selected = selected_ == s;
        p.setPen(QPen(flashing ? kIllegal : selected ? highlight : c, selected || flashing ? 3 : 1.5));
        p.drawRoundedRect(r, 8, 8);
        const QRectF top(r.left(), r.top() + 3, r.width(), r.height() * 0.42);
        const QRectF bottom(r.left(), top.bottom(), r.width(), r.bottom() - top.bottom() - 3);
        p.setPen(text);
        p.setFont(bold);
        p.drawText(top, Qt::AlignCenter, connStateLabel(s));
        p.setFont(s == ConnState::Destroyed ? bold : big);
        p.drawText(bottom, Qt::AlignCenter, countText(s));
    }
    p.setFont(font());
}

QRectF StateMachineView::lifecycleRect(Lifecycle state) const { return geo_.lifecycleNode(state); }

void StateMachineView::paintFocusHalo(QPainter& p) {
    // A focused transition: a halo under its arrow (the arrow and its rate
    // stay drawn on top), and paintFocus() rings its rate.
    if (!hasFocus() || current_ < kConnStateCount) return;
    QColor halo = palette().color(QPalette::Highlight);
    halo.setAlpha(70);
    p.strokePath(geo_.edge(current_ - kConnStateCount),
                 QPen(halo, 10, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
}

void StateMachineView::paintFocus(QPainter& p) {
    if (!hasFocus() || current_ < 0) return;
    const QColor highlight = palette().color(QPalette::Highlight);
    const QRectF r = itemRect(current_);
    if (r.isEmpty()) return;
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(highlight, 2, Qt::DashLine));
    p.drawRoundedRect(r.adjusted(-4, -4, 4, 4), 10, 10);
}

void StateMachineView::paintLifecycle(QPainter& p) {
    const QColor text = palette().color(QPalette::Text), base = palette().color(QPalette::Base);
    const QColor highlight = palette().color(QPalette::Highlight);
    QColor line = text;
    line.setAlpha(50);
    p.setPen(QPen(line, 1));
    p.drawLine(QPointF(8, lifeArea_.top() - 2), QPointF(width() - 8, lifeArea_.top() - 2));
    QColor edge = text;
    edge.setAlpha(110);
    // A source that does not report the lifecycle has no current state here.
    const bool known = hasSnapshot_ && snapshot_.reported.has(Figure::Lifecycle);
    for (size_t e = 0; e < kLifecycleEdges.size(); ++e) {
        const bool fromCurrent = known && kLifecycleEdges[e].from == snapshot_.lifecycle;
        paintArrow(p, geo_.lifecycleEdge(int(e)), fromCurrent ? highlight : edge, 1.1);
    }
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    p.setFont(small);
    for (int i = 0; i < kLifecycleCount; ++i) {
        const auto s = static_cast<Lifecycle>(i);
        const QRectF r = geo_.lifecycleNode(s);
        const bool current = known && s == snapshot_.lifecycle;
        p.setPen(QPen(current ? highlight : edge, current ? 2 : 1));
        p.setBrush(current ? highlight : base);
        p.drawRoundedRect(r, 5, 5);
        p.setPen(current ? palette().color(QPalette::HighlightedText) : text);
        p.drawText(r, Qt::AlignCenter, lifecycleLabel(s));
    }
    if (hasSnapshot_ && !known) {
        QColor note = text;
        note.setAlpha(140);
        p.setPen(note);
        p.drawText(QRectF(lifeArea_.left(), lifeArea_.bottom() - 14, lifeArea_.width(), 14),
                   Qt::AlignLeft | Qt::AlignVCenter, tr("pool state: not reported by this source"));
    }
    p.setFont(font());
}

}  // namespace poolscope
