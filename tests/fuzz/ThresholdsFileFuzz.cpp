// libFuzzer target: arbitrary bytes as a thresholds file
// (ThresholdsFile::parse). When they are accepted, checks what the reader
// promises: every value is in its documented range, the grades are in order
// (info <= warning <= danger), an enabled rule has a threshold, and
// parse(toJson(t)) gives back t exactly. Build with -DPOOLSCOPE_FUZZ=ON
// (clang), then e.g.
//   build-fuzz/tests/fuzz/ThresholdsFileFuzz -max_len=8192 tests/fuzz/corpus-thresholds
// ThresholdsFileFuzzRegressionTest runs it over the corpus in every build.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/health/ThresholdsFile.h"
#include "tests/fuzz/FuzzCheck.h"

namespace {

using poolscope::ThresholdsFile;

void checkRule(const poolscope::RuleSettings& r, std::string_view text) {
    const std::optional<double> grades[] = {r.info, r.warning, r.danger};
    for (const auto& g : grades)
        POOLSCOPE_FUZZ_CHECK(!g || (std::isfinite(*g) && *g >= 0),
                             "thresholds are finite and not negative", text);
    for (int i = 0; i < 3; ++i)
        for (int j = i + 1; j < 3; ++j)
            POOLSCOPE_FUZZ_CHECK(!grades[i] || !grades[j] || *grades[i] <= *grades[j],
                                 "info <= warning <= danger", text);
    POOLSCOPE_FUZZ_CHECK(!r.enabled || r.info || r.warning || r.danger,
                         "an enabled rule has a threshold", text);
    POOLSCOPE_FUZZ_CHECK(r.clearRatio > 0 && r.clearRatio <= 1, "clear_ratio is in (0, 1]", text);
    constexpr int64_t kMax = ThresholdsFile::kMaxDurationMs;
    POOLSCOPE_FUZZ_CHECK(r.forMs >= 0 && r.forMs <= kMax && r.clearForMs >= 0 &&
                             r.clearForMs <= kMax && r.windowMs >= 1 && r.windowMs <= kMax,
                         "durations are within a day", text);
    // The grade of a value never falls as the value rises.
    poolscope::Grade last = r.gradeOf(-1);
    for (double v : {0.0, 0.5, 1.0, 5.0, 50.0, 1e6, 1e300}) {
        const poolscope::Grade g = r.gradeOf(v);
        POOLSCOPE_FUZZ_CHECK(g >= last, "a higher value never means a lower grade", text);
        last = g;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto parsed = ThresholdsFile::parse(text);
    if (!parsed) {
        POOLSCOPE_FUZZ_CHECK(!parsed.message().empty(), "a refusal says why", text);
        return 0;
    }
    const poolscope::Thresholds& t = *parsed;
    for (const auto& r : t.rules) checkRule(r, text);
    const auto& g = t.leakGuard;
    POOLSCOPE_FUZZ_CHECK(g.reports >= 1 && g.reports <= 1'000'000 && g.windowMs >= 1 &&
                             g.windowMs <= ThresholdsFile::kMaxDurationMs && g.shrinkToPct >= 1 &&
                             g.shrinkToPct <= 100,
                         "the leak guard's values are in range", text);

    const std::string written = ThresholdsFile::toJson(t);
    auto again = ThresholdsFile::parse(written);
    POOLSCOPE_FUZZ_CHECK(again.isOk(), "toJson() is read back",
                         written + (again ? "" : again.message()));
    POOLSCOPE_FUZZ_CHECK(*again == t, "parse(toJson(t)) == t",
                         std::string(text) + "\n->\n" + written);
    return 0;
}
