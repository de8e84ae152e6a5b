#include "core/recording/CsvExporter.h"

#include <fstream>
#include <ostream>

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
    // A figure the snapshot does not report is an empty cell, never a 0.
    const FigureSet& has = s.reported;
    const auto count = [&](std::string& out, Figure f, auto v) {
        if (has.has(f)) number(out, v);
        else out.push_back(',');
    };
    const auto decimal = [&](std::string& out, Figure f, double v) {
        if (has.has(f)) real(out, v);
        else out.push_back(',');
    };
    std::string r = std::to_string(s.tMs);
    r.push_back(',');
    r += isoTime(s.tMs);
    r.push_back(',');
    field(r, s.pool);
    r.push_back(',');
    field(r, s.driver);
    r.push_back(',');
    if (has.has(Figure::Lifecycle)) r += toString(s.lifecycle);
    count(r, Figure::MaxOpen, s.config.maxOpen);
    const PoolCounts& c = s.counts;
    count(r, Figure::Open, c.open);
    count(r, Figure::Idle, c.idle);
    count(r, Figure::InUse, c.inUse);
    count(r, Figure::Allocating, c.allocating);
    count(r, Figure::Returning, c.returning);
    count(r, Figure::Waiting, c.waiting);
    const PoolTotals& t = s.totals;
    count(r, Figure::Acquired, t.acquired);
    count(r, Figure::Released, t.released);
    count(r, Figure::Created, t.created);
    count(r, Figure::Destroyed, t.destroyed);
    count(r, Figure::ClosedMaxIdle, t.closedMaxIdle);
    count(r, Figure::ClosedMaxIdleTime, t.closedMaxIdleTime);
    count(r, Figure::ClosedMaxLifetime, t.closedMaxLifetime);
    count(r, Figure::ClosedBroken, t.closedBroken);
    count(r, Figure::ClosedValidation, t.closedValidation);
    count(r, Figure::WaitCount, t.waitCount);
    decimal(r, Figure::WaitMs, t.waitMs);
    count(r, Figure::Timeouts, t.timeouts);
    count(r, Figure::ConnectErrors, t.connectErrors);
    count(r, Figure::ValidationFailures, t.validationFailures);
    count(r, Figure::Leaks, t.leaks);
    count(r, Figure::IllegalTransitions, t.illegalTransitions);
    count(r, Figure::EventsDropped, t.eventsDropped);
    for (double v : {s.wait.p50, s.wait.p95, s.wait.p99}) decimal(r, Figure::WaitPercentiles, v);
    decimal(r, Figure::WaitMax, s.wait.max);
    for (size_t i = 0; i < kConnEdges.size(); ++i) {
        if (edgeReported(has, i)) number(r, s.transitions[i]);
        else r.push_back(',');
    }
    return r;
}

ScanReport CsvExporter::write(RecordingReader& reader, std::ostream& out) {
    out << header() << "\r\n";
    uint64_t unparsable = 0;
    std::string firstProblem;
    ScanReport report = reader.scanFrames([&](const ReplayFrame& frame) {
        auto snapshot = frame.snapshot();
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
