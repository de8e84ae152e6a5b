#include "widgets/MetaTypes.h"

namespace poolscope {

void registerPoolScopeMetaTypes() {
    qRegisterMetaType<PoolSnapshot>("poolscope::PoolSnapshot");
    qRegisterMetaType<TransitionEvent>("poolscope::TransitionEvent");
    qRegisterMetaType<std::vector<TransitionEvent>>("std::vector<poolscope::TransitionEvent>");
    qRegisterMetaType<ConnState>("poolscope::ConnState");
    qRegisterMetaType<Lifecycle>("poolscope::Lifecycle");
}

}  // namespace poolscope
