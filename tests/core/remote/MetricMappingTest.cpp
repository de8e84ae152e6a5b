#include "core/remote/MetricMapping.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/remote/BuiltinMappings.h"
#include "core/remote/PromTextParser.h"

#ifndef POOLSCOPE_SOURCE_DIR
#error "POOLSCOPE_SOURCE_DIR must name the source tree"
#endif

namespace poolscope {
namespace {

namespace fs = std::filesystem;

const char* kMinimal = R"({
  "schema": 1,
  "name": "mine",
  "detect": {"all": ["my_open"]},
  "pool_labels": ["pool", ["db.name", "user"]],
  "rules": [
    {"field": "open", "metric": "my_open", "kind": "gauge"},
    {"field": "pending", "metric": ["my.waiting", "my_queued"], "labels": {"tier.x": "a"}, "kind": "gauge"},
    {"field": "wait_histogram", "metric": "my_wait", "kind": "histogram", "unit": "ns"}
  ],
  "derive": {"open": ["idle", "in_use"]},
  "wait_mean": {"count": "acquired"}
})";

std::string parseError(const std::string& json) {
    auto m = MetricMapping::parse(json);
    EXPECT_FALSE(m.isOk()) << json;
    return m.isOk() ? std::string() : m.message();
}

/// kMinimal with `from` replaced by `to` (which must occur).
std::string edited(std::string_view from, std::string_view to) {
    std::string s = kMinimal;
    const size_t at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) s.replace(at, from.size(), to);
    return s;
}

TEST(MetricMappingTest, ReadsRulesLabelsUnitsAndSanitisesNames) {
    auto m = MetricMapping::parse(kMinimal);
    ASSERT_TRUE(m.isOk()) << m.message();
    EXPECT_EQ(m->name, "mine");
    ASSERT_EQ(m->poolLabels.size(), 2u);
    EXPECT_EQ(m->poolLabels[1], (std::vector<std::string>{"db_name", "user"}));
    ASSERT_EQ(m->rules.size(), 3u);
    EXPECT_EQ(m->rules[1].field, MappedField::Waiting);
    EXPECT_EQ(m->rules[1].metrics, (std::vector<std::string>{"my_waiting", "my_queued"}));
    EXPECT_EQ(m->rules[1].labels, (std::vector<LabelMatcher>{{"tier_x", "a"}}));
    EXPECT_EQ(m->rules[2].kind, RuleKind::Histogram);
    EXPECT_DOUBLE_EQ(m->rules[2].scale, 1e-6);
    ASSERT_EQ(m->derive.size(), 1u);
    EXPECT_EQ(m->derive[0].inputs, (std::vector<MappedField>{MappedField::Idle, MappedField::InUse}));
    EXPECT_EQ(m->meanCount, MappedField::Acquired);
    EXPECT_EQ(m->instanceLabels, (std::vector<std::string>{"job", "instance"}));
}

