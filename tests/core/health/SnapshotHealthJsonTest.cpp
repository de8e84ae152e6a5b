// The headless line with health (core/telemetry/SnapshotJson's health overloads).

#include <gtest/gtest.h>

#include "core/telemetry/SnapshotJson.h"
#include "tests/core/telemetry/TestJson.h"

namespace poolscope {
namespace {

using testjson::Value;

Value parse(const std::string& line) {
    std::string error;
    auto v = testjson::parse(line, &error);
    EXPECT_TRUE(v) << error << "\n" << line;
    return v ? *v : Value{};
}

TEST(SnapshotHealthJsonTest, AddsHealthAndAlertsAfterTheExistingMembers) {
    PoolSnapshot s;
    s.driver = "sim";
    PoolHealth h;
    h.grade = Grade::Danger;
    Alert a;
    a.rule = "exhausted";
    a.grade = Grade::Danger;
    a.state = AlertState::Firing;
    a.message = "pool exhausted — 3 requests waiting\n";
    a.value = 3;
    a.threshold = 1;
    a.firstSeenMs = 10;
    a.lastSeenMs = 20;
    Alert lint = a;
    lint.rule = "config_lint";
    lint.subject = "no_max_lifetime";
    lint.grade = Grade::Warning;
    lint.state = AlertState::Resolved;
    h.alerts = {a, lint};

    const std::string plain = snapshotToJsonLine(s);
    const std::string line = snapshotToJsonLine(s, h);
    EXPECT_EQ(line.find('\n'), std::string::npos);
    // Same members first: the old line without its closing brace is a prefix.
    EXPECT_EQ(line.rfind(plain.substr(0, plain.size() - 1), 0), 0u);
    const Value v = parse(line);
    EXPECT_EQ(v["health"].str(), "danger");
    ASSERT_EQ(v["alerts"].arr().size(), 2u);
    const Value& x = v["alerts"][0];
    EXPECT_EQ(x["rule"].str(), "exhausted");
    EXPECT_FALSE(x.has("subject"));
    EXPECT_EQ(x["grade"].str(), "danger");
    EXPECT_EQ(x["state"].str(), "firing");
    EXPECT_EQ(x["message"].str(), "pool exhausted — 3 requests waiting\n");
    EXPECT_EQ(x["value"].num(), 3);
    EXPECT_EQ(x["threshold"].num(), 1);
    EXPECT_EQ(x["first_seen_ms"].integer(), 10);
    EXPECT_EQ(x["last_seen_ms"].integer(), 20);
    EXPECT_EQ(v["alerts"][1]["subject"].str(), "no_max_lifetime");
    EXPECT_EQ(v["alerts"][1]["state"].str(), "resolved");
    // Without health the line is unchanged.
    EXPECT_FALSE(parse(plain).has("health"));
}

TEST(SnapshotHealthJsonTest, NormalPoolHasAnEmptyAlertList) {
    const Value v = parse(snapshotToJsonLine(PoolSnapshot{}, PoolHealth{}));
    EXPECT_EQ(v["health"].str(), "normal");
    EXPECT_TRUE(v["alerts"].arr().empty());
}

TEST(SnapshotHealthJsonTest, SummaryListsFiredAlerts) {
    const std::vector<FiredAlert> fired = {{"default", "exhausted", "", Grade::Danger, 2, 1234, "pool exhausted"},
                                           {"default", "config_lint", "unbounded_vs_server", Grade::Warning, 1, 5, "m"}};
    const std::string plain = summaryToJsonLine(5, {{"boom", 1}}, 1.5);
    const std::string line = summaryToJsonLine(5, {{"boom", 1}}, 1.5, fired);
    EXPECT_EQ(line.rfind(plain.substr(0, plain.size() - 1), 0), 0u);
    const Value v = parse(line);
    ASSERT_EQ(v["fired"].arr().size(), 2u);
    EXPECT_EQ(v["fired"][0]["pool"].str(), "default");
    EXPECT_EQ(v["fired"][0]["rule"].str(), "exhausted");
    EXPECT_EQ(v["fired"][0]["grade"].str(), "danger");
    EXPECT_EQ(v["fired"][0]["times"].integer(), 2);
    EXPECT_EQ(v["fired"][0]["first_fired_ms"].integer(), 1234);
    EXPECT_EQ(v["fired"][0]["message"].str(), "pool exhausted");
    EXPECT_FALSE(v["fired"][0].has("subject"));
    EXPECT_EQ(v["fired"][1]["subject"].str(), "unbounded_vs_server");
    EXPECT_FALSE(parse(plain).has("fired"));
}

}  // namespace
}  // namespace poolscope
