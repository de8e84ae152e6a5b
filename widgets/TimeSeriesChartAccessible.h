#pragma once
// What assistive technology sees of a TimeSeriesChart: a chart named by its
// title, described by its lines and their newest values (summaryText(),
// computed when asked, so a chart costs nothing while no one listens).

#include <QAccessibleWidget>

namespace poolscope {

class TimeSeriesChart;

/// Created by accessibleViewFactory; owned by Qt's accessibility cache.
class TimeSeriesChartAccessible : public QAccessibleWidget {
public:
    explicit TimeSeriesChartAccessible(TimeSeriesChart* chart);
    /// Description: the widget's own accessibleDescription when set, else
    /// TimeSeriesChart::summaryText().
    QString text(QAccessible::Text t) const override;
};

}  // namespace poolscope
