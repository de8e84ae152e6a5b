// poolscope-bench SUBCOMMAND [--key value ...]: PoolScope's benchmarks.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "tests/bench/BenchCommand.h"

namespace poolscope::bench {

double BenchArgs::number(const std::string& key, double fallback) const {
    auto it = values.find(key);
    if (it == values.end()) return fallback;
    char* end = nullptr;
    const double v = std::strtod(it->second.c_str(), &end);
    if (end == it->second.c_str() || *end != '\0') {
        std::fprintf(stderr, "poolscope-bench: --%s: '%s' is not a number\n", key.c_str(), it->second.c_str());
        std::exit(2);
    }
    return v;
}

BenchArgs parseBenchArgs(const std::vector<std::string>& args) {
    BenchArgs out;
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i].rfind("--", 0) != 0) {
            out.error = "unexpected argument '" + args[i] + "'";
            return out;
        }
        if (i + 1 >= args.size()) {
            out.error = args[i] + " needs a value";
            return out;
        }
        out.values[args[i].substr(2)] = args[i + 1];
        ++i;
    }
    return out;
}

}  // namespace poolscope::bench

int main(int argc, char** argv) {
    using namespace poolscope::bench;
    const char* usage =
        "usage: poolscope-bench cycle --threads T --pool N --seconds D [--warmup W]\n"
        "  cycle: acquire+release throughput through the public API, with a driver that does nothing\n"
        "       poolscope-bench metrics --pools P --scrapes N | events --seconds D --rate R\n"
        "  metrics/events: exporter /metrics scrape latency; SSE events delivered per second\n"
        "       poolscope-bench pg|mysql --connect URL --clients C [--threads J] --seconds D [--rounds R]\n"
        "                       [--pgbouncer URL] [--pgbench PATH]\n"
        "  pg/mysql: SELECT 1 through a pool beside one persistent connection per client, a connection\n"
        "            per request, pgbench (PostgreSQL) and PgBouncer (--pgbouncer); medians and ratios\n"
        "       poolscope-bench soak --connect URL [--ctl PATH] [--minutes M] [--workers W] [--crash 1]\n"
        "  soak: a pool under leaks and server restarts, its invariant checked every second, RSS and\n"
        "        threads every 10 s (tests/bench/soak.sh runs it against the test PostgreSQL)\n"
        "       poolscope-bench record --events N\n"
        "  record: events stored per second by the recorder, and bytes per event in the .psrec\n"
        "       poolscope-bench replay --snapshots N\n"
        "  replay: open (first frame) and seek times of a recording of N snapshots at 10 Hz\n"
#ifdef POOLSCOPE_BENCH_RENDER
        "       poolscope-bench render --series S --points P --frames F [--naive N]\n"
        "  render: update+redraw of the connections chart (offscreen, 1280x720); --naive N adds N\n"
        "          frames of plain Qt Charts with every point, and the ratio\n"
        "       poolscope-bench fleet --pools P [--exporters E] [--refreshes N] [--interval S] [--hold S]\n"
        "  fleet: P pools behind a real Prometheus, read through the dashboard's path: refresh time,\n"
        "         queries per refresh, GUI-thread CPU time and longest stall per refresh\n"
#endif
        ;
    if (argc < 2) {
        std::fputs(usage, stderr);
        return 2;
    }
    const std::string cmd = argv[1];
    const BenchArgs args = parseBenchArgs(std::vector<std::string>(argv + 2, argv + argc));
    if (!args.error.empty()) {
        std::fprintf(stderr, "poolscope-bench %s: %s\n%s", cmd.c_str(), args.error.c_str(), usage);
        return 2;
    }
    if (cmd == "cycle") return runCycleBench(args);
    if (cmd == "record") return runRecordBench(args);
    if (cmd == "pg" || cmd == "mysql") return runQueryBench(cmd, args);
    if (cmd == "soak") return runSoakBench(args);
    if (cmd == "metrics") return runMetricsBench(args);
    if (cmd == "events") return runEventsBench(args);
    if (cmd == "replay") return runReplayBench(args);
#ifdef POOLSCOPE_BENCH_RENDER
    if (cmd == "render") return runRenderBench(args);
    if (cmd == "fleet") return runFleetBench(args);
#endif
    std::fprintf(stderr, "poolscope-bench: unknown benchmark '%s'\n%s", cmd.c_str(), usage);
    return 2;
}
