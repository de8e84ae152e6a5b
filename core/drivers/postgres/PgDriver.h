#pragma once
// PostgreSQL through libpq: postgresql://user:pass@host:port/db?param=value.

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/drivers/Driver.h"
#include "core/drivers/Url.h"
#include "core/util/Result.h"

namespace poolscope {

/// Opens libpq connections. The URL is read by libpq's own parser
/// (PQconninfoParse), so multi-host URLs (`postgresql://h1:5432,h2:5432/db?
/// target_session_attrs=read-write`) work as in psql. Every URL parameter is
/// a libpq connection keyword passed through unchanged (sslmode, sslrootcert, connect_timeout,
/// application_name, options, keepalives, ...); application_name defaults to
/// "poolscope". connect() never blocks past its deadline (nor past
/// connect_timeout when given): it drives PQconnectStartParams/PQconnectPoll
/// with poll(). Only a host name lookup, done by libpq before the first poll,
/// can block; use numeric addresses where that matters. Thread-safe.
class PgDriver final : public Driver {
public:
    /// Checks the URL (scheme postgresql or postgres, known libpq keywords)
    /// and builds the driver; connects to nothing.
    static Result<std::shared_ptr<Driver>> open(const Url& url);

    std::string_view name() const override { return "postgresql"; }
    std::string displayUrl() const override { return display_; }
    /// Errors read "connect to HOST:PORT failed: <libpq / server words>"
    /// (HOST:PORT of the host libpq tried last, or the whole list).
    Result<std::unique_ptr<Connection>> connect(Deadline deadline) override;

private:
    PgDriver() = default;
    std::vector<std::pair<std::string, std::string>> params_;  ///< libpq keyword, value
    std::string display_;   ///< masked URL
    std::string target_;    ///< "host:port" from the URL, for messages before libpq knows
    std::string secret_;    ///< the password, scrubbed from the connection's messages
    std::vector<std::string> secrets_;  ///< every secret of the URL, scrubbed from connect errors
    int64_t connectTimeoutMs_ = 0;  ///< from connect_timeout (seconds); 0 = deadline only
};

/// The factory entry for "postgresql://" and "postgres://" URLs.
Result<std::shared_ptr<Driver>> openPostgresDriver(const Url& url);

}  // namespace poolscope
