#pragma once
// What the integration tests need from their surroundings: server URLs and
// admin handles from the environment written by scripts/servers/start-servers.sh.

#include <chrono>
#include <string>
#include <string_view>

#include "core/drivers/Driver.h"

namespace poolscope::test {

/// The value of environment variable `name`. When it is missing the current
/// test FAILS (never skips: in CI these tests must run) with a message saying
/// how to start the servers, and "" is returned; check with HasFatalFailure().
std::string requireEnv(const char* name);

/// `url` with `key=value` appended to its query.
std::string withParam(std::string url, std::string_view key, std::string_view value);

/// The port of a URL ("...@127.0.0.1:5432/db" -> 5432), 0 when none.
int urlPort(std::string_view url);

/// The password of a URL ("scheme://user:pw@host..." -> "pw"), "" when none.
std::string urlPassword(std::string_view url);

/// Runs `command` through /bin/sh with a time limit (seconds); returns its
/// exit status (124 on timeout, -1 when it could not run). Output goes to the
/// test's stderr.
int runCommand(const std::string& command, int timeoutS = 90);

/// A port on 127.0.0.1 that nothing listens on (bound and released).
int closedPort();

/// now + ms, as a driver Deadline.
inline Deadline in(std::chrono::milliseconds ms) { return std::chrono::steady_clock::now() + ms; }

/// Milliseconds since `t`.
inline long long msSince(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now() - t)
        .count();
}

}  // namespace poolscope::test
