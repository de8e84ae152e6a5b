// The PromQL PoolScope sends: one selector per format naming every series
// its mapping reads, narrowed by ?match= or a pool's labels.

#include "core/remote/PrometheusQuery.h"

#include <gtest/gtest.h>

#include "core/remote/BuiltinMappings.h"

namespace poolscope {
namespace {

TEST(PrometheusQueryTest, OneSelectorNamesEverySeriesOfAFormat) {
    auto m = BuiltinMappings::byName("poolscope");
    ASSERT_TRUE(m);
    const std::string q = PrometheusQuery::selector(*m);
    EXPECT_EQ(q.rfind("{__name__=~\"poolscope_connections_open|", 0), 0u) << q;
    EXPECT_NE(q.find("|poolscope_acquire_wait_seconds_bucket|"), std::string::npos) << q;  // histogram
    EXPECT_NE(q.find("|poolscope_pool_info|"), std::string::npos) << q;                    // detect only
    EXPECT_NE(q.find("|poolscope_pool_info_info"), std::string::npos) << q;
    EXPECT_EQ(q.find("poolscope_connections_open|poolscope_connections_open|"), std::string::npos);
    EXPECT_EQ(q.back(), '}');
}

TEST(PrometheusQueryTest, MatchersAndLabelsNarrowIt) {
    auto m = BuiltinMappings::byName("go-sql");
    ASSERT_TRUE(m);
    EXPECT_EQ(PrometheusQuery::matchersOf(" { job=\"api\", instance=~\"10\\\\..*\" } "),
              "job=\"api\", instance=~\"10\\\\..*\"");
    EXPECT_EQ(PrometheusQuery::matchersOf("job=\"api\""), "job=\"api\"");
    const std::string q = PrometheusQuery::selector(*m, "job=\"api\"", {{"db_name", "a\"b\\c"}});
    EXPECT_NE(q.find("\",job=\"api\",db_name=\"a\\\"b\\\\c\"}"), std::string::npos) << q;
}

TEST(PrometheusQueryTest, QueryStrings) {
    EXPECT_EQ(PrometheusQuery::urlEncode("{a=~\"x|y\"} +é"), "%7Ba%3D~%22x%7Cy%22%7D%20%2B%C3%A9");
    EXPECT_EQ(PrometheusQuery::seconds(1700000000000), "1700000000");
    EXPECT_EQ(PrometheusQuery::seconds(1700000000250), "1700000000.250");
    EXPECT_EQ(PrometheusQuery::instant("up", 1000, 4500), "query=up&time=1&timeout=4.500");
    EXPECT_EQ(PrometheusQuery::range("up", 1000, 61000, 15000, 4000),
              "query=up&start=1&end=61&step=15&timeout=4");
}

}  // namespace
}  // namespace poolscope
