// libFuzzer target: arbitrary bytes as an answer of a Prometheus server's
// HTTP API (PrometheusReply: /api/v1/query, /api/v1/query_range and error
// answers), what a prometheus:// attach reads. Checks that an accepted
// instant vector has a name or labels for every sample and that an error
// answer is never also read as data. Build with -DPOOLSCOPE_FUZZ=ON (clang):
//   build-fuzz/tests/fuzz/PrometheusReplyFuzz -max_len=16384 tests/fuzz/corpus-promreply
// PrometheusReplyFuzzRegressionTest runs it over the corpus in every build.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/remote/PrometheusReply.h"
#include "core/telemetry/Json.h"
#include "tests/fuzz/FuzzCheck.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using poolscope::PrometheusReply;
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    auto vector = PrometheusReply::parseVector(body);
    auto matrix = PrometheusReply::parseMatrix(body);
    (void)PrometheusReply::errorOf(body);
    POOLSCOPE_FUZZ_CHECK(!(vector && matrix), "an answer is a vector or a matrix, not both", body);
    if (!vector) POOLSCOPE_FUZZ_CHECK(!vector.message().empty(), "a refusal says why", body);
    if (!matrix) POOLSCOPE_FUZZ_CHECK(!matrix.message().empty(), "a refusal says why", body);
    if (vector || matrix) {
        auto doc = poolscope::Json::parse(body);
        const bool isError = doc && doc->isObject() && (*doc)["status"].asString() == "error";
        POOLSCOPE_FUZZ_CHECK(!isError, "an error answer is not read as data", body);
    }
    return 0;
}
