#pragma once
// Sends PostgreSQL cancel requests without blocking the caller.

#include <atomic>
#include <memory>

#include <libpq-fe.h>

namespace poolscope {

/// Owns the PGcancel of one connection. libpq 15's PQcancel() opens a new
/// connection and waits, with no timeout, for the server to close it, so a
/// dead or black-holed server would block the caller forever; requestAsync()
/// runs it on a short-lived detached thread instead. Thread-safe.
class PgCanceller : public std::enable_shared_from_this<PgCanceller> {
public:
    /// Copies what a cancel needs from `conn` (an established connection).
    explicit PgCanceller(PGconn* conn);
    ~PgCanceller();
    PgCanceller(const PgCanceller&) = delete;
    PgCanceller& operator=(const PgCanceller&) = delete;

    /// Starts a cancel request and returns at once. While one is still in
    /// flight (e.g. the server does not answer) a second call does nothing.
    /// The thread keeps this object alive until PQcancel returns.
    void requestAsync();

private:
    PGcancel* cancel_;
    std::atomic<bool> busy_{false};
};

}  // namespace poolscope
