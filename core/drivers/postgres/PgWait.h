#pragma once
// Waiting on a libpq socket until it is ready or a deadline passes.

#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <climits>

#include "core/drivers/Driver.h"

namespace poolscope::pg {

/// Waits until `fd` has one of `events` (POLLIN, POLLOUT) or `deadline`
/// passes. Returns the poll revents (> 0) when ready, 0 at the deadline, -1 on
/// a poll error (errno set). A signal does not end the wait early.
inline int waitFd(int fd, short events, Deadline deadline) {
    for (;;) {
        auto left = std::chrono::ceil<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return 0;
        pollfd p{fd, events, 0};
        int rc = ::poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), INT_MAX)));
        if (rc > 0) return p.revents;
        if (rc < 0 && errno != EINTR) return -1;
    }
}

/// Milliseconds from `start` to now, for messages.
inline long long elapsedMs(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now() - start)
        .count();
}

}  // namespace poolscope::pg
