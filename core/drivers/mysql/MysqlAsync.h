#pragma once
// Driving MariaDB Connector/C's non-blocking calls (`*_start` / `*_cont`)
// with poll() until a deadline.

#include <mysql.h>

#include "core/drivers/Driver.h"

namespace poolscope::mysql {

/// Waits for the events in `status` (MYSQL_WAIT_READ/WRITE/EXCEPT, and the
/// library's own MYSQL_WAIT_TIMEOUT) on the handle's socket. Returns the
/// MYSQL_WAIT_* bits that happened, to pass to the `_cont` call, or -1 when
/// `deadline` passed first.
int waitEvents(MYSQL* m, int status, Deadline deadline);

/// Continues a non-blocking operation until it completes or `deadline`
/// passes. `status` is what the last `_start`/`_cont` returned; `cont(ready)`
/// calls the operation's `_cont` and returns its new status. Returns true when
/// done (status 0); false at the deadline, leaving `status` pending so the
/// caller may go on waiting later (with a new deadline) or abandon the handle.
template <class Cont>
bool await(MYSQL* m, int& status, Deadline deadline, Cont&& cont) {
    while (status != 0) {
        int ready = waitEvents(m, status, deadline);
        if (ready < 0) return false;
        status = cont(ready);
    }
    return true;
}

/// Closes a handle that may be in the middle of an operation or talking to a
/// peer that does not answer: the socket is shut down first, so the close
/// never waits on the network. Null is ignored.
void abandon(MYSQL* m);

}  // namespace poolscope::mysql
