// The Prometheus rule file written for the health rules: its structure per
// format, the thresholds it carries, and the engine's words in its messages.
// promtool checks and fires the same files (tests/alertrules).

#include "core/health/AlertRulesExport.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/health/RuleMeasurement.h"

namespace poolscope {
namespace {

/// One alerting rule as written (the writer's fixed layout, read back line by line).
struct Rule {
    std::string group, alert, expr, forDuration, keepFiringFor;
    std::map<std::string, std::string> labels, annotations;
};

struct RuleFile {
    std::vector<Rule> rules;
    std::map<std::string, std::vector<std::string>> comments;  ///< per group, "# ..." lines in its rules
    std::vector<std::string> groups;
};

std::string unquote(std::string v) {
    if (v.size() < 2 || v.front() != '\'' || v.back() != '\'') return v;
    std::string out;
    for (size_t i = 1; i + 1 < v.size(); ++i) {
        out += v[i];
        if (v[i] == '\'') ++i;  // '' is one '
    }
    return out;
}

RuleFile read(const std::string& yaml) {
    RuleFile f;
    std::istringstream in(yaml);
    std::string line, group, section;
    while (std::getline(in, line)) {
        const size_t indent = line.find_first_not_of(' ');
        if (indent == std::string::npos) continue;
        const std::string text = line.substr(indent);
        const auto value = [&](std::string_view key) { return unquote(text.substr(key.size())); };
        if (text.starts_with("- name: ")) {
            group = value("- name: ");
            f.groups.push_back(group);
        } else if (indent == 6 && text.starts_with("# ")) {
            f.comments[group].push_back(text);
        } else if (text.starts_with("- alert: ")) {
            f.rules.push_back({group, value("- alert: "), {}, {}, {}, {}, {}});
        } else if (f.rules.empty() || indent < 8) {
            continue;
        } else if (indent == 8) {
            Rule& r = f.rules.back();
            if (text.starts_with("expr: ")) r.expr = value("expr: ");
            else if (text.starts_with("for: ")) r.forDuration = value("for: ");
            else if (text.starts_with("keep_firing_for: ")) r.keepFiringFor = value("keep_firing_for: ");
            section = text;
        } else if (indent == 10) {
            const size_t colon = text.find(": ");
            auto& map = section == "labels:" ? f.rules.back().labels : f.rules.back().annotations;
            map[text.substr(0, colon)] = unquote(text.substr(colon + 2));
        }
    }
    return f;
}

std::vector<AlertRuleFormat> all() { return AlertRulesExport::parseFormats("all").value(); }

std::vector<const Rule*> find(const RuleFile& f, const std::string& group, const std::string& rule) {
    std::vector<const Rule*> out;
    for (const auto& r : f.rules)
        if (r.group == group && r.labels.at("rule") == rule) out.push_back(&r);
    return out;
}

TEST(AlertRulesExportTest, ParsesOneFormatOrAllAndRefusesOthersNamingTheKnownOnes) {
    const auto go = AlertRulesExport::parseFormats("go_sql");
    ASSERT_TRUE(go);
    EXPECT_EQ(go.value(), std::vector<AlertRuleFormat>{AlertRuleFormat::GoSql});
    const auto every = AlertRulesExport::parseFormats("all");
    ASSERT_TRUE(every);
    ASSERT_EQ(every->size(), 5u);
    std::vector<std::string> names;
    for (auto f : every.value()) names.emplace_back(toString(f));
    EXPECT_EQ(names, (std::vector<std::string>{"poolscope", "hikaricp", "go_sql", "pgxpool", "otel"}));
    for (const auto& name : names) {
        const auto one = AlertRulesExport::parseFormats(name);
        ASSERT_TRUE(one) << name;
        EXPECT_EQ(toString(one->front()), name);
    }
    const auto bad = AlertRulesExport::parseFormats("go-sql");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.message(), "'go-sql' is not one of poolscope, hikaricp, go_sql, pgxpool, otel, all");
    EXPECT_FALSE(AlertRulesExport::parseFormats(""));
    EXPECT_FALSE(AlertRulesExport::parseFormats("ALL"));
}

TEST(AlertRulesExportTest, ExportsEveryRuleButTheConfigLintAndTheServerView) {
    std::vector<RuleId> expected;
    for (const auto& info : ruleTable())
        if (info.id != RuleId::ConfigLint && info.id != RuleId::ServerVsPool) expected.push_back(info.id);
    EXPECT_EQ(AlertRulesExport::exportedRules(), expected);
}

TEST(AlertRulesExportTest, EveryFormatHasEachRuleAsAlertsOrAsACommentSayingWhy) {
    const RuleFile f = read(AlertRulesExport::write(Thresholds::defaults(), all()));
    ASSERT_EQ(f.groups, (std::vector<std::string>{"poolscope_poolscope", "poolscope_hikaricp", "poolscope_go_sql",
                                                  "poolscope_pgxpool", "poolscope_otel"}));
    // What each format can express (resources/mappings): the rest must be a comment.
    const std::map<std::string, std::vector<std::string>> expressed = {
        {"poolscope",
         {"wait_p99", "utilisation", "exhausted", "timeouts", "idle_below_min", "leak", "stale_connections",
          "connect_errors", "illegal_transitions", "events_dropped", "unbounded"}},
        {"hikaricp", {"wait_p99", "utilisation", "exhausted", "timeouts", "idle_below_min"}},
        {"go_sql", {"wait_p99", "utilisation", "unbounded"}},
        {"pgxpool", {"wait_p99", "utilisation", "timeouts"}},
        {"otel", {"wait_p99", "utilisation", "exhausted", "timeouts", "idle_below_min"}},
    };
    for (const auto& [format, rules] : expressed) {
        const std::string group = "poolscope_" + format;
        for (RuleId id : AlertRulesExport::exportedRules()) {
            const std::string rule(toString(id));
            const auto alerts = find(f, group, rule);
            const auto it = f.comments.find(group);
            const std::vector<std::string> comments = it == f.comments.end() ? std::vector<std::string>{} : it->second;
            const std::string prefix = "# " + rule + ": not exported for " + format + ": ";
            const bool commented = std::any_of(comments.begin(), comments.end(), [&](const std::string& c) {
                return c.starts_with(prefix) && c.size() > prefix.size() + 10;
            });
            if (std::find(rules.begin(), rules.end(), rule) != rules.end()) {
                EXPECT_FALSE(alerts.empty()) << format << " " << rule;
                EXPECT_FALSE(commented) << format << " " << rule;
            } else {
                EXPECT_TRUE(alerts.empty()) << format << " " << rule;
                EXPECT_TRUE(commented) << format << " " << rule << " has no comment saying why";
            }
        }
    }
    // Every alert: the rule's PoolScope name, its grade as severity and grade, the format.
    for (const auto& r : f.rules) {
        EXPECT_TRUE(r.alert.starts_with("PoolScope")) << r.alert;
        EXPECT_EQ(r.labels.at("severity"), r.labels.at("grade"));
        EXPECT_TRUE(parseGrade(r.labels.at("grade"))) << r.labels.at("grade");
        EXPECT_EQ("poolscope_" + r.labels.at("format"), r.group);
        EXPECT_TRUE(parseRuleId(r.labels.at("rule"))) << r.labels.at("rule");
        EXPECT_FALSE(r.annotations.at("summary").empty());
        EXPECT_FALSE(r.annotations.at("description").empty());
    }
}

TEST(AlertRulesExportTest, DefaultThresholdsForDurationsAndOneAlertPerGrade) {
    const RuleFile f = read(AlertRulesExport::write(Thresholds::defaults(), all()));
    const auto wait = find(f, "poolscope_poolscope", "wait_p99");
    // Histogram, then mean when there are no buckets: 2 kinds x warning, danger.
    ASSERT_EQ(wait.size(), 4u);
    EXPECT_EQ(wait[0]->labels.at("wait"), "histogram");
    EXPECT_EQ(wait[0]->labels.at("grade"), "warning");
    EXPECT_TRUE(wait[0]->expr.ends_with(") >= 5")) << wait[0]->expr;
    EXPECT_EQ(wait[1]->labels.at("grade"), "danger");
    EXPECT_TRUE(wait[1]->expr.ends_with(") >= 50")) << wait[1]->expr;
    EXPECT_EQ(wait[0]->forDuration, "2s");
    EXPECT_EQ(wait[0]->keepFiringFor, "5s");
    EXPECT_NE(wait[0]->expr.find("histogram_quantile(0.99, sum by (job, instance, pool, le) "
                                 "(rate(poolscope_acquire_wait_seconds_bucket[1m]))) * 1000"),
              std::string::npos)
        << wait[0]->expr;
    // The mean is for pools without buckets only.
    EXPECT_EQ(wait[2]->labels.at("wait"), "mean");
    EXPECT_NE(wait[2]->expr.find("unless (sum by (job, instance, pool) (poolscope_acquire_wait_seconds_bucket))"),
              std::string::npos)
        << wait[2]->expr;

    // Counting rules fire at once: no for; their window is at least a minute.
    const auto timeouts = find(f, "poolscope_poolscope", "timeouts");
    ASSERT_EQ(timeouts.size(), 1u);
    EXPECT_EQ(timeouts[0]->labels.at("grade"), "danger");
    EXPECT_EQ(timeouts[0]->forDuration, "");
    EXPECT_EQ(timeouts[0]->expr,
              "(sum by (job, instance, pool) (increase(poolscope_acquire_timeouts_total[1m]))) >= 1");

    const auto unbounded = find(f, "poolscope_go_sql", "unbounded");
    ASSERT_EQ(unbounded.size(), 2u);
    EXPECT_EQ(unbounded[0]->expr,
              "(max by (job, instance, db_name) (max_over_time(go_sql_open_connections[1m])) and sum by (job, "
              "instance, db_name) (go_sql_max_open_connections) == 0) >= 0");
    EXPECT_TRUE(unbounded[1]->expr.ends_with(" >= 50"));

    // Pool labels per format, job and instance always.
    for (const auto& [group, by] : std::map<std::string, std::string>{
             {"poolscope_hikaricp", "by (job, instance, pool"},
             {"poolscope_go_sql", "by (job, instance, db_name"},
             {"poolscope_pgxpool", "by (job, instance, db, pool, database, db_name, pool_name"},
             {"poolscope_otel", "by (job, instance, db_client_connection_pool_name, pool_name"}}) {
        for (const auto& r : f.rules)
            if (r.group == group) {
                EXPECT_NE(r.expr.find(by), std::string::npos) << group << ": " << r.expr;
            }
    }
    // Units to ms: nanoseconds divide, milliseconds stay.
    const auto pgxWait = find(f, "poolscope_pgxpool", "wait_p99");
    ASSERT_FALSE(pgxWait.empty());
    EXPECT_NE(pgxWait[0]->expr.find("(rate(pgxpool_acquire_count[1m])) / 1000000"), std::string::npos)
        << pgxWait[0]->expr;
}

TEST(AlertRulesExportTest, FollowsTheThresholdsFile) {
    Thresholds t = Thresholds::defaults();
    RuleSettings& wait = t.rule(RuleId::WaitP99);
    wait.warning = 7.5;
    wait.danger.reset();
    wait.forMs = 30'000;
    wait.clearForMs = 0;
    t.rule(RuleId::Timeouts).windowMs = 120'000;
    t.rule(RuleId::Timeouts).danger = 3;
    t.rule(RuleId::Utilisation).forMs = 1500;
    t.rule(RuleId::Leak).enabled = false;
    const RuleFile f = read(AlertRulesExport::write(t, {AlertRuleFormat::PoolScope}));
    ASSERT_EQ(f.groups, std::vector<std::string>{"poolscope_poolscope"});

    const auto waits = find(f, "poolscope_poolscope", "wait_p99");
    ASSERT_EQ(waits.size(), 2u);  // warning only, histogram and mean
    for (const Rule* r : waits) {
        EXPECT_EQ(r->labels.at("grade"), "warning");
        EXPECT_NE(r->expr.find(") >= 7.5"), std::string::npos) << r->expr;
        EXPECT_EQ(r->forDuration, "30s");
        EXPECT_EQ(r->keepFiringFor, "");
    }
    const auto timeouts = find(f, "poolscope_poolscope", "timeouts");
    ASSERT_EQ(timeouts.size(), 1u);
    EXPECT_NE(timeouts[0]->expr.find("[2m]"), std::string::npos);
    EXPECT_TRUE(timeouts[0]->expr.ends_with(" >= 3"));
    EXPECT_NE(timeouts[0]->annotations.at("description").find(" in the last 120 s "), std::string::npos);
    EXPECT_EQ(find(f, "poolscope_poolscope", "utilisation")[0]->forDuration, "1500ms");

    EXPECT_TRUE(find(f, "poolscope_poolscope", "leak").empty());
    const auto& comments = f.comments.at("poolscope_poolscope");
    EXPECT_NE(std::find(comments.begin(), comments.end(), "# leak: disabled in the thresholds."), comments.end());

    // Every grade set: info too.
    t.rule(RuleId::Exhausted).info = 0.5;
    t.rule(RuleId::Exhausted).warning = 1;
    const RuleFile withInfo = read(AlertRulesExport::write(t, {AlertRuleFormat::PoolScope}));
    const auto exhausted = find(withInfo, "poolscope_poolscope", "exhausted");
    ASSERT_EQ(exhausted.size(), 3u);
    EXPECT_EQ(exhausted[0]->labels.at("severity"), "info");
    EXPECT_TRUE(exhausted[0]->expr.ends_with(" >= 0.5"));
}

TEST(AlertRulesExportTest, WithEveryRuleDisabledTheGroupIsEmptyButValid) {
    Thresholds t = Thresholds::defaults();
    for (auto& r : t.rules) r.enabled = false;
    const std::string yaml = AlertRulesExport::write(t, {AlertRuleFormat::GoSql});
    EXPECT_NE(yaml.find("    rules: []\n"), std::string::npos) << yaml;
    EXPECT_TRUE(read(yaml).rules.empty());
}

TEST(AlertRulesExportTest, HeaderNamesTheThresholdsAndCannotBeBrokenByTheirName) {
    AlertRulesOptions o;
    o.thresholdsSource = "file 'a\nb.json'";
    const std::string yaml = AlertRulesExport::write(Thresholds::defaults(), {AlertRuleFormat::Otel}, o);
    EXPECT_NE(yaml.find("# Thresholds: file 'a b.json'.\n"), std::string::npos);
    // Every line before "groups:" is a comment.
    std::istringstream in(yaml);
    std::string line;
    while (std::getline(in, line) && line != "groups:") EXPECT_TRUE(line.starts_with("#")) << line;
    EXPECT_EQ(line, "groups:");
}

/// The advice a message ends with: after its last ": " or "; ".
std::string advice(const std::string& message) {
    const size_t colon = message.rfind(": "), semi = message.rfind("; ");
    const size_t at = colon == std::string::npos ? semi : semi == std::string::npos ? colon : std::max(colon, semi);
    return at == std::string::npos ? message : message.substr(at + 2);
}

/// The exported descriptions say what the health engine says: the same
/// headline before the figures and the same advice at the end.
TEST(AlertRulesExportTest, DescriptionsUseTheHealthEngineWords) {
    const RuleFile f = read(AlertRulesExport::write(Thresholds::defaults(), all()));
    const Thresholds defaults = Thresholds::defaults();
    struct Case {
        RuleId rule;
        std::string group, wait;  // which exported alert
        void (*setUp)(PoolSnapshot&, PoolTotals& before);
        bool sameAdvice;
    };
    const Case cases[] = {
        {RuleId::WaitP99, "poolscope_hikaricp", "histogram",
         [](PoolSnapshot& s, PoolTotals&) {
             s.wait.p99 = 80;
             s.wait.derivation = WaitDerivation::Histogram;
         },
         true},
        {RuleId::WaitP99, "poolscope_hikaricp", "summary",
         [](PoolSnapshot& s, PoolTotals&) {
             s.wait.p99 = 80;
             s.wait.derivation = WaitDerivation::Summary;
         },
         true},
        {RuleId::WaitP99, "poolscope_go_sql", "mean",
         [](PoolSnapshot& s, PoolTotals&) {
             s.wait.p99 = 80;
             s.wait.derivation = WaitDerivation::Mean;
         },
         true},
        {RuleId::Utilisation, "poolscope_poolscope", "",
         [](PoolSnapshot& s, PoolTotals&) { s.counts.inUse = 9; }, true},
        {RuleId::Exhausted, "poolscope_poolscope", "",
         [](PoolSnapshot& s, PoolTotals&) {
             s.counts = {};
             s.counts.inUse = s.counts.open = 10;
             s.counts.waiting = 3;
         },
         true},
        {RuleId::Timeouts, "poolscope_poolscope", "", [](PoolSnapshot& s, PoolTotals&) { s.totals.timeouts = 2; },
         true},
        {RuleId::ConnectErrors, "poolscope_poolscope", "",
         [](PoolSnapshot& s, PoolTotals&) { s.totals.connectErrors = 2; }, true},
        {RuleId::Unbounded, "poolscope_go_sql", "",
         [](PoolSnapshot& s, PoolTotals&) {
             s.config.maxOpen = 0;
             s.counts.open = 60;
         },
         true},
        {RuleId::IdleBelowMin, "poolscope_hikaricp", "",
         [](PoolSnapshot& s, PoolTotals&) {
             s.config.minIdle = 5;
             s.counts.open = 3;
             s.counts.idle = 1;
         },
         true},
        {RuleId::StaleConnections, "poolscope_poolscope", "",
         [](PoolSnapshot& s, PoolTotals&) {
             // Validation on: the engine's advice for pools that check (the series do not say).
             s.config.validation.mode = ValidationPolicy::Mode::Borrow;
             s.totals.validationFailures = 2;
         },
         true},
        {RuleId::IllegalTransitions, "poolscope_poolscope", "",
         [](PoolSnapshot& s, PoolTotals&) { s.totals.illegalTransitions = 1; }, true},
        {RuleId::EventsDropped, "poolscope_poolscope", "",
         [](PoolSnapshot& s, PoolTotals&) { s.totals.eventsDropped = 40; }, true},
        // The engine names the holder from the pool's own reports; the series carry no names.
        {RuleId::Leak, "poolscope_poolscope", "", [](PoolSnapshot& s, PoolTotals&) { s.totals.leaks = 1; }, false},
    };
    for (const Case& c : cases) {
        PoolSnapshot s;
        s.config.maxOpen = 10;
        s.config.leakThresholdMs = 1000;
        s.counts.open = 10;
        s.counts.idle = 1;
        PoolTotals before;
        c.setUp(s, before);
        CounterWindow window(60'000'000'000);
        window.add(1'000'000'000, before);
        window.add(2'000'000'000, s.totals, s.counts);
        const Measurement m = measureRule(c.rule, s, window, defaults.rule(c.rule));
        const std::string rule(toString(c.rule));
        ASSERT_TRUE(m.value) << rule;
        ASSERT_NE(defaults.rule(c.rule).gradeOf(*m.value), Grade::Normal) << rule << ": " << m.message;

        const Rule* exported = nullptr;
        for (const Rule* r : find(f, c.group, rule))
            if (c.wait.empty() || r->labels.at("wait") == c.wait) exported = r;
        ASSERT_NE(exported, nullptr) << c.group << " " << rule << " " << c.wait;
        const std::string& description = exported->annotations.at("description");
        const std::string headline = description.substr(0, description.find("{{"));
        EXPECT_TRUE(m.message.starts_with(headline)) << "engine: " << m.message << "\nexported: " << description;
        if (c.sameAdvice) {
            EXPECT_EQ(advice(description), advice(m.message)) << rule;
        }
    }
}

}  // namespace
}  // namespace poolscope
