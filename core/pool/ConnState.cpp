#include "core/pool/ConnState.h"

namespace poolscope {

namespace {
constexpr std::string_view kConnStateNames[kConnStateCount] = {"IDLE", "ALLOCATING", "IN_USE",
                                                               "RETURNING", "DESTROYED"};
constexpr std::string_view kLifecycleNames[kLifecycleCount] = {"INITIAL", "STARTED", "SUSPENDED",
                                                               "TERMINATED"};
}  // namespace

std::string_view toString(ConnState s) { return kConnStateNames[static_cast<int>(s)]; }

std::optional<ConnState> connStateFromString(std::string_view s) {
    for (int i = 0; i < kConnStateCount; ++i)
        if (kConnStateNames[i] == s) return static_cast<ConnState>(i);
    return std::nullopt;
}

std::string_view toString(Lifecycle s) { return kLifecycleNames[static_cast<int>(s)]; }

std::optional<Lifecycle> lifecycleFromString(std::string_view s) {
    for (int i = 0; i < kLifecycleCount; ++i)
        if (kLifecycleNames[i] == s) return static_cast<Lifecycle>(i);
    return std::nullopt;
}

std::string_view toString(Reason r) {
    switch (r) {
        case Reason::Connect: return "connect";
        case Reason::Acquire: return "acquire";
        case Reason::Handoff: return "handoff";
        case Reason::Granted: return "granted";
        case Reason::Release: return "release";
        case Reason::Recycle: return "recycle";
        case Reason::ConnectFailed: return "connect failed";
        case Reason::ValidationFailed: return "validation failed";
        case Reason::Broken: return "broken";
        case Reason::MaxLifetime: return "max_lifetime";
        case Reason::MaxIdleTime: return "max_idle_time";
        case Reason::MaxIdle: return "max_idle";
        case Reason::Keepalive: return "keepalive";
        case Reason::Refill: return "refill";
        case Reason::Evicted: return "evicted";
        case Reason::PoolClosed: return "pool closed";
        case Reason::IllegalAttempt: return "illegal";
    }
    return "unknown";
}

}  // namespace poolscope
