// Runs the fuzz target's function (SseFramingFuzz.cpp) in the normal build over
// the checked-in corpus (tests/fuzz/corpus-sse: the endpoint's own stream,
// every line ending, comments, odd fields, a small pending limit, and any
// input a fuzzing run ever failed on) and over damaged copies of the seeds
// made here. Passing means: no crash, no sanitizer report, no broken
// invariant (the events never depend on where the stream is cut).
#include <gtest/gtest.h>

#include "tests/fuzz/FuzzCorpus.h"

#ifndef POOLSCOPE_FUZZ_CORPUS
#error "POOLSCOPE_FUZZ_CORPUS must name the corpus folder"
#endif

namespace poolscope::fuzz {
namespace {

TEST(SseFramingFuzzRegressionTest, TheCheckedInCorpus) {
    const auto seeds = readCorpus(POOLSCOPE_FUZZ_CORPUS);
    for (const auto& seed : seeds) {
        SCOPED_TRACE(seed.name);
        feed(seed.bytes);
    }
    EXPECT_GE(seeds.size(), 10u);
}

TEST(SseFramingFuzzRegressionTest, DamagedCopiesOfTheSeeds) {
    std::mt19937 rng(13);
    for (const auto& seed : readCorpus(POOLSCOPE_FUZZ_CORPUS)) {
        SCOPED_TRACE(seed.name);
        // The first byte picks the cuts and the limit: damaged too.
        feedDamaged(seed.bytes, std::string_view("\r\n::data event id retry{}\"\0", 27), rng, 90, false);
    }
}

}  // namespace
}  // namespace poolscope::fuzz
