#pragma once
// Where the state-machine view draws states and edges. Everything is derived
// from the core's tables (kConnEdges, kLifecycleEdges): the states that have
// outgoing edges form a ring in the order of the cycle found in the table,
// states without outgoing edges (DESTROYED, whose only one is the birth of a
// new connection) sit in the middle, edges between ring neighbours follow the
// ring, spokes go to and from the middle, and any other edge (a "chord" such
// as RETURNING→ALLOCATING) runs outside the ring.

#include <QPainterPath>
#include <QRectF>
#include <array>
#include <optional>
#include <vector>

#include "core/pool/ConnState.h"

namespace poolscope {

class StateMachineGeometry {
public:
    /// Recomputes every shape for a graph in `graph` and a lifecycle strip in
    /// `strip`, whose boxes are at least `minLifecycleWidth` wide (the widest
    /// label as drawn, so a narrow view never clips "TERMINATED").
    void layout(const QRectF& graph, const QRectF& strip, double minLifecycleWidth = 70);

    /// Box of a connection state.
    QRectF node(ConnState s) const { return nodes_[static_cast<size_t>(s)]; }
    /// Path of edge `index` of kConnEdges, from the border of one box to the other.
    const QPainterPath& edge(int index) const { return edges_[static_cast<size_t>(index)]; }
    /// The point at fraction `t` (0..1) of edge `index`'s length, for the
    /// animated dots. Interpolated in a table made by layout():
    /// QPainterPath::pointAtPercent measures the whole curve on every call,
    /// which cost about a tenth of the GUI thread with a few hundred dots.
    QPointF pointOnEdge(int index, double t) const;
    /// Samples per edge in that table.
    static constexpr int kEdgeSamples = 48;
    /// Where edge `index`'s rate label is centred.
    QPointF edgeLabel(int index) const { return labels_[static_cast<size_t>(index)]; }
    /// A path between two boxes for a transition outside the table: bowed to
    /// the right of the straight line so it does not run through the middle box.
    QPainterPath illegalPath(ConnState from, ConnState to) const;
    /// Box of a lifecycle state and path of edge `index` of kLifecycleEdges.
    QRectF lifecycleNode(Lifecycle s) const { return lifeNodes_[static_cast<size_t>(s)]; }
    const QPainterPath& lifecycleEdge(int index) const { return lifeEdges_[static_cast<size_t>(index)]; }
    /// The state whose box contains `p`, if any.
    std::optional<ConnState> stateAt(QPointF p) const;

    /// The ring: the longest cycle of kConnEdges (birth aside) through states
    /// that have outgoing edges, starting at the first such state (IDLE→ALLOCATING→IN_USE→RETURNING).
    static std::vector<ConnState> ring();
    /// States without outgoing edges other than the birth edge (DESTROYED).
    static std::vector<ConnState> sinks();

private:
    QPainterPath clipped(const std::vector<QPointF>& points, ConnState from, ConnState to) const;

    std::array<QRectF, kConnStateCount> nodes_{};
    std::array<QPainterPath, kConnEdgeCount> edges_{};
    std::array<QPointF, kConnEdgeCount> labels_{};
    std::array<std::array<QPointF, kEdgeSamples + 1>, kConnEdgeCount> samples_{};
    std::array<QRectF, kLifecycleCount> lifeNodes_{};
    std::array<QPainterPath, kLifecycleEdges.size()> lifeEdges_{};
};

}  // namespace poolscope
