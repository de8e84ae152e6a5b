#include "app/headless/HeadlessRunner.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <future>
#include <optional>
#include <ostream>
#include <thread>

#include "core/recording/FlightRecorder.h"
#include "app/headless/HeadlessReplay.h"
#include "core/recording/LiveFeed.h"
#include "core/recording/LiveRecording.h"
#include "core/recording/RecordingSchema.h"
#include "core/drivers/DriverFactory.h"
#include "core/drivers/ServerLimitsProbe.h"
#include "core/drivers/Url.h"
#include "core/health/HealthEngine.h"
#include "core/health/HealthGuard.h"
#include "core/health/ThresholdsFile.h"
#include "core/pool/Pool.h"
#include "core/telemetry/SnapshotJson.h"
#include "core/workload/Workload.h"

namespace poolscope {

namespace {

using Steady = std::chrono::steady_clock;
using std::chrono::milliseconds;

// Lock-free, so setting it from a signal handler is safe.
std::atomic<bool> gStopRequested{false};
static_assert(std::atomic<bool>::is_always_lock_free);
// Set by SIGUSR1 with --flight-recorder; the run loop saves, never the handler.
std::atomic<bool> gFlightSaveRequested{false};

// The first SIGINT/SIGTERM asks for a clean stop; a second one, should the
// stop hang, gets the default action (std::signal is async-signal-safe).
extern "C" void onStopSignal(int sig) {
    HeadlessRunner::requestStop();
    std::signal(sig, SIG_DFL);
}

// Only sets a lock-free flag: saving takes locks and disk I/O, which a signal
// handler must not do.
extern "C" void onFlightSignal(int) { gFlightSaveRequested.store(true, std::memory_order_relaxed); }

/// Installs the SIGINT/SIGTERM handlers (and SIGUSR1's with `flightSignal`)
/// and restores the previous ones. Without --flight-recorder SIGUSR1 keeps
/// its default action.
class SignalScope {
public:
    explicit SignalScope(bool flightSignal) : flight_(flightSignal) {
        struct sigaction sa {};
        sa.sa_handler = onStopSignal;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESTART;
        sigaction(SIGINT, &sa, &oldInt_);
        sigaction(SIGTERM, &sa, &oldTerm_);
        if (flight_) {
            sa.sa_handler = onFlightSignal;
            sigaction(SIGUSR1, &sa, &oldUsr1_);
        }
    }
    ~SignalScope() {
        sigaction(SIGINT, &oldInt_, nullptr);
        sigaction(SIGTERM, &oldTerm_, nullptr);
        if (flight_) sigaction(SIGUSR1, &oldUsr1_, nullptr);
    }
    SignalScope(const SignalScope&) = delete;
    SignalScope& operator=(const SignalScope&) = delete;

private:
    const bool flight_;
    struct sigaction oldInt_ {};
    struct sigaction oldTerm_ {};
    struct sigaction oldUsr1_ {};
};

/// How long the probe connection may take before the database counts as
/// unreachable.
constexpr int64_t kProbeTimeoutMs = 10'000;
/// Granularity of the stop-flag check while waiting for the next line.
constexpr milliseconds kPollStep{20};

/// How long reading the server's limits on the probe connection may take;
/// what is not read by then stays unknown (the lint skips it).
constexpr milliseconds kLimitsProbeTimeout{2'000};

#ifndef POOLSCOPE_VERSION
#define POOLSCOPE_VERSION "unknown"
#endif

/// --replay: prints a recording instead of running a pool.
int replay(const HeadlessOptions& o, std::ostream& out, std::ostream& err) {
    HeadlessReplay replay({o.replayFile, o.replaySpeed, o.exportCsvFile}, out, err,
                          [] { return gStopRequested.load(std::memory_order_relaxed); });
    switch (replay.run()) {
        case HeadlessReplay::Outcome::Ok: return CommandLine::kExitOk;
        case HeadlessReplay::Outcome::BadFile: return CommandLine::kExitBadArguments;
        case HeadlessReplay::Outcome::OutputFailed: return CommandLine::kExitRecordingFailed;
    }
    return CommandLine::kExitOk;
}

/// The folder `file` would be written in exists and is writable.
Status checkWritableFolder(const std::string& file) {
    std::filesystem::path folder = std::filesystem::path(file).parent_path();
    if (folder.empty()) folder = ".";
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec))
        return Status::fail("cannot write " + file + ": the folder " + folder.string() + " does not exist");
    if (access(folder.c_str(), W_OK) != 0)
        return Status::fail("cannot write " + file + ": the folder " + folder.string() + " is not writable");
    return Status::ok();
}

/// --flight-recorder: the last 15 minutes in memory, written to the file on
/// SIGUSR1 (in the background, so snapshot lines stay on time) and when
/// --fail-on trips (before exiting).
class FlightDump {
public:
    FlightDump(std::string path, RecordingMeta meta, std::ostream& err)
        : path_(std::move(path)), meta_(std::move(meta)), err_(err) {}
    ~FlightDump() { finishSave(); }
    FlightDump(const FlightDump&) = delete;
    FlightDump& operator=(const FlightDump&) = delete;

