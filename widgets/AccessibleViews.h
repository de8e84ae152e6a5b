#pragma once
// Assistive-technology interfaces for the views that draw their own content:
// the state-machine view (its states and transitions as items), the replay
// scrubber (a slider with a value) and the time charts (a chart whose
// description carries the newest values).

#include <QString>

QT_BEGIN_NAMESPACE
class QAccessibleInterface;
class QObject;
QT_END_NAMESPACE

namespace poolscope {

/// The factory QAccessible consults: an interface for StateMachineView,
/// ReplayScrubber and TimeSeriesChart, nullptr for any other class.
QAccessibleInterface* accessibleViewFactory(const QString& className, QObject* object);
/// Installs accessibleViewFactory once; the views' constructors call it.
void installAccessibleViews();

}  // namespace poolscope
