// The headless line with health (core/telemetry/SnapshotJson's health overloads).

#include <gtest/gtest.h>

#include "core/telemetry/Json.h"
#include "core/telemetry/SnapshotJson.h"

namespace poolscope {
namespace {

/// Refuses repeated keys: the encoders must never write one.
Json parse(const std::string& line) {
    auto v = Json::parse(line, {.uniqueKeys = true});
    EXPECT_TRUE(v) << v.message() << "\n" << line;
    return v ? *v : Json();
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
    const Json v = parse(line);
    EXPECT_EQ(v["health"].asString(), "danger");
    ASSERT_EQ(v["alerts"].items().size(), 2u);
    const Json& x = v["alerts"][0];
    EXPECT_EQ(x["rule"].asString(), "exhausted");
    EXPECT_EQ(x.find("subject"), nullptr);
    EXPECT_EQ(x["grade"].asString(), "danger");
    EXPECT_EQ(x["state"].asString(), "firing");
    EXPECT_EQ(x["message"].asString(), "pool exhausted — 3 requests waiting\n");
    EXPECT_EQ(x["value"].asDouble(), 3);
    EXPECT_EQ(x["threshold"].asDouble(), 1);
    EXPECT_EQ(x["first_seen_ms"].asInt64(), 10);
    EXPECT_EQ(x["last_seen_ms"].asInt64(), 20);
    EXPECT_EQ(v["alerts"][1]["subject"].asString(), "no_max_lifetime");
    EXPECT_EQ(v["alerts"][1]["state"].asString(), "resolved");
    // Without health the line is unchanged.
    EXPECT_EQ(parse(plain).find("health"), nullptr);
}

TEST(SnapshotHealthJsonTest, NormalPoolHasAnEmptyAlertList) {
    const Json v = parse(snapshotToJsonLine(PoolSnapshot{}, PoolHealth{}));
    EXPECT_EQ(v["health"].asString(), "normal");
    EXPECT_TRUE(v["alerts"].isArray());
    EXPECT_EQ(v["alerts"].size(), 0u);
}

TEST(SnapshotHealthJsonTest, SummaryListsFiredAlerts) {
    const std::vector<FiredAlert> fired = {{"default", "exhausted", "", Grade::Danger, 2, 1234, "pool exhausted"},
                                           {"default", "config_lint", "unbounded_vs_server", Grade::Warning, 1, 5, "m"}};
    const std::string plain = summaryToJsonLine(5, {{"boom", 1}}, 1.5);
    const std::string line = summaryToJsonLine(5, {{"boom", 1}}, 1.5, fired);
    EXPECT_EQ(line.rfind(plain.substr(0, plain.size() - 1), 0), 0u);
    const Json v = parse(line);
    ASSERT_EQ(v["fired"].items().size(), 2u);
    EXPECT_EQ(v["fired"][0]["pool"].asString(), "default");
    EXPECT_EQ(v["fired"][0]["rule"].asString(), "exhausted");
    EXPECT_EQ(v["fired"][0]["grade"].asString(), "danger");
    EXPECT_EQ(v["fired"][0]["times"].asInt64(), 2);
    EXPECT_EQ(v["fired"][0]["first_fired_ms"].asInt64(), 1234);
    EXPECT_EQ(v["fired"][0]["message"].asString(), "pool exhausted");
    EXPECT_EQ(v["fired"][0].find("subject"), nullptr);
    EXPECT_EQ(v["fired"][1]["subject"].asString(), "unbounded_vs_server");
    EXPECT_EQ(parse(plain).find("fired"), nullptr);
}

}  // namespace
}  // namespace poolscope
