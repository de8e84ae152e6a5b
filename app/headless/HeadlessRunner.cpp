#include "app/headless/HeadlessRunner.h"

#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <optional>
#include <ostream>
#include <thread>

#include "app/recording/HeadlessReplay.h"
#include "app/recording/LiveRecording.h"
#include "core/drivers/DriverFactory.h"
#include "core/drivers/SimDriver.h"
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

// The first SIGINT/SIGTERM asks for a clean stop; a second one, should the
// stop hang, gets the default action (std::signal is async-signal-safe).
extern "C" void onStopSignal(int sig) {
    HeadlessRunner::requestStop();
    std::signal(sig, SIG_DFL);
}

/// Installs the SIGINT/SIGTERM handlers and restores the previous ones.
class SignalScope {
public:
    SignalScope() {
        struct sigaction sa {};
        sa.sa_handler = onStopSignal;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESTART;
        sigaction(SIGINT, &sa, &oldInt_);
        sigaction(SIGTERM, &sa, &oldTerm_);
    }
    ~SignalScope() {
        sigaction(SIGINT, &oldInt_, nullptr);
        sigaction(SIGTERM, &oldTerm_, nullptr);
    }
    SignalScope(const SignalScope&) = delete;
    SignalScope& operator=(const SignalScope&) = delete;

private:
    struct sigaction oldInt_ {};
    struct sigaction oldTerm_ {};
};

/// How long the probe connection may take before the database counts as
/// unreachable.
constexpr int64_t kProbeTimeoutMs = 10'000;
/// Granularity of the stop-flag check while waiting for the next line.
constexpr milliseconds kPollStep{20};

/// What the driver knows of its server's limits (the simulated server's
/// session limit), for the health engine's server lint.
ServerLimits serverLimitsOf(const Driver& driver) {
    ServerLimits limits;
    if (const auto* sim = dynamic_cast<const SimDriver*>(&driver); sim && sim->options().maxServerConns > 0) {
        limits.product = "simulated";
        limits.maxConnections = sim->options().maxServerConns;
    }
    return limits;
}

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

/// The health engine's alerts as a recording stores them (generic strings).
std::vector<RecordedAlert> recordedAlerts(const PoolHealth& health, int64_t tMs) {
    std::vector<RecordedAlert> out;
    for (const auto& a : health.alerts)
        out.push_back({tMs, a.pool, a.rule, a.subject, std::string(toString(a.grade)),
                       std::string(toString(a.state)), a.message, a.value, a.threshold});
    return out;
}

}  // namespace

HeadlessRunner::HeadlessRunner(HeadlessOptions options, std::ostream& out, std::ostream& err)
    : options_(std::move(options)), out_(out), err_(err) {}

void HeadlessRunner::requestStop() { gStopRequested.store(true, std::memory_order_relaxed); }

int HeadlessRunner::run() {
    gStopRequested.store(false);
    SignalScope signals;
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
    // code rather than a stream of acquire errors.
    {
        const int64_t probeMs =
            std::min(kProbeTimeoutMs, std::max<int64_t>(options_.pool.acquireTimeoutMs, 1));
        auto probe = driver->connect(Steady::now() + milliseconds(probeMs));
        if (!probe) {
            err_ << "poolscope: cannot reach the database at " << shownUrl << ": "
                 << probe.message() << std::endl;
            return CommandLine::kExitUnreachable;
        }
    }

    Pool pool(options_.pool, driver);
    if (auto s = pool.start(); !s) {
        err_ << "poolscope: --pool: " << s.message() << std::endl;
        return CommandLine::kExitBadArguments;
    }

    std::unique_ptr<LiveRecording> recording;
    if (!options_.recordFile.empty()) {
        auto started = LiveRecording::start(
            options_.recordFile,
            LiveRecording::metaFor(shownUrl, POOLSCOPE_VERSION, ThresholdsFile::toJson(thresholds)));
        if (!started) {
            err_ << "poolscope: --record: " << started.message() << std::endl;
            pool.close();
            return CommandLine::kExitBadArguments;
        }
        recording = std::move(*started);
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
    health.setServerLimits(serverLimitsOf(*driver));
    std::optional<HealthGuard> guard;
    if (thresholds.leakGuard.action != LeakGuardSettings::Action::Off)
        guard.emplace(thresholds.leakGuard, pool, health);
    const auto printSnapshot = [&] {
        const PoolSnapshot snapshot = pool.snapshot();
        if (guard) guard->observe(snapshot);
        const PoolHealth poolHealth = health.evaluate(snapshot);
        std::string line = snapshotToJsonLine(snapshot, poolHealth);
        out_ << line << '\n' << std::flush;
        if (recording)
            recording->snapshot(pool, snapshot, std::move(line), recordedAlerts(poolHealth, snapshot.tMs));
        lastLine = Steady::now();
    };

    for (;;) {
        const auto now = Steady::now();
        if (now >= nextTick) {
            printSnapshot();
            // Skip ticks missed while the machine was busy rather than bursting.
            while (nextTick <= now) nextTick += interval;
        }
        if (recording) recording->drainEvents(pool);
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
    if (recording) {
        recording->drainEvents(pool);
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
        return CommandLine::kExitHealthFailed;
    }
    return recordingFailed ? CommandLine::kExitRecordingFailed : CommandLine::kExitOk;
}

}  // namespace poolscope
