#pragma once
// `poolscope --export-alert-rules`: loads the thresholds and writes the
// Prometheus alerting rules (core/health/AlertRulesExport) to stdout. Runs no
// pool and needs no display.

#include <ostream>

#include "app/headless/CommandLine.h"

namespace poolscope {

class AlertRulesCommand {
public:
    /// Writes the rules for options.alertRuleFormats with the thresholds of
    /// options.thresholdsFile (the built-in ones when empty) to `out`.
    /// Returns CommandLine::kExitOk, or kExitBadArguments after writing the
    /// thresholds file's error (naming the file, key and problem) to `err`
    /// and nothing to `out`.
    static int run(const HeadlessOptions& options, std::ostream& out, std::ostream& err);
};

}  // namespace poolscope
