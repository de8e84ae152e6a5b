#include "core/pool/ConnState.h"

#include <gtest/gtest.h>

#include <set>
#include <utility>

namespace poolscope {
namespace {

using S = ConnState;

// The list of legal edges, written independently of kConnEdges.
const std::set<std::pair<S, S>> kExpectedConnEdges = {
    {S::Idle, S::Allocating},       {S::Idle, S::Destroyed},     {S::Allocating, S::InUse},
    {S::Allocating, S::Destroyed},  {S::InUse, S::Returning},    {S::InUse, S::Destroyed},
    {S::Returning, S::Idle},        {S::Returning, S::Allocating}, {S::Returning, S::Destroyed},
    {S::Destroyed, S::Allocating},  // a new connection born in a free slot
};

TEST(ConnStateTest, EveryPairIsLegalExactlyWhenListed) {
    int legal = 0;
    for (int f = 0; f < kConnStateCount; ++f) {
        for (int t = 0; t < kConnStateCount; ++t) {
            const auto from = static_cast<S>(f), to = static_cast<S>(t);
            const bool expected = kExpectedConnEdges.count({from, to}) == 1;
            EXPECT_EQ(isLegal(from, to), expected) << toString(from) << " -> " << toString(to);
            if (expected) {
                ASSERT_GE(connEdgeIndex(from, to), 0);
                EXPECT_EQ(kConnEdges[connEdgeIndex(from, to)].from, from);
                EXPECT_EQ(kConnEdges[connEdgeIndex(from, to)].to, to);
                ++legal;
            } else {
                EXPECT_EQ(connEdgeIndex(from, to), -1);
            }
        }
    }
    EXPECT_EQ(legal, kConnEdgeCount);
}

TEST(ConnStateTest, DestroyedLeadsOnlyToABirth) {
    // A destroyed connection never comes back: its slot's only way out is a
    // new connection (a new id), the birth edge, which is the table's last
    // (so the ids of the nine older edges did not move).
    for (int t = 0; t < kConnStateCount; ++t)
        EXPECT_EQ(isLegal(S::Destroyed, static_cast<S>(t)), static_cast<S>(t) == S::Allocating);
    EXPECT_TRUE(isBirth(kConnEdges.back()));
    for (size_t i = 0; i + 1 < kConnEdges.size(); ++i) EXPECT_FALSE(isBirth(kConnEdges[i]));
}

TEST(ConnStateTest, LifecycleTable) {
    using L = Lifecycle;
    const std::set<std::pair<L, L>> expected = {
        {L::Initial, L::Started},     {L::Started, L::Suspended},   {L::Suspended, L::Started},
        {L::Started, L::Terminated},  {L::Suspended, L::Terminated},
    };
    for (int f = 0; f < kLifecycleCount; ++f)
        for (int t = 0; t < kLifecycleCount; ++t) {
            const auto from = static_cast<L>(f), to = static_cast<L>(t);
            EXPECT_EQ(isLegal(from, to), expected.count({from, to}) == 1)
                << toString(from) << " -> " << toString(to);
        }
}

TEST(ConnStateTest, NamesRoundTrip) {
    for (int i = 0; i < kConnStateCount; ++i) {
        const auto s = static_cast<S>(i);
        EXPECT_EQ(connStateFromString(toString(s)), s);
    }
    for (int i = 0; i < kLifecycleCount; ++i) {
        const auto s = static_cast<Lifecycle>(i);
        EXPECT_EQ(lifecycleFromString(toString(s)), s);
    }
    EXPECT_EQ(toString(S::InUse), "IN_USE");
    EXPECT_FALSE(connStateFromString("BUSY").has_value());
}

}  // namespace
}  // namespace poolscope
