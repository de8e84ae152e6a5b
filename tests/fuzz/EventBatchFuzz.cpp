// libFuzzer target: arbitrary bytes as the `data:` payload of the endpoint's
// event stream (GET /api/v1/pools/NAME/events, Server-Sent Events): one
// batch of transition events as JSON (eventsFromJsonLine). When the batch
// is accepted, checks that writing it again (eventsToJsonLine) gives one line
// that reads back to the same batch. Build with -DPOOLSCOPE_FUZZ=ON (clang),
// then e.g.
//   build-fuzz/tests/fuzz/EventBatchFuzz -max_len=16384 tests/fuzz/corpus-events
// EventBatchFuzzRegressionTest runs it over the corpus in every build.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/telemetry/EventJson.h"
#include "tests/fuzz/FuzzCheck.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view line(reinterpret_cast<const char*>(data), size);
    auto batch = poolscope::eventsFromJsonLine(line);
    if (!batch) {
        POOLSCOPE_FUZZ_CHECK(!batch.message().empty(), "a refusal says why", line);
        return 0;
    }
    const std::string written = poolscope::eventsToJsonLine(batch->pool, batch->events);
    POOLSCOPE_FUZZ_CHECK(written.find('\n') == std::string::npos, "an event line has no line break",
                         written);
    auto again = poolscope::eventsFromJsonLine(written);
    POOLSCOPE_FUZZ_CHECK(again.isOk(), "a written batch is read back",
                         written + "\n" + (again ? std::string() : again.message()));
    POOLSCOPE_FUZZ_CHECK(*again == *batch, "parse(write(batch)) == batch",
                         std::string(line) + "\n-> " + written);
    // appendEventsJsonLine is the same line.
    std::string appended = "data: ";
    poolscope::appendEventsJsonLine(appended, batch->pool, batch->events);
    POOLSCOPE_FUZZ_CHECK(appended.substr(6) == written, "appendEventsJsonLine writes the same line",
                         written);
    return 0;
}
