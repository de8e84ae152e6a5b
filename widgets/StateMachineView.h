#pragma once
// The connection state machine drawn from the core's own table (kConnEdges):
// the states as the cycle they form with live counts, arrows with per-second
// rates, recent transitions travelling along their arrows, illegal ones
// flashing red; the pool lifecycle (kLifecycleEdges) as a strip with actions.
// From the keyboard, the arrows move between the states and the transitions
// and Enter does what a click does; assistive technology reads each of them
// (StateMachineAccessible).

#include <QElapsedTimer>
#include <QList>
#include <QRectF>
#include <QTimer>
#include <QWidget>
#include <array>
#include <optional>
#include <vector>

#include "core/pool/ConnState.h"
#include "core/telemetry/Snapshot.h"
#include "core/telemetry/TransitionEvent.h"
#include "widgets/StateMachineGeometry.h"

QT_BEGIN_NAMESPACE
class QToolButton;
QT_END_NAMESPACE

namespace poolscope {

/// GUI thread only. Feed it snapshots and event batches (already on the GUI
/// thread); it repaints on its own ~40 ms animation timer, coalesced.
class StateMachineView : public QWidget {
    Q_OBJECT
public:
    explicit StateMachineView(QWidget* parent = nullptr);

    /// Counts, lifecycle and per-edge rates (from the change of the cumulative
    /// `transitions` since the previous snapshot of the same pool; a snapshot
    /// of another pool resets the rates).
    void setSnapshot(const poolscope::PoolSnapshot& snapshot);
    /// Animates recent transitions; illegal ones flash red. Large batches are
    /// thinned per edge (the counts stay exact: they come from snapshots).
    void addEvents(const std::vector<poolscope::TransitionEvent>& events);
    /// Whether the pool's source accepts lifecycle actions at all (a replay or
    /// an endpoint without a token does not); when not, every button is
    /// disabled and its tooltip says `why`.
    void setActionsAvailable(bool available, const QString& why = {});
    bool actionsAvailable() const { return actionsAvailable_; }
    /// Highlights a state (e.g. the connection table's filter); nullopt = none.
    void setSelectedState(std::optional<poolscope::ConnState> state);
    std::optional<poolscope::ConnState> selectedState() const { return selected_; }

    /// The items the keyboard and assistive technology move between: the
    /// states in ConnState order (0 … kConnStateCount - 1), then the
    /// transitions in kConnEdges order.
    static constexpr int kItemCount = kConnStateCount + kConnEdgeCount;
    /// Item index of a state, and of edge `index` of kConnEdges.
    static int stateItem(poolscope::ConnState state) { return static_cast<int>(state); }
    static int edgeItem(int index) { return kConnStateCount + index; }
    /// The item the keyboard is on, drawn with a focus ring while the view has
    /// focus: Left/Up and Right/Down move it, Home and End jump to the first
    /// and last, Enter activates it, Escape clears the selection. -1 until the
    /// view first gets focus (it then starts at the selected state, or IDLE).
    int currentItem() const { return current_; }
    void setCurrentItem(int item);
    /// What a click on the item does: a state becomes selected (stateClicked),
    /// or the selection is cleared when it already was (selectionCleared); a
    /// transition shows its rate and total as a tooltip.
    void activateItem(int item);
    /// What assistive technology reads for an item: "IN_USE: 4 connections",
    /// "IDLE → ALLOCATING: 2.5/s, 120 in total", "… not reported by this
    /// source" when the source does not say; empty for an invalid index.
    QString itemText(int item) const;
    /// Where an item is drawn (widget coordinates): a state's box, or the box
    /// around a transition's rate label; empty before the first layout.
    QRectF itemRect(int item) const;
    /// What the view shows besides its items, in words: "pool orders; 2
    /// waiting; pool state: STARTED" (and the illegal transitions refused, if
    /// any); the start of its accessible description.
    QString summaryText() const;

