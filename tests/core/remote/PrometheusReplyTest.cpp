// Prometheus API answers read into samples and series; the server's error
// and warnings kept in its own words; malformed answers refused saying where.

#include "core/remote/PrometheusReply.h"

#include <gtest/gtest.h>

#include <cmath>

namespace poolscope {
namespace {

TEST(PrometheusReplyTest, InstantVectorBecomesSamples) {
    auto v = PrometheusReply::parseVector(R"({"status":"success","data":{"resultType":"vector","result":[
        {"metric":{"__name__":"poolscope_connections_open","job":"api","instance":"a:1","pool":"main"},"value":[1700000000.25,"7"]},
        {"metric":{"__name__":"poolscope_acquire_wait_seconds_bucket","le":"+Inf","pool":"main"},"value":[1700000000.25,"NaN"]}
    ]},"warnings":["PromQL info: something partial"]})");
    ASSERT_TRUE(v) << v.message();
    ASSERT_EQ(v->samples.size(), 2u);
    EXPECT_EQ(v->samples[0].name, "poolscope_connections_open");
    EXPECT_EQ(v->samples[0].labels.size(), 3u);
    EXPECT_EQ(v->samples[0].label("job"), "api");
    EXPECT_FALSE(v->samples[0].label("__name__"));
    EXPECT_EQ(v->samples[0].value, 7);
    EXPECT_EQ(v->samples[0].timestampMs, 1700000000250);
    EXPECT_EQ(v->samples[1].label("le"), "+Inf");
    EXPECT_TRUE(std::isnan(v->samples[1].value));
    EXPECT_EQ(v->warnings, std::vector<std::string>{"PromQL info: something partial"});
}

TEST(PrometheusReplyTest, RangeMatrixBecomesSeries) {
    auto m = PrometheusReply::parseMatrix(R"({"status":"success","data":{"resultType":"matrix","result":[
        {"metric":{"__name__":"go_sql_open_connections","db_name":"ledger"},"values":[[1700000000,"1"],[1700000015,"+Inf"]]}
    ]}})");
    ASSERT_TRUE(m) << m.message();
    ASSERT_EQ(m->series.size(), 1u);
    EXPECT_EQ(m->series[0].name, "go_sql_open_connections");
    ASSERT_EQ(m->series[0].points.size(), 2u);
    EXPECT_EQ(m->series[0].points[1].first, 1700000015000);
    EXPECT_TRUE(std::isinf(m->series[0].points[1].second));
}

TEST(PrometheusReplyTest, ErrorsInTheServersWords) {
    const std::string body =
        R"({"status":"error","errorType":"bad_data","error":"invalid parameter \"query\": 1:5: parse error: unexpected \"}\""})";
    EXPECT_EQ(PrometheusReply::errorOf(body), "bad_data: invalid parameter \"query\": 1:5: parse error: unexpected \"}\"");
    auto v = PrometheusReply::parseVector(body);
    ASSERT_FALSE(v);
    EXPECT_EQ(v.message(), "bad_data: invalid parameter \"query\": 1:5: parse error: unexpected \"}\"");
    EXPECT_FALSE(PrometheusReply::errorOf("<html>502 Bad Gateway</html>"));
}

TEST(PrometheusReplyTest, MalformedAnswersSayWhatIsWrong) {
    auto notJson = PrometheusReply::parseVector("{\"status\":\"success\",");
    ASSERT_FALSE(notJson);
    EXPECT_EQ(notJson.message().rfind("the answer is not JSON: line 1, column", 0), 0u) << notJson.message();

    auto scalar = PrometheusReply::parseVector(R"({"status":"success","data":{"resultType":"scalar","result":[1,"2"]}})");
    ASSERT_FALSE(scalar);
    EXPECT_EQ(scalar.message(), "data.resultType: expected \"vector\", got \"scalar\"");

    auto badValue = PrometheusReply::parseVector(
        R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,2]}]}})");
    ASSERT_FALSE(badValue);
    EXPECT_EQ(badValue.message().rfind("data.result[0].value[1]: expected a sample value as a string", 0), 0u)
        << badValue.message();

    auto badLabel = PrometheusReply::parseMatrix(
        R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{"a":1},"values":[]}]}})");
    ASSERT_FALSE(badLabel);
    EXPECT_EQ(badLabel.message(), "data.result[0].metric.a: expected a string, got a number");

    auto notProm = PrometheusReply::parseVector("[]");
    ASSERT_FALSE(notProm);
    EXPECT_NE(notProm.message().find("not a Prometheus API object"), std::string::npos);
}

}  // namespace
}  // namespace poolscope
