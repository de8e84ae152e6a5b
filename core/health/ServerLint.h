#pragma once
// Config lint against the server's real limits (issue 5): the pool settings
// that are fine on their own but wrong for the server they talk to.

#include <vector>

#include "core/health/ServerLimits.h"
#include "core/pool/PoolConfig.h"

namespace poolscope {

/// Findings for `pool` given every pool that shares the server (`allPools`,
/// `pool` included) and what is known of the server. Pure; stable order;
/// unknown limits are skipped. Codes (all level Warning):
/// - unbounded_vs_server: max_open=0 while the server's max_connections is known;
/// - max_open_over_server: the sum of max_open over the bounded pools is above
///   max_connections minus reserved_connections;
/// - max_idle_time_ge_wait_timeout, max_lifetime_ge_wait_timeout,
///   max_idle_time_ge_idle_session_timeout, max_lifetime_ge_idle_session_timeout:
///   the pool keeps connections (idle, or alive at all) at least as long as the
///   server lets a session idle, so it hands out sessions the server closed;
///   not raised when keepalive_ms pings idle connections more often than the
///   server's timeout. (max_open=0 without known limits is the pool lint's
///   `unbounded`.)
/// Arguments (LintFinding::args; "" for a clause the message leaves out):
/// - unbounded_vs_server: pool, product ("" = unknown), max_connections,
///   usable connections, reserved connections ("" when none);
/// - max_open_over_server: max_open sum, bounded pools, then as above from product;
/// - the four timeout codes: pool, the setting's ms, its duration ("" when 0,
///   i.e. never), product, the server variable, the server's timeout as a duration.
std::vector<LintFinding> lintAgainstServer(const PoolConfig& pool, const std::vector<PoolConfig>& allPools,
                                           const ServerLimits& limits);
/// The same from the sums a caller keeps: max_open summed over the `bounded`
/// pools (max_open > 0) on the server, `pool` included.
std::vector<LintFinding> lintAgainstServer(const PoolConfig& pool, int64_t maxOpenSum, int64_t bounded,
                                           const ServerLimits& limits);

}  // namespace poolscope
