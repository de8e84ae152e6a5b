#include "widgets/StateMachineGeometry.h"

#include <QLineF>
#include <algorithm>
#include <cmath>
#include <functional>
#include <numbers>

namespace poolscope {

namespace {

// The birth edge (out of DESTROYED, the free slot) starts a new connection
// rather than moving one along the cycle: the layout ignores it, so DESTROYED
// stays in the middle, where every close points, and births run from it.
bool hasOutgoing(ConnState s) {
    return std::any_of(kConnEdges.begin(), kConnEdges.end(),
                       [s](const ConnEdge& e) { return e.from == s && !isBirth(e); });
}

bool hasEdge(ConnState a, ConnState b) {
    const int i = connEdgeIndex(a, b);
    return i >= 0 && !isBirth(kConnEdges[static_cast<size_t>(i)]);
}

/// Point on an ellipse of centre c and radii (rx, ry) at angle a (screen
/// coordinates: a = pi is the left, 3pi/2 the top).
QPointF onEllipse(QPointF c, double rx, double ry, double a) {
    return {c.x() + rx * std::cos(a), c.y() + ry * std::sin(a)};
}

}  // namespace

std::vector<ConnState> StateMachineGeometry::sinks() {
    std::vector<ConnState> out;
    for (int i = 0; i < kConnStateCount; ++i)
        if (!hasOutgoing(static_cast<ConnState>(i))) out.push_back(static_cast<ConnState>(i));
    return out;
}

std::vector<ConnState> StateMachineGeometry::ring() {
    std::vector<ConnState> states;
    for (int i = 0; i < kConnStateCount; ++i)
        if (hasOutgoing(static_cast<ConnState>(i))) states.push_back(static_cast<ConnState>(i));
    if (states.empty()) return states;
    // Longest simple cycle back to the first state (a handful of states: DFS).
    std::vector<ConnState> path{states.front()}, best;
    std::function<void()> dfs = [&] {
        for (ConnState next : states) {
            if (hasEdge(path.back(), next) && next == path.front() && path.size() > best.size())
                best = path;
            if (std::find(path.begin(), path.end(), next) != path.end()) continue;
            if (!hasEdge(path.back(), next)) continue;
            path.push_back(next);
            dfs();
            path.pop_back();
        }
    };
    dfs();
    // States left off the cycle still get a place on the ring, after it.
    if (best.empty()) best.push_back(states.front());
    for (ConnState s : states)
        if (std::find(best.begin(), best.end(), s) == best.end()) best.push_back(s);
    return best;
}

QPainterPath StateMachineGeometry::clipped(const std::vector<QPointF>& points, ConnState from,
                                           ConnState to) const {
    const QRectF a = node(from).adjusted(-3, -3, 3, 3), b = node(to).adjusted(-5, -5, 5, 5);
    size_t first = 0, last = points.size();
    while (first + 1 < last && a.contains(points[first])) ++first;
    while (last > first + 1 && b.contains(points[last - 1])) --last;
    QPainterPath path;
    if (last - first < 2) return path;
    path.moveTo(points[first]);
    for (size_t i = first + 1; i < last; ++i) path.lineTo(points[i]);
    return path;
}

QPainterPath StateMachineGeometry::illegalPath(ConnState from, ConnState to) const {
    std::vector<QPointF> pts;
    const QPointF a = node(from).center(), b = node(to).center();
    const QLineF normal = QLineF(a, b).normalVector().unitVector();
    const QPointF control =
        (a + b) / 2 + (normal.p2() - normal.p1()) * (0.35 * QLineF(a, b).length() + node(from).height());
    for (int i = 0; i <= 64; ++i) {
        const double u = i / 64.0;
        pts.push_back((1 - u) * (1 - u) * a + 2 * u * (1 - u) * control + u * u * b);
    }
    return clipped(pts, from, to);
}

void StateMachineGeometry::layout(const QRectF& graph, const QRectF& strip, double minLifecycleWidth) {
    constexpr double pi = std::numbers::pi;
    const std::vector<ConnState> order = ring(), middle = sinks();
    const double w = std::clamp(graph.width() / 5.5, 84.0, 150.0);
    const double h = std::clamp(graph.height() / 6.0, 40.0, 58.0);
    const QPointF c = graph.center();
    // Leave room left of the ring for chords that run outside it.
    const double rx = std::max(40.0, graph.width() / 2 - w - 28);
    const double ry = std::max(30.0, graph.height() / 2 - h / 2 - 16);
    const size_t n = order.size();
    std::array<double, kConnStateCount> angle{};
    for (size_t k = 0; k < n; ++k) {
        const auto s = static_cast<size_t>(order[k]);
        angle[s] = pi + 2 * pi * double(k) / double(n);
        const QPointF p = onEllipse(c, rx, ry, angle[s]);
        nodes_[s] = QRectF(p.x() - w / 2, p.y() - h / 2, w, h);
    }
    for (size_t k = 0; k < middle.size(); ++k) {
        const double dx = (double(k) - (middle.size() - 1) / 2.0) * (w + 12);
        nodes_[static_cast<size_t>(middle[k])] = QRectF(c.x() + dx - w / 2, c.y() - h / 2, w, h);
    }
    auto ringIndex = [&](ConnState s) -> int {
        auto it = std::find(order.begin(), order.end(), s);
        return it == order.end() ? -1 : int(it - order.begin());
    };

    for (int e = 0; e < kConnEdgeCount; ++e) {
        const ConnEdge edge = kConnEdges[static_cast<size_t>(e)];
        const int i = ringIndex(edge.from), j = ringIndex(edge.to);
        std::vector<QPointF> pts;
        QPointF outward;  // direction the label moves off the line
        if (i >= 0 && j >= 0) {
            // Along the ring in the cycle's direction: neighbours follow the
            // ellipse; longer hops bulge outside it, clear of the boxes between.
            const int hops = (j - i + int(n)) % int(n);
            const double a0 = angle[size_t(edge.from)];
            const double a1 = a0 + 2 * pi * hops / double(n);
            const double bulge = hops == 1 ? 0.0 : w / 2 + 26;
            for (int t = 0; t <= 96; ++t) {
                const double u = t / 96.0, a = a0 + (a1 - a0) * u, out = bulge * std::sin(pi * u);
                pts.push_back(onEllipse(c, rx + out, ry + out * 0.6, a));
            }
            const QPointF mid = pts[pts.size() / 2];
            outward = mid - c;
        } else {
            const QPointF a = node(edge.from).center(), b = node(edge.to).center();
            // A pair of opposite edges would overlap: shift each to its right.
            QPointF shift;
            if (isLegal(edge.to, edge.from)) {
                const QLineF normal = QLineF(a, b).normalVector().unitVector();
                shift = (normal.p2() - normal.p1()) * 6;
            }
            for (int t = 0; t <= 64; ++t) pts.push_back(a + (b - a) * (t / 64.0) + shift);
            const QLineF normal = QLineF(a, b).normalVector().unitVector();
            outward = normal.p2() - normal.p1();
        }
        edges_[size_t(e)] = clipped(pts, edge.from, edge.to);
        for (int i = 0; i <= kEdgeSamples; ++i)
            samples_[size_t(e)][size_t(i)] =
                edges_[size_t(e)].isEmpty() ? QPointF() : edges_[size_t(e)].pointAtPercent(double(i) / kEdgeSamples);
        const double len = std::hypot(outward.x(), outward.y());
        const QPointF unit = len > 0 ? outward / len : QPointF(0, -1);
        labels_[size_t(e)] = edges_[size_t(e)].pointAtPercent(0.5) + unit * 13;
    }

    // Lifecycle: states left to right in the table's enum order.
    const double lw = std::max(minLifecycleWidth, std::clamp(strip.width() / (kLifecycleCount * 1.6), 70.0, 118.0));
    const double lh = std::min(24.0, strip.height() - 20);
    const double gap = (strip.width() - lw * kLifecycleCount) / kLifecycleCount;
    const double y = strip.center().y() + 6 - lh / 2;
    for (int i = 0; i < kLifecycleCount; ++i)
        lifeNodes_[size_t(i)] = QRectF(strip.left() + gap / 2 + i * (lw + gap), y, lw, lh);
    for (size_t e = 0; e < kLifecycleEdges.size(); ++e) {
        const auto from = static_cast<int>(kLifecycleEdges[e].from), to = static_cast<int>(kLifecycleEdges[e].to);
        const QRectF a = lifeNodes_[size_t(from)], b = lifeNodes_[size_t(to)];
        const bool forward = to > from;
        QPainterPath path;
        if (std::abs(to - from) == 1) {
            const bool pair = isLegal(kLifecycleEdges[e].to, kLifecycleEdges[e].from);
            const double dy = pair ? (forward ? -5 : 5) : 0;
            const double ya = a.center().y() + dy;
            path.moveTo(forward ? a.right() + 2 : a.left() - 2, ya);
            path.lineTo(forward ? b.left() - 4 : b.right() + 4, ya);
        } else {
            // Skips over states: an arc above (forward) or below (backward).
            const double yy = forward ? a.top() : a.bottom();
            const double lift = forward ? -14 : 14;
            path.moveTo(a.center().x() + 10, yy - (forward ? 1 : -1));
            path.cubicTo(a.center().x() + 10, yy + lift, b.center().x() - 10, yy + lift,
                         b.center().x() - 10, yy - (forward ? 3 : -3));
        }
        lifeEdges_[e] = path;
    }
}

QPointF StateMachineGeometry::pointOnEdge(int index, double t) const {
    const auto& table = samples_[static_cast<size_t>(index)];
    const double x = std::clamp(t, 0.0, 1.0) * kEdgeSamples;
    const int i = std::min(static_cast<int>(x), kEdgeSamples - 1);
    const double f = x - i;
    return table[size_t(i)] * (1 - f) + table[size_t(i) + 1] * f;
}

std::optional<ConnState> StateMachineGeometry::stateAt(QPointF p) const {
    for (int i = 0; i < kConnStateCount; ++i)
        if (nodes_[size_t(i)].contains(p)) return static_cast<ConnState>(i);
    return std::nullopt;
}

}  // namespace poolscope
