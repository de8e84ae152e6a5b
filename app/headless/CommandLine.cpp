#include "app/headless/CommandLine.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "app/headless/OptionTable.h"
#include "core/drivers/Url.h"
#include "core/recording/PlaybackClock.h"

#ifndef POOLSCOPE_VERSION
#define POOLSCOPE_VERSION "unknown"
#endif

namespace poolscope {

namespace {

constexpr std::string_view kGuiNotBuilt =
    "poolscope: the GUI is not built into this binary (POOLSCOPE_GUI=OFF); run the headless\n"
    "mode instead, e.g.\n"
    "  poolscope --headless --connect 'sim://?query_ms=2' --duration 5\n"
    "See 'poolscope --help'.";

std::string quote(std::string_view s) { return "'" + std::string(s) + "'"; }

/// --replay runs no pool: options of a live run make no sense with it, and
/// --speed and --export-csv make sense only with it.
Status checkReplayOptions(const HeadlessOptions& o, bool speedGiven) {
    if (o.replayFile.empty()) {
        if (speedGiven) return Status::fail("--speed needs --replay FILE");
        if (!o.exportCsvFile.empty()) return Status::fail("--export-csv needs --replay FILE");
        return Status::ok();
    }
    const HeadlessOptions live;
    const char* conflict = !o.connectUrl.empty()              ? "--connect"
                           : !(o.pool == live.pool)           ? "--pool"
                           : !(o.workload == live.workload)   ? "--workload"
                           : o.durationS != live.durationS    ? "--duration"
                           : o.intervalMs != live.intervalMs  ? "--interval"
                           : !o.thresholdsFile.empty()        ? "--thresholds"
                           : o.failOn                         ? "--fail-on"
                           : !o.recordFile.empty()            ? "--record"
                           : !o.flightRecorderFile.empty()    ? "--flight-recorder"
                           : !o.attachUrl.empty()             ? "--attach"
                           : !o.serveAddress.empty()          ? "--serve"
                                                              : nullptr;
    if (conflict)
        return Status::fail(std::string(conflict) +
                            " cannot be used with --replay (a replay runs no pool; it prints "
                            "what was recorded)");
    if (speedGiven && !o.exportCsvFile.empty())
        return Status::fail("--speed has no effect with --export-csv (the export is not paced)");
    return Status::ok();
}

/// A database URL with view=server: the server's own view of its sessions,
/// which may run beside a pool of this process (ServerViewSession).
bool isServerViewUrl(const std::string& url) {
    auto u = Url::parse(url);
    if (!u) return false;
    const std::string& s = u->scheme();
    return (s == "postgresql" || s == "postgres" || s == "mysql" || s == "mariadb") &&
           u->param("view") == std::optional<std::string_view>("server");
}

/// --attach reads another process's pools: the options of a pool this
/// process runs make no sense with it, except beside the server's own view
/// (--connect URL --attach URL?view=server: both sides of one server); the
/// TLS and token options each need the side they are for.
Status checkRemoteOptions(const HeadlessOptions& o) {
    const HeadlessOptions live;
    if (!o.attachUrl.empty() && isServerViewUrl(o.attachUrl)) {
        if (!o.serveAddress.empty())
            return Status::fail("--serve cannot be used with a server view (--attach URL?view=server)");
    } else if (!o.attachUrl.empty()) {
        const char* conflict = !o.connectUrl.empty()            ? "--connect"
                               : !(o.pool == live.pool)         ? "--pool"
                               : !(o.workload == live.workload) ? "--workload"
                               : !o.serveAddress.empty()        ? "--serve"
                                                                : nullptr;
        if (conflict)
            return Status::fail(std::string(conflict) +
                                " cannot be used with --attach (the attached process runs its own pool)");
    }
    if (o.serveAddress.empty()) {
        if (!o.tlsCertFile.empty() || !o.tlsKeyFile.empty()) return Status::fail("--tls-cert and --tls-key need --serve");
        if (o.metricsNeedToken) return Status::fail("--metrics-token needs --serve");
    } else if (o.tlsCertFile.empty() != o.tlsKeyFile.empty()) {
        return Status::fail("--tls-cert and --tls-key go together: give both to serve HTTPS");
    }
    if (!o.tlsCaFile.empty() && o.attachUrl.empty()) return Status::fail("--tls-ca needs --attach");
    if (!o.tokenFile.empty() && o.attachUrl.empty() && o.serveAddress.empty())
        return Status::fail("--token-file needs --serve or --attach");
    if (o.metricsNeedToken && o.tokenFile.empty()) return Status::fail("--metrics-token needs --token-file");
    return Status::ok();
}

/// --export-alert-rules writes a file and exits: only --thresholds and
/// --format go with it, and --format only with it.
Status checkAlertRulesOptions(const HeadlessOptions& o, bool formatGiven, bool speedGiven) {
    if (!o.exportAlertRules) {
        if (formatGiven) return Status::fail("--format needs --export-alert-rules");
        return Status::ok();
    }
    const HeadlessOptions d;
    const char* conflict = !o.connectUrl.empty()            ? "--connect"
                           : !(o.pool == d.pool)            ? "--pool"
                           : !(o.workload == d.workload)    ? "--workload"
                           : o.durationS != d.durationS     ? "--duration"
                           : o.intervalMs != d.intervalMs   ? "--interval"
                           : o.failOn                       ? "--fail-on"
                           : !o.recordFile.empty()          ? "--record"
                           : !o.flightRecorderFile.empty()  ? "--flight-recorder"
                           : !o.replayFile.empty()          ? "--replay"
                           : speedGiven                     ? "--speed"
                           : !o.exportCsvFile.empty()       ? "--export-csv"
                           : !o.attachUrl.empty()           ? "--attach"
                           : !o.serveAddress.empty()        ? "--serve"
                           : !o.tokenFile.empty()           ? "--token-file"
                           : !o.tlsCertFile.empty()         ? "--tls-cert"
                           : !o.tlsKeyFile.empty()          ? "--tls-key"
                           : !o.tlsCaFile.empty()           ? "--tls-ca"
                           : o.metricsNeedToken             ? "--metrics-token"
                                                            : nullptr;
    if (conflict)
        return Status::fail(std::string(conflict) +
                            " cannot be used with --export-alert-rules (it writes rules and exits; "
                            "only --thresholds and --format go with it)");
    return Status::ok();
}

}  // namespace

std::string CommandLine::usage(const HelpTranslator& translate) {
    // lupdate reads these through QT_TRANSLATE_NOOP (see OptionTable.cpp).
    static constexpr std::string_view kAbout = QT_TRANSLATE_NOOP(
        "Help",
        "PoolScope runs a connection pool with a workload and shows what the pool does.\n"
        "Without --headless it opens the dashboard (see below); --headless prints one\n"
        "JSON snapshot line every interval, then a summary line.");
    static constexpr std::string_view kOptions = QT_TRANSLATE_NOOP("Help", "Options:");
    static constexpr std::string_view kExitStatus = QT_TRANSLATE_NOOP(
        "Help",
        "Exit status: 0 success, 2 bad arguments (or a file that is not a readable\n"
        "recording), 3 database or endpoint cannot be reached, 4 an alert of the\n"
        "--fail-on grade fired, 5 the recording could not be written.");
    return R"(Usage: poolscope --headless [--connect URL] [--pool k=v,...] [--workload k=v,...]
                 [--duration S] [--interval MS]
                 [--thresholds FILE] [--fail-on warning|danger] [--record FILE]
                 [--flight-recorder FILE]
                 [--serve HOST:PORT [--token-file FILE] [--tls-cert FILE --tls-key FILE]]
       poolscope --headless --attach URL [--token-file FILE] [--tls-ca FILE]
                 [--duration S] [--interval MS] [--thresholds FILE] [--fail-on G]
                 [--record FILE]
       poolscope --headless --replay FILE [--speed X|max] [--export-csv OUT]
       poolscope --export-alert-rules [--thresholds FILE]
                 [--format poolscope|hikaricp|go_sql|pgxpool|otel|all]
       poolscope --help | --version

)" + translated(translate, kAbout) +
           "\n\n" + translated(translate, kOptions) + "\n" + optionHelp(OptionMode::Headless, translate) + "\n" +
           translated(translate, kExitStatus) + "\n";
}

