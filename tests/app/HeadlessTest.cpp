// Runs the real `poolscope` binary and checks the headless contract
// (issue 2, section 4) from the outside, the way other tools read it.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/telemetry/Json.h"
#include "tests/app/RunPoolscope.h"

namespace poolscope {
namespace {

namespace fs = std::filesystem;
using testrun::RunResult;

const fs::path kErrFile = fs::path(testing::TempDir()) / "poolscope-headless-stderr.txt";
RunResult runShell(const std::string& shell) { return testrun::runShell(shell, kErrFile); }
RunResult runPoolscope(const std::string& args) { return testrun::runPoolscope(args, kErrFile); }


/// Refuses repeated keys: the headless mode must never print one.
Json parseLine(const std::string& line) {
    auto v = Json::parse(line, {.uniqueKeys = true});
    EXPECT_TRUE(v) << v.message() << "\n" << line;
    return v ? *v : Json();
}

/// Checks every line: snapshots first, each with the invariant and the
/// max_open bound, then exactly one summary line at the end. Returns the
/// parsed snapshots.
std::vector<Json> checkContract(const RunResult& r, int64_t maxOpen) {
    std::vector<Json> snaps;
    if (r.lines.empty()) {
        ADD_FAILURE() << "no output; stderr: " << r.err;
        return snaps;
    }
    for (size_t i = 0; i < r.lines.size(); ++i) {
        const Json v = parseLine(r.lines[i]);
        if (!v.isObject()) continue;
        const bool last = i + 1 == r.lines.size();
        EXPECT_EQ(v["kind"].asString(), last ? "summary" : "snapshot") << r.lines[i];
        if (last) {
            EXPECT_TRUE(v["ok"].isInteger());
            EXPECT_TRUE(v["errors"].isObject());
            EXPECT_TRUE(v["duration_s"].isNumber());
            continue;
        }
        EXPECT_EQ(v["schema"].asInt64(), 1);
        const Json& c = v["counts"];
        const auto n = [&](const char* k) { return c[k].asInt64().value(); };
        EXPECT_EQ(n("open"), n("idle") + n("in_use") + n("allocating") + n("returning"))
            << r.lines[i];
        if (maxOpen > 0) {
            EXPECT_LE(c["open"].asInt64(), maxOpen) << r.lines[i];
        }
        EXPECT_EQ(v["transitions"].members().size(), 10u);
        // Every connection opened was born through the table (a connect in
        // flight is born, not yet created).
        EXPECT_GE(v["transitions"]["DESTROYED>ALLOCATING"].asUint64().value(),
                  v["totals"]["created"].asUint64().value() + v["totals"]["connect_errors"].asUint64().value())
            << r.lines[i];
        snaps.push_back(v);
    }
    return snaps;
}

TEST(HeadlessTest, SimRunPrintsSnapshotsKeepingTheInvariantThenASummary) {
    const RunResult r = runPoolscope(
        "--headless --connect 'sim://?query_ms=2' --pool max_open=4 "
        "--workload workers=16,hold_ms=5,think_ms=0 --duration 2 --interval 100");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto snaps = checkContract(r, 4);
    ASSERT_GE(snaps.size(), 15u);
    const Json& first = snaps.front();
    EXPECT_EQ(first["source"].asString(), "embedded");
    EXPECT_EQ(first["pool"].asString(), "default");
    EXPECT_EQ(first["driver"].asString(), "sim");
    EXPECT_EQ(first["lifecycle"].asString(), "STARTED");
    EXPECT_EQ(first["config"]["max_open"].asInt64(), 4);
    bool waitingSeen = false;
    for (const auto& s : snaps) waitingSeen |= s["counts"]["waiting"].asInt64() > 0;
    EXPECT_TRUE(waitingSeen);
    EXPECT_GT(snaps.back()["totals"]["wait_count"].asInt64(),
              snaps.front()["totals"]["wait_count"].asInt64());
    const Json summary = parseLine(r.lines.back());
    EXPECT_GT(summary["ok"].asInt64(), 100);
    EXPECT_EQ(summary["errors"].size(), 0u) << r.lines.back();
    EXPECT_NEAR(summary["duration_s"].asDouble().value(), 2.0, 1.0);
}

TEST(HeadlessTest, SigtermWithDurationZeroEndsCleanlyWithASummary) {
    const RunResult r = runShell(
        "\"$BIN\" --headless --connect 'sim://' --workload workers=2 --duration 0 "
        "--interval 100 & pid=$!; sleep 1; kill -TERM $pid; wait $pid");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto snaps = checkContract(r, 10);
    EXPECT_GE(snaps.size(), 3u);
    EXPECT_GT(parseLine(r.lines.back())["ok"].asInt64(), 0);
}

TEST(HeadlessTest, PoolPerRequestReportsWorkInTheSummary) {
    const RunResult r = runPoolscope(
        "--headless --connect 'sim://' --workload workers=2,hold_ms=0,pool_per_request=true "
        "--duration 1 --interval 200");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto snaps = checkContract(r, 10);
    ASSERT_FALSE(snaps.empty());
    EXPECT_EQ(snaps.back()["totals"]["acquired"].asInt64(), 0);  // the outer pool is unused
    EXPECT_GT(parseLine(r.lines.back())["ok"].asInt64(), 0);
}

TEST(HeadlessTest, EmbeddedSqliteIsTheDefault) {
    const fs::path data = fs::path(testing::TempDir()) / "poolscope-headless-xdg";
    fs::remove_all(data);
    const RunResult r = runShell("XDG_DATA_HOME='" + data.string() +
                                 "' \"$BIN\" --headless --workload workers=2 --duration 1 "
                                 "--interval 200");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto snaps = checkContract(r, 10);
    ASSERT_FALSE(snaps.empty());
    EXPECT_EQ(snaps.front()["driver"].asString(), "sqlite");
    EXPECT_TRUE(fs::exists(data / "poolscope" / "embedded.db"));
    EXPECT_GT(parseLine(r.lines.back())["ok"].asInt64(), 0);
    fs::remove_all(data);
}

TEST(HeadlessTest, BadArgumentsExit2NamingTheProblem) {
    struct Case {
        std::string args;
        std::string message;
    };
    const Case cases[] = {
        {"--headless --connect sim:// --pool max_opn=3", "max_opn"},
        {"--headless --connect sim:// --pool max_open=abc",
         "--pool: max_open: 'abc' is not an integer"},
        {"--headless --connect sim:// --workload workers=-2", "workers"},
        {"--headless --connect 'sim://?query_ms=abc'", "query_ms"},
        {"--headless --connect 'nosuchdb://localhost/x'", "nosuchdb"},
#ifdef POOLSCOPE_TEST_GUI
        // Without --headless the GUI's own arguments are checked before any window.
        {"--connect sim:// --quit-after soon", "--quit-after: 'soon'"},
#else
        // A build without the GUI says so.
        {"--connect sim:// --quit-after soon", "the GUI is not built into this binary"},
#endif
    };
    for (const auto& c : cases) {
        const RunResult r = runPoolscope(c.args);
        EXPECT_EQ(r.exitCode, 2) << c.args << "\n" << r.err;
        EXPECT_NE(r.err.find(c.message), std::string::npos) << c.args << "\n" << r.err;
        EXPECT_TRUE(r.lines.empty()) << c.args;
    }
}

#ifdef POOLSCOPE_TEST_GUI
// The --help text per option: "--name" -> its lines (the option line and the
// continuation lines under it), read from the printed text.
std::map<std::string, std::string> helpBlocks(const std::string& help) {
    std::map<std::string, std::string> blocks;
    std::string current;
    size_t begin = 0;
    while (begin < help.size()) {
        const size_t end = std::min(help.find('\n', begin), help.size());
        const std::string line = help.substr(begin, end - begin);
        begin = end + 1;
        if (line.starts_with("  --")) {
            current = line.substr(2, line.find(' ', 2) - 2);
            blocks[current] += line + "\n";
        } else if (!current.empty() && line.starts_with("                      ")) {
            blocks[current] += line + "\n";
        } else {
            current.clear();
        }
    }
    return blocks;
}

// `--lang zh_CN --help` is Chinese, every option's help included; the
// synopsis and the options themselves stay as typed, and `--lang en` (what
// the man page and completions read) stays English.
TEST(HeadlessTest, HelpSpeaksTheLanguageOfLang) {
    const RunResult en = runPoolscope("--lang en --help");
    const RunResult zh = runPoolscope("--lang zh_CN --help");
    ASSERT_EQ(en.exitCode, 0) << en.err;
    ASSERT_EQ(zh.exitCode, 0) << zh.err;
    EXPECT_NE(en.out.find("\nOptions:\n"), std::string::npos) << en.out;
    EXPECT_NE(zh.out.find("\n选项：\n"), std::string::npos) << zh.out;
    EXPECT_EQ(zh.out.find("Exit status:"), std::string::npos) << zh.out;
    for (const char* synopsis : {"Usage: poolscope --headless [--connect URL]", "Usage: poolscope [--connect URL]..."}) {
        EXPECT_NE(en.out.find(synopsis), std::string::npos) << synopsis;
        EXPECT_NE(zh.out.find(synopsis), std::string::npos) << synopsis;
    }
    const auto enBlocks = helpBlocks(en.out);
    const auto zhBlocks = helpBlocks(zh.out);
    EXPECT_GT(enBlocks.size(), 25u) << en.out;
    for (const auto& [option, english] : enBlocks) {
        const auto it = zhBlocks.find(option);
        ASSERT_NE(it, zhBlocks.end()) << option << " is missing from the Chinese help";
        EXPECT_NE(it->second, english) << option << "'s help is not translated";
    }
    EXPECT_EQ(zhBlocks.size(), enBlocks.size());
}
#endif

// One option table for both command lines: a dashboard option beside --help
// or --version is no error; with --headless it is one that says so.
TEST(HeadlessTest, DashboardOptionsGoWithHelpButNotWithHeadless) {
    const RunResult help = runPoolscope("--lang zh_CN --help");
    EXPECT_EQ(help.exitCode, 0) << help.err;
    EXPECT_NE(help.out.find("Usage: poolscope --headless"), std::string::npos) << help.out;
    EXPECT_NE(help.out.find("--export-alert-rules"), std::string::npos);
#ifdef POOLSCOPE_TEST_GUI
    EXPECT_NE(help.out.find("  --lang L"), std::string::npos) << help.out;  // the dashboard's part
#endif
    const RunResult version = runPoolscope("--theme dark --version");
    EXPECT_EQ(version.exitCode, 0) << version.err;
    EXPECT_EQ(version.out.rfind("poolscope ", 0), 0u) << version.out;
    const RunResult headless = runPoolscope("--headless --connect sim:// --lang zh_CN");
    EXPECT_EQ(headless.exitCode, 2);
    EXPECT_NE(headless.err.find("--lang is a dashboard option: it does not apply with --headless"),
              std::string::npos)
        << headless.err;
#ifdef POOLSCOPE_TEST_GUI
    // And the other way round: the dashboard names a headless-only option.
    const RunResult gui = runPoolscope("--connect sim:// --duration 5");
    EXPECT_EQ(gui.exitCode, 2);
    EXPECT_NE(gui.err.find("--duration applies only with --headless"), std::string::npos) << gui.err;
#endif
}

// SqliteDriver checks the folder when the driver is created (openDriver), so a
// missing folder is a URL the driver refuses: exit 2, the folder named.
TEST(HeadlessTest, MissingSqliteFolderExits2NamingTheFolder) {
    const RunResult r =
        runPoolscope("--headless --connect sqlite:///nonexistent-dir/x.db --duration 1");
    EXPECT_EQ(r.exitCode, 2) << r.err;
    EXPECT_NE(r.err.find("folder '/nonexistent-dir' does not exist"), std::string::npos) << r.err;
    EXPECT_TRUE(r.lines.empty());
}

// The URL is fine but no connection can be made: exit 3.
TEST(HeadlessTest, FileThatIsNotADatabaseExits3) {
    const fs::path file = fs::path(testing::TempDir()) / "poolscope-headless-not-a-db.db";
    std::ofstream(file) << std::string(200, 'x');
    const RunResult r =
        runPoolscope("--headless --connect 'sqlite://" + file.string() + "' --duration 1");
    EXPECT_EQ(r.exitCode, 3) << r.err;
    EXPECT_NE(r.err.find("cannot reach the database at sqlite://" + file.string()),
              std::string::npos)
        << r.err;
    EXPECT_TRUE(r.lines.empty());
    fs::remove(file);
}

TEST(HeadlessTest, PasswordsAreNeverPrinted) {
    const RunResult r =
        runPoolscope("--headless --connect 'sim://alice:s3cr3t-pw@db/?query_ms=abc' --duration 1");
    EXPECT_EQ(r.exitCode, 2) << r.err;
    EXPECT_FALSE(r.err.empty());
    EXPECT_EQ(r.err.find("s3cr3t-pw"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace poolscope
