#include "core/drivers/mysql/MysqlLibrary.h"

#include <mysql.h>

#include <mutex>

namespace poolscope {

namespace {

/// Lives in thread-local storage: mysql_thread_end() when the thread exits.
struct ThreadGuard {
    ThreadGuard() { mysql_thread_init(); }
    ~ThreadGuard() { mysql_thread_end(); }
    ThreadGuard(const ThreadGuard&) = delete;
    ThreadGuard& operator=(const ThreadGuard&) = delete;
};

}  // namespace

Status MysqlLibrary::enterThread() {
    static std::once_flag once;
    static int initRc = 0;
    std::call_once(once, [] { initRc = mysql_library_init(0, nullptr, nullptr); });
    if (initRc != 0) {
        return Status::fail("mysql_library_init failed (code " + std::to_string(initRc) +
                            "): the MySQL/MariaDB client library cannot be used");
    }
    thread_local ThreadGuard guard;
    (void)guard;
    return Status::ok();
}

}  // namespace poolscope
