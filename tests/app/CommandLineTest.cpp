#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "app/headless/CommandLine.h"
#include "app/headless/OptionTable.h"

namespace poolscope {
namespace {

using Args = std::vector<std::string>;

TEST(CommandLineTest, HeadlessDefaults) {
    const CommandLine cl = CommandLine::parse({"--headless"});
    ASSERT_TRUE(cl.runHeadless()) << cl.error();
    const HeadlessOptions& o = cl.options();
    EXPECT_EQ(o.connectUrl, "");  // the embedded default, resolved by the runner
    EXPECT_EQ(o.pool, PoolConfig{});
    EXPECT_EQ(o.workload, WorkloadConfig{});
    EXPECT_EQ(o.durationS, 10);
    EXPECT_EQ(o.intervalMs, 1000);
}

TEST(CommandLineTest, EveryOptionIsApplied) {
    const CommandLine cl =
        CommandLine::parse({"--headless", "--connect", "sim://?query_ms=2", "--pool",
                            "max_open=8,name=orders", "--workload=workers=32,hold_ms=20", "--pool",
                            "leak_threshold_ms=500", "--duration=2.5", "--interval", "250"});
    ASSERT_TRUE(cl.runHeadless()) << cl.error();
    const HeadlessOptions& o = cl.options();
    EXPECT_EQ(o.connectUrl, "sim://?query_ms=2");
    EXPECT_EQ(o.pool.maxOpen, 8);
    EXPECT_EQ(o.pool.name, "orders");
    EXPECT_EQ(o.pool.leakThresholdMs, 500);  // repeated --pool applies in order
    EXPECT_EQ(o.workload.workers, 32);
    EXPECT_EQ(o.workload.holdMs, 20);
    EXPECT_DOUBLE_EQ(o.durationS, 2.5);
    EXPECT_EQ(o.intervalMs, 250);
}

TEST(CommandLineTest, ExitsAndMessagesForEveryArgumentVector) {
    struct Case {
        Args args;
        bool run;
        int exitCode;
        std::string message;  // expected inside stdout (exit 0) or stderr
    };
    const Case cases[] = {
        {{"--headless", "--duration", "0"}, true, 0, ""},
        {{"--headless", "--interval=10"}, true, 0, ""},
        {{"--help"}, false, 0, "Usage: poolscope --headless"},
        {{"-h"}, false, 0, "Usage: poolscope --headless"},
        {{"--headless", "--help"}, false, 0, "--workload k=v"},
        {{"--version"}, false, 0, "poolscope "},
        {{}, false, 2, "the GUI is not built into this binary"},
        {{"--connect", "sim://"}, false, 2, "--headless"},
        {{"--headless", "--pool", "max_open=abc"},
         false,
         2,
         "--pool: max_open: 'abc' is not an integer"},
        {{"--headless", "--pool", "max_opn=3"}, false, 2, "--pool: unknown key 'max_opn'"},
        {{"--headless", "--pool", "validate=sometimes"}, false, 2, "validate: 'sometimes'"},
        {{"--headless", "--pool", "min_idle=5,max_idle=2"}, false, 2, "--pool: "},
        {{"--headless", "--workload", "workers=abc"},
         false,
         2,
         "--workload: workers: 'abc' is not an integer"},
        {{"--headless", "--workload", "leak_pct=200"},
         false,
         2,
         "--workload: leak_pct: '200' is out of range (0..100)"},
        {{"--headless", "--workload", "speed=9"}, false, 2, "--workload: unknown key 'speed'"},
        {{"--headless", "--duration", "soon"},
         false,
         2,
         "--duration: 'soon' is not a number of seconds"},
        {{"--headless", "--duration", "-1"}, false, 2, "--duration: '-1' must not be negative"},
        {{"--headless", "--duration", "1e300"},
         false,
         2,
         "--duration: '1e300' is more than a year"},
        {{"--headless", "--duration", "inf"}, false, 2, "--duration: 'inf' is not a number"},
        {{"--headless", "--interval", "99999999999999"},
         false,
         2,
         "--interval: '99999999999999' must be at most 86400000 ms (one day)"},
        {{"--headless", "--interval", "1.5"}, false, 2, "--interval: '1.5' is not an integer"},
        {{"--headless", "--interval", "5"}, false, 2, "--interval: '5' must be at least 10 ms"},
        {{"--headless", "--connect"}, false, 2, "--connect needs a value"},
        {{"--headless", "--connect="}, false, 2, "--connect: the URL is empty"},
        {{"--headless", "--frobnicate"}, false, 2, "unknown option '--frobnicate'"},
        {{"--headless", "--headless=yes"}, false, 2, "--headless takes no value"},
        {{"--headless", "extra"}, false, 2, "unexpected argument 'extra'"},
        {{"--help", "--pool", "max_open=x"}, false, 2, "max_open: 'x' is not an integer"},
        // Dashboard options: fine beside --help and --version, refused with --headless.
        {{"--lang", "zh_CN", "--help"}, false, 0, "Usage: poolscope --headless"},
        {{"--help", "--theme=dark", "--screenshot", "x.png"}, false, 0, "Options:"},
        {{"--lang", "zh_CN", "--version"}, false, 0, "poolscope "},
        {{"--headless", "--lang", "zh_CN"}, false, 2,
         "--lang is a dashboard option: it does not apply with --headless"},
        {{"--headless", "--lang"}, false, 2, "--lang needs a value"},
        // A pool of this process beside the server's own view of its server.
        {{"--headless", "--connect", "postgresql://db/app", "--workload", "workers=2", "--attach",
          "postgresql://db/app?view=server"},
         true, 0, ""},
        {{"--headless", "--connect", "postgresql://db/app", "--attach", "http://127.0.0.1:9/"},
         false, 2, "--connect cannot be used with --attach"},
        {{"--headless", "--connect", "postgresql://db/app", "--serve", "127.0.0.1:0", "--attach",
          "mysql://db/?view=server"},
         false, 2, "--serve cannot be used with a server view"},
    };
    for (const auto& c : cases) {
        std::string shown;
        for (const auto& a : c.args) shown += a + " ";
        const CommandLine cl = CommandLine::parse(c.args);
        EXPECT_EQ(cl.runHeadless(), c.run) << shown;
        if (c.run) continue;
        EXPECT_EQ(cl.exitCode(), c.exitCode) << shown;
        const std::string& text = c.exitCode == 0 ? cl.output() : cl.error();
        EXPECT_NE(text.find(c.message), std::string::npos)
            << shown << "\n  got: " << text << "\n  expected to contain: " << c.message;
        if (c.exitCode != 0) {
            EXPECT_TRUE(cl.output().empty()) << shown;
        }
    }
}

TEST(CommandLineTest, DataDirectoryFollowsXdgThenHome) {
    EXPECT_EQ(CommandLine::dataDirectory("/x/data", "/home/u").value(), "/x/data/poolscope");
    EXPECT_EQ(CommandLine::dataDirectory(nullptr, "/home/u").value(),
              "/home/u/.local/share/poolscope");
    EXPECT_EQ(CommandLine::dataDirectory("", "/home/u").value(), "/home/u/.local/share/poolscope");
    // A relative XDG_DATA_HOME is invalid per the XDG spec and ignored.
    EXPECT_EQ(CommandLine::dataDirectory("rel", "/home/u").value(),
              "/home/u/.local/share/poolscope");
    const auto none = CommandLine::dataDirectory(nullptr, nullptr);
    ASSERT_FALSE(none);
    EXPECT_NE(none.message().find("--connect"), std::string::npos);
}

TEST(CommandLineTest, ExportAlertRulesNeedsNoHeadlessAndTakesOnlyThresholdsAndFormat) {
    const CommandLine every = CommandLine::parse({"--export-alert-rules"});
    ASSERT_TRUE(every.runHeadless()) << every.error();
    EXPECT_TRUE(every.options().exportAlertRules);
    EXPECT_EQ(every.options().alertRuleFormats.size(), 5u);
    const CommandLine one =
        CommandLine::parse({"--export-alert-rules", "--format=go_sql", "--thresholds", "t.json"});
    ASSERT_TRUE(one.runHeadless()) << one.error();
    EXPECT_EQ(one.options().alertRuleFormats, std::vector<AlertRuleFormat>{AlertRuleFormat::GoSql});
    EXPECT_EQ(one.options().thresholdsFile, "t.json");
    EXPECT_FALSE(CommandLine::parse({"--headless"}).options().exportAlertRules);
    EXPECT_NE(CommandLine::usage().find("--export-alert-rules [--thresholds FILE]"), std::string::npos);

    struct Case {
        Args args;
        std::string message;
    };
    const Case cases[] = {
        {{"--export-alert-rules", "--format", "prom"},
         "--format: 'prom' is not one of poolscope, hikaricp, go_sql, pgxpool, otel, all"},
        {{"--export-alert-rules", "--format"}, "--format needs a value"},
        {{"--headless", "--format", "otel"}, "--format needs --export-alert-rules"},
        {{"--export-alert-rules", "--connect", "sim://"}, "--connect cannot be used with --export-alert-rules"},
        {{"--export-alert-rules", "--attach", "http://h:1"}, "--attach cannot be used with --export-alert-rules"},
        {{"--export-alert-rules=yes"}, "--export-alert-rules takes no value"},
    };
    for (const auto& c : cases) {
        const CommandLine cl = CommandLine::parse(c.args);
        EXPECT_FALSE(cl.runHeadless()) << c.message;
        EXPECT_EQ(cl.exitCode(), CommandLine::kExitBadArguments) << c.message;
        EXPECT_NE(cl.error().find(c.message), std::string::npos) << cl.error();
    }
}

// The option table feeds both parsers and both parts of --help.
TEST(CommandLineTest, EveryOptionOfTheTableIsKnownAndDocumentedWhereItApplies) {
    const std::string usage = CommandLine::usage();
    for (const OptionSpec& o : optionTable()) {
        SCOPED_TRACE(std::string(o.name));
        const bool headless = appliesTo(o.modes, OptionMode::Headless);
        EXPECT_EQ(!o.headlessHelp.empty(), headless);
        if (!o.headlessHelp.empty()) {
            EXPECT_NE(usage.find("\n  " + std::string(o.name)), std::string::npos);
        }
        if (!o.guiHelp.empty()) {
            EXPECT_TRUE(appliesTo(o.modes, OptionMode::Gui));
        }
        // GuiOptions::parse reads a value after every dashboard option.
        if (appliesTo(o.modes, OptionMode::Gui)) {
            EXPECT_TRUE(o.takesValue());
            EXPECT_FALSE(o.guiHelp.empty());
        }
        // Known to the headless parser: never "unknown option".
        Args args{"--headless", std::string(o.name)};
        if (o.takesValue()) args.push_back("x");
        const CommandLine cl = CommandLine::parse(args);
        EXPECT_EQ(cl.error().find("unknown option"), std::string::npos) << cl.error();
        if (!headless) {
            EXPECT_NE(cl.error().find("is a dashboard option"), std::string::npos) << cl.error();
        }
    }
    // Every option line of both parts fits 80 columns.
    for (const std::string& part : {optionHelp(OptionMode::Headless), optionHelp(OptionMode::Gui)}) {
        size_t begin = 0;
        while (begin < part.size()) {
            const size_t end = part.find('\n', begin);
            EXPECT_LE((end == std::string::npos ? part.size() : end) - begin, 80u) << part.substr(begin, end - begin);
            if (end == std::string::npos) break;
            begin = end + 1;
        }
    }
}

}  // namespace
}  // namespace poolscope
