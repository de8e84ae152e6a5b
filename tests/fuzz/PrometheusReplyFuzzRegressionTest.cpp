// Runs the fuzz target's function (PrometheusReplyFuzz.cpp) in the normal build
// over the checked-in corpus (tests/fuzz/corpus-promreply: answers of a
// Prometheus server's API (vectors, matrices, errors, warnings), edge cases,
// and any input a fuzzing run ever crashed on) and over damaged copies of the
// seeds made here. Passing means: no crash, no sanitizer report, no broken
// invariant.
#include <gtest/gtest.h>

#include "tests/fuzz/FuzzCorpus.h"

#ifndef POOLSCOPE_FUZZ_CORPUS
#error "POOLSCOPE_FUZZ_CORPUS must name the corpus folder"
#endif

namespace poolscope::fuzz {
namespace {

TEST(PrometheusReplyFuzzRegressionTest, TheCheckedInCorpus) {
    const auto seeds = readCorpus(POOLSCOPE_FUZZ_CORPUS);
    for (const auto& seed : seeds) {
        SCOPED_TRACE(seed.name);
        feed(seed.bytes);
    }
    EXPECT_GE(seeds.size(), 10u);
}

TEST(PrometheusReplyFuzzRegressionTest, DamagedCopiesOfTheSeeds) {
    std::mt19937 rng(12);
    for (const auto& seed : readCorpus(POOLSCOPE_FUZZ_CORPUS)) {
        SCOPED_TRACE(seed.name);
        feedDamaged(seed.bytes, R"({}[]:,"\0123456789.eE-+InfNa_)", rng, 60, false);
    }
}

}  // namespace
}  // namespace poolscope::fuzz
