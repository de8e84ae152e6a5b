#pragma once
// The timeline of a recording as CSV (RFC 4180): one row per snapshot per
// pool, for spreadsheets and notebooks.

#include <iosfwd>
#include <string>

#include "core/recording/RecordingReader.h"
#include "core/telemetry/Snapshot.h"
#include "core/util/Result.h"

namespace poolscope {

class CsvExporter {
public:
    /// The header row without its line end: t_ms, time (UTC, ISO 8601), pool,
    /// driver, lifecycle, max_open, the counts, the totals, the wait window
    /// (wait_p50 ...) and one column per transition edge ("IDLE>ALLOCATING").
    /// Names follow the snapshot line's.
    static std::string header();
    /// One data row without its line end, in header() order; a figure the
    /// snapshot does not report (see PoolSnapshot::reported) is an empty cell.
    static std::string row(const PoolSnapshot& snapshot);

    /// Writes the header and one row per readable snapshot of `reader`, in
    /// recording order, lines ending in CRLF (RFC 4180). Damaged snapshots
    /// are skipped and counted in the report; a degraded one (its line lost,
    /// its figures intact) is a row with only those figures.
    static ScanReport write(RecordingReader& reader, std::ostream& out);
    /// The same into a new file at `path`; the error names the file.
    static Result<ScanReport> writeFile(RecordingReader& reader, const std::string& path);
};

}  // namespace poolscope
