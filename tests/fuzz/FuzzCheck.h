#pragma once
// Invariant checks for the fuzz targets: "does not crash" is not enough, so a
// target also checks what the parser promises (a masked URL never shows the
// password, a line re-encoded reads back the same) and stops the process
// when a promise is broken. libFuzzer then saves the input as a crash; the
// regression tests (which call the same function) fail the same way.
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace poolscope::fuzz {

/// Prints what was violated and the text involved, then aborts.
[[noreturn]] inline void violated(const char* file, int line, const char* what,
                                  std::string_view detail) {
    std::fprintf(stderr, "%s:%d: fuzz invariant violated: %s\n  detail: %.*s\n", file, line, what,
                 static_cast<int>(detail.size() > 4000 ? 4000 : detail.size()), detail.data());
    std::fflush(stderr);
    std::abort();
}

}  // namespace poolscope::fuzz

/// Aborts with `what` and `detail` (any string-like value) unless `cond`.
#define POOLSCOPE_FUZZ_CHECK(cond, what, detail)                                    \
    do {                                                                            \
        if (!(cond)) ::poolscope::fuzz::violated(__FILE__, __LINE__, what, detail); \
    } while (0)
