#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace poolscope {
class Pool;
}

namespace poolscope::bench {

/// "--key value" pairs after the subcommand. Values are strings; a missing
/// value or a stray argument is an error printed by the caller.
struct BenchArgs {
    std::map<std::string, std::string> values;
    std::string error;
    double number(const std::string& key, double fallback) const;
};
BenchArgs parseBenchArgs(const std::vector<std::string>& args);

/// `poolscope-bench cycle --threads T --pool N --seconds D [--warmup W]`.
int runCycleBench(const BenchArgs& args);

/// `poolscope-bench record --events N [--file F] [--keep 1]`: prints
/// `record events=N events_per_sec=X bytes_per_event=Y` (RecordBench.cpp).
int runRecordBench(const BenchArgs& args);
/// `poolscope-bench replay --snapshots N [--seeks K] [--file F] [--keep 1]`:
/// prints `replay snapshots=N open_ms=X seek_ms=Y` (ReplayBench.cpp).
int runReplayBench(const BenchArgs& args);

/// `poolscope-bench render --series S --points P --frames F [--naive N]`: update
/// and redraw the connections chart over P samples offscreen at 1280x720.
/// Prints `render ... ms_per_frame=X` (one new 10 Hz sample per frame) and
/// `render-rebuild ... ms_per_frame=Y` (a new bucket per frame: the axis moves,
/// every series is rebuilt); with --naive, N frames of plain Qt Charts with
/// every point and the ratios. Medians; min/max and CPU time on stderr. GUI only.
int runRenderBench(const BenchArgs& args);
/// `poolscope-bench fleet --pools P [--exporters E] [--refreshes N] [--interval S]
/// [--prometheus BIN] [--hold S]`: P pools behind a real Prometheus, attached
/// through the GUI's path; per refresh `fleet refresh=... refresh_ms=X
/// gui_cpu_ms=Y gui_stall_ms=Z` and a summary line of medians. GUI only.
/// --hold S keeps the fleet up S seconds for a dashboard to attach.
int runFleetBench(const BenchArgs& args);

/// `poolscope-bench metrics --pools P --scrapes N`: prints `metrics ... median_ms=X
/// p99_ms=Y bytes=B` per /metrics scrape over loopback (ExporterBench.cpp).
int runMetricsBench(const BenchArgs& args);
/// `poolscope-bench events --seconds D --rate R`: synthetic events published at
/// R/s, read back over the SSE stream; prints `events ... delivered_per_sec=X lost=L`.
int runEventsBench(const BenchArgs& args);
/// `poolscope-bench pg|mysql --connect URL --clients C [--threads J] --seconds D
/// [--rounds R] [--pgbouncer URL] [--pgbench PATH]`: `SELECT 1` through a pool
/// and, in the same run, one persistent connection per client, a connection
/// per request, pgbench and PgBouncer (QueryBench.cpp). Prints one line per
/// mode and round, then medians and ratios on a `-summary` line.
int runQueryBench(const std::string& command, const BenchArgs& args);
/// `poolscope-bench soak --connect URL [--ctl PATH] [--minutes M] [--workers W]
/// [--max-open N] [--restart-every S] [--crash 1] [--leak-pct P] [--leak-ms MS]`:
/// a pool under leaks and server restarts for M minutes, its invariant
/// checked every second, RSS and threads every 10 s (SoakBench.cpp).
int runSoakBench(const BenchArgs& args);
/// For `cycle --exporter 1`: serves `pool` (PoolPublisher every 100 ms and a
/// scraper on /metrics every 100 ms) until the handle is released.
std::shared_ptr<void> serveForCycleBench(Pool& pool);

}  // namespace poolscope::bench
