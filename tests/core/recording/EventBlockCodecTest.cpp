#include "core/recording/EventBlockCodec.h"

#include <gtest/gtest.h>

#include <limits>

#include "tests/core/recording/RecordingTestData.h"

namespace poolscope {
namespace {

TEST(EventBlockCodecTest, RoundTripsRealisticAndExtremeEvents) {
    auto events = testdata::makeEvents(5000);
    TransitionEvent extreme;
    extreme.seq = std::numeric_limits<uint64_t>::max();
    extreme.tMs = std::numeric_limits<int64_t>::min();
    extreme.monoNs = std::numeric_limits<int64_t>::max();
    extreme.conn = std::numeric_limits<uint64_t>::max();
    extreme.from = ConnState::Destroyed;
    extreme.to = ConnState::Allocating;
    extreme.reason = Reason::IllegalAttempt;
    extreme.illegal = true;
    events.push_back(extreme);
    events.push_back(TransitionEvent{});  // everything zero after the extreme
    std::string bytes;
    EventBlockCodec::encode(events, bytes);
    std::vector<TransitionEvent> back;
    ASSERT_TRUE(EventBlockCodec::decode(bytes, back).isOk());
    EXPECT_EQ(back, events);
}

TEST(EventBlockCodecTest, PacksARealisticRunInUnderTenBytesPerEvent) {
    const auto events = testdata::makeEvents(10'000);
    std::string bytes;
    EventBlockCodec::encode(events, bytes);
    EXPECT_LT(static_cast<double>(bytes.size()) / events.size(), 10.0);
}

TEST(EventBlockCodecTest, EveryTruncationIsAnErrorAndLeavesTheOutputAlone) {
    const auto events = testdata::makeEvents(40);
    std::string bytes;
    EventBlockCodec::encode(events, bytes);
    for (size_t n = 0; n < bytes.size(); ++n) {
        std::vector<TransitionEvent> out(3);
        const Status s = EventBlockCodec::decode(std::string_view(bytes).substr(0, n), out);
        EXPECT_FALSE(s.isOk()) << "cut at " << n;
        if (!s.isOk()) {
            EXPECT_NE(s.message().find("event data is damaged"), std::string::npos) << s.message();
        }
        EXPECT_EQ(out.size(), 3u);
    }
}

TEST(EventBlockCodecTest, RefusesImpossibleCountsStatesReasonsAndTrailingBytes) {
    std::vector<TransitionEvent> out;
    std::string huge;
    EventBlockCodec::putVarint(huge, 1'000'000'000);
    huge += std::string(10, '\0');
    Status s = EventBlockCodec::decode(huge, out);
    ASSERT_FALSE(s.isOk());
    EXPECT_NE(s.message().find("more than its bytes can hold"), std::string::npos) << s.message();

    std::string one;
    EventBlockCodec::encode(testdata::makeEvents(1), one);
    std::string badState = one;
    badState[badState.size() - 2] = static_cast<char>(7);  // from = 7
    EXPECT_FALSE(EventBlockCodec::decode(badState, out).isOk());
    std::string badReason = one;
    badReason.back() = static_cast<char>(200);
    EXPECT_FALSE(EventBlockCodec::decode(badReason, out).isOk());
    EXPECT_FALSE(EventBlockCodec::decode(one + "x", out).isOk());
    std::string overlong(11, static_cast<char>(0xff));  // a varint beyond 64 bits
    EXPECT_FALSE(EventBlockCodec::decode(overlong, out).isOk());
    EXPECT_TRUE(out.empty());
}

}  // namespace
}  // namespace poolscope
