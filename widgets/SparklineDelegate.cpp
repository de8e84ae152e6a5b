#include "widgets/SparklineDelegate.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace poolscope {

SparklineDelegate::SparklineDelegate(int role, QObject* parent) : QStyledItemDelegate(parent), role_(role) {}

QSize SparklineDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const {
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    s.setWidth(std::max(s.width(), 90));
    return s;
}

void SparklineDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const {
    QStyledItemDelegate::paint(painter, option, index);  // background, selection, focus
    const QList<double> points = index.data(role_).value<QList<double>>();
    if (points.size() < 2) return;
    double top = 0;
    bool fractions = true;
    for (double v : points) {
        if (std::isnan(v)) continue;
        top = std::max(top, v);
        fractions = fractions && v <= 1.0;
    }
    if (fractions) top = 1.0;
    if (top <= 0) top = 1.0;
    const QRectF r = QRectF(option.rect).adjusted(3, 3, -3, -3);
    const double dx = r.width() / double(points.size() - 1);
    QPainterPath path;
    bool drawing = false;
    for (int i = 0; i < points.size(); ++i) {
        const double v = points[i];
        if (std::isnan(v)) {  // unknown: a gap, never a 0
            drawing = false;
            continue;
        }
        const QPointF p(r.left() + i * dx, r.bottom() - std::clamp(v / top, 0.0, 1.0) * r.height());
        if (drawing) path.lineTo(p);
        else path.moveTo(p);
        drawing = true;
    }
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const bool selected = option.state & QStyle::State_Selected;
    QColor line = selected ? option.palette.highlightedText().color() : option.palette.link().color();
    painter->setPen(QPen(line, 1.3));
    painter->drawPath(path);
    painter->restore();
}

}  // namespace poolscope
