#include "core/telemetry/Snapshot.h"

namespace poolscope {

std::string_view toString(WaitDerivation d) {
    switch (d) {
        case WaitDerivation::Exact: return "exact";
        case WaitDerivation::Histogram: return "histogram";
        case WaitDerivation::Summary: return "summary";
        case WaitDerivation::Mean: return "mean";
    }
    return "exact";
}

std::string_view toString(Figure f) {
    switch (f) {
        case Figure::Open: return "open";
        case Figure::Idle: return "idle";
        case Figure::InUse: return "in_use";
        case Figure::Allocating: return "allocating";
        case Figure::Returning: return "returning";
        case Figure::Waiting: return "waiting";
        case Figure::Acquired: return "acquired";
        case Figure::Released: return "released";
        case Figure::Created: return "created";
        case Figure::Destroyed: return "destroyed";
        case Figure::ClosedMaxIdle: return "closed_max_idle";
        case Figure::ClosedMaxIdleTime: return "closed_max_idle_time";
        case Figure::ClosedMaxLifetime: return "closed_max_lifetime";
        case Figure::ClosedBroken: return "closed_broken";
        case Figure::ClosedValidation: return "closed_validation";
        case Figure::WaitCount: return "wait_count";
        case Figure::WaitMs: return "wait_ms";
        case Figure::Timeouts: return "timeouts";
        case Figure::ConnectErrors: return "connect_errors";
        case Figure::ValidationFailures: return "validation_failures";
        case Figure::Leaks: return "leaks";
        case Figure::IllegalTransitions: return "illegal_transitions";
        case Figure::EventsDropped: return "events_dropped";
        case Figure::WaitPercentiles: return "wait_p";
        case Figure::WaitMax: return "wait_max";
        case Figure::MaxOpen: return "max_open";
        case Figure::MaxIdle: return "max_idle";
        case Figure::MinIdle: return "min_idle";
        case Figure::OtherConfig: return "config";
        case Figure::Lifecycle: return "lifecycle";
        case Figure::Transitions: return "transitions";
        case Figure::Connections: return "connections";
        case Figure::LeakReports: return "leak_reports";
        case Figure::Births: return "births";
        case Figure::Count_: break;
    }
    return "?";
}

}  // namespace poolscope
