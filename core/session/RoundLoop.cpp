#include "core/session/RoundLoop.h"

#include <algorithm>
#include <chrono>

#include "core/session/StaleHealth.h"

namespace poolscope {

namespace {

int64_t steadyMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

}  // namespace

void RoundLoop::run(std::function<Status()> round, std::function<void()> release) {
    thread_ = std::thread([this, round = std::move(round), release = std::move(release)] { loop(round, release); });
}

void RoundLoop::loop(const std::function<Status()>& round, const std::function<void()>& release) {
    int64_t backoff = 0;
    std::string lastNotice;
    while (!stopping_) {
        if (!sleepFor(backoff > 0 ? backoff : intervalMs_)) break;
        const Status s = round();
        if (stopping_) break;
        if (s) {
            backoff = 0;
            lastNotice.clear();
            continue;
        }
        release();
        backoff = backoff == 0 ? kFirstBackoffMs : std::min(backoff * 2, kMaxBackoffMs);
        std::lock_guard lock(mu_);
        lastError_ = s.message();
        if (s.message() != lastNotice) {
            lastNotice = s.message();
            notices_.push_back(s.message() + "; keeping the last good data, reconnecting in " +
                               std::to_string(backoff / 1000) + " s");
        }
    }
    release();
}

bool RoundLoop::sleepFor(int64_t ms) {
    std::unique_lock lock(mu_);
    return !wake_.wait_for(lock, std::chrono::milliseconds(ms), [this] { return stopping_.load(); });
}

void RoundLoop::stop() {
    if (stopping_.exchange(true)) return;
    {
        std::lock_guard lock(mu_);
        wake_.notify_all();
    }
    if (thread_.joinable()) thread_.join();
}

void RoundLoop::publish(std::vector<PoolSnapshot> snapshots, int64_t tMs) {
    std::lock_guard lock(mu_);
    for (PoolSnapshot& s : snapshots) {
        PoolState& p = pools_[s.pool];
        p.latest = std::move(s);
        p.fresh = true;
    }
    lastError_.clear();
    health_.lastDataMs = tMs;
    lastDataSteadyMs_ = steadyMs();
}

void RoundLoop::notice(std::string text) {
    std::lock_guard lock(mu_);
    notices_.push_back(std::move(text));
}

void RoundLoop::drain(PollResult& out, bool withSnapshots) {
    std::lock_guard lock(mu_);
    if (withSnapshots) {
        for (auto& [name, p] : pools_) {
            if (!p.fresh) continue;
            out.snapshots.push_back(p.latest);
            p.fresh = false;
        }
    }
    for (auto& n : notices_) out.notices.push_back(std::move(n));
    notices_.clear();
    out.health = staleHealthChange(health_, steadyMs() - lastDataSteadyMs_, intervalMs_, stopping_, lastError_,
                                   shown_, "reconnecting", reported_);
}

std::vector<std::string> RoundLoop::pools() const {
    std::lock_guard lock(mu_);
    std::vector<std::string> names;
    for (const auto& [name, p] : pools_) names.push_back(name);
    return names;
}

}  // namespace poolscope
