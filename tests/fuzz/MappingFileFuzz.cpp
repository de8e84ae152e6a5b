// libFuzzer target: arbitrary bytes as a mapping file (MetricMapping::parse)
// and, when they are a valid mapping, that mapping applied to a scrape that
// exercises every rule kind. Build with -DPOOLSCOPE_FUZZ=ON (clang):
//   build-fuzz/tests/fuzz/MappingFileFuzz -max_len=16384 tests/fuzz/corpus-mapping
// MappingFileFuzzRegressionTest runs it over the corpus in every build.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/remote/ForeignPoolTracker.h"
#include "core/remote/MetricMapping.h"
#include "core/remote/PromTextParser.h"

namespace {

constexpr std::string_view kScrape =
    "# TYPE my_open gauge\n"
    "my_open{pool=\"a\"} 3\nmy_open{pool=\"b\",instance=\"h:1\"} NaN\nmy_open 1e308\n"
    "# TYPE my_total counter\nmy_total{pool=\"a\"} 7\n"
    "# TYPE my_wait histogram\n"
    "my_wait_bucket{pool=\"a\",le=\"0.1\"} 1\nmy_wait_bucket{pool=\"a\",le=\"+Inf\"} 2\n"
    "my_wait_bucket{pool=\"a\",le=\"x\"} 2\nmy_wait_sum{pool=\"a\"} 0.3\nmy_wait_count{pool=\"a\"} 2\n"
    "# TYPE my_q summary\nmy_q{pool=\"a\",quantile=\"0.5\"} 0.2\nmy_q{pool=\"a\",quantile=\"0.99\"} NaN\n";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view json(reinterpret_cast<const char*>(data), size);
    auto mapping = poolscope::MetricMapping::parse(json);
    if (!mapping) return 0;
    static const auto scrape = poolscope::PromTextParser::parse(kScrape);
    if (!scrape) return 0;
    (void)mapping->detect(scrape.value());
    poolscope::ForeignPoolTracker tracker(*mapping);
    (void)tracker.update(scrape.value(), 1000);
    (void)tracker.update(scrape.value(), 20000);
    return 0;
}
