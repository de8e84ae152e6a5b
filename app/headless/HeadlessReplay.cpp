#include "app/headless/HeadlessReplay.h"

#include <chrono>
#include <ostream>
#include <thread>

#include "core/recording/CsvExporter.h"
#include "core/recording/PlaybackClock.h"
#include "core/recording/RecordingReader.h"

namespace poolscope {

namespace {

using Steady = std::chrono::steady_clock;
/// Granularity of the stop check while waiting for the next line.
constexpr std::chrono::milliseconds kPollStep{20};

void reportScan(std::ostream& err, const RecordingReader& reader, const ScanReport& report,
                const char* verb) {
    if (report.framesUnreadable == 0 && report.problems.empty()) return;
    err << "poolscope: warning: '" << reader.name() << "' is damaged: " << report.framesRead
        << " snapshots " << verb;
    if (report.readable)
        err << " (" << RecordingReader::formatTime(report.readable->firstMs) << " to "
            << RecordingReader::formatTime(report.readable->lastMs) << ")";
    if (report.framesDegraded > 0)
        err << " (" << report.framesDegraded
            << " of them degraded: their lines are damaged, so only their counts, wait and totals are "
               "replayed, marked \"degraded\":true)";
    err << ", " << report.framesUnreadable << " unreadable and skipped\n";
    for (const auto& p : report.problems) err << "  " << p << '\n';
    err << std::flush;
}

/// True when the recording is damaged and not one snapshot could be read:
/// the run exits 2 (README, "Recordings").
bool nothingReadable(const ScanReport& report) {
    return report.framesRead == 0 && (report.framesUnreadable > 0 || !report.problems.empty());
}

void reportNothingReadable(std::ostream& err, const RecordingReader& reader) {
    err << "poolscope: --replay: '" << reader.name()
        << "' is damaged: not one of its snapshots can be read (see the warnings above); "
           "nothing was replayed"
        << std::endl;
}

}  // namespace

HeadlessReplay::HeadlessReplay(Options options, std::ostream& out, std::ostream& err,
                               std::function<bool()> stopRequested)
    : options_(std::move(options)), out_(out), err_(err), stop_(std::move(stopRequested)) {}

HeadlessReplay::Outcome HeadlessReplay::run() {
    auto opened = RecordingReader::open(options_.file);
    if (!opened) {
        err_ << "poolscope: --replay: " << opened.message() << std::endl;
        return Outcome::BadFile;
    }
    RecordingReader& reader = **opened;
    for (const auto& w : reader.warnings()) err_ << "poolscope: warning: " << w << '\n';
    err_ << std::flush;

    if (!options_.exportCsv.empty()) {
        auto report = CsvExporter::writeFile(reader, options_.exportCsv);
        if (!report) {
            err_ << "poolscope: --export-csv: " << report.message() << std::endl;
            return Outcome::OutputFailed;
        }
        reportScan(err_, reader, *report, "exported");
        if (nothingReadable(*report)) {
            reportNothingReadable(err_, reader);
            return Outcome::BadFile;
        }
        return Outcome::Ok;
    }

    const bool paced = options_.speed > 0;
    PlaybackClock clock(reader.span() ? reader.span()->firstMs : 0);
    clock.setSpeed(options_.speed, Steady::now());
    clock.play(Steady::now());
    bool stopped = false;
    const ScanReport report = reader.scanFrames([&](const ReplayFrame& frame) {
        if (paced) {
            for (;;) {
                const auto now = Steady::now();
                const auto due = clock.dueAt(frame.tMs, now);
                if (due <= now) break;
                if (stop_ && stop_()) break;
                std::this_thread::sleep_until(std::min(due, now + kPollStep));
            }
        }
        if (stop_ && stop_()) {
            stopped = true;
            return false;
        }
        out_ << frame.line << '\n';
        if (paced) out_ << std::flush;
        return static_cast<bool>(out_);
    });
    if (!stopped) {
        if (auto summary = reader.summaryLine()) out_ << *summary << '\n';
    }
    out_ << std::flush;
    reportScan(err_, reader, report, "replayed");
    if (nothingReadable(report)) {
        reportNothingReadable(err_, reader);
        return Outcome::BadFile;
    }
    return Outcome::Ok;
}

}  // namespace poolscope
