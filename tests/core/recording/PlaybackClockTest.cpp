#include "core/recording/PlaybackClock.h"

#include <gtest/gtest.h>

namespace poolscope {
namespace {

using std::chrono::milliseconds;

TEST(PlaybackClockTest, MapsSteadyTimeToRecordingTimeAtTheSpeed) {
    const auto t0 = PlaybackClock::Steady::time_point{} + std::chrono::hours(1);
    PlaybackClock clock(1000);
    EXPECT_EQ(clock.now(t0 + milliseconds(500)), 1000);  // paused
    clock.play(t0);
    EXPECT_EQ(clock.now(t0 + milliseconds(500)), 1500);
    clock.setSpeed(4, t0 + milliseconds(500));
    EXPECT_EQ(clock.now(t0 + milliseconds(750)), 2500);
    EXPECT_EQ(clock.dueAt(3500, t0 + milliseconds(750)), t0 + milliseconds(1000));
    clock.pause(t0 + milliseconds(1000));
    EXPECT_EQ(clock.now(t0 + milliseconds(9000)), 3500);
    clock.seek(100, t0 + milliseconds(9000));
    clock.play(t0 + milliseconds(9000));
    EXPECT_EQ(clock.now(t0 + milliseconds(9010)), 140);
    clock.setSpeed(0, t0 + milliseconds(9010));
    EXPECT_TRUE(clock.asFastAsPossible());
    EXPECT_EQ(clock.dueAt(1'000'000, t0 + milliseconds(9010)), t0 + milliseconds(9010));
    clock.setSpeed(1000, t0);
    EXPECT_EQ(clock.speed(), PlaybackClock::kMaxSpeed);
}

TEST(PlaybackClockTest, ParsesSpeeds) {
    EXPECT_EQ(PlaybackClock::parseSpeed("max").value(), 0.0);
    EXPECT_EQ(PlaybackClock::parseSpeed("2").value(), 2.0);
    EXPECT_EQ(PlaybackClock::parseSpeed("0.25").value(), 0.25);
    EXPECT_EQ(PlaybackClock::parseSpeed("100x").value(), 100.0);
    for (const char* bad : {"", "fast", "0", "0.1", "101", "-2", "nan", "inf", "2xx"}) {
        auto r = PlaybackClock::parseSpeed(bad);
        ASSERT_FALSE(r.isOk()) << bad;
        EXPECT_NE(r.message().find("0.25 to 100"), std::string::npos) << r.message();
    }
}

}  // namespace
}  // namespace poolscope
