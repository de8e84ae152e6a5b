#pragma once
// What assistive technology sees of a ReplayScrubber: a slider whose value is
// the position in seconds from the recording's start (0 … its length), read
// out as "10:00:05.200, 0:05.2 of 0:20.0"; setting the value seeks.

#include <QAccessibleWidget>

namespace poolscope {

class ReplayScrubber;

/// Created by accessibleViewFactory; owned by Qt's accessibility cache.
class ReplayScrubberAccessible : public QAccessibleWidget, public QAccessibleValueInterface {
public:
    explicit ReplayScrubberAccessible(ReplayScrubber* scrubber);

    QString text(QAccessible::Text t) const override;
    void* interface_cast(QAccessible::InterfaceType type) override;

    /// Seconds from the recording's start.
    QVariant currentValue() const override;
    void setCurrentValue(const QVariant& value) override;
    QVariant maximumValue() const override;
    QVariant minimumValue() const override;
    QVariant minimumStepSize() const override;

private:
    ReplayScrubber* scrubber() const;
};

}  // namespace poolscope