std::string CommandLine::versionText() { return std::string("poolscope ") + POOLSCOPE_VERSION; }

CommandLine CommandLine::exitWith(int code, std::string out, std::string err) {
    CommandLine cl;
    cl.run_ = false;
    cl.exitCode_ = code;
    cl.output_ = std::move(out);
    cl.error_ = std::move(err);
    return cl;
}

CommandLine CommandLine::parse(const std::vector<std::string>& args) {
    const auto bad = [](std::string message) {
        return exitWith(kExitBadArguments, {},
                        "poolscope: " + message + "\nSee 'poolscope --help'.");
    };
    bool headless = false, help = false, version = false, speedGiven = false, formatGiven = false;
    // A dashboard option (--lang, --theme, ...) is refused unless --help or
    // --version is asked for: `poolscope --lang zh_CN --help` works.
    const OptionSpec* dashboardOption = nullptr;
    HeadlessOptions o;
    for (size_t i = 0; i < args.size(); ++i) {
        std::string_view arg = args[i];
        std::string_view name = arg;
        std::string value;
        bool hasInlineValue = false;
        if (arg.starts_with("--")) {
            if (auto eq = arg.find('='); eq != std::string_view::npos) {
                name = arg.substr(0, eq);
                value = std::string(arg.substr(eq + 1));
                hasInlineValue = true;
            }
        }
        const auto takeValue = [&]() -> bool {
            if (hasInlineValue) return true;
            if (i + 1 >= args.size()) return false;
            value = args[++i];
            return true;
        };
        const OptionSpec* spec = findOption(name);
        if (spec && !appliesTo(spec->modes, OptionMode::Headless)) {
            if (spec->takesValue() && !takeValue()) return bad(std::string(name) + " needs a value");
            if (!dashboardOption) dashboardOption = spec;
            continue;
        }
        if (name == "--headless" || name == "--help" || name == "-h" || name == "--version") {
            if (hasInlineValue) return bad(std::string(name) + " takes no value");
            (name == "--headless" ? headless : name == "--version" ? version : help) = true;
        } else if (name == "--connect" || name == "--pool" || name == "--workload" ||
                   name == "--duration" || name == "--interval") {
            if (!takeValue()) return bad(std::string(name) + " needs a value");
            if (name == "--connect") {
                if (value.empty()) return bad("--connect: the URL is empty");
                o.connectUrl = value;
            } else if (name == "--pool") {
                if (auto s = applyPoolOptions(o.pool, value); !s)
                    return bad("--pool: " + s.message());
            } else if (name == "--workload") {
                if (auto s = applyWorkloadOptions(o.workload, value); !s)
                    return bad("--workload: " + s.message());
            } else if (name == "--duration") {
                double d = 0;
                const char* end = value.data() + value.size();
                auto [ptr, ec] = std::from_chars(value.data(), end, d);
                if (value.empty() || ec != std::errc() || ptr != end || !std::isfinite(d))
                    return bad("--duration: " + quote(value) + " is not a number of seconds");
                if (d < 0) return bad("--duration: " + quote(value) + " must not be negative");
                if (d > kMaxDurationS)
                    return bad("--duration: " + quote(value) + " is more than a year; use 0 to " +
                               "run until Ctrl-C or SIGTERM");
                o.durationS = d;
            } else {
                int64_t ms = 0;
                const char* end = value.data() + value.size();
                auto [ptr, ec] = std::from_chars(value.data(), end, ms);
                if (value.empty() || ec != std::errc() || ptr != end)
                    return bad("--interval: " + quote(value) + " is not an integer");
                if (ms < kMinIntervalMs)
                    return bad("--interval: " + quote(value) + " must be at least " +
                               std::to_string(kMinIntervalMs) + " ms");
                if (ms > kMaxIntervalMs)
                    return bad("--interval: " + quote(value) + " must be at most " +
                               std::to_string(kMaxIntervalMs) + " ms (one day)");
                o.intervalMs = ms;
            }
        } else if (name == "--thresholds" || name == "--fail-on") {
            if (!takeValue()) return bad(std::string(name) + " needs a value");
            if (name == "--thresholds") {
                if (value.empty()) return bad("--thresholds: the file name is empty");
                o.thresholdsFile = value;
            } else {
                const auto grade = parseGrade(value);
                if (grade != Grade::Warning && grade != Grade::Danger)
                    return bad("--fail-on: " + quote(value) + " is not one of warning, danger");
                o.failOn = grade;
            }
        } else if (name == "--record" || name == "--replay" || name == "--speed" ||
                   name == "--export-csv" || name == "--flight-recorder") {
            if (!takeValue()) return bad(std::string(name) + " needs a value");
            if (value.empty()) return bad(std::string(name) + ": the value is empty");
            if (name == "--speed") {
                auto speed = PlaybackClock::parseSpeed(value);
                if (!speed) return bad("--speed: " + speed.message());
                o.replaySpeed = *speed;
                speedGiven = true;
            } else {
                (name == "--record"            ? o.recordFile
                 : name == "--replay"          ? o.replayFile
                 : name == "--flight-recorder" ? o.flightRecorderFile
                                               : o.exportCsvFile) = value;
            }
        } else if (name == "--attach" || name == "--serve" || name == "--token-file" ||
                   name == "--tls-cert" || name == "--tls-key" || name == "--tls-ca") {
            if (!takeValue()) return bad(std::string(name) + " needs a value");
            if (value.empty()) return bad(std::string(name) + ": the value is empty");
            (name == "--attach"       ? o.attachUrl
             : name == "--serve"      ? o.serveAddress
             : name == "--token-file" ? o.tokenFile
             : name == "--tls-cert"   ? o.tlsCertFile
             : name == "--tls-key"    ? o.tlsKeyFile
                                      : o.tlsCaFile) = value;
        } else if (name == "--metrics-token") {
            o.metricsNeedToken = true;
        } else if (name == "--export-alert-rules") {
            if (hasInlineValue) return bad("--export-alert-rules takes no value");
            o.exportAlertRules = true;
        } else if (name == "--format") {
            if (!takeValue()) return bad("--format needs a value");
            auto formats = AlertRulesExport::parseFormats(value);
            if (!formats) return bad("--format: " + formats.message());
            o.alertRuleFormats = *formats;
            formatGiven = true;
        } else if (arg.starts_with("-")) {
            return bad("unknown option " + quote(name));
        } else {
            return bad("unexpected argument " + quote(arg));
        }
    }
    if (auto s = checkAlertRulesOptions(o, formatGiven, speedGiven); !s) return bad(s.message());
    if (auto s = checkReplayOptions(o, speedGiven); !s) return bad(s.message());
    if (auto s = checkRemoteOptions(o); !s) return bad(s.message());
    if (!o.flightRecorderFile.empty() && o.flightRecorderFile == o.recordFile)
        return bad("--flight-recorder: " + quote(o.flightRecorderFile) +
                   " is also the --record file; give each its own file");
    // Errors of the pool settings taken together (e.g. min_idle > max_idle).
    for (const auto& f : lintConfig(o.pool))
        if (f.level == LintFinding::Level::Error) return bad("--pool: " + f.message);

    if (help) {
        CommandLine cl = exitWith(kExitOk, usage(), {});
        cl.help_ = true;
        return cl;
    }
    if (version) return exitWith(kExitOk, versionText() + "\n", {});
    if (dashboardOption) {
        // Without --headless (or --export-alert-rules) a GUI build would have
        // started the dashboard: this binary has none.
        if (headless || o.exportAlertRules) return bad(notForMode(*dashboardOption, OptionMode::Headless));
        return exitWith(kExitBadArguments, {}, std::string(kGuiNotBuilt));
    }
    if (o.exportAlertRules && !formatGiven) o.alertRuleFormats = AlertRulesExport::parseFormats("all").value();
    if (!headless && !o.exportAlertRules) return exitWith(kExitBadArguments, {}, std::string(kGuiNotBuilt));
    CommandLine cl;
    cl.run_ = true;
    cl.options_ = std::move(o);
    return cl;
}

Result<std::string> CommandLine::dataDirectory(const char* xdgDataHome, const char* home) {
    // The XDG spec says relative paths in XDG_DATA_HOME are invalid and ignored.
    if (xdgDataHome && xdgDataHome[0] == '/') return std::string(xdgDataHome) + "/poolscope";
    if (home && home[0] == '/') return std::string(home) + "/.local/share/poolscope";
    return Error{
        "cannot find a data directory for the embedded database: neither XDG_DATA_HOME nor "
        "HOME is set to an absolute path; set one, or pass --connect URL"};
}

Result<std::string> CommandLine::defaultConnectUrl() {
    auto dir = dataDirectory(std::getenv("XDG_DATA_HOME"), std::getenv("HOME"));
    if (!dir) return dir.error();
    std::error_code ec;
    std::filesystem::create_directories(*dir, ec);
    if (ec)
        return Error{"cannot create the data directory " + *dir + ": " + ec.message() +
                     "; pass --connect URL to use another database"};
    return "sqlite://" + *dir + "/embedded.db";
}

}  // namespace poolscope
