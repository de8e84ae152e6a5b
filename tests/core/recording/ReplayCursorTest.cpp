#include "core/recording/ReplayCursor.h"

#include <gtest/gtest.h>

#include "tests/core/recording/RecordingTestData.h"

namespace poolscope {
namespace {

using testdata::kT0;
using testdata::TempDir;

class ReplayCursorTest : public testing::Test {
protected:
    void SetUp() override {
        written_ = testdata::writeSample(dir_.file("c.psrec"), 100, 2000, 25);
        auto r = RecordingReader::open(dir_.file("c.psrec"));
        ASSERT_TRUE(r.isOk()) << r.message();
        reader_ = std::move(r).value();
    }
    TempDir dir_;
    testdata::Written written_;
    std::unique_ptr<RecordingReader> reader_;
};

TEST_F(ReplayCursorTest, PlaysForwardFrameByFrameWithEventsAndAlerts) {
    ReplayCursor cursor(*reader_);
    EXPECT_EQ(cursor.position(), kT0 - 1);
    size_t frames = 0, events = 0, alerts = 0;
    std::string lastLine;
    while (!cursor.atEnd()) {
        auto next = cursor.nextFrameTime();
        ASSERT_TRUE(next.isOk());
        ASSERT_TRUE(next->has_value());
        auto step = cursor.advanceTo(**next);
        ASSERT_TRUE(step.isOk()) << step.message();
        EXPECT_FALSE(step->seeked);
        EXPECT_EQ(step->frames.size(), 2u);  // both pools at each time
        frames += step->frames.size();
        events += step->events.size();
        alerts += step->alerts.size();
        lastLine = step->frames.back().line;
    }
    EXPECT_EQ(frames, written_.snapshots.size());
    EXPECT_EQ(lastLine, written_.snapshots.back().line);
    EXPECT_EQ(alerts, written_.alerts.size());
    // The cursor starts just before the first frame and ends at the last.
    size_t expected = 0;
    for (const auto& [pool, list] : written_.events)
        for (const auto& e : list) expected += e.tMs >= kT0 && e.tMs <= kT0 + 99 * 100;
    EXPECT_EQ(events, expected);
    auto after = cursor.nextFrameTime();
    ASSERT_TRUE(after.isOk());
    EXPECT_FALSE(after->has_value());
}

TEST_F(ReplayCursorTest, SeekShowsTheStateAtThatTimeAndBackwardsIsASeek) {
    ReplayCursor cursor(*reader_);
    auto step = cursor.seek(kT0 + 5'050);
    ASSERT_TRUE(step.isOk());
    EXPECT_TRUE(step->seeked);
    ASSERT_EQ(step->frames.size(), 2u);
    EXPECT_EQ(step->frames[0].line, testdata::makeRecorded(50, "default").line);
    EXPECT_TRUE(step->events.empty());

    auto back = cursor.advanceTo(kT0 + 1'000);
    ASSERT_TRUE(back.isOk());
    EXPECT_TRUE(back->seeked);
    EXPECT_EQ(cursor.position(), kT0 + 1'000);

    // A jump too big to show frame by frame hands over the state instead.
    auto jump = cursor.advanceTo(kT0 + 9'000, 10);
    ASSERT_TRUE(jump.isOk());
    EXPECT_TRUE(jump->seeked);
    ASSERT_EQ(jump->frames.size(), 2u);
    EXPECT_EQ(jump->frames[1].line, testdata::makeRecorded(90, "orders").line);

    auto clamped = cursor.seek(kT0 + 999'999'999);
    ASSERT_TRUE(clamped.isOk());
    EXPECT_EQ(cursor.position(), kT0 + 99 * 100);
    EXPECT_TRUE(cursor.atEnd());
}

TEST_F(ReplayCursorTest, FindsTheNextAlert) {
    ReplayCursor cursor(*reader_);
    auto first = cursor.nextAlertTime();
    ASSERT_TRUE(first.isOk());
    ASSERT_TRUE(first->has_value());
    EXPECT_EQ(**first, written_.alerts.front().tMs);
    ASSERT_TRUE(cursor.seek(**first).isOk());
    auto second = cursor.nextAlertTime();
    ASSERT_TRUE(second.isOk());
    ASSERT_TRUE(second->has_value());
    EXPECT_EQ(**second, written_.alerts[1].tMs);
}

}  // namespace
}  // namespace poolscope
