#pragma once
// The core's value types as Qt metatypes, so sources on worker threads can
// hand them to the GUI thread through queued signals.

#include <QMetaType>
#include <vector>

#include "core/pool/ConnState.h"
#include "core/telemetry/Snapshot.h"
#include "core/telemetry/TransitionEvent.h"

Q_DECLARE_METATYPE(poolscope::PoolSnapshot)
Q_DECLARE_METATYPE(poolscope::TransitionEvent)
Q_DECLARE_METATYPE(std::vector<poolscope::TransitionEvent>)
Q_DECLARE_METATYPE(poolscope::ConnState)
Q_DECLARE_METATYPE(poolscope::Lifecycle)

namespace poolscope {

/// Registers PoolSnapshot, TransitionEvent, std::vector<TransitionEvent>,
/// ConnState and Lifecycle with Qt's meta-type system. Call once from main()
/// before connecting queued signals that carry them; calling again is harmless.
void registerPoolScopeMetaTypes();

}  // namespace poolscope
