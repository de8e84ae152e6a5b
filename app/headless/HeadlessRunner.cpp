#include "app/headless/HeadlessRunner.h"

#include <unistd.h>

#include <atomic>
#include <charconv>
#include <map>
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
#include "core/drivers/Url.h"
#include "core/health/HealthEngine.h"
#include "core/health/HealthGuard.h"
#include "core/health/ThresholdsFile.h"
#include "core/pool/Pool.h"
#include "core/exporter/Exporter.h"
#include "core/session/EmbeddedSession.h"
#include "core/session/AttachSession.h"
#include "core/session/RemoteSession.h"
#include "core/session/ServerViewSession.h"
#include "core/session/SessionGroup.h"
#include "core/util/TokenFile.h"
#include "core/telemetry/SnapshotJson.h"

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

/// The embedded pool of `session` (itself, or a member of a group).
EmbeddedSession* embeddedOf(SnapshotSource* session) {
    if (auto* e = dynamic_cast<EmbeddedSession*>(session)) return e;
    if (auto* g = dynamic_cast<SessionGroup*>(session))
        for (const auto& m : g->members())
            if (auto* e = dynamic_cast<EmbeddedSession*>(m.get())) return e;
    return nullptr;
}

Result<std::unique_ptr<SnapshotSource>> openEmbedded(const HeadlessOptions& o);

/// The session --attach or --connect asks for. Errors are bad arguments.
Result<std::unique_ptr<SnapshotSource>> openSession(const HeadlessOptions& o) {
    if (!o.attachUrl.empty() && ServerViewSession::isServerViewUrl(o.attachUrl) && !o.connectUrl.empty()) {
        // This process's pool and the server's own view of its server.
        RemoteSpec spec;
        spec.http.url = o.attachUrl;
        spec.intervalMs = static_cast<int>(o.intervalMs);
        auto embedded = openEmbedded(o);
        if (!embedded) return embedded.error();
        std::vector<std::unique_ptr<SnapshotSource>> members;
        members.push_back(std::move(*embedded));
        members.push_back(openAttach(spec));
        return std::unique_ptr<SnapshotSource>(std::make_unique<SessionGroup>(std::move(members)));
    }
    if (!o.attachUrl.empty()) {
        RemoteSpec spec;
        spec.http.url = o.attachUrl;
        spec.http.caFile = o.tlsCaFile;
        if (!o.tokenFile.empty()) {
            auto token = readTokenFile(o.tokenFile);
            if (!token) return Error{"--token-file: " + token.message()};
            spec.http.token = *token;
        }
        spec.intervalMs = static_cast<int>(o.intervalMs);
        return openAttach(spec);
    }
    return openEmbedded(o);
}

Result<std::unique_ptr<SnapshotSource>> openEmbedded(const HeadlessOptions& o) {
    EmbeddedSessionSpec spec;
    spec.url = o.connectUrl;
    if (spec.url.empty()) {
        auto def = CommandLine::defaultConnectUrl();
        if (!def) return def.error();
        spec.url = *def;
    }
    spec.pool = o.pool;
    spec.workload = o.workload;
    spec.probeTimeoutMs = kProbeTimeoutMs;
    return std::unique_ptr<SnapshotSource>(std::make_unique<EmbeddedSession>(std::move(spec)));
}

