#include "app/headless/HeadlessRunner.h"

#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <ostream>
#include <thread>

#include "core/drivers/DriverFactory.h"
#include "core/drivers/Url.h"
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

}  // namespace

HeadlessRunner::HeadlessRunner(HeadlessOptions options, std::ostream& out, std::ostream& err)
    : options_(std::move(options)), out_(out), err_(err) {}

void HeadlessRunner::requestStop() { gStopRequested.store(true, std::memory_order_relaxed); }

int HeadlessRunner::run() {
    gStopRequested.store(false);
    SignalScope signals;

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
    const auto printSnapshot = [&] {
        out_ << snapshotToJsonLine(pool.snapshot()) << '\n' << std::flush;
        lastLine = Steady::now();
    };

    for (;;) {
        const auto now = Steady::now();
        if (now >= nextTick) {
            printSnapshot();
            // Skip ticks missed while the machine was busy rather than bursting.
            while (nextTick <= now) nextTick += interval;
        }
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
    out_ << summaryToJsonLine(stats.ok, stats.errors, durationS) << '\n' << std::flush;
    return CommandLine::kExitOk;
}

}  // namespace poolscope