    FlightRecorder& recorder() { return flight_; }

    /// From the run loop: reports a finished save, starts one SIGUSR1 asked for.
    void poll() {
        if (saving_.valid() && saving_.wait_for(std::chrono::seconds(0)) == std::future_status::ready)
            finishSave();
        if (!saving_.valid() && gFlightSaveRequested.exchange(false, std::memory_order_relaxed)) {
            RecordingMeta meta = meta_;
            meta.startMs = 0;  // the oldest time kept
            savingKept_ = flight_.stats();
            saving_ = std::async(std::launch::async, [this, meta = std::move(meta)] {
                return flight_.saveTo(path_, meta);
            });
        }
    }
    /// Saves now (after any save under way) with the summary line; false on error.
    bool saveFinal(const std::string& summaryLine) {
        finishSave();
        RecordingMeta meta = meta_;
        meta.startMs = 0;
        meta.extra[std::string(RecordingSchema::kMetaSummaryLine)] = summaryLine;
        savingKept_ = flight_.stats();
        return report(flight_.saveTo(path_, meta));
    }

private:
    void finishSave() {
        if (saving_.valid()) report(saving_.get());
    }
    bool report(const Status& s) {
        const FlightRecorder::Stats& kept = savingKept_;
        if (s)
            err_ << "poolscope: --flight-recorder: saved the last "
                 << static_cast<double>(kept.lastMs - kept.firstMs) / 1000 << " s ("
                 << flight_.windowMs() / 60'000 << " minutes at most) to " << path_ << std::endl;
        else
            err_ << "poolscope: --flight-recorder: " << s.message() << std::endl;
        return static_cast<bool>(s);
    }

    const std::string path_;
    const RecordingMeta meta_;
    std::ostream& err_;
    FlightRecorder flight_;
    std::future<Status> saving_;
    FlightRecorder::Stats savingKept_;  // what the save under way (or the last) took
};

}  // namespace

HeadlessRunner::HeadlessRunner(HeadlessOptions options, std::ostream& out, std::ostream& err)
    : options_(std::move(options)), out_(out), err_(err) {}

void HeadlessRunner::requestStop() { gStopRequested.store(true, std::memory_order_relaxed); }