/// --serve HOST:PORT and its companions as the exporter's options.
Result<ExporterOptions> exporterOptions(const HeadlessOptions& o) {
    ExporterOptions e;
    std::string_view addr = o.serveAddress;
    const size_t colon = addr.rfind(':');
    if (colon == std::string_view::npos || colon + 1 == addr.size())
        return Error{"'" + o.serveAddress + "' is not HOST:PORT (e.g. 127.0.0.1:9187, [::1]:9187, 0.0.0.0:9187)"};
    std::string_view host = addr.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    if (host.empty()) return Error{"'" + o.serveAddress + "' has no host; e.g. 127.0.0.1:9187"};
    int port = -1;
    const std::string_view p = addr.substr(colon + 1);
    auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), port);
    if (ec != std::errc() || end != p.data() + p.size() || port < 0 || port > 65535)
        return Error{"'" + std::string(p) + "' is not a port (0-65535; 0 picks a free one)"};
    e.host = std::string(host);
    e.port = port;
    if (!o.tokenFile.empty()) {
        auto token = readTokenFile(o.tokenFile);
        if (!token) return Error{"--token-file: " + token.message()};
        e.token = *token;
    }
    e.metricsNeedToken = o.metricsNeedToken;
    e.tlsCertFile = o.tlsCertFile;
    e.tlsKeyFile = o.tlsKeyFile;
    return e;
}

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

    auto opened = openSession(options_);
    if (!opened) {
        const bool noDataDir = options_.attachUrl.empty() && options_.connectUrl.empty();
        err_ << "poolscope: " << opened.message() << std::endl;
        return noDataDir ? CommandLine::kExitUnreachable : CommandLine::kExitBadArguments;
    }
    std::unique_ptr<SnapshotSource> session = std::move(*opened);
    if (const StartResult started = session->start(); !started) {
        err_ << "poolscope: " << (started.option.empty() ? "" : started.option + ": ")
             << started.status.message() << std::endl;
        return started.stage == StartStage::Reach ? CommandLine::kExitUnreachable
                                                  : CommandLine::kExitBadArguments;
    }
    // The pool this process runs, for the leak guard's actions and the
    // endpoint's; nullptr when attached to another process's pools.
    auto* embedded = embeddedOf(session.get());
    Pool* pool = embedded ? embedded->pool() : nullptr;

    const RecordingMeta meta = LiveRecording::metaFor(embedded ? embedded->shownUrl() : session->sourceName(),
                                                      POOLSCOPE_VERSION, ThresholdsFile::toJson(thresholds));
    LiveFeed feed;
    std::unique_ptr<LiveRecording> recording;
    if (!options_.recordFile.empty()) {
        auto started = LiveRecording::start(options_.recordFile, meta);
        if (!started) {
            err_ << "poolscope: --record: " << started.message() << std::endl;
            session->stop();
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
            session->stop();
            return CommandLine::kExitBadArguments;
        }
        flight.emplace(options_.flightRecorderFile, meta, err_);
        feed.addSink(flight->recorder());
    }

    // --serve: the pool this run shows, served to other processes as it goes.
    std::unique_ptr<Exporter> exporter;
    std::map<std::string, std::vector<TransitionEvent>> unpublished;
    if (!options_.serveAddress.empty()) {
        auto eo = exporterOptions(options_);
        auto started = eo ? Exporter::start(*eo) : Result<std::unique_ptr<Exporter>>(eo.error());
        if (!started) {
            err_ << "poolscope: --serve: " << started.message() << std::endl;
            session->stop();
            return CommandLine::kExitBadArguments;
        }
        exporter = std::move(*started);
        for (const std::string& name : session->pools()) exporter->addPool(name, pool);
        const bool v6 = eo->host.find(':') != std::string::npos;
        err_ << "poolscope: serving " << session->pools().size() << " pool(s) at "
             << (eo->tlsCertFile.empty() ? "http" : "https") << "://" << (v6 ? "[" : "") << eo->host
             << (v6 ? "]" : "") << ":" << exporter->port() << std::endl;
    }

    const auto start = Steady::now();
    const bool untilSignal = options_.durationS <= 0;
    const auto end = start + std::chrono::duration_cast<Steady::duration>(
                                 std::chrono::duration<double>(options_.durationS));
    const milliseconds interval(options_.intervalMs);
    auto nextTick = start + interval;
    auto lastLine = Steady::time_point{};
    HealthEngine health(thresholds);
    for (const std::string& name : session->pools()) {
        const ServerLimits limits = session->serverLimits(name);
        if (!limits.empty()) health.setServerLimits(name, session->serverKey(name), limits);
    }
    std::optional<HealthGuard> guard;
    if (pool && thresholds.leakGuard.action != LeakGuardSettings::Action::Off)
        guard.emplace(thresholds.leakGuard, *pool, health);

    PollResult polled;
    // Events, markers and the source's own health: recorded and reported as
    // they come, between snapshot lines too.
    const auto record = [&](const PoolEvents& e) {
        feed.events(e.pool, e.events);
        if (exporter) {
            auto& queue = unpublished[e.pool];
            queue.insert(queue.end(), e.events.begin(), e.events.end());
        }
    };
    const auto takeNews = [&] {
        for (const PoolEvents& e : polled.events) record(e);
        for (const std::string& n : polled.notices) err_ << "poolscope: " << n << std::endl;
        for (const SourceMarker& m : polled.markers)
            err_ << "poolscope: pool \"" << m.pool << "\": " << m.text << std::endl;
        if (polled.health) {
            if (polled.health->state == SourceHealth::State::Stale)
                err_ << "poolscope: " << session->sourceName() << " is stale: " << polled.health->message
                     << std::endl;
            else
                err_ << "poolscope: " << session->sourceName() << " answers again" << std::endl;
        }
    };
    const auto printSnapshots = [&] {
        polled.clear();
        session->poll(polled, true);
        for (const PoolSnapshot& snapshot : polled.snapshots) {
            if (guard) guard->observe(snapshot);
            const PoolHealth poolHealth = health.evaluate(snapshot);
            const std::string line = snapshotToJsonLine(snapshot, poolHealth);
            out_ << line << '\n';
            // The events drained with a snapshot precede it in the recording.
            for (const PoolEvents& e : polled.events)
                if (e.pool == snapshot.pool) record(e);
            feed.snapshot(snapshot, line, poolHealth);
            if (exporter) {
                auto& queue = unpublished[snapshot.pool];
                exporter->publish(snapshot, queue, poolHealth);
                queue.clear();
            }
        }
        out_ << std::flush;
        for (const PoolEvents& e : polled.events) {
            bool recorded = false;
            for (const PoolSnapshot& s : polled.snapshots) recorded = recorded || s.pool == e.pool;
            if (!recorded) record(e);
        }
        polled.events.clear();
        takeNews();
        lastLine = Steady::now();
    };

    for (;;) {
        const auto now = Steady::now();
        if (now >= nextTick) {
            printSnapshots();
            // Skip ticks missed while the machine was busy rather than bursting.
            while (nextTick <= now) nextTick += interval;
        }
        polled.clear();
        session->poll(polled, false);
        takeNews();
        if (flight) flight->poll();
        if (gStopRequested.load(std::memory_order_relaxed)) break;
        if (!untilSignal && now >= end) break;
        auto wake = std::min(nextTick, now + kPollStep);
        if (!untilSignal) wake = std::min(wake, end);
        std::this_thread::sleep_until(wake);
    }
    // A last line for the end state, unless one was printed just now.
    if (Steady::now() - lastLine > milliseconds(10)) printSnapshots();

    // Stop serving before the pool closes: the endpoint's actions reach it.
    if (exporter) exporter->stop();
    session->stop();
    const double durationS =
        std::round(std::chrono::duration<double>(Steady::now() - start).count() * 1000) / 1000;
    const WorkloadStats stats = session->workload() ? session->workload()->stats : WorkloadStats{};
    const std::string summary = summaryToJsonLine(stats.ok, stats.errors, durationS, health.fired());
    out_ << summary << '\n' << std::flush;
    bool recordingFailed = false;
    polled.clear();
    session->poll(polled, false);
    takeNews();
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
