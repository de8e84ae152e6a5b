// Runs the fuzz target's function (SnapshotLineFuzz.cpp) in the normal build
// over the checked-in corpus (tests/fuzz/corpus-snapshot: lines printed by
// headless runs and endpoints, partial-source lines with nulls, damaged lines,
// and any input a fuzzing run ever crashed on) and over damaged copies of the
// seeds made here. Passing means: no crash, no sanitizer report, no broken
// invariant.
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>

#include "core/health/HealthEngine.h"
#include "core/telemetry/SnapshotLineParser.h"
#include "core/util/Clock.h"
#include "tests/fuzz/FuzzCorpus.h"

#ifndef POOLSCOPE_FUZZ_CORPUS
#error "POOLSCOPE_FUZZ_CORPUS must name the corpus folder"
#endif

namespace poolscope::fuzz {
namespace {

TEST(SnapshotLineFuzzRegressionTest, TheCheckedInCorpus) {
    const auto seeds = readCorpus(POOLSCOPE_FUZZ_CORPUS);
    for (const auto& seed : seeds) {
        SCOPED_TRACE(seed.name);
        feed(seed.bytes);
    }
    EXPECT_GE(seeds.size(), 10u);
}

TEST(SnapshotLineFuzzRegressionTest, DamagedCopiesOfTheSeeds) {
    std::mt19937 rng(12);
    for (const auto& seed : readCorpus(POOLSCOPE_FUZZ_CORPUS)) {
        SCOPED_TRACE(seed.name);
        feedDamaged(seed.bytes, R"({}[]:,"\0123456789.eE-truefalsnl _)", rng, 60, false);
    }
}

// Found by SnapshotLineFuzz (corpus-snapshot/extreme-numbers.json): a line
// from another process with t_ms far from a leaked connection's since_ms made
// the leak alert's "held for" an int64 overflow (undefined behaviour), and a
// huge figure a truncated 31-digit number. Both now give a short number.
TEST(SnapshotLineFuzzRegressionTest, AbsurdTimesGiveALeakMessageNotAnOverflow) {
    std::string line;
    for (const auto& seed : readCorpus(POOLSCOPE_FUZZ_CORPUS))
        if (seed.name == "extreme-numbers.json") line = seed.bytes;
    ASSERT_FALSE(line.empty());
    auto snapshot = SnapshotLineParser::parse(line);
    ASSERT_TRUE(snapshot) << snapshot.message();
    ASSERT_EQ(snapshot->tMs, INT64_MIN);
    HealthEngine engine(Thresholds::defaults(), std::make_shared<ManualClock>());
    const PoolHealth health = engine.evaluate(*snapshot);
    bool leak = false;
    for (const Alert& a : health.alerts) {
        if (a.rule != "leak") continue;
        leak = true;
        EXPECT_NE(a.message.find("for -9.22e+15 s"), std::string::npos) << a.message;
    }
    EXPECT_TRUE(leak);
}

}  // namespace
}  // namespace poolscope::fuzz
