// The headless mode's health contract (issue 5) from the outside: "health"
// and "alerts" on every snapshot line, "fired" in the summary, --thresholds
// and --fail-on with their exit codes.

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "app/headless/CommandLine.h"
#include "tests/core/telemetry/TestJson.h"

#ifndef POOLSCOPE_BIN
#error "POOLSCOPE_BIN must name the poolscope executable"
#endif

namespace poolscope {
namespace {

namespace fs = std::filesystem;
using testjson::Value;

struct RunResult {
    int exitCode = -1;
    std::vector<std::string> lines;  // stdout
    std::string err;                 // stderr
};

/// Runs poolscope with `args` (a /bin/sh argument string).
RunResult runPoolscope(const std::string& args) {
    const fs::path errFile = fs::path(testing::TempDir()) / "poolscope-health-stderr.txt";
    const std::string cmd = "'" + std::string(POOLSCOPE_BIN) + "' " + args + " 2>'" + errFile.string() + "'";
    RunResult r;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) {
        ADD_FAILURE() << "popen failed for: " << cmd;
        return r;
    }
    std::string out;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    const int status = pclose(p);
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line);) r.lines.push_back(line);
    std::ifstream errIn(errFile);
    r.err.assign(std::istreambuf_iterator<char>(errIn), {});
    return r;
}

struct Parsed {
    std::vector<Value> snapshots;
    Value summary;
};

/// Parses every line and checks the health members of each snapshot line.
Parsed parseRun(const RunResult& r) {
    Parsed p;
    static const std::set<std::string> kHealth = {"normal", "warning", "danger"};
    static const std::set<std::string> kGrades = {"info", "warning", "danger"};
    static const std::set<std::string> kStates = {"pending", "firing", "resolved"};
    for (size_t i = 0; i < r.lines.size(); ++i) {
        std::string error;
        auto v = testjson::parse(r.lines[i], &error);
        if (!v) {
            ADD_FAILURE() << error << "\n" << r.lines[i];
            continue;
        }
        if (i + 1 == r.lines.size()) {
            EXPECT_EQ((*v)["kind"].str(), "summary");
            EXPECT_TRUE((*v)["fired"].isArray()) << r.lines[i];
            p.summary = *v;
            continue;
        }
        EXPECT_EQ((*v)["kind"].str(), "snapshot");
        EXPECT_TRUE(kHealth.count((*v)["health"].str())) << r.lines[i];
        for (const auto& a : (*v)["alerts"].arr()) {
            EXPECT_TRUE(a["rule"].isString());
            EXPECT_TRUE(kGrades.count(a["grade"].str())) << r.lines[i];
            EXPECT_TRUE(kStates.count(a["state"].str())) << r.lines[i];
            EXPECT_FALSE(a["message"].str().empty());
            EXPECT_TRUE(a["value"].isNumber());
            EXPECT_TRUE(a["threshold"].isNumber());
        }
        p.snapshots.push_back(*v);
    }
    return p;
}

bool firedRule(const Value& summary, const std::string& rule, const std::string& grade) {
    for (const auto& f : summary["fired"].arr())
        if (f["rule"].str() == rule && f["grade"].str() == grade) return true;
    return false;
}

const char* const kWaitStorm =
    "--headless --connect 'sim://?query_ms=2' --pool max_open=8 --workload workers=32,hold_ms=20 --interval 500";
const char* const kHealthy =
    "--headless --connect 'sim://?query_ms=1' --pool max_open=10 --workload workers=4,hold_ms=10,think_ms=10 "
    "--interval 500";

TEST(HeadlessHealthTest, WaitStormFailsOnDanger) {
    const RunResult r = runPoolscope(std::string(kWaitStorm) + " --duration 5 --fail-on danger");
    EXPECT_EQ(r.exitCode, 4) << r.err;
    const Parsed p = parseRun(r);
    ASSERT_GE(p.snapshots.size(), 8u);
    bool exhaustedFiring = false;
    for (const auto& s : p.snapshots)
        for (const auto& a : s["alerts"].arr())
            if (a["rule"].str() == "exhausted" && a["state"].str() == "firing") {
                exhaustedFiring = true;
                EXPECT_EQ(a["grade"].str(), "danger");
                EXPECT_EQ(s["health"].str(), "danger");
                EXPECT_EQ(a["message"].str().rfind("pool exhausted — ", 0), 0u) << a["message"].str();
            }
    EXPECT_TRUE(exhaustedFiring);
    EXPECT_EQ(p.snapshots.front()["health"].str(), "normal");  // pending first: hold time
    EXPECT_TRUE(firedRule(p.summary, "exhausted", "danger"));
    for (const auto& f : p.summary["fired"].arr()) {
        const std::string rule = f["rule"].str();
        EXPECT_TRUE(rule == "exhausted" || rule == "wait_p99" || rule == "utilisation") << rule;
    }
    EXPECT_NE(r.err.find("poolscope: --fail-on danger: exhausted (danger) fired on pool \"default\": pool exhausted"),
              std::string::npos)
        << r.err;
}

