#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <vector>

#include "core/telemetry/Snapshot.h"

namespace poolscope {

/// The most recent leak reports of one pool (bounded) and their total count.
class LeakRegistry {
public:
    static constexpr size_t kKeep = 32;
    void add(LeakReport report);
    std::vector<LeakReport> recent() const;
    uint64_t total() const;

private:
    mutable std::mutex mu_;
    std::deque<LeakReport> reports_;
    uint64_t total_ = 0;
};

}  // namespace poolscope