int HeadlessRunner::run() {
    gStopRequested.store(false);
    gFlightSaveRequested.store(false);
    SignalScope signals(!options_.flightRecorderFile.empty());
    if (!options_.replayFile.empty()) return replay(options_, out_, err_);

    // A bad thresholds file is a bad argument, refused before connecting.
    Thresholds thresholds = Thresholds::defaults();
    if (!options_.thresholdsFile.empty()) {
        auto loaded = ThresholdsFile::load(options_.thresholdsFile);
        if (!loaded) {
            err_ << "poolscope: --thresholds: " << loaded.message() << std::endl;
            return CommandLine::kExitBadArguments;
        }
        thresholds = *loaded;
    }

    std::string url = options_.connectUrl;
    if (url.empty()) {
        auto def = CommandLine::defaultConnectUrl();
        if (!def) {
            err_ << "poolscope: " << def.message() << std::endl;
            return CommandLine::kExitUnreachable;
        }
        url = *def;
    }
    const std::string shownUrl = maskPassword(url);

    // A URL or parameter the driver refuses is a bad argument (exit 2).
    auto opened = openDriver(url);
    if (!opened) {
        err_ << "poolscope: --connect: " << opened.message() << std::endl;
        return CommandLine::kExitBadArguments;
    }
    std::shared_ptr<Driver> driver = *opened;

    // Probe once so "cannot reach the database" is one clear message and exit
    // code rather than a stream of acquire errors; the same connection reads
    // the server's limits for the health engine's server lint.
    ServerLimits serverLimits;
    {
        const int64_t probeMs =
            std::min(kProbeTimeoutMs, std::max<int64_t>(options_.pool.acquireTimeoutMs, 1));
        auto probe = driver->connect(Steady::now() + milliseconds(probeMs));
        if (!probe) {
            err_ << "poolscope: cannot reach the database at " << shownUrl << ": "
                 << probe.message() << std::endl;
            return CommandLine::kExitUnreachable;
        }
        serverLimits = probeServerLimits(*driver, **probe, Steady::now() + kLimitsProbeTimeout);
    }

    Pool pool(options_.pool, driver);
    if (auto s = pool.start(); !s) {
        err_ << "poolscope: --pool: " << s.message() << std::endl;
        return CommandLine::kExitBadArguments;
    }

    const RecordingMeta meta =
        LiveRecording::metaFor(shownUrl, POOLSCOPE_VERSION, ThresholdsFile::toJson(thresholds));
    LiveFeed feed;
    std::unique_ptr<LiveRecording> recording;
    if (!options_.recordFile.empty()) {
        auto started = LiveRecording::start(options_.recordFile, meta);
        if (!started) {
            err_ << "poolscope: --record: " << started.message() << std::endl;
            pool.close();
            return CommandLine::kExitBadArguments;
        }
        recording = std::move(*started);
        feed.addSink(recording->recorder());
    }
    std::optional<FlightDump> flight;
    if (!options_.flightRecorderFile.empty()) {
        // Refused now rather than when the signal comes, when it is too late.
        if (auto s = checkWritableFolder(options_.flightRecorderFile); !s) {
            err_ << "poolscope: --flight-recorder: " << s.message() << std::endl;
            pool.close();
            return CommandLine::kExitBadArguments;
        }
        flight.emplace(options_.flightRecorderFile, meta, err_);
        feed.addSink(flight->recorder());
    }

    // With pool_per_request every request builds, uses and destroys its own
    // pool, so there is no single pool to watch: the snapshot lines show the
    // outer pool (configured the same, started, unused), and the summary line
    // carries the workload's results.
    Workload::PoolFactory factory;
    if (options_.workload.poolPerRequest) factory = Workload::poolFactory(options_.pool, driver);
    Workload workload(options_.workload, pool, std::move(factory));
    if (auto s = workload.start(); !s) {
        err_ << "poolscope: " << s.message() << std::endl;
        pool.close();
        return CommandLine::kExitBadArguments;
    }

    const auto start = Steady::now();
    const bool untilSignal = options_.durationS <= 0;
    const auto end = start + std::chrono::duration_cast<Steady::duration>(
                                 std::chrono::duration<double>(options_.durationS));
    const milliseconds interval(options_.intervalMs);
    auto nextTick = start + interval;
    auto lastLine = Steady::time_point{};
    HealthEngine health(thresholds);
    health.setServerLimits(serverLimits);
    std::optional<HealthGuard> guard;
    if (thresholds.leakGuard.action != LeakGuardSettings::Action::Off)
        guard.emplace(thresholds.leakGuard, pool, health);
    const auto printSnapshot = [&] {
        const PoolSnapshot snapshot = pool.snapshot();
        if (guard) guard->observe(snapshot);
        const PoolHealth poolHealth = health.evaluate(snapshot);
        const std::string line = snapshotToJsonLine(snapshot, poolHealth);
        out_ << line << '\n' << std::flush;
        feed.drainEvents(pool);  // the events before a snapshot precede it
        feed.snapshot(snapshot, line, poolHealth);
        lastLine = Steady::now();
    };

    for (;;) {
        const auto now = Steady::now();
        if (now >= nextTick) {
            printSnapshot();
            // Skip ticks missed while the machine was busy rather than bursting.
            while (nextTick <= now) nextTick += interval;
        }
        feed.drainEvents(pool);
        if (flight) flight->poll();
        if (gStopRequested.load(std::memory_order_relaxed)) break;
        if (!untilSignal && now >= end) break;
        auto wake = std::min(nextTick, now + kPollStep);
        if (!untilSignal) wake = std::min(wake, end);
        std::this_thread::sleep_until(wake);
    }
    // A last line for the end state, unless one was printed just now.
    if (Steady::now() - lastLine > milliseconds(10)) printSnapshot();

    // Stop the workers first, then close the pool so a worker waiting in
    // acquire() wakes at once, then join them and release leaked leases.
    workload.requestStop();
    pool.close();
    workload.stop();
    const double durationS =
        std::round(std::chrono::duration<double>(Steady::now() - start).count() * 1000) / 1000;
    const WorkloadStats stats = workload.stats();
    const std::string summary = summaryToJsonLine(stats.ok, stats.errors, durationS, health.fired());
    out_ << summary << '\n' << std::flush;
    bool recordingFailed = false;
    feed.drainEvents(pool);
    if (recording) {
        if (auto s = recording->finish(summary); !s) {
            err_ << "poolscope: --record: " << s.message()
                 << "; the recording keeps what was written before" << std::endl;
            recordingFailed = true;
        }
    }
    if (options_.failOn && health.firedAtLeast(*options_.failOn)) {
        for (const auto& f : health.fired())
            if (f.peakGrade >= *options_.failOn)
                err_ << "poolscope: --fail-on " << toString(*options_.failOn) << ": " << f.rule << " ("
                     << toString(f.peakGrade) << ") fired on pool \"" << f.pool << "\": " << f.message << '\n';
        err_ << std::flush;
        if (flight) flight->saveFinal(summary);
        return CommandLine::kExitHealthFailed;
    }
    return recordingFailed ? CommandLine::kExitRecordingFailed : CommandLine::kExitOk;
}

}  // namespace poolscope
