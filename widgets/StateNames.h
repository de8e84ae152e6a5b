#pragma once
// Display names of the core's enums, through Qt's translation system (the
// translator may keep the technical names; they match the JSON contract).

#include <QString>

#include "core/pool/ConnState.h"

namespace poolscope {

/// "IDLE", "IN_USE", ... translated in the context "poolscope::StateNames".
QString connStateLabel(ConnState state);
/// "INITIAL", "STARTED", ... translated in the context "poolscope::StateNames".
QString lifecycleLabel(Lifecycle lifecycle);

}  // namespace poolscope
