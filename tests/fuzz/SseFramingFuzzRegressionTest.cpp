// Runs the fuzz target's function (SseFramingFuzz.cpp) in the normal build over
// the checked-in corpus (tests/fuzz/corpus-sse: streams as the endpoint sends
// them, every line ending, comments, odd fields, and any input a fuzzing run
// ever failed on) and over
// damaged copies of the seeds made here. Passing means: no crash, no
// sanitizer report.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

#ifndef POOLSCOPE_FUZZ_CORPUS
#error "POOLSCOPE_FUZZ_CORPUS must name the corpus folder"
#endif

namespace {

namespace fs = std::filesystem;

void feed(const std::string& bytes) {
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
}

std::vector<std::string> corpus() {
    std::vector<std::string> out;
    for (const auto& entry : fs::directory_iterator(POOLSCOPE_FUZZ_CORPUS)) {
        if (!entry.is_regular_file()) continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::ostringstream s;
        s << in.rdbuf();
        out.push_back(s.str());
    }
    return out;
}

TEST(SseFramingFuzzRegressionTest, TheCheckedInCorpus) {
    const auto seeds = corpus();
    for (const auto& seed : seeds) feed(seed);
    EXPECT_GE(seeds.size(), 8u);
}

TEST(SseFramingFuzzRegressionTest, DamagedCopiesOfTheSeeds) {
    std::mt19937 rng(12);
    const char alphabet[] = "\r\n:: dataeventid{}\"";
    for (const auto& seed : corpus()) {
        if (seed.size() < 2) continue;
        for (size_t cut = 1; cut < seed.size(); cut += 1 + seed.size() / 13) feed(seed.substr(0, cut));
        for (int round = 0; round < 60; ++round) {
            std::string damaged = seed;
            const int edits = 1 + static_cast<int>(rng() % 6);
            for (int e = 0; e < edits; ++e) {
                const size_t at = 1 + rng() % (damaged.size() - 1);
                if (round % 3 == 0) damaged[at] = static_cast<char>(rng());
                else if (round % 3 == 1) damaged[at] = alphabet[rng() % (sizeof alphabet - 1)];
                else damaged.insert(at, damaged.substr(1 + rng() % (damaged.size() - 1), rng() % 40));
            }
            damaged[0] = static_cast<char>(rng());  // every cut pattern and limit
            feed(damaged);
        }
    }
}

}  // namespace
