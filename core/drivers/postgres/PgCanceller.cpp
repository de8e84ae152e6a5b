#include "core/drivers/postgres/PgCanceller.h"

#include <system_error>
#include <thread>

namespace poolscope {

PgCanceller::PgCanceller(PGconn* conn) : cancel_(PQgetCancel(conn)) {}

PgCanceller::~PgCanceller() {
    if (cancel_) PQfreeCancel(cancel_);
}

void PgCanceller::requestAsync() {
    if (!cancel_) return;
    bool expected = false;
    if (!busy_.compare_exchange_strong(expected, true)) return;
    try {
        std::thread([self = shared_from_this()] {
            char err[256];
            (void)PQcancel(self->cancel_, err, sizeof err);
            self->busy_.store(false);
        }).detach();
    } catch (const std::system_error&) {
        busy_.store(false);  // no thread: the statement simply runs on
    }
}

}  // namespace poolscope
