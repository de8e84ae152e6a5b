#include "core/pool/PoolStats.h"

#include <algorithm>

namespace poolscope {

// One event in a ring slot, written and read without locks. `seq` is a
// sequence lock: 2*index+1 while the writer fills the slot, 2*index+2 when it
// is complete. All fields are atomic, so a reader racing a writer sees a torn
// slot (and discards it), never undefined behaviour.
struct PoolStats::Slot {
    std::atomic<uint64_t> seq{0};
    std::atomic<uint64_t> conn{0};
    std::atomic<int64_t> monoNs{0};
    std::atomic<uint32_t> packed{0};  // from | to<<8 | reason<<16 | illegal<<24
};

struct PoolStats::Ring {
    std::atomic<uint64_t> head{0};
    std::array<Slot, kRingCapacity> slots;
};

namespace {
std::atomic<unsigned> nextShardHint{0};
}

PoolStats::PoolStats() = default;

PoolStats::~PoolStats() {
    for (auto& s : shards_) delete s.ring.load(std::memory_order_acquire);
}

PoolStats::Shard& PoolStats::shard() {
    thread_local const unsigned hint = nextShardHint.fetch_add(1, std::memory_order_relaxed);
    return shards_[hint % kShards];
}

PoolStats::Ring& PoolStats::ring(Shard& s) {
    Ring* r = s.ring.load(std::memory_order_acquire);
    if (r != nullptr) return *r;
    // Rings are allocated on first use: a pool that lives for one request
    // (the pool-per-request anti-pattern) touches one shard only.
    auto* fresh = new Ring();
    if (s.ring.compare_exchange_strong(r, fresh, std::memory_order_acq_rel)) return *fresh;
    delete fresh;
    return *r;
}

void PoolStats::push(uint64_t conn, ConnState from, ConnState to, Reason reason, bool illegal,
                     int64_t monoNs) {
    Ring& r = ring(shard());
    const uint64_t idx = r.head.fetch_add(1, std::memory_order_relaxed);
    Slot& slot = r.slots[idx % kRingCapacity];
    // A writer preempted between claiming idx and writing may find a newer
    // event (a lap later) in its slot: its own event is then already counted
    // as dropped by the reader, and overwriting the newer one would stall it.
    if (slot.seq.load(std::memory_order_relaxed) > 2 * idx + 2) return;
    slot.seq.store(2 * idx + 1, std::memory_order_relaxed);
    std::atomic_thread_fence(std::memory_order_release);
    slot.conn.store(conn, std::memory_order_relaxed);
    slot.monoNs.store(monoNs, std::memory_order_relaxed);
    slot.packed.store(static_cast<uint32_t>(from) | static_cast<uint32_t>(to) << 8 |
                          static_cast<uint32_t>(reason) << 16 | static_cast<uint32_t>(illegal) << 24,
                      std::memory_order_relaxed);
    slot.seq.store(2 * idx + 2, std::memory_order_release);
}

void PoolStats::recordTransition(int edgeIndex, uint64_t conn, ConnState from, ConnState to,
                                 Reason reason, int64_t monoNs) {
    Shard& sh = shard();
    sh.edges[edgeIndex].fetch_add(1, std::memory_order_relaxed);
    // Housekeeper borrows (keepalive, refill) are not caller acquires.
    if (reason == Reason::Granted) sh.acquired.fetch_add(1, std::memory_order_relaxed);
    else if (from == ConnState::InUse && (reason == Reason::Release || reason == Reason::Broken))
        sh.released.fetch_add(1, std::memory_order_relaxed);
    push(conn, from, to, reason, false, monoNs);
}

void PoolStats::recordIllegal(uint64_t conn, ConnState from, ConnState to, int64_t monoNs) {
    shard().illegal.fetch_add(1, std::memory_order_relaxed);
    push(conn, from, to, Reason::IllegalAttempt, true, monoNs);
}

std::array<uint64_t, kConnEdgeCount> PoolStats::edgeTotals() const {
    std::array<uint64_t, kConnEdgeCount> out{};
    for (const auto& s : shards_)
        for (int i = 0; i < kConnEdgeCount; ++i) out[i] += s.edges[i].load(std::memory_order_relaxed);
    return out;
}

uint64_t PoolStats::acquiredTotal() const {
    uint64_t n = 0;
    for (const auto& s : shards_) n += s.acquired.load(std::memory_order_relaxed);
    return n;
}

uint64_t PoolStats::releasedTotal() const {
    uint64_t n = 0;
    for (const auto& s : shards_) n += s.released.load(std::memory_order_relaxed);
    return n;
}

uint64_t PoolStats::illegalTotal() const {
    uint64_t n = 0;
    for (const auto& s : shards_) n += s.illegal.load(std::memory_order_relaxed);
    return n;
}

uint64_t PoolStats::droppedTotal() const {
    uint64_t n = dropped_.load(std::memory_order_relaxed);
    // Events overwritten since the last drain are dropped already, even if
    // nobody has drained yet.
    for (int i = 0; i < kShards; ++i) {
        const Ring* r = shards_[i].ring.load(std::memory_order_acquire);
        if (r == nullptr) continue;
        const uint64_t head = r->head.load(std::memory_order_relaxed);
        const uint64_t cursor = cursors_[i].load(std::memory_order_relaxed);
        if (head > cursor + kRingCapacity) n += head - cursor - kRingCapacity;
    }
    return n;
}

size_t PoolStats::drain(std::vector<TransitionEvent>& out, const Clock& clock) {
    std::lock_guard lock(drainMu_);
    const size_t first = out.size();
    for (int i = 0; i < kShards; ++i) {
        Ring* r = shards_[i].ring.load(std::memory_order_acquire);
        if (r == nullptr) continue;
        uint64_t cursor = cursors_[i].load(std::memory_order_relaxed);
        const uint64_t head = r->head.load(std::memory_order_acquire);
        uint64_t dropped = 0;
        if (head > cursor + kRingCapacity) {
            dropped += head - cursor - kRingCapacity;
            cursor = head - kRingCapacity;
        }
        for (; cursor < head; ++cursor) {
            Slot& slot = r->slots[cursor % kRingCapacity];
            const uint64_t s1 = slot.seq.load(std::memory_order_acquire);
            if (s1 < 2 * cursor + 2) break;  // writer still filling it: read it next time
            TransitionEvent ev;
            ev.conn = slot.conn.load(std::memory_order_relaxed);
            ev.monoNs = slot.monoNs.load(std::memory_order_relaxed);
            const uint32_t packed = slot.packed.load(std::memory_order_relaxed);
            std::atomic_thread_fence(std::memory_order_acquire);
            const uint64_t s2 = slot.seq.load(std::memory_order_relaxed);
            if (s1 != 2 * cursor + 2 || s2 != s1) {  // overwritten by a newer event
                ++dropped;
                continue;
            }
            ev.from = static_cast<ConnState>(packed & 0xff);
            ev.to = static_cast<ConnState>((packed >> 8) & 0xff);
            ev.reason = static_cast<Reason>((packed >> 16) & 0xff);
            ev.illegal = (packed >> 24) & 1;
            out.push_back(ev);
        }
        cursors_[i].store(cursor, std::memory_order_relaxed);
        dropped_.fetch_add(dropped, std::memory_order_relaxed);
    }
    std::stable_sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
                     [](const TransitionEvent& a, const TransitionEvent& b) { return a.monoNs < b.monoNs; });
    for (size_t i = first; i < out.size(); ++i) {
        out[i].seq = nextSeq_++;
        out[i].tMs = clock.toWallMs(out[i].monoNs);
    }
    return out.size() - first;
}

}  // namespace poolscope
