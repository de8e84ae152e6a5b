#pragma once
// The one staleness rule of the sources that read another process: silent for
// more than kStaleAfterIntervals intervals → stale, with the last error (or
// how long it has been quiet) and what the source does about it.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/session/SnapshotSource.h"

namespace poolscope {

/// Silence before a remote source shows stale, in intervals.
inline constexpr int kStaleAfterIntervals = 2;

/// `base` (its lastDataMs) turned stale when `silentMs` exceeds the limit.
/// `retrying` says what the source does meanwhile ("retrying", "reconnecting").
/// Returns the health to report when it differs from `reported` (which it
/// then updates); nullopt when nothing changed. Call with the source's lock held.
inline std::optional<SourceHealth> staleHealthChange(SourceHealth base, int64_t silentMs, int64_t intervalMs,
                                                     bool stopping, const std::string& lastError,
                                                     const std::string& shownUrl, const char* retrying,
                                                     SourceHealth& reported) {
    if (silentMs > int64_t{kStaleAfterIntervals} * intervalMs + 100 && !stopping) {
        base.state = SourceHealth::State::Stale;
        const std::string seconds = std::to_string(silentMs / 1000);
        base.message = lastError.empty() ? "no data from " + shownUrl + " for " + seconds + " s" : lastError;
        base.message += std::string("; ") + retrying + " (backoff 1 s doubling to 30 s)";
        base.messageCode = lastError.empty() ? "stale.no_data" : "stale.error";
        base.messageArgs = lastError.empty() ? std::vector<std::string>{shownUrl, seconds, retrying}
                                             : std::vector<std::string>{lastError, retrying};
    }
    if (base.state == reported.state && base.message == reported.message) return std::nullopt;
    reported = base;
    return base;
}

}  // namespace poolscope