TEST(MetricMappingTest, ErrorsNameTheKeyPath) {
    EXPECT_EQ(parseError(edited("\"kind\": \"gauge\"}", "\"kind\": \"gauge\", \"speed\": 1}")),
              "rules[0].speed: unknown key (known: field, metric, labels, kind, unit, comment)");
    EXPECT_EQ(parseError(edited("\"unit\": \"ns\"", "\"unit\": \"min\"")),
              "rules[2].unit: 'min' is not one of ns, us, ms, s");
    EXPECT_EQ(parseError(edited(", \"unit\": \"ns\"", "")),
              "rules[2].unit: missing: field 'wait_histogram' is a time; say its unit (ns, us, ms or s)");
    EXPECT_EQ(parseError(edited("\"field\": \"open\"", "\"field\": \"opened\"")).substr(0, 41),
              "rules[0].field: unknown field 'opened' (k");
    EXPECT_EQ(parseError(edited("\"metric\": \"my_open\", \"kind\": \"gauge\"",
                                "\"metric\": \"my_open\", \"kind\": \"counter\"")),
              "rules[0].kind: field 'open' is read as gauge, not counter");
    EXPECT_EQ(parseError(edited("\"metric\": \"my_open\", \"kind\": \"gauge\"",
                                "\"metric\": \"my_open\", \"kind\": \"gauge\", \"unit\": \"s\"")),
              "rules[0].unit: only time fields (wait_ms, wait_max, wait_histogram, wait_summary) take a unit");
    EXPECT_EQ(parseError(edited("\"metric\": [\"my.waiting\", \"my_queued\"]", "\"metric\": []")),
              "rules[1].metric: must not be empty");
    EXPECT_EQ(parseError(edited("\"tier.x\": \"a\"", "\"tier.x\": 1")),
              "rules[1].labels.tier.x: expected a string, got a number");
    EXPECT_EQ(parseError(edited("\"schema\": 1", "\"schema\": 2")), "schema: this PoolScope reads schema 1");
    EXPECT_EQ(parseError(edited("\"detect\": {\"all\": [\"my_open\"]},", "")), "detect: missing");
    EXPECT_EQ(parseError(edited("{\"all\": [\"my_open\"]}", "{}")),
              "detect: name at least one metric in \"all\" or \"any\"");
    EXPECT_EQ(parseError(edited("\"derive\": {\"open\": [\"idle\", \"in_use\"]}",
                                "\"derive\": {\"open\": [\"idle\"]}")),
              "derive.open: expected an array of at least two fields to add up");
    EXPECT_EQ(parseError(edited("\"derive\": {\"open\": [\"idle\", \"in_use\"]}",
                                "\"derive\": {\"open\": [\"idle\", \"timeouts\"]}")),
              "derive.open[1]: inputs must be other counts or config fields");
    EXPECT_EQ(parseError(edited("\"count\": \"acquired\"", "\"count\": \"open\"")),
              "wait_mean.count: must be wait_count or acquired");
    EXPECT_EQ(parseError(edited("\"name\": \"mine\",", "\"name\": \"mine\", \"name\": \"x\",")).substr(0, 5),
              "line ");
    EXPECT_EQ(parseError("[]"), "expected an object at the top level, got an array");
    EXPECT_EQ(MetricMapping::load("/nonexistent/x.json").message(),
              "mapping file '/nonexistent/x.json': cannot be opened (missing or unreadable)");
}

TEST(MetricMappingTest, SanitizeLikeThePrometheusExporter) {
    EXPECT_EQ(sanitizeMetricName("db.client.connection.count"), "db_client_connection_count");
    EXPECT_EQ(sanitizeMetricName("a:b", true), "a_b");
    EXPECT_EQ(sanitizeMetricName("a:b"), "a:b");
    EXPECT_EQ(sanitizeMetricName("1x-y"), "_x_y");
}

TEST(MetricMappingTest, Detect) {
    auto m = MetricMapping::parse(kMinimal);
    ASSERT_TRUE(m.isOk());
    auto yes = PromTextParser::parse("my_open{pool=\"a\"} 1\n");
    auto no = PromTextParser::parse("other 1\n");
    ASSERT_TRUE(yes.isOk() && no.isOk());
    EXPECT_TRUE(m->detect(*yes));
    EXPECT_FALSE(m->detect(*no));
}

std::string readFile(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

TEST(MetricMappingTest, EveryShippedFileParsesAndIsCompiledInUnchanged) {
    const fs::path dir = fs::path(POOLSCOPE_SOURCE_DIR) / "resources" / "mappings";
    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".json") files.push_back(e.path().filename().string());
    std::sort(files.begin(), files.end());
    const auto texts = BuiltinMappings::texts();
    ASSERT_EQ(texts.size(), files.size());
    for (size_t i = 0; i < files.size(); ++i) {
        SCOPED_TRACE(files[i]);
        EXPECT_EQ(texts[i].file, files[i]);
        EXPECT_EQ(texts[i].json, readFile(dir / files[i])) << "rebuild: the compiled-in copy is stale";
        auto m = MetricMapping::load((dir / files[i]).string());
        ASSERT_TRUE(m.isOk()) << m.message();
        EXPECT_EQ(m->name + ".json", files[i]) << "name a mapping after its file";
    }
    auto all = BuiltinMappings::all();
    ASSERT_TRUE(all.isOk()) << all.message();
    EXPECT_GE(all->size(), 7u);
    for (const char* name : {"go-sql", "hikaricp-micrometer", "hikaricp-prometheus", "otel", "pgbouncer-exporter",
                             "pgxpool", "poolscope"})
        EXPECT_TRUE(BuiltinMappings::byName(name)) << name;
    EXPECT_FALSE(BuiltinMappings::byName("nope"));
}

}  // namespace
}  // namespace poolscope
