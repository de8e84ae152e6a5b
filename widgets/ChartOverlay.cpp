#include "widgets/ChartOverlay.h"

#include <QChart>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>

namespace poolscope {

ChartOverlay::ChartOverlay(QChart* chart) : QGraphicsItem(chart), chart_(chart) {
    setZValue(1000);
    setAcceptedMouseButtons(Qt::NoButton);
    plotAreaChanged();
}

void ChartOverlay::setRange(qint64 fromMs, qint64 toMs) {
    if (fromMs == fromMs_ && toMs == toMs_) return;
    fromMs_ = fromMs;
    toMs_ = std::max(toMs, fromMs + 1);
    if (!markers_.isEmpty()) update();
}

void ChartOverlay::addMarker(const Marker& marker) {
    if (markers_.size() >= kMaxMarkers) markers_.removeFirst();
    markers_.append(marker);
    update();
}

void ChartOverlay::clearMarkers() {
    markers_.clear();
    update();
}

void ChartOverlay::setHover(qreal x, const QList<ReadoutLine>& lines) {
    hoverX_ = x;
    hoverLines_ = lines;
    update();
}

void ChartOverlay::clearHover() {
    if (hoverLines_.isEmpty()) return;
    hoverLines_.clear();
    hoverX_ = -1;
    update();
}

void ChartOverlay::setTextColor(const QColor& text, const QColor& background) {
    text_ = text;
    background_ = background;
    update();
}

void ChartOverlay::setNote(const QString& note) {
    if (note == note_) return;
    note_ = note;
    update();
}

void ChartOverlay::plotAreaChanged() {
    prepareGeometryChange();
    bounds_ = chart_->rect();
}

QRectF ChartOverlay::boundingRect() const { return bounds_; }

qreal ChartOverlay::xOf(qint64 tMs) const {
    const QRectF plot = chart_->plotArea();
    return plot.left() + plot.width() * double(tMs - fromMs_) / double(toMs_ - fromMs_);
}

void ChartOverlay::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
    const QRectF plot = chart_->plotArea();
    if (plot.isEmpty()) return;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    paintNote(painter, plot);
    paintMarkers(painter, plot);
    paintHover(painter, plot);
    painter->restore();
}

void ChartOverlay::paintMarkers(QPainter* p, const QRectF& plot) const {
    QFont font = p->font();
    font.setPointSizeF(font.pointSizeF() * 0.85);
    p->setFont(font);
    const QFontMetricsF fm(font);
    // Labels of markers close in time would print over each other: each goes
    // to the first of a few rows where it overlaps none placed before; with
    // no free row it is left out (its line and flag stay).
    constexpr int kLabelRows = 3;
    QList<QRectF> placed;
    for (const Marker& m : markers_) {
        if (m.tMs < fromMs_ || m.tMs > toMs_) continue;
        const qreal x = xOf(m.tMs);
        QColor line = m.color;
        line.setAlpha(170);
        p->setPen(QPen(line, 1, Qt::DashLine));
        p->drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        // A small flag on the time axis, the text beside the line's top.
        QPainterPath flag;
        flag.moveTo(x, plot.bottom());
        flag.lineTo(x - 5, plot.bottom() + 7);
        flag.lineTo(x + 5, plot.bottom() + 7);
        flag.closeSubpath();
        p->fillPath(flag, m.color);
        if (!m.text.isEmpty()) {
            const QString text = fm.elidedText(m.text, Qt::ElideRight, 160);
            const qreal w = fm.horizontalAdvance(text) + 6;
            const qreal left = x + 3 + w > plot.right() ? x - 3 - w : x + 3;
            QRectF box(left, plot.top() + 2, w, fm.height() + 2);
            int row = 0;
            const auto overlaps = [&] {
                return std::any_of(placed.begin(), placed.end(), [&](const QRectF& r) { return r.intersects(box); });
            };
            while (row < kLabelRows && overlaps()) {
                ++row;
                box.moveTop(plot.top() + 2 + row * (fm.height() + 3));
            }
            if (row == kLabelRows) continue;
            placed.append(box);
            QColor bg = background_;
            bg.setAlpha(200);
            p->fillRect(box, bg);
            p->setPen(m.color);
            p->drawText(box, Qt::AlignCenter, text);
        }
    }
}

void ChartOverlay::paintNote(QPainter* p, const QRectF& plot) const {
    if (note_.isEmpty()) return;
    p->save();
    QFont font = p->font();
    font.setItalic(true);
    p->setFont(font);
    const QFontMetricsF fm(font);
    const QString text = fm.elidedText(note_, Qt::ElideRight, plot.width() - 12);
    const qreal w = fm.horizontalAdvance(text) + 12;
    const QRectF box(plot.center().x() - w / 2, plot.bottom() - fm.height() - 8, w, fm.height() + 4);
    QColor bg = background_;
    bg.setAlpha(90);  // the lines under it stay visible
    p->fillRect(box, bg);
    QColor pen = text_;
    pen.setAlpha(170);
    p->setPen(pen);
    p->drawText(box, Qt::AlignCenter, text);
    p->restore();
}

void ChartOverlay::paintHover(QPainter* p, const QRectF& plot) const {
    if (hoverLines_.isEmpty() || hoverX_ < plot.left() || hoverX_ > plot.right()) return;
    QColor cross = text_;
    cross.setAlpha(120);
    p->setPen(QPen(cross, 1));
    p->drawLine(QPointF(hoverX_, plot.top()), QPointF(hoverX_, plot.bottom()));

    const QFontMetricsF fm(p->font());
    const qreal swatch = 10, pad = 6, lineH = fm.height();
    qreal textW = 0;
    for (const ReadoutLine& l : hoverLines_) textW = std::max(textW, fm.horizontalAdvance(l.text));
    const qreal w = pad * 2 + swatch + 4 + textW;
    const qreal h = pad * 2 + lineH * hoverLines_.size();
    qreal left = hoverX_ + 12;
    if (left + w > plot.right()) left = hoverX_ - 12 - w;
    const QRectF box(std::max(left, plot.left()), plot.top() + 8, w, h);
    QColor bg = background_;
    bg.setAlpha(230);
    p->setPen(QPen(cross, 1));
    p->setBrush(bg);
    p->drawRoundedRect(box, 4, 4);
    qreal y = box.top() + pad;
    for (const ReadoutLine& l : hoverLines_) {
        const QRectF row(box.left() + pad, y, box.width() - 2 * pad, lineH);
        if (l.color.isValid()) {
            p->fillRect(QRectF(row.left(), row.center().y() - swatch / 2, swatch, swatch), l.color);
        }
        p->setPen(text_);
        p->drawText(row.adjusted(swatch + 4, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, l.text);
        y += lineH;
    }
}

}  // namespace poolscope
