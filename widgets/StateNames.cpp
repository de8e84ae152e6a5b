#include "widgets/StateNames.h"

#include <QCoreApplication>

namespace poolscope {

QString connStateLabel(ConnState state) {
    switch (state) {
        case ConnState::Idle: return QCoreApplication::translate("poolscope::StateNames", "IDLE");
        case ConnState::Allocating:
            return QCoreApplication::translate("poolscope::StateNames", "ALLOCATING");
        case ConnState::InUse: return QCoreApplication::translate("poolscope::StateNames", "IN_USE");
        case ConnState::Returning:
            return QCoreApplication::translate("poolscope::StateNames", "RETURNING");
        case ConnState::Destroyed:
            return QCoreApplication::translate("poolscope::StateNames", "DESTROYED");
    }
    return QString::fromUtf8(toString(state).data(), qsizetype(toString(state).size()));
}

QString lifecycleLabel(Lifecycle lifecycle) {
    switch (lifecycle) {
        case Lifecycle::Initial: return QCoreApplication::translate("poolscope::StateNames", "INITIAL");
        case Lifecycle::Started: return QCoreApplication::translate("poolscope::StateNames", "STARTED");
        case Lifecycle::Suspended:
            return QCoreApplication::translate("poolscope::StateNames", "SUSPENDED");
        case Lifecycle::Terminated:
            return QCoreApplication::translate("poolscope::StateNames", "TERMINATED");
    }
    return QString::fromUtf8(toString(lifecycle).data(), qsizetype(toString(lifecycle).size()));
}

}  // namespace poolscope