    /// Area of a state's box in widget coordinates (valid after a resize).
    QRectF stateRect(poolscope::ConnState state) const;
    /// Box of a lifecycle state in the strip.
    QRectF lifecycleRect(poolscope::Lifecycle state) const;
    /// The point at fraction t (0..1) along the arrow of edge `index`.
    QPointF edgePoint(int index, double t) const { return geo_.pointOnEdge(index, t); }
    /// Per-second rate last computed for edge `index` of kConnEdges.
    double edgeRate(int index) const;
    /// The count drawn in a state's box: live count, or the cumulative total
    /// for DESTROYED; "–" before the first snapshot; "?" when the source does
    /// not report that count (never a 0).
    QString countText(poolscope::ConnState state) const;
    /// Whether the current pool's source reports per-edge transition counters.
    /// When not, every edge is drawn greyed and dashed, without rates or
    /// travelling dots, and its tooltip says the source does not report them.
    bool transitionsReported() const { return !hasSnapshot_ || snapshot_.reported.has(Figure::Transitions); }
    /// Whether the counter of edge `e` (an index into kConnEdges) is known. A
    /// line written before births were counted knows every edge but the
    /// birth: that one alone is drawn greyed and dashed, marked "?".
    bool edgeKnown(int e) const { return !hasSnapshot_ || edgeReported(snapshot_.reported, size_t(e)); }
    /// The tooltip the view shows at `pos` (widget coordinates); empty when none.
    QString toolTipAt(const QPointF& pos) const;
    /// Transition dots travelling and illegal transitions flashing (tests).
    int activeDots() const { return static_cast<int>(dots_.size()); }
    int activeFlashes() const { return static_cast<int>(flashes_.size()); }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    /// The user clicked a state's box (or pressed Enter on it).
    void stateClicked(poolscope::ConnState state);
    /// The user clicked outside every state, or clicked the selected one again
    /// (or pressed Enter on it, or Escape).
    void selectionCleared();
    /// "suspend", "resume", "evict" or "close", from the buttons or the menu.
    void lifecycleActionRequested(const QString& action);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void focusInEvent(QFocusEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;
    bool event(QEvent* event) override;

private:
    struct Dot {
        int edge;
        qint64 startMs;
    };
    struct Flash {
        ConnState from, to;
        qint64 startMs;
    };
    void layoutGraph();
    void layoutButtons();
    void updateActions();
    void tick();
    void ensureTimer();
    void paintEdges(QPainter& p, qint64 now);
    void paintNodes(QPainter& p, qint64 now);
    void paintIllegal(QPainter& p, qint64 now);
    void paintLifecycle(QPainter& p);
    /// "pool orders  ·  2 waiting", drawn at the top left.
    QString headText() const;
    void paintFocusHalo(QPainter& p);
    void paintFocus(QPainter& p);
    /// Selects `state` (or clears the selection) as a click does, and says so.
    void clickState(std::optional<ConnState> state);
    /// Tells assistive technology that the current item, its text or the
    /// selection changed; the live text at most once a second.
    void announceCurrent(bool focusMoved);
    void announceSelection();
    void paintArrow(QPainter& p, const QPainterPath& path, const QColor& color, double width,
                    Qt::PenStyle style = Qt::SolidLine);

    PoolSnapshot snapshot_;
    bool hasSnapshot_ = false;
    std::array<double, kConnEdgeCount> rates_{};
    std::optional<ConnState> selected_;
    int current_ = -1;
    QString announced_;  // the current item's text as last announced
    qint64 announcedMs_ = -1'000'000;
    std::vector<Dot> dots_;
    std::vector<Flash> flashes_;
    qint64 illegalFlashMs_ = -1;

    StateMachineGeometry geo_;
    QRectF graphArea_, lifeArea_;
    int bottomHeight_ = 58;  // lifecycle strip, plus the buttons' row when stacked

    QElapsedTimer clock_;
    QTimer timer_;
    QList<QToolButton*> buttons_;  // suspend, resume, evict, close
    QStringList tips_;             // the buttons' own tooltips
    bool actionsAvailable_ = true;
};

}  // namespace poolscope
