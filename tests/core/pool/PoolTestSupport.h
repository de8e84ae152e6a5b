#pragma once
// Helpers shared by the pool's unit tests.

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <thread>

#include "core/pool/Pool.h"
#include "tests/core/pool/FakeDriver.h"

namespace poolscope::test {

/// A config for unit tests: no housekeeper thread, short timeouts.
inline PoolConfig testConfig(int64_t maxOpen = 4) {
    PoolConfig c;
    c.maxOpen = maxOpen;
    c.maxIdle = maxOpen;
    c.acquireTimeoutMs = 2000;
    c.housekeepingMs = 0;
    return c;
}

/// Checks the invariants every snapshot must satisfy.
inline void expectConsistent(const PoolSnapshot& s) {
    const auto& c = s.counts;
    EXPECT_EQ(c.open, c.idle + c.inUse + c.allocating + c.returning);
    EXPECT_EQ(static_cast<int64_t>(s.connections.size()), c.open);
    if (s.config.maxOpen > 0) {
        EXPECT_LE(c.open, s.config.maxOpen);
    }
    EXPECT_GE(c.idle, 0);
    EXPECT_GE(c.waiting, 0);
}

/// Polls `pred` (with short sleeps) for up to `ms`; returns whether it held.
/// Only for waiting on other threads to block, never as a timing assertion.
inline bool eventually(const std::function<bool()>& pred, int ms = 5000) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (std::chrono::steady_clock::now() < end) {
        if (pred()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return pred();
}

}  // namespace poolscope::test
