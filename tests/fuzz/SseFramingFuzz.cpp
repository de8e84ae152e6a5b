// libFuzzer target: arbitrary bytes as the endpoint's event stream (Server-
// Sent Events framing, core/remote/SseReader.h). The first byte seeds where
// the stream is cut into chunks and how small the pending limit is. Checks:
// the events read do not depend on the cuts (the whole stream in one chunk
// gives the same events as the cut one, unless the limit refused a line), no
// event carries a line break other than between data lines, and what is held
// between chunks stays within the limit. Build with -DPOOLSCOPE_FUZZ=ON
// (clang), then e.g.
//   build-fuzz/tests/fuzz/SseFramingFuzz -max_len=16384 tests/fuzz/corpus-sse
// SseFramingFuzzRegressionTest runs it over the corpus in every build.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/remote/SseReader.h"
#include "tests/fuzz/FuzzCheck.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using poolscope::SseEvent;
    using poolscope::SseReader;
    if (size == 0) return 0;
    const uint8_t mode = data[0];
    const std::string_view stream(reinterpret_cast<const char*>(data) + 1, size - 1);
    const size_t limit = (mode & 1) ? 64 : 1 << 20;

    std::vector<SseEvent> whole, cut;
    SseReader one(limit);
    const bool wholeOk = one.feed(stream, [&](const SseEvent& e) { whole.push_back(e); });

    SseReader pieces(limit);
    bool cutOk = true;
    uint32_t state = mode * 2654435761u + 1;
    for (size_t at = 0; at < stream.size() && cutOk;) {
        state = state * 1103515245u + 12345u;
        const size_t n = 1 + (state >> 16) % ((mode & 2) ? 3 : 17);
        const std::string_view chunk = stream.substr(at, n);
        cutOk = pieces.feed(chunk, [&](const SseEvent& e) { cut.push_back(e); });
        POOLSCOPE_FUZZ_CHECK(!cutOk || pieces.pendingBytes() <= limit, "pending bytes stay within the limit",
                             std::string(stream));
        at += chunk.size();
    }
    for (const auto& e : cut) {
        POOLSCOPE_FUZZ_CHECK(e.type.find_first_of("\r\n") == std::string::npos, "an event type is one line",
                             e.type);
        POOLSCOPE_FUZZ_CHECK(e.data.find('\r') == std::string::npos, "data lines are joined with LF only",
                             e.data);
    }
    if (wholeOk && cutOk) {
        POOLSCOPE_FUZZ_CHECK(whole == cut, "the events do not depend on where the stream is cut",
                             std::string(stream));
    }
    return 0;
}
