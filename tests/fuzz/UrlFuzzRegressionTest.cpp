// Runs the fuzz target's function (UrlFuzz.cpp) in the normal build over the
// checked-in corpus (tests/fuzz/corpus-url: database, attach and HTTP URLs,
// each behind a mode byte, edge cases, and any input a fuzzing run ever crashed
// on) and over damaged copies of the seeds made here. Passing means: no crash,
// no sanitizer report, no broken invariant.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/drivers/DriverFactory.h"
#include "core/drivers/Url.h"
#include "tests/fuzz/FuzzCorpus.h"

#ifndef POOLSCOPE_FUZZ_CORPUS
#error "POOLSCOPE_FUZZ_CORPUS must name the corpus folder"
#endif

namespace poolscope::fuzz {
namespace {

TEST(UrlFuzzRegressionTest, TheCheckedInCorpus) {
    const auto seeds = readCorpus(POOLSCOPE_FUZZ_CORPUS);
    for (const auto& seed : seeds) {
        SCOPED_TRACE(seed.name);
        feed(seed.bytes);
    }
    EXPECT_GE(seeds.size(), 10u);
}

TEST(UrlFuzzRegressionTest, DamagedCopiesOfTheSeeds) {
    std::mt19937 rng(12);
    for (const auto& seed : readCorpus(POOLSCOPE_FUZZ_CORPUS)) {
        SCOPED_TRACE(seed.name);
        feedDamaged(seed.bytes, R"(%@:/?&=[],#+ abcPpZz019)", rng, 60, true);
    }
}

// Found by UrlFuzz (corpus-url/crash-nul-byte-in-password.url): libpq refused
// a password holding %00 and quoted it back, percent-encoded, in an error
// that scrubbing the decoded password did not clean. A NUL is now refused
// by the URL parser, before any driver sees it (a C string would end there:
// also a shorter SQLite file name than the one shown).
TEST(UrlFuzzRegressionTest, ANulByteIsRefusedAndThePasswordNeverShown) {
    const std::vector<std::string> urls = {
        "postgresql://app:hunter2secret%00x@db/orders",
        std::string("postgresql://app:hunter2secret") + '\0' + "x@db/orders",
        "mysql://app:hunter2secret@db/orders?ssl-ca=/etc/ca%00.pem",
        "sqlite:///tmp/a.db%00.txt",
    };
    for (const std::string& url : urls) {
        SCOPED_TRACE(url);
        auto parsed = Url::parse(url);
        ASSERT_FALSE(parsed);
        EXPECT_NE(parsed.message().find("NUL byte"), std::string::npos) << parsed.message();
        auto driver = openDriver(url);
        ASSERT_FALSE(driver);
        EXPECT_EQ(driver.message().find("hunter2secret"), std::string::npos) << driver.message();
        EXPECT_EQ(maskPassword(url).find("hunter2secret"), std::string::npos);
    }
    EXPECT_TRUE(Url::parse("postgresql://app:pw%2500@db/orders"));  // "%00" as text is fine
}

}  // namespace
}  // namespace poolscope::fuzz
