#include "app/recording/CsvExporter.h"

#include <fstream>
#include <ostream>

#include "app/recording/SnapshotLineParser.h"
#include "core/telemetry/JsonWriter.h"
#include "core/telemetry/SnapshotJson.h"

namespace poolscope {

namespace {

/// A field quoted when it holds a comma, quote or line break.
void field(std::string& out, std::string_view s) {
    if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
        out.append(s);
        return;
    }
    out.push_back('"');
    for (char c : s) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
}

template <class T>
void number(std::string& out, T v) {
    out.push_back(',');
    out.append(std::to_string(v));
}

void real(std::string& out, double v) {
    out.push_back(',');
    std::string d;
    JsonWriter::appendDouble(d, v);
    if (d != "null") out.append(d);  // NaN: an empty cell
}

/// ISO 8601 UTC with milliseconds: 2024-05-01T10:00:00.250Z.
std::string isoTime(int64_t ms) {
    std::string t = RecordingReader::formatTime(ms);  // "2024-05-01 10:00:00.250 UTC"
    if (t.size() == 27 && t.ends_with(" UTC")) {
        t[10] = 'T';
        t.resize(23);
        t.push_back('Z');
    }
    return t;
}

}  // namespace

std::string CsvExporter::header() {
    std::string h =
        "t_ms,time,pool,driver,lifecycle,max_open,open,idle,in_use,allocating,returning,waiting,"
        "acquired,released,created,destroyed,closed_max_idle,closed_max_idle_time,"
        "closed_max_lifetime,closed_broken,closed_validation,wait_count,wait_ms,timeouts,"
        "connect_errors,validation_failures,leaks,illegal_transitions,events_dropped,"
        "wait_p50,wait_p95,wait_p99,wait_max";
    for (const auto& e : kConnEdges) h += "," + edgeName(e);
    return h;
}

std::string CsvExporter::row(const PoolSnapshot& s) {
    std::string r = std::to_string(s.tMs);
    r.push_back(',');
    r += isoTime(s.tMs);
    r.push_back(',');
    field(r, s.pool);
    r.push_back(',');
    field(r, s.driver);
    r.push_back(',');
    r += toString(s.lifecycle);
    number(r, s.config.maxOpen);
    const PoolCounts& c = s.counts;
    for (int64_t v : {c.open, c.idle, c.inUse, c.allocating, c.returning, c.waiting}) number(r, v);
    const PoolTotals& t = s.totals;
    for (uint64_t v : {t.acquired, t.released, t.created, t.destroyed, t.closedMaxIdle,
                       t.closedMaxIdleTime, t.closedMaxLifetime, t.closedBroken, t.closedValidation,
                       t.waitCount})
        number(r, v);
    real(r, t.waitMs);
    for (uint64_t v : {t.timeouts, t.connectErrors, t.validationFailures, t.leaks,
                       t.illegalTransitions, t.eventsDropped})
        number(r, v);
    for (double v : {s.wait.p50, s.wait.p95, s.wait.p99, s.wait.max}) real(r, v);
    for (uint64_t v : s.transitions) number(r, v);
    return r;
}

ScanReport CsvExporter::write(RecordingReader& reader, std::ostream& out) {
    out << header() << "\r\n";
    uint64_t unparsable = 0;
    std::string firstProblem;
    ScanReport report = reader.scanFrames([&](const ReplayFrame& frame) {
        auto snapshot = SnapshotLineParser::parse(frame.line);
        if (!snapshot) {
            if (unparsable++ == 0)
                firstProblem = "snapshot " + std::to_string(frame.id) + ": " + snapshot.message();
            return true;
        }
        out << row(*snapshot) << "\r\n";
        return static_cast<bool>(out);
    });
    if (unparsable) {
        report.framesRead -= unparsable;
        report.framesUnreadable += unparsable;
        report.problems.push_back(firstProblem);
    }
    return report;
}

Result<ScanReport> CsvExporter::writeFile(RecordingReader& reader, const std::string& path) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) return Error{"cannot write '" + path + "': the folder is missing or not writable"};
    ScanReport report = write(reader, out);
    out.close();
    if (!out) return Error{"writing '" + path + "' failed (disk full?)"};
    return report;
}

}  // namespace poolscope
