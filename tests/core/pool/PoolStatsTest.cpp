#include "core/pool/PoolStats.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace poolscope {
namespace {

const int kAcquireEdge = connEdgeIndex(ConnState::Idle, ConnState::Allocating);
const int kGrantEdge = connEdgeIndex(ConnState::Allocating, ConnState::InUse);

TEST(PoolStatsTest, CountsAndEventsInOrder) {
    PoolStats stats;
    ManualClock clock;
    stats.recordTransition(kAcquireEdge, 7, ConnState::Idle, ConnState::Allocating, Reason::Acquire, 100);
    stats.recordTransition(kGrantEdge, 7, ConnState::Allocating, ConnState::InUse, Reason::Granted, 200);
    stats.recordIllegal(7, ConnState::Idle, ConnState::Returning, 300);
    std::vector<TransitionEvent> events;
    ASSERT_EQ(stats.drain(events, clock), 3u);
    EXPECT_EQ(events[0].from, ConnState::Idle);
    EXPECT_EQ(events[1].to, ConnState::InUse);
    EXPECT_TRUE(events[2].illegal);
    EXPECT_EQ(events[0].seq + 1, events[1].seq);
    EXPECT_EQ(events[1].seq + 1, events[2].seq);
    EXPECT_EQ(stats.edgeTotals()[kAcquireEdge], 1u);
    EXPECT_EQ(stats.acquiredTotal(), 1u);
    EXPECT_EQ(stats.illegalTotal(), 1u);
    EXPECT_EQ(stats.drain(events, clock), 0u) << "a drain returns each event once";
}

TEST(PoolStatsTest, RingDropsOldestAndCountsEveryDropOnceConsumed) {
    PoolStats stats;
    ManualClock clock;
    const uint64_t n = PoolStats::kRingCapacity * 3 + 17;
    auto record = [&](uint64_t from, uint64_t to) {
        for (uint64_t i = from; i < to; ++i)
            stats.recordTransition(kAcquireEdge, i, ConnState::Idle, ConnState::Allocating, Reason::Acquire,
                                   static_cast<int64_t>(i));
    };
    record(0, n);
    EXPECT_EQ(stats.droppedTotal(), 0u) << "nobody consumes events yet: nothing is lost to anyone";
    std::vector<TransitionEvent> events;
    ASSERT_EQ(stats.drain(events, clock), PoolStats::kRingCapacity);
    EXPECT_EQ(events.front().conn, n - PoolStats::kRingCapacity) << "the newest events are kept";
    EXPECT_EQ(events.back().conn, n - 1);
    EXPECT_EQ(stats.droppedTotal(), 0u) << "the backlog before the first drain is not a loss";

    record(n, 2 * n);  // now a consumer exists: overwrites are losses, counted before the next drain
    EXPECT_EQ(stats.droppedTotal(), n - PoolStats::kRingCapacity);
    events.clear();
    ASSERT_EQ(stats.drain(events, clock), PoolStats::kRingCapacity);
    EXPECT_EQ(events.front().conn, 2 * n - PoolStats::kRingCapacity);
    EXPECT_EQ(stats.edgeTotals()[kAcquireEdge], 2 * n) << "counters never drop";
    EXPECT_EQ(stats.droppedTotal(), n - PoolStats::kRingCapacity);
}

TEST(PoolStatsTest, ConcurrentWritersAndReaderAccountForEveryEvent) {
    PoolStats stats;
    ManualClock clock;
    constexpr int kThreads = 8, kPerThread = 20'000;
    std::atomic<bool> done{false};
    std::vector<TransitionEvent> events;
    stats.drain(events, clock);  // the consumer is there before the writers start
    std::thread reader([&] {
        while (!done.load()) stats.drain(events, clock);
    });
    std::vector<std::thread> writers;
    for (int t = 0; t < kThreads; ++t)
        writers.emplace_back([&, t] {
            for (int i = 0; i < kPerThread; ++i)
                stats.recordTransition(kGrantEdge, static_cast<uint64_t>(t), ConnState::Allocating,
                                       ConnState::InUse, Reason::Granted, i);
        });
    for (auto& w : writers) w.join();
    done = true;
    reader.join();
    stats.drain(events, clock);
    const uint64_t total = uint64_t{kThreads} * kPerThread;
    EXPECT_EQ(stats.edgeTotals()[kGrantEdge], total);
    EXPECT_EQ(stats.acquiredTotal(), total);
    EXPECT_EQ(events.size() + stats.droppedTotal(), total);
    for (size_t i = 1; i < events.size(); ++i) ASSERT_EQ(events[i].seq, events[i - 1].seq + 1);
}

}  // namespace
}  // namespace poolscope
