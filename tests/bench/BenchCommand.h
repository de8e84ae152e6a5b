#pragma once

#include <map>
#include <string>
#include <vector>

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

}  // namespace poolscope::bench