TEST(HeadlessHealthTest, HealthyRunPassesEvenOnWarning) {
    const RunResult r = runPoolscope(std::string(kHealthy) + " --duration 3 --fail-on warning");
    EXPECT_EQ(r.exitCode, 0) << r.err;
    const Parsed p = parseRun(r);
    ASSERT_GE(p.snapshots.size(), 5u);
    // A loaded machine can push a single early slow acquire (the first
    // connects) over the wait_p99 warning for a moment: that shows as a
    // pending alert, which is right. What must hold is that nothing fires.
    for (const auto& s : p.snapshots) {
        EXPECT_EQ(s["health"].str(), "normal");
        for (const auto& a : s["alerts"].arr())
            EXPECT_EQ(a["state"].str(), "pending")
                << a["rule"].str() << " " << a["grade"].str() << ": " << a["message"].str();
    }
    EXPECT_TRUE(p.summary["fired"].arr().empty());
    EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST(HeadlessHealthTest, AlertsAloneDoNotChangeTheExitCode) {
    const RunResult r = runPoolscope(std::string(kWaitStorm) + " --duration 3");
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(firedRule(parseRun(r).summary, "exhausted", "danger"));
}

TEST(HeadlessHealthTest, ThresholdsFileIsUsed) {
    const fs::path file = fs::path(testing::TempDir()) / "poolscope-strict-thresholds.json";
    std::ofstream(file) << R"({"rules": {"utilisation": {"warning": 1, "danger": 2, "for_ms": 0}}})";
    const RunResult r =
        runPoolscope(std::string(kHealthy) + " --duration 2 --thresholds '" + file.string() + "' --fail-on danger");
    EXPECT_EQ(r.exitCode, 4) << r.err;
    EXPECT_TRUE(firedRule(parseRun(r).summary, "utilisation", "danger"));
    fs::remove(file);
}

TEST(HeadlessHealthTest, BadThresholdsFileIsRefusedWithExit2) {
    const fs::path file = fs::path(testing::TempDir()) / "poolscope-bad-thresholds.json";
    std::ofstream(file) << R"({"rules": {"wait_p99": {"warning": "5ms"}}})";
    RunResult r = runPoolscope(std::string(kHealthy) + " --duration 1 --thresholds '" + file.string() + "'");
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(r.lines.empty());
    EXPECT_EQ(r.err, "poolscope: --thresholds: thresholds file '" + file.string() +
                         "': rules.wait_p99.warning: expected a number or null, got a string\n");
    std::ofstream(file) << R"({"rules": {"wait_p99": {"warning": 5}}, "guard": {}})";
    r = runPoolscope(std::string(kHealthy) + " --duration 1 --thresholds '" + file.string() + "'");
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("': guard: unknown key (known: schema, comment, rules, guards)"), std::string::npos) << r.err;
    fs::remove(file);
    r = runPoolscope(std::string(kHealthy) + " --duration 1 --thresholds '" + file.string() + "'");
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("cannot be opened (missing or unreadable)"), std::string::npos) << r.err;
}

TEST(HeadlessHealthTest, FailOnAndThresholdsOnTheCommandLine) {
    const auto ok = CommandLine::parse({"--headless", "--fail-on", "danger", "--thresholds=t.json"});
    ASSERT_TRUE(ok.runHeadless()) << ok.error();
    EXPECT_EQ(ok.options().failOn, Grade::Danger);
    EXPECT_EQ(ok.options().thresholdsFile, "t.json");
    const auto none = CommandLine::parse({"--headless"});
    EXPECT_FALSE(none.options().failOn);
    EXPECT_TRUE(none.options().thresholdsFile.empty());
    EXPECT_EQ(CommandLine::parse({"--headless", "--fail-on=warning"}).options().failOn, Grade::Warning);
    for (const char* bad : {"info", "normal", "Danger", ""}) {
        const auto cl = CommandLine::parse({"--headless", "--fail-on", bad});
        EXPECT_FALSE(cl.runHeadless());
        EXPECT_EQ(cl.exitCode(), CommandLine::kExitBadArguments);
        EXPECT_EQ(cl.error(), "poolscope: --fail-on: '" + std::string(bad) +
                                  "' is not one of warning, danger\nSee 'poolscope --help'.");
    }
    EXPECT_EQ(CommandLine::parse({"--headless", "--fail-on"}).error(),
              "poolscope: --fail-on needs a value\nSee 'poolscope --help'.");
    EXPECT_EQ(CommandLine::parse({"--headless", "--thresholds="}).error(),
              "poolscope: --thresholds: the file name is empty\nSee 'poolscope --help'.");
    EXPECT_NE(CommandLine::usage().find("--fail-on GRADE"), std::string::npos);
}

}  // namespace
}  // namespace poolscope
