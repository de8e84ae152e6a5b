#include "widgets/ReplayScrubber.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPalette>
#include <algorithm>

namespace poolscope {

namespace {

constexpr int kMargin = 8;       // half the handle, so both ends stay clickable
constexpr int kGroove = 6;       // groove height
constexpr int kTick = 7;         // alert tick height above and below the groove

}  // namespace

ReplayScrubber::ReplayScrubber(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("replayScrubber"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setMouseTracking(false);
    setCursor(Qt::PointingHandCursor);
    setToolTip(tr("Click or drag to seek; shift-drag to select a loop range"));
}

QSize ReplayScrubber::sizeHint() const { return {400, 28}; }
QSize ReplayScrubber::minimumSizeHint() const { return {120, 28}; }

void ReplayScrubber::setRange(qint64 startMs, qint64 endMs) {
    startMs_ = startMs;
    endMs_ = std::max(startMs, endMs);
    update();
}

void ReplayScrubber::setPosition(qint64 tMs) {
    if (tMs == positionMs_) return;
    positionMs_ = tMs;
    update();
}

void ReplayScrubber::setMarkers(const QList<qint64>& times, const QList<QColor>& colors) {
    markers_.clear();
    for (qsizetype i = 0; i < times.size(); ++i)
        markers_.append({times[i], colors.value(i, palette().color(QPalette::Mid))});
    update();
}

int ReplayScrubber::markerX(int index) const {
    if (index < 0 || index >= markers_.size()) return -1;
    const qint64 t = markers_[index].tMs;
    if (t < startMs_ || t > endMs_) return -1;
    return xAt(t);
}

void ReplayScrubber::setLoopRange(std::optional<std::pair<qint64, qint64>> range) {
    loop_ = range;
    update();
}

int ReplayScrubber::left() const { return kMargin; }
int ReplayScrubber::right() const { return std::max(kMargin + 1, width() - kMargin); }

qint64 ReplayScrubber::timeAt(int x) const {
    const double f = std::clamp(static_cast<double>(x - left()) / (right() - left()), 0.0, 1.0);
    return startMs_ + static_cast<qint64>(f * static_cast<double>(endMs_ - startMs_) + 0.5);
}

int ReplayScrubber::xAt(qint64 tMs) const {
    if (endMs_ <= startMs_) return left();
    const double f = std::clamp(static_cast<double>(tMs - startMs_) / static_cast<double>(endMs_ - startMs_), 0.0, 1.0);
    return left() + static_cast<int>(f * (right() - left()) + 0.5);
}

void ReplayScrubber::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const int mid = height() / 2;
    const QRectF groove(left(), mid - kGroove / 2.0, right() - left(), kGroove);
    p.setPen(Qt::NoPen);
    p.setBrush(pal.color(QPalette::Mid));
    p.drawRoundedRect(groove, 3, 3);

    const auto shade = [&](qint64 a, qint64 b, QColor c) {
        c.setAlpha(90);
        p.fillRect(QRectF(xAt(a), 2, std::max(2, xAt(b) - xAt(a)), height() - 4), c);
    };
    if (loop_) shade(loop_->first, loop_->second, pal.color(QPalette::Highlight));
    if (drag_ == Drag::Select)
        shade(std::min(selectFromMs_, selectToMs_), std::max(selectFromMs_, selectToMs_), pal.color(QPalette::Link));

    if (endMs_ > startMs_) {
        QRectF played = groove;
        played.setRight(xAt(positionMs_));
        p.setBrush(pal.color(QPalette::Highlight));
        p.drawRoundedRect(played, 3, 3);
    }
    for (const Marker& m : std::as_const(markers_)) {
        if (m.tMs < startMs_ || m.tMs > endMs_) continue;
        p.setPen(QPen(m.color, 2));
        const int x = xAt(m.tMs);
        p.drawLine(x, mid - kGroove / 2 - kTick, x, mid + kGroove / 2 + kTick);
    }
    if (endMs_ > startMs_) {
        p.setPen(QPen(pal.color(QPalette::Shadow), 1));
        p.setBrush(pal.color(QPalette::Button));
        p.drawEllipse(QPointF(xAt(positionMs_), mid), kMargin - 1.5, kMargin - 1.5);
    }
}

void ReplayScrubber::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton || endMs_ <= startMs_) return QWidget::mousePressEvent(event);
    const qint64 t = timeAt(qRound(event->position().x()));
    if (event->modifiers() & Qt::ShiftModifier) {
        drag_ = Drag::Select;
        selectFromMs_ = selectToMs_ = t;
        update();
        return;
    }
    drag_ = Drag::Seek;
    emit seekRequested(t);
}

void ReplayScrubber::mouseMoveEvent(QMouseEvent* event) {
    const qint64 t = timeAt(qRound(event->position().x()));
    if (drag_ == Drag::Seek) {
        emit seekRequested(t);
    } else if (drag_ == Drag::Select) {
        selectToMs_ = t;
        update();
    }
}

void ReplayScrubber::mouseReleaseEvent(QMouseEvent* event) {
    if (drag_ == Drag::Select) {
        selectToMs_ = timeAt(qRound(event->position().x()));
        const qint64 a = std::min(selectFromMs_, selectToMs_);
        const qint64 b = std::max(selectFromMs_, selectToMs_);
        // A shift-click without a drag selects nothing.
        if (b > a) emit rangeSelected(a, b);
    }
    drag_ = Drag::None;
    update();
}

}  // namespace poolscope
