#include "widgets/ReplayScrubber.h"

#include <QAccessible>
#include <QDateTime>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPalette>
#include <algorithm>
#include <cstdlib>

#include "widgets/AccessibleViews.h"

namespace poolscope {

namespace {

constexpr int kMargin = 8;       // half the handle, so both ends stay clickable
constexpr int kGroove = 6;       // groove height
constexpr int kTick = 7;         // alert tick height above and below the groove
constexpr qint64 kAnnounceMs = 1000;  // playback moves announced at most this often

}  // namespace

ReplayScrubber::ReplayScrubber(QWidget* parent) : QWidget(parent) {
    installAccessibleViews();
    setObjectName(QStringLiteral("replayScrubber"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setMouseTracking(false);
    setFocusPolicy(Qt::StrongFocus);
    setCursor(Qt::PointingHandCursor);
    setToolTip(tr("Click or drag to seek; shift-drag to select a loop range"));
    setAccessibleName(tr("Replay position"));
    setAccessibleDescription(
        tr("Left and Right step a hundredth of the recording, Page Up and Page Down "
           "a tenth, Home and End go to its start and end; shift-drag with the "
           "mouse to select a loop range"));
}

QSize ReplayScrubber::sizeHint() const { return {400, 28}; }
QSize ReplayScrubber::minimumSizeHint() const { return {120, 28}; }

void ReplayScrubber::setRange(qint64 startMs, qint64 endMs) {
    startMs_ = startMs;
    endMs_ = std::max(startMs, endMs);
    announcePosition(true);
    update();
}

void ReplayScrubber::setPosition(qint64 tMs) {
    if (tMs == positionMs_) return;
    positionMs_ = tMs;
    announcePosition(false);
    update();
}

void ReplayScrubber::seek(qint64 tMs) {
    if (endMs_ <= startMs_) return;
    const qint64 t = std::clamp(tMs, startMs_, endMs_);
    if (t != positionMs_) {
        positionMs_ = t;
        announcePosition(true);
        update();
    }
    emit seekRequested(t);
}

qint64 ReplayScrubber::singleStepMs() const {
    return std::max<qint64>(100, (endMs_ - startMs_) / 100);
}
qint64 ReplayScrubber::pageStepMs() const { return 10 * singleStepMs(); }

QString ReplayScrubber::durationText(qint64 ms) {
    const qint64 abs = std::llabs(ms);
    const qint64 tenths = (abs % 1000) / 100;
    const qint64 s = abs / 1000;
    QString text = s >= 3600 ? QStringLiteral("%1:%2:%3.%4")
                                   .arg(s / 3600)
                                   .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
                                   .arg(s % 60, 2, 10, QLatin1Char('0'))
                                   .arg(tenths)
                             : QStringLiteral("%1:%2.%3")
                                   .arg(s / 60)
                                   .arg(s % 60, 2, 10, QLatin1Char('0'))
                                   .arg(tenths);
    return ms < 0 ? QLatin1Char('-') + text : text;
}

QString ReplayScrubber::positionText() const {
    if (endMs_ <= startMs_) return tr("no recording");
    return tr("%1, %2 of %3")
        .arg(QDateTime::fromMSecsSinceEpoch(positionMs_).toString(QStringLiteral("HH:mm:ss.zzz")),
             durationText(positionMs_ - startMs_), durationText(endMs_ - startMs_));
}

void ReplayScrubber::announcePosition(bool now) {
    if (!QAccessible::isActive()) return;
    const qint64 wall = QDateTime::currentMSecsSinceEpoch();
    if (!now && wall - announcedMs_ < kAnnounceMs) return;
    announcedMs_ = wall;
    QAccessibleValueChangeEvent event(this, double(positionMs_ - startMs_) / 1000.0);
    QAccessible::updateAccessibility(&event);
}

bool ReplayScrubber::event(QEvent* event) {
    // While the scrubber has focus and a recording, these keys are its own,
    // not the window's shortcuts (End is "follow newest").
    if (event->type() == QEvent::ShortcutOverride && endMs_ > startMs_) {
        const auto* key = static_cast<QKeyEvent*>(event);
        const bool plain = (key->modifiers() & ~Qt::KeypadModifier) == Qt::NoModifier;
        switch (key->key()) {
            case Qt::Key_Left:
            case Qt::Key_Right:
            case Qt::Key_Up:
            case Qt::Key_Down:
            case Qt::Key_PageUp:
            case Qt::Key_PageDown:
            case Qt::Key_Home:
            case Qt::Key_End:
                if (plain) {
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

void ReplayScrubber::keyPressEvent(QKeyEvent* event) {
    if ((event->modifiers() & ~Qt::KeypadModifier) != Qt::NoModifier || endMs_ <= startMs_)
        return QWidget::keyPressEvent(event);
    switch (event->key()) {
        case Qt::Key_Left:
        case Qt::Key_Down:
            seek(positionMs_ - singleStepMs());
            break;
        case Qt::Key_Right:
        case Qt::Key_Up:
            seek(positionMs_ + singleStepMs());
            break;
        case Qt::Key_PageDown:
            seek(positionMs_ - pageStepMs());
            break;
        case Qt::Key_PageUp:
            seek(positionMs_ + pageStepMs());
            break;
        case Qt::Key_Home:
            seek(startMs_);
            break;
        case Qt::Key_End:
            seek(endMs_);
            break;
        default:
            return QWidget::keyPressEvent(event);
    }
    event->accept();
}

void ReplayScrubber::focusInEvent(QFocusEvent* event) {
    QWidget::focusInEvent(event);
    update();
}

void ReplayScrubber::focusOutEvent(QFocusEvent* event) {
    QWidget::focusOutEvent(event);
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
        const QPointF handle(xAt(positionMs_), mid);
        p.setPen(QPen(pal.color(QPalette::Shadow), 1));
        p.setBrush(pal.color(QPalette::Button));
        p.drawEllipse(handle, kMargin - 1.5, kMargin - 1.5);
        if (hasFocus()) {  // the keyboard is on the handle: ring it
            p.setPen(QPen(pal.color(QPalette::Highlight), 2));
            p.setBrush(Qt::NoBrush);
            p.drawEllipse(handle, kMargin - 0.5, kMargin - 0.5);
        }
    }
    if (hasFocus()) {
        QColor frame = pal.color(QPalette::Highlight);
        frame.setAlpha(160);
        p.setPen(QPen(frame, 1, Qt::DashLine));
        p.setBrush(Qt::NoBrush);
        p.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
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
