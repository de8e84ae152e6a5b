#include "widgets/AccessibleViews.h"

#include <QAccessible>

#include "widgets/ReplayScrubber.h"
#include "widgets/ReplayScrubberAccessible.h"
#include "widgets/StateMachineAccessible.h"
#include "widgets/StateMachineView.h"
#include "widgets/TimeSeriesChart.h"
#include "widgets/TimeSeriesChartAccessible.h"

namespace poolscope {

QAccessibleInterface* accessibleViewFactory(const QString& className, QObject* object) {
    if (className == QLatin1String("poolscope::StateMachineView"))
        if (auto* view = qobject_cast<StateMachineView*>(object))
            return new StateMachineAccessible(view);
    if (className == QLatin1String("poolscope::ReplayScrubber"))
        if (auto* scrubber = qobject_cast<ReplayScrubber*>(object))
            return new ReplayScrubberAccessible(scrubber);
    if (className == QLatin1String("poolscope::TimeSeriesChart"))
        if (auto* chart = qobject_cast<TimeSeriesChart*>(object))
            return new TimeSeriesChartAccessible(chart);
    return nullptr;
}

void installAccessibleViews() {
    static const bool installed = [] {
        QAccessible::installFactory(accessibleViewFactory);
        return true;
    }();
    Q_UNUSED(installed);
}

}  // namespace poolscope
