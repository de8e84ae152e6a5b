#pragma once
// The headless mode: a Pool and a Workload in this process, one JSON snapshot
// line on stdout every interval, then a summary line (issue 2, section 4).

#include <iosfwd>

#include "app/headless/CommandLine.h"

namespace poolscope {

/// Runs one headless session. Not reusable: construct, run() once.
class HeadlessRunner {
public:
    /// `out` gets the JSON lines (flushed line by line), `err` the human
    /// messages. Both must outlive the runner.
    HeadlessRunner(HeadlessOptions options, std::ostream& out, std::ostream& err);

    /// Opens the driver, probes one connection, starts the pool and the
    /// workload, prints snapshots for the duration (or until SIGINT/SIGTERM
    /// when the duration is 0, or whenever one arrives), stops the workload,
    /// prints the summary and closes the pool. Returns the process exit code:
    /// 0 success, 2 bad arguments (a URL or setting the driver refuses),
    /// 3 the database cannot be reached, 4 an alert of the --fail-on grade
    /// fired (listed on `err`). Each snapshot line carries the pool's health
    /// and alerts (HealthEngine, --thresholds or the defaults); the summary
    /// lists the alerts that fired. Passwords never appear in messages.
    /// Installs SIGINT/SIGTERM handlers for its duration and restores the
    /// previous ones before returning.
    /// With --record, the session is also written to a .psrec file (exit 5
    /// when writing it failed); with --replay, no pool runs: a recording's
    /// lines are printed (HeadlessReplay; exit 2 for a file that is not a
    /// readable recording). With --flight-recorder, the last 15 minutes are
    /// kept in memory and written to the file on SIGUSR1 (in the background;
    /// the run goes on) and before exit 4 when --fail-on tripped; each save
    /// is reported on `err`.
    int run();

    /// Asks a running run() to finish as if its duration had passed.
    /// Async-signal-safe.
    static void requestStop();

private:
    HeadlessOptions options_;
    std::ostream& out_;
    std::ostream& err_;
};

}  // namespace poolscope
