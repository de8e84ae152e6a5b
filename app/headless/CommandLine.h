#pragma once
// The command line of the `poolscope` executable:
//   poolscope --headless --connect URL [--pool k=v,...] [--workload k=v,...]
//             [--duration S] [--interval MS] [--record FILE] [--flight-recorder FILE]
//             [--serve HOST:PORT [--token-file F] [--tls-cert F --tls-key F]]
//   poolscope --headless --attach URL [--token-file F] [--tls-ca F] [--duration S] ...
//   poolscope --headless --replay FILE [--speed X|max] [--export-csv OUT]
//   poolscope --export-alert-rules [--thresholds FILE] [--format F|all]
//   poolscope --help | --version

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/health/AlertRulesExport.h"
#include "core/health/Grade.h"
#include "core/pool/PoolConfig.h"
#include "core/util/Result.h"
#include "app/headless/OptionTable.h"
#include "core/workload/WorkloadConfig.h"

namespace poolscope {

/// What a headless run does. Filled by CommandLine::parse().
struct HeadlessOptions {
    /// Database URL; empty means the embedded default (defaultConnectUrl()).
    std::string connectUrl;
    PoolConfig pool;
    WorkloadConfig workload;
    double durationS = 10;      ///< 0 = until SIGINT or SIGTERM
    int64_t intervalMs = 1000;  ///< time between two snapshot lines
    /// --thresholds FILE: health thresholds (read by the runner); empty = the
    /// built-in defaults (equal to resources/thresholds.json).
    std::string thresholdsFile;
    /// --fail-on warning|danger: exit kExitHealthFailed when an alert of this
    /// grade or worse fired during the run.
    std::optional<Grade> failOn;
    /// --record FILE: also record the session to a .psrec file (core/recording).
    std::string recordFile;
    /// --flight-recorder FILE: keep the last 15 minutes in memory; write them
    /// to FILE on SIGUSR1 and when --fail-on trips.
    std::string flightRecorderFile;
    /// --replay FILE: print a recording's snapshot lines; no pool is run.
    std::string replayFile;
    /// --speed X|max (with --replay): times real time; 0 = as fast as possible.
    double replaySpeed = 1;
    /// --export-csv OUT (with --replay): write the timeline as CSV instead.
    std::string exportCsvFile;
    /// --attach URL: read the pools of a PoolScope endpoint in another process
    /// instead of running one (http(s)://host:port[/prefix][?pool=NAME]).
    std::string attachUrl;
    /// --serve HOST:PORT: serve this run's pool over HTTP (core/exporter).
    std::string serveAddress;
    /// --token-file FILE: the bearer token (the endpoint's with --serve, the
    /// one to send with --attach). Never given on the command line itself.
    std::string tokenFile;
    /// --tls-cert FILE --tls-key FILE (with --serve): serve HTTPS.
    std::string tlsCertFile, tlsKeyFile;
    /// --tls-ca FILE (with --attach): the CA that signed the endpoint's certificate.
    std::string tlsCaFile;
    /// --metrics-token (with --serve): /metrics needs the token too.
    bool metricsNeedToken = false;
    /// --export-alert-rules: write Prometheus alerting rules for
    /// alertRuleFormats (every format unless --format names one) with the
    /// --thresholds to stdout and exit; runs no pool (AlertRulesCommand).
    bool exportAlertRules = false;
    std::vector<AlertRuleFormat> alertRuleFormats;
};

/// The parsed command line and what main() should do with it.
class CommandLine {
public:
    /// Exit codes of the executable (a public contract, see issue 2 §4).
    static constexpr int kExitOk = 0;
    static constexpr int kExitBadArguments = 2;
    static constexpr int kExitUnreachable = 3;
    static constexpr int kExitHealthFailed = 4;  ///< --fail-on: an alert of that grade fired
    static constexpr int kExitRecordingFailed = 5;  ///< --record: writing the file failed mid-run

    static constexpr int64_t kMinIntervalMs = 10;
    static constexpr int64_t kMaxIntervalMs = 86'400'000;
    static constexpr double kMaxDurationS = 366.0 * 24 * 3600;

    /// Parses the arguments after argv[0]. Options take their value as the next
    /// argument or after '=' (`--duration 3`, `--duration=3`); `--pool` and
    /// `--workload` may be repeated and apply in order. Pure: touches no file
    /// and no environment.
    static CommandLine parse(const std::vector<std::string>& args);

    /// True: run headless with options(). False: exit with exitCode() after
    /// printing output() to stdout and error() to stderr (either may be empty).
    bool runHeadless() const { return run_; }
    int exitCode() const { return exitCode_; }
    const std::string& output() const { return output_; }
    const std::string& error() const { return error_; }
    const HeadlessOptions& options() const { return options_; }
    /// --help (or -h) was given: main() prints usage(), in the user's language
    /// where the build can translate it.
    bool helpRequested() const { return help_; }

    /// The --help text (its headless part); `translate` words the prose and
    /// the options' help, the synopsis stays as typed.
    static std::string usage(const HelpTranslator& translate = {});
    /// "poolscope <version>".
    static std::string versionText();

    /// The data directory: $XDG_DATA_HOME/poolscope when XDG_DATA_HOME is an
    /// absolute path, else $HOME/.local/share/poolscope. Error when neither is
    /// usable. Pure; pass getenv() results (null when unset).
    static Result<std::string> dataDirectory(const char* xdgDataHome, const char* home);
    /// `sqlite://<data dir>/embedded.db`, creating the data directory if
    /// missing. The error names the directory and the reason.
    static Result<std::string> defaultConnectUrl();

private:
    static CommandLine exitWith(int code, std::string out, std::string err);

    bool run_ = false;
    bool help_ = false;
    int exitCode_ = kExitOk;
    std::string output_;
    std::string error_;
    HeadlessOptions options_;
};

}  // namespace poolscope
