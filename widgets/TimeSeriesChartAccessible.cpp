#include "widgets/TimeSeriesChartAccessible.h"

#include "widgets/TimeSeriesChart.h"

namespace poolscope {

TimeSeriesChartAccessible::TimeSeriesChartAccessible(TimeSeriesChart* chart)
    : QAccessibleWidget(chart, QAccessible::Chart) {}

QString TimeSeriesChartAccessible::text(QAccessible::Text t) const {
    if (t == QAccessible::Description && widget()->accessibleDescription().isEmpty())
        return static_cast<const TimeSeriesChart*>(widget())->summaryText();
    return QAccessibleWidget::text(t);
}

}  // namespace poolscope
