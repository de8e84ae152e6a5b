#pragma once
// The MySQL/MariaDB client library's process-wide and per-thread setup.

#include "core/util/Result.h"

namespace poolscope {

/// mysql_library_init() exactly once per process (it is not thread-safe, and
/// mysql_init() would otherwise call it implicitly from several threads), and
/// mysql_thread_init()/mysql_thread_end() once per thread that uses the
/// library. mysql_library_end() is never called: other code in the process
/// may still use the library at exit.
class MysqlLibrary {
public:
    /// Call before any other client function on the current thread. The first
    /// call in the process initialises the library; the first call on a
    /// thread registers a thread_local guard whose destructor runs
    /// mysql_thread_end() when the thread exits. Thread-safe. Fails only when
    /// mysql_library_init() failed (the error says so, every time).
    static Status enterThread();
};

}  // namespace poolscope
