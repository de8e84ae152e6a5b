#pragma once
// One slot of the pool: a physical connection with its state and timestamps.
// Slots live as long as the pool; a destroyed connection's slot is reused for
// a new connection (with a new id).

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "core/drivers/Driver.h"
#include "core/pool/ConnState.h"

namespace poolscope {

/// A short label written by one thread and read by others without a lock.
/// Stored as atomic words so concurrent readers never race; a reader may see
/// a torn label while it changes, which callers detect with the entry's
/// generation.
class HolderLabel {
public:
    static constexpr size_t kMaxBytes = 56;
    void store(std::string_view s) {
        size_t n = std::min(s.size(), kMaxBytes);
        std::array<uint64_t, kWords> words{};
        std::memcpy(words.data(), s.data(), n);
        for (size_t i = 0; i < (n + 7) / 8; ++i) words_[i].store(words[i], std::memory_order_relaxed);
        size_.store(static_cast<uint32_t>(n), std::memory_order_release);
    }
    void clear() { size_.store(0, std::memory_order_release); }
    std::string load() const {
        size_t n = std::min<size_t>(size_.load(std::memory_order_acquire), kMaxBytes);
        std::array<uint64_t, kWords> words{};
        for (size_t i = 0; i < (n + 7) / 8; ++i) words[i] = words_[i].load(std::memory_order_relaxed);
        return std::string(reinterpret_cast<const char*>(words.data()), n);
    }

private:
    static constexpr size_t kWords = kMaxBytes / 8;
    std::array<std::atomic<uint64_t>, kWords> words_{};
    std::atomic<uint32_t> size_{0};
};

/// Return addresses of the thread that acquired a connection, for leak reports.
class CapturedStack {
public:
    static constexpr int kMaxFrames = 24;
    void store(void* const* frames, int n) {
        n = std::min(n, kMaxFrames);
        for (int i = 0; i < n; ++i) frames_[i].store(frames[i], std::memory_order_relaxed);
        count_.store(n, std::memory_order_release);
    }
    void clear() { count_.store(0, std::memory_order_release); }
    int load(void** out) const {
        int n = std::min(count_.load(std::memory_order_acquire), kMaxFrames);
        for (int i = 0; i < n; ++i) out[i] = frames_[i].load(std::memory_order_relaxed);
        return n;
    }

private:
    std::array<std::atomic<void*>, kMaxFrames> frames_{};
    std::atomic<int> count_{0};
};

/// Ownership: whoever moved the entry out of Idle (by compare-and-set through
/// Pool::transition) owns `connection` and `broken` until it moves the entry
/// back to Idle or to Destroyed. Every other field is atomic.
class alignas(64) PoolEntry {
public:
    std::atomic<ConnState> state{ConnState::Destroyed};
    std::atomic<uint64_t> id{0};
    /// Incremented each time the connection is granted to a caller; a Lease
    /// remembers it, so a stale or second release is recognised.
    std::atomic<uint64_t> uses{0};
    std::atomic<uint64_t> usesAtBirth{0};  ///< value of `uses` when this connection was opened
    std::atomic<int64_t> createdNs{0};
    std::atomic<int64_t> stateSinceNs{0};
    std::atomic<int64_t> lastUsedNs{0};  ///< last grant, release or successful validation
    std::atomic<int64_t> serverId{0};
    std::atomic<uint64_t> leakReportedUse{0};  ///< value of `uses` already reported as leaked
    std::atomic<bool> internalUse{false};      ///< held by the housekeeper, not a caller
    HolderLabel holder;
    CapturedStack stack;

    /// Owned as described above.
    std::unique_ptr<Connection> connection;
    /// Slot bookkeeping: true from reservation until the closed connection's
    /// slot is freed. Changed only under the pool mutex.
    bool slotInUse = false;
};

}  // namespace poolscope
