#include "core/telemetry/PrometheusText.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "tests/core/telemetry/Promtool.h"

namespace poolscope {
namespace {

PoolSnapshot sampleSnapshot(const std::string& name) {
    PoolSnapshot s;
    s.pool = name;
    s.driver = "sim";
    s.lifecycle = Lifecycle::Started;
    s.counts = {.open = 5, .idle = 2, .inUse = 3, .allocating = 0, .returning = 0, .waiting = 7};
    s.totals.acquired = 1234;
    s.totals.waitMs = 2500;
    s.totals.closedBroken = 4;
    s.config.acquireTimeoutMs = 1500;
    s.wait.p99 = 12.5;
    s.transitions[2] = 99;  // ALLOCATING>IN_USE
    WaitBuckets b;
    for (int i = 0; i < WaitBuckets::kBounds; ++i) b.cumulative[static_cast<size_t>(i)] = 1000 + static_cast<uint64_t>(i);
    b.count = 1100;
    b.sumSeconds = 2.5;
    s.waitBuckets = b;
    return s;
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
}

bool hasLine(const std::string& text, const std::string& line) {
    for (const auto& l : lines(text))
        if (l == line) return true;
    return false;
}

/// The family a sample line belongs to (histogram suffixes folded).
std::string familyOf(const std::string& line, const std::set<std::string>& histograms) {
    std::string name = line.substr(0, line.find_first_of("{ "));
    for (const char* suffix : {"_bucket", "_sum", "_count"}) {
        const std::string s = suffix;
        if (name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0) {
            const std::string base = name.substr(0, name.size() - s.size());
            if (histograms.count(base)) return base;
        }
    }
    return name;
}

TEST(PrometheusTextTest, FamiliesHaveOneHeaderAndAllTheirSamplesTogether) {
    const PoolSnapshot a = sampleSnapshot("a"), b = sampleSnapshot("b");
    PoolHealth h;
    h.grade = Grade::Warning;
    const std::string text = prometheusText({{&a, &h}, {&b, nullptr}});
    std::map<std::string, int> types;
    std::set<std::string> histograms, finished;
    std::string current;
    for (const auto& l : lines(text)) {
        ASSERT_FALSE(l.empty());
        if (l.rfind("# TYPE ", 0) == 0) {
            const std::string name = l.substr(7, l.find(' ', 7) - 7);
            ++types[name];
            if (l.ends_with(" histogram")) histograms.insert(name);
            continue;
        }
        if (l[0] == '#') continue;
        const std::string family = familyOf(l, histograms);
        if (family != current) {
            EXPECT_FALSE(finished.count(family)) << family << " is split: " << l;
            if (!current.empty()) finished.insert(current);
            current = family;
        }
        EXPECT_EQ(types.count(family), 1u) << "sample before its # TYPE: " << l;
    }
    for (const auto& [name, n] : types) EXPECT_EQ(n, 1) << name;
    EXPECT_TRUE(hasLine(text, R"(poolscope_connections_in_use{pool="a"} 3)"));
    EXPECT_TRUE(hasLine(text, R"(poolscope_connections_in_use{pool="b"} 3)"));
    EXPECT_TRUE(hasLine(text, R"(poolscope_waiting_callers{pool="a"} 7)"));
    EXPECT_TRUE(hasLine(text, R"(poolscope_acquired_total{pool="a"} 1234)"));
    EXPECT_TRUE(hasLine(text, R"(poolscope_queue_wait_seconds_total{pool="a"} 2.5)"));
    EXPECT_TRUE(hasLine(text, R"(poolscope_connections_closed_total{pool="a",cause="broken"} 4)"));
    EXPECT_TRUE(hasLine(text, R"(poolscope_acquire_timeout_seconds{pool="a"} 1.5)"));
    EXPECT_TRUE(hasLine(text, R"(poolscope_acquire_wait_window_seconds{pool="a",stat="p99"} 0.0125)"));
    EXPECT_TRUE(hasLine(text, R"(poolscope_transitions_total{pool="a",from="ALLOCATING",to="IN_USE"} 99)"));
    EXPECT_TRUE(hasLine(text, R"(poolscope_lifecycle{pool="a",state="STARTED"} 1)"));
    EXPECT_TRUE(hasLine(text, R"(poolscope_lifecycle{pool="a",state="SUSPENDED"} 0)"));
    EXPECT_TRUE(hasLine(text, R"(poolscope_health_grade{pool="a"} 1)"));
    EXPECT_EQ(text.find(R"(poolscope_health_grade{pool="b"})"), std::string::npos);
}

TEST(PrometheusTextTest, WaitHistogramHasEveryBucketSumAndCount) {
    const PoolSnapshot a = sampleSnapshot("a");
    const std::string text = prometheusText({{&a, nullptr}});
    EXPECT_TRUE(hasLine(text, "# TYPE poolscope_acquire_wait_seconds histogram"));
    EXPECT_TRUE(hasLine(text, R"(poolscope_acquire_wait_seconds_bucket{pool="a",le="0.0001"} 1000)"));
    EXPECT_TRUE(hasLine(text, R"(poolscope_acquire_wait_seconds_bucket{pool="a",le="2.5"} 1013)"));
    EXPECT_TRUE(hasLine(text, R"(poolscope_acquire_wait_seconds_bucket{pool="a",le="60"} 1017)"));
    EXPECT_TRUE(hasLine(text, R"(poolscope_acquire_wait_seconds_bucket{pool="a",le="+Inf"} 1100)"));
    EXPECT_TRUE(hasLine(text, R"(poolscope_acquire_wait_seconds_sum{pool="a"} 2.5)"));
    EXPECT_TRUE(hasLine(text, R"(poolscope_acquire_wait_seconds_count{pool="a"} 1100)"));
}

TEST(PrometheusTextTest, FiguresNotReportedAreLeftOutNeverZero) {
    PoolSnapshot a = sampleSnapshot("a");
    a.reported = FigureSet::all();
    a.reported.set(Figure::Open, false).set(Figure::Timeouts, false).set(Figure::Lifecycle, false);
    a.reported.set(Figure::Transitions, false).set(Figure::OtherConfig, false);
    a.waitBuckets.reset();
    PoolSnapshot b = sampleSnapshot("b");
    b.reported = FigureSet::none();
    b.reported.set(Figure::Idle);
    b.waitBuckets.reset();
    const std::string text = prometheusText({{&a, nullptr}, {&b, nullptr}});
    EXPECT_EQ(text.find(R"(poolscope_connections_open{pool="a"})"), std::string::npos);
    EXPECT_EQ(text.find("poolscope_acquire_timeouts_total"), std::string::npos) << "no pool reports it";
    EXPECT_EQ(text.find("poolscope_lifecycle"), std::string::npos);
    EXPECT_EQ(text.find("poolscope_transitions_total"), std::string::npos);
    EXPECT_EQ(text.find("poolscope_acquire_timeout_seconds"), std::string::npos);
    EXPECT_EQ(text.find("poolscope_acquire_wait_seconds"), std::string::npos);
    EXPECT_TRUE(hasLine(text, R"(poolscope_connections_open{pool="b"} 5)") == false);
    EXPECT_TRUE(hasLine(text, R"(poolscope_connections_idle{pool="b"} 2)"));
    EXPECT_TRUE(hasLine(text, R"(poolscope_connections_in_use{pool="a"} 3)"));
    EXPECT_EQ(text.find(R"(poolscope_connections_in_use{pool="b"})"), std::string::npos);
    EXPECT_TRUE(promtoolAccepts(text).empty()) << promtoolAccepts(text);
}

TEST(PrometheusTextTest, LabelValuesAreEscaped) {
    EXPECT_EQ(escapePrometheusLabel("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    const PoolSnapshot a = sampleSnapshot("we\"ird\\na\nme");
    const std::string text = prometheusText({{&a, nullptr}});
    EXPECT_TRUE(hasLine(text, R"(poolscope_connections_idle{pool="we\"ird\\na\nme"} 2)"));
}

TEST(PrometheusTextTest, NoPoolsIsAnEmptyBody) { EXPECT_EQ(prometheusText({}), ""); }

TEST(PrometheusTextTest, PromtoolAcceptsTheOutput) {
    const PoolSnapshot a = sampleSnapshot("orders"), b = sampleSnapshot("we\"ird\\na\nme");
    PoolHealth h;
    h.grade = Grade::Danger;
    Alert alert;
    alert.state = AlertState::Firing;
    h.alerts.push_back(alert);
    const std::string text = prometheusText({{&a, &h}, {&b, &h}});
    EXPECT_TRUE(hasLine(text, R"(poolscope_alerts{pool="orders",state="firing"} 1)"));
    const std::string problems = promtoolAccepts(text);
    EXPECT_TRUE(problems.empty()) << problems << "\n" << text;
}

}  // namespace
}  // namespace poolscope
