#include "core/drivers/mysql/MysqlAsync.h"

#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <climits>

namespace poolscope::mysql {

int waitEvents(MYSQL* m, int status, Deadline deadline) {
    using namespace std::chrono;
    Deadline limit = deadline;
    bool libraryTimeout = false;
    if (status & MYSQL_WAIT_TIMEOUT) {
        auto t = steady_clock::now() + milliseconds(mysql_get_timeout_value_ms(m));
        if (t < limit) {
            limit = t;
            libraryTimeout = true;
        }
    }
    pollfd p{static_cast<int>(mysql_get_socket(m)), 0, 0};
    if (status & MYSQL_WAIT_READ) p.events |= POLLIN;
    if (status & MYSQL_WAIT_WRITE) p.events |= POLLOUT;
    if (status & MYSQL_WAIT_EXCEPT) p.events |= POLLPRI;
    for (;;) {
        auto left = ceil<milliseconds>(limit - steady_clock::now()).count();
        if (left <= 0) return libraryTimeout ? MYSQL_WAIT_TIMEOUT : -1;
        p.revents = 0;
        int rc = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, INT_MAX)));
        if (rc < 0 && errno == EINTR) continue;
        if (rc == 0) continue;  // re-check the clock: poll may wake a little early
        const int asked = status & (MYSQL_WAIT_READ | MYSQL_WAIT_WRITE | MYSQL_WAIT_EXCEPT);
        if (rc < 0) return asked;  // let the library run into the error itself
        int ready = 0;
        if (p.revents & (POLLIN | POLLHUP | POLLERR)) ready |= MYSQL_WAIT_READ;
        if (p.revents & (POLLOUT | POLLHUP | POLLERR)) ready |= MYSQL_WAIT_WRITE;
        if (p.revents & POLLPRI) ready |= MYSQL_WAIT_EXCEPT;
        ready &= asked;
        return ready ? ready : asked;
    }
}

void abandon(MYSQL* m) {
    if (!m) return;
    int fd = static_cast<int>(mysql_get_socket(m));
    if (fd >= 0) ::shutdown(fd, SHUT_RDWR);
    mysql_close(m);
}

}  // namespace poolscope::mysql
