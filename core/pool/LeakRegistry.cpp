#include "core/pool/LeakRegistry.h"

namespace poolscope {

void LeakRegistry::add(LeakReport report) {
    std::lock_guard lock(mu_);
    reports_.push_back(std::move(report));
    if (reports_.size() > kKeep) reports_.pop_front();
    ++total_;
}

std::vector<LeakReport> LeakRegistry::recent() const {
    std::lock_guard lock(mu_);
    return {reports_.begin(), reports_.end()};
}

uint64_t LeakRegistry::total() const {
    std::lock_guard lock(mu_);
    return total_;
}

}  // namespace poolscope
