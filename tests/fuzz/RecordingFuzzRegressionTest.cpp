// Runs the fuzz target's function (RecordingReaderFuzz.cpp) in the normal
// build over damaged recordings: the checked-in corpus (tests/fuzz/corpus:
// seeds and any input a fuzzing run ever crashed on) and damage made here
// from a fresh recording. Passing means: no crash, no sanitizer report.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "core/recording/EventBlockCodec.h"
#include "core/telemetry/SnapshotJson.h"
#include "tests/core/recording/RecordingTestData.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

#ifndef POOLSCOPE_FUZZ_CORPUS
#error "POOLSCOPE_FUZZ_CORPUS must name tests/fuzz/corpus"
#endif

namespace poolscope {
namespace {

namespace fs = std::filesystem;

void feed(const std::string& bytes) {
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
}

TEST(RecordingFuzzRegressionTest, TheCheckedInCorpus) {
    size_t files = 0;
    for (const auto& entry : fs::directory_iterator(POOLSCOPE_FUZZ_CORPUS)) {
        if (!entry.is_regular_file()) continue;
        SCOPED_TRACE(entry.path().string());
        feed(testdata::readBytes(entry.path().string()));
        ++files;
    }
    EXPECT_GE(files, 5u);
}

TEST(RecordingFuzzRegressionTest, DamagedCopiesOfAFreshRecording) {
    testdata::TempDir dir;
    testdata::writeSample(dir.file("seed.psrec"), 60, 3000, 20);
    const std::string seed = testdata::readBytes(dir.file("seed.psrec"));
    feed(seed);
    std::mt19937 rng(6);
    for (size_t cut = 0; cut < seed.size(); cut += 997) feed(seed.substr(0, cut));
    for (int round = 0; round < 150; ++round) {
        std::string damaged = seed;
        const int flips = 1 + static_cast<int>(rng() % 32);
        for (int f = 0; f < flips; ++f) damaged[rng() % damaged.size()] ^= static_cast<char>(1 << (rng() % 8));
        feed(damaged);
    }
    // Pages swapped, zeroed or duplicated: structure-level damage.
    const size_t pages = seed.size() / 4096;
    for (int round = 0; round < 40 && pages > 2; ++round) {
        std::string damaged = seed;
        const size_t a = 1 + rng() % (pages - 1), b = 1 + rng() % (pages - 1);
        if (round % 2) std::swap_ranges(damaged.begin() + a * 4096, damaged.begin() + (a + 1) * 4096,
                                        damaged.begin() + b * 4096);
        else std::fill(damaged.begin() + a * 4096, damaged.begin() + (a + 1) * 4096, '\0');
        feed(damaged);
    }
}

TEST(RecordingFuzzRegressionTest, DamagedEventBlocksAndLines) {
    std::mt19937 rng(11);
    std::string block("\0", 1);
    EventBlockCodec::encode(testdata::makeEvents(50), block);
    std::string line("\1", 1);
    line += snapshotToJsonLine(testdata::makeSnapshot(3));
    for (const std::string* seed : {&block, &line}) {
        for (int round = 0; round < 300; ++round) {
            std::string damaged = *seed;
            damaged[1 + rng() % (damaged.size() - 1)] = static_cast<char>(rng());
            if (round % 3 == 0) damaged.resize(1 + rng() % damaged.size());
            feed(damaged);
        }
    }
}

}  // namespace
}  // namespace poolscope
