#include "core/exporter/EventBacklog.h"

#include <gtest/gtest.h>

namespace poolscope {
namespace {

std::vector<TransitionEvent> seqs(uint64_t from, uint64_t to) {
    std::vector<TransitionEvent> v;
    for (uint64_t s = from; s <= to; ++s) {
        TransitionEvent e;
        e.seq = s;
        v.push_back(e);
    }
    return v;
}

TEST(EventBacklogTest, ReadsAfterASeq) {
    EventBacklog b(100);
    EXPECT_EQ(b.append(seqs(1, 10)), 0u);
    auto r = b.readAfter(4, 3);
    EXPECT_FALSE(r.gap);
    ASSERT_EQ(r.events.size(), 3u);
    EXPECT_EQ(r.events[0].seq, 5u);
    EXPECT_EQ(b.readAfter(10, 100).events.size(), 0u);
    EXPECT_EQ(b.lastSeq(), 10u);
}

TEST(EventBacklogTest, ReportsWhatItDroppedAsAGap) {
    EventBacklog b(5);
    b.append(seqs(1, 12));  // keeps 8..12
    auto r = b.readAfter(3, 100);
    ASSERT_TRUE(r.gap);
    EXPECT_EQ(r.gap->fromSeq, 4u);
    EXPECT_EQ(r.gap->toSeq, 7u);
    EXPECT_EQ(r.gap->missed(), 4u);
    ASSERT_EQ(r.events.size(), 5u);
    EXPECT_EQ(r.events.front().seq, 8u);
    EXPECT_FALSE(b.readAfter(7, 100).gap);
}

TEST(EventBacklogTest, RefusesSeqsThatDoNotIncrease) {
    EventBacklog b(10);
    b.append(seqs(1, 5));
    EXPECT_EQ(b.append(seqs(3, 7)), 3u);
    EXPECT_EQ(b.lastSeq(), 7u);
    EXPECT_EQ(b.size(), 7u);
}

}  // namespace
}  // namespace poolscope
