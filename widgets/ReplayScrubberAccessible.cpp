#include "widgets/ReplayScrubberAccessible.h"

#include <cmath>

#include "widgets/ReplayScrubber.h"

namespace poolscope {

ReplayScrubberAccessible::ReplayScrubberAccessible(ReplayScrubber* scrubber)
    : QAccessibleWidget(scrubber, QAccessible::Slider) {}

ReplayScrubber* ReplayScrubberAccessible::scrubber() const {
    return static_cast<ReplayScrubber*>(widget());
}

QString ReplayScrubberAccessible::text(QAccessible::Text t) const {
    if (t == QAccessible::Value) return scrubber()->positionText();
    return QAccessibleWidget::text(t);
}

void* ReplayScrubberAccessible::interface_cast(QAccessible::InterfaceType type) {
    if (type == QAccessible::ValueInterface) return static_cast<QAccessibleValueInterface*>(this);
    return QAccessibleWidget::interface_cast(type);
}

QVariant ReplayScrubberAccessible::currentValue() const {
    return double(scrubber()->position() - scrubber()->startMs()) / 1000.0;
}

void ReplayScrubberAccessible::setCurrentValue(const QVariant& value) {
    bool ok = false;
    const double s = value.toDouble(&ok);
    if (ok && std::isfinite(s)) scrubber()->seek(scrubber()->startMs() + std::llround(s * 1000.0));
}

QVariant ReplayScrubberAccessible::maximumValue() const {
    return double(scrubber()->endMs() - scrubber()->startMs()) / 1000.0;
}

QVariant ReplayScrubberAccessible::minimumValue() const { return 0.0; }

QVariant ReplayScrubberAccessible::minimumStepSize() const {
    return double(scrubber()->singleStepMs()) / 1000.0;
}

}  // namespace poolscope
