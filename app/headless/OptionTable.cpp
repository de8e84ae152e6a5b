#include "app/headless/OptionTable.h"

#include <array>

namespace poolscope {

namespace {

using M = OptionMode;

// Headless options first (the order of the headless part of --help), then
// the dashboard's own.
constexpr std::array kOptions{
    OptionSpec{"--headless", "", M::Headless, QT_TRANSLATE_NOOP("Help", "run without a GUI"), ""},
    OptionSpec{"--connect", "URL", M::Both,
               QT_TRANSLATE_NOOP("Help", "database to pool; default: the embedded SQLite database\n"
                                 "sqlite://<data dir>/embedded.db, data dir =\n"
                                 "$XDG_DATA_HOME/poolscope or ~/.local/share/poolscope.\n"
                                 "Also sim://?connect_ms=&query_ms=&jitter_ms=&fail_pct=\n"
                                 "&max_server_conns=&restart_every_s= (simulated server)"),
               QT_TRANSLATE_NOOP("Help", "open a pool on URL (repeat for several pools)")},
    OptionSpec{"--pool", "k=v,...", M::Both,
               QT_TRANSLATE_NOOP("Help", "name, max_open, max_idle, min_idle, max_lifetime_ms,\n"
                                 "max_idle_time_ms, acquire_timeout_ms,\n"
                                 "validate (never|borrow|idle:MS), validation_timeout_ms,\n"
                                 "keepalive_ms, leak_threshold_ms, housekeeping_ms"),
               QT_TRANSLATE_NOOP("Help", "settings of the first pool (keys as for --headless)")},
    OptionSpec{"--workload", "k=v,...", M::Both,
               QT_TRANSLATE_NOOP("Help", "workers (4), query ('SELECT 1'; quote it if it has\n"
                                 "commas: query='SELECT a, b FROM t'), hold_ms (10),\n"
                                 "think_ms (10), leak_pct (0-100), tx (false),\n"
                                 "pool_per_request (false)"),
               QT_TRANSLATE_NOOP("Help", "the first pool's workload; 'off' starts none")},
    OptionSpec{"--duration", "S", M::Headless,
               QT_TRANSLATE_NOOP("Help", "seconds to run (default 10; 0 = until Ctrl-C/SIGTERM)"),
               ""},
    OptionSpec{"--interval", "MS", M::Headless,
               QT_TRANSLATE_NOOP("Help", "milliseconds between snapshot lines (default 1000, min 10)"),
               ""},
    OptionSpec{"--thresholds", "FILE", M::Both,
               QT_TRANSLATE_NOOP("Help", "health thresholds (JSON, see the README); default: the\n"
                                 "built-in ones, as in resources/thresholds.json"),
               QT_TRANSLATE_NOOP("Help", "health thresholds (JSON; README, 'Health thresholds\n"
                                 "file'); default: the file saved from the GUI, else the\n"
                                 "built-in set")},
    OptionSpec{"--fail-on", "GRADE", M::Headless,
               QT_TRANSLATE_NOOP("Help", "exit 4 when an alert of GRADE (warning or danger) or\n"
                                 "worse fired during the run"),
               ""},
    OptionSpec{"--record", "FILE", M::Both,
               QT_TRANSLATE_NOOP("Help", "also record the session to FILE (.psrec, see the README);\n"
                                 "a crash or kill loses at most the last second"),
               QT_TRANSLATE_NOOP("Help", "record the session to FILE (.psrec) from the start;\n"
                                 "File > Record (Ctrl+R) stops it")},
    OptionSpec{"--flight-recorder", "FILE", M::Headless,
               QT_TRANSLATE_NOOP("Help", "keep the last 15 minutes in memory and write them\n"
                                 "to FILE (.psrec) on SIGUSR1 (kill -USR1 PID) and when\n"
                                 "--fail-on trips"),
               ""},
    OptionSpec{"--serve", "HOST:PORT", M::Headless,
               QT_TRANSLATE_NOOP("Help", "serve the pool while the run goes on: /metrics\n"
                                 "(Prometheus), /api/v1/pools/NAME/{snapshot,events,\n"
                                 "recording} and actions (see the README). Binds only\n"
                                 "loopback unless a token is given"),
               ""},
    OptionSpec{"--token-file", "FILE", M::Both,
               QT_TRANSLATE_NOOP("Help", "bearer token (with --serve: required for actions, events\n"
                                 "and recordings; with --attach: sent to the endpoint)"),
               QT_TRANSLATE_NOOP("Help", "the endpoints' bearer token (enables their actions)")},
    OptionSpec{"--metrics-token", "", M::Headless,
               QT_TRANSLATE_NOOP("Help", "with --serve: /metrics needs the token too"),
               ""},
    OptionSpec{"--tls-cert", "FILE", M::Headless,
               QT_TRANSLATE_NOOP("Help", "with --serve: serve HTTPS with this certificate (PEM)"),
               ""},
    OptionSpec{"--tls-key", "FILE", M::Headless,
               QT_TRANSLATE_NOOP("Help", "with --serve: the certificate's private key (PEM)"),
               ""},
    OptionSpec{"--attach", "URL", M::Both,
               QT_TRANSLATE_NOOP("Help", "show the pools of another process instead of running\n"
                                 "one: a PoolScope endpoint (http(s)://host:port), a\n"
                                 "service's Prometheus text (.../metrics, ?format=NAME),\n"
                                 "every pool a Prometheus server knows\n"
                                 "(prometheus://host:9090[?match=...]), PgBouncer's\n"
                                 "console (pgbouncer://user:pw@host:6432); a database\n"
                                 "URL with ?view=server shows the server's own\n"
                                 "sessions, also beside the pool of --connect"),
               QT_TRANSLATE_NOOP("Help", "show the pools of another process (the URLs of --headless\n"
                                 "--attach: an endpoint, Prometheus text, a Prometheus\n"
                                 "server, PgBouncer, a server view); repeat for several")},
    OptionSpec{"--tls-ca", "FILE", M::Both,
               QT_TRANSLATE_NOOP("Help", "with --attach: the CA that signed the endpoint's\n"
                                 "certificate (PEM)"),
               QT_TRANSLATE_NOOP("Help", "the CA that signed the endpoints' certificates (PEM)")},
    OptionSpec{"--replay", "FILE", M::Both,
               QT_TRANSLATE_NOOP("Help", "print the snapshot lines of a recording, each as it was\n"
                                 "printed live, then its summary line; runs no pool"),
               QT_TRANSLATE_NOOP("Help", "replay a recording (.psrec) instead of the embedded\n"
                                 "default")},
    OptionSpec{"--speed", "X|max", M::Headless,
               QT_TRANSLATE_NOOP("Help", "replay pace: 0.25 to 100 times real time (default 1),\n"
                                 "or max for as fast as possible"),
               ""},
    OptionSpec{"--export-csv", "OUT", M::Headless,
               QT_TRANSLATE_NOOP("Help", "with --replay: write the timeline to OUT as CSV (one row\n"
                                 "per snapshot per pool) instead of printing it"),
               ""},
    OptionSpec{"--export-alert-rules", "", M::Headless,
               QT_TRANSLATE_NOOP("Help", "write Prometheus alerting rules (YAML, to stdout) that\n"
                                 "apply the health rules with the --thresholds to the\n"
                                 "metrics of --format; runs no pool"),
               ""},
    OptionSpec{"--format", "F", M::Headless,
               QT_TRANSLATE_NOOP("Help", "with --export-alert-rules: poolscope, hikaricp, go_sql,\n"
                                 "pgxpool, otel, or all (default): one rule group each"),
               ""},
    OptionSpec{"--lang", "L", M::Gui, "",
               QT_TRANSLATE_NOOP("Help", "user-interface language: zh_CN or en (default: system)")},
    OptionSpec{"--theme", "T", M::Gui, "",
               QT_TRANSLATE_NOOP("Help", "system, light or dark (default: the saved choice)")},
    OptionSpec{"--preset", "P", M::Gui, "",
               QT_TRANSLATE_NOOP("Help", "run an incident preset on the first pool: unbounded,\n"
                                 "leak, restart (fake alive) or wait_storm")},
    OptionSpec{"--screenshot", "FILE", M::Gui, "",
               QT_TRANSLATE_NOOP("Help", "save a PNG of the window (with --quit-after S, after S s)")},
    OptionSpec{"--quit-after", "S", M::Gui, "",
               QT_TRANSLATE_NOOP("Help", "quit after S seconds (exit status 0)")},
    // Run without Qt, whatever else is given (main() routes them to CommandLine).
    OptionSpec{"--help", "", M::Headless, QT_TRANSLATE_NOOP("Help", "show this text"), ""},
    OptionSpec{"--version", "", M::Headless, QT_TRANSLATE_NOOP("Help", "show the version"), ""},
};

constexpr size_t kHelpColumn = 22;

}  // namespace

std::span<const OptionSpec> optionTable() { return kOptions; }

const OptionSpec* findOption(std::string_view name) {
    if (name == "-h") name = "--help";
    for (const OptionSpec& o : kOptions)
        if (o.name == name) return &o;
    return nullptr;
}

std::string translated(const HelpTranslator& translate, std::string_view english) {
    return translate ? translate(english) : std::string(english);
}

std::string optionHelp(OptionMode part, const HelpTranslator& translate) {
    std::string out;
    for (const OptionSpec& o : kOptions) {
        const std::string_view english = part == OptionMode::Gui ? o.guiHelp : o.headlessHelp;
        if (english.empty()) continue;
        const std::string text = translated(translate, english);
        const std::string_view help = text;
        std::string left = "  " + std::string(o.name);
        if (o.takesValue()) left += " " + std::string(o.metavar);
        left += left.size() + 2 <= kHelpColumn ? std::string(kHelpColumn - left.size(), ' ') : "  ";
        out += left;
        size_t begin = 0;
        while (true) {
            const size_t end = help.find('\n', begin);
            out += help.substr(begin, end == std::string_view::npos ? std::string_view::npos : end - begin);
            out += '\n';
            if (end == std::string_view::npos) break;
            out += std::string(kHelpColumn, ' ');
            begin = end + 1;
        }
    }
    return out;
}

std::string notForMode(const OptionSpec& spec, OptionMode mode) {
    if (mode == OptionMode::Headless)
        return std::string(spec.name) + " is a dashboard option: it does not apply with --headless";
    return std::string(spec.name) + " applies only with --headless (it is not a dashboard option)";
}

}  // namespace poolscope
