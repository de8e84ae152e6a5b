#pragma once
// For the fuzz targets' regression tests: read a checked-in corpus and feed
// it, and damaged copies of it, to the target's LLVMFuzzerTestOneInput in
// the normal build. A crash, a sanitizer report or a broken invariant
// (FuzzCheck.h aborts) fails the test.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace poolscope::fuzz {

struct Seed {
    std::string name;  ///< file name, for SCOPED_TRACE
    std::string bytes;
};

inline void feed(std::string_view bytes) {
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
}

/// Every regular file of `dir`, sorted by name.
inline std::vector<Seed> readCorpus(const std::string& dir) {
    std::vector<Seed> out;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (!entry.is_regular_file()) continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::ostringstream s;
        s << in.rdbuf();
        out.push_back({entry.path().filename().string(), s.str()});
    }
    std::sort(out.begin(), out.end(), [](const Seed& a, const Seed& b) { return a.name < b.name; });
    return out;
}

/// Feeds prefixes of `seed` and `rounds` damaged copies: bytes replaced by
/// random ones or by characters of `alphabet`, and pieces of the seed copied
/// elsewhere in it. With `keepFirst` the first byte (a target's mode byte)
/// is kept in most rounds.
inline void feedDamaged(const std::string& seed, std::string_view alphabet, std::mt19937& rng,
                        int rounds, bool keepFirst) {
    if (seed.size() < 2) return;
    for (size_t cut = 1; cut < seed.size(); cut += 1 + seed.size() / 13) feed(seed.substr(0, cut));
    const size_t from = keepFirst ? 1 : 0;
    for (int round = 0; round < rounds; ++round) {
        std::string damaged = seed;
        const int edits = 1 + static_cast<int>(rng() % 6);
        for (int e = 0; e < edits; ++e) {
            const size_t at = from + rng() % (damaged.size() - from);
            if (round % 3 == 0)
                damaged[at] = static_cast<char>(rng());
            else if (round % 3 == 1)
                damaged[at] = alphabet[rng() % alphabet.size()];
            else
                damaged.insert(at,
                               damaged.substr(from + rng() % (damaged.size() - from), rng() % 40));
        }
        if (keepFirst && round % 5 == 0) damaged[0] = static_cast<char>(rng());
        feed(damaged);
    }
}

}  // namespace poolscope::fuzz
