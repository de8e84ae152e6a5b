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

}  // namespace poolscope::bench
