#pragma once
// Where snapshots come from, without Qt: the one interface every front end
// runs. The headless mode polls a SnapshotSource on its own thread; the GUI
// runs the same object on a worker thread through one Qt adapter
// (app/sources/SessionSource). A pool in this process (EmbeddedSession), a
// pool in another process (RemoteSession) and, later, other formats are all
// SnapshotSources.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/health/ServerLimits.h"
#include "core/pool/PoolConfig.h"
#include "core/telemetry/Snapshot.h"
#include "core/telemetry/TransitionEvent.h"
#include "core/util/Result.h"
#include "core/workload/Workload.h"
#include "core/workload/WorkloadConfig.h"

namespace poolscope {

/// Why start() failed; front ends map it to exit codes and prefixes.
enum class StartStage : uint8_t {
    Arguments,  ///< a URL, setting or option the source refuses (exit 2)
    Reach,      ///< the database or endpoint cannot be reached (exit 3)
};

/// The result of SnapshotSource::start(): ok, or an error with its stage.
struct StartResult {
    Status status;
    StartStage stage = StartStage::Arguments;
    /// The option the error is about ("--connect", "--pool", ...), empty when
    /// none; front ends may prefix the message with it.
    std::string option;
    explicit operator bool() const { return status.isOk(); }
    static StartResult ok() { return {}; }
    static StartResult fail(StartStage stage, std::string option, std::string message) {
        return {Status::fail(std::move(message)), stage, std::move(option)};
    }
};

/// Transition events of one pool, in sequence order.
struct PoolEvents {
    std::string pool;
    std::vector<TransitionEvent> events;
};

/// The health of the connection to the data, for sources that can lose it.
struct SourceHealth {
    enum class State : uint8_t { Live, Stale };
    State state = State::Live;
    int64_t lastDataMs = 0;  ///< wall ms of the newest data received; 0 = none yet
    std::string message;     ///< why stale ("connection refused; retrying in 4 s"), empty when live
    /// `message` as a stable code and the values it interpolates, for front
    /// ends that word it in the user's language (widgets/AlertText):
    /// "stale.no_data" {url, seconds, doing} or "stale.error" {error, doing},
    /// `doing` being "retrying" or "reconnecting". Empty when live.
    std::string messageCode;
    std::vector<std::string> messageArgs;
    bool operator==(const SourceHealth&) const = default;
};

/// A marker a source wants drawn on the time axis (a remote restart, a gap).
struct SourceMarker {
    std::string pool;
    int64_t tMs = 0;
    std::string text;
};

/// What one poll() brought.
struct PollResult {
    std::vector<PoolSnapshot> snapshots;  ///< newest snapshot of each pool that has a new one
    std::vector<PoolEvents> events;       ///< events since the previous poll
    std::vector<SourceMarker> markers;
    /// Things a person should read that are not about one figure (a malformed
    /// reply that was skipped, an event stream refused); front ends show them.
    std::vector<std::string> notices;
    /// Set when the source's health changed since the previous poll.
    std::optional<SourceHealth> health;
    void clear() {
        snapshots.clear();
        events.clear();
        markers.clear();
        notices.clear();
        health.reset();
    }
};

/// What the workload of a source has done (sources that run one).
struct WorkloadStatus {
    bool running = false;
    WorkloadStats stats;
    WorkloadConfig config;
    uint64_t serverRestarts = 0;  ///< simulated server restarts so far (sim:// only)
};

/// A producer of snapshots and events. Not thread-safe: one thread calls
/// Where a pool lives, for a fleet view: the service it belongs to (a
/// Prometheus job), its instance, the format it was read in, and the
/// database server it talks to. Each is empty when the source does not know.
struct PoolPlace {
    std::string service, instance, format, server;
    bool operator==(const PoolPlace&) const = default;
};

/// start(), poll(), the controls and stop() (the source's own threads do the
/// work in between). description() and controls() are fixed at construction.
class SnapshotSource {
public:
    /// What a user may change through the source.
    enum Control : unsigned {
        NoControl = 0,
        CanReconfigure = 1,
        CanRunWorkload = 2,
        CanChangeLifecycle = 4,
        CanRestartServer = 8,
    };

    virtual ~SnapshotSource() = default;

    /// Shown to the user, e.g. "embedded sqlite:///tmp/x.db"; never a password.
    virtual std::string description() const = 0;
    /// The source as the "source" member of snapshot lines ("embedded", or the
    /// masked URL of a remote).
    virtual std::string sourceName() const = 0;
    /// A bit set of Control.
    virtual unsigned controls() const { return NoControl; }
    /// Why a control is missing, for a tooltip ("no token given: actions need
    /// --token-file"); empty when every control is there or none applies.
    virtual std::string controlsNote() const { return {}; }

    /// Connects and starts producing. Blocks as long as the database or the
    /// endpoint needs to answer (bounded by the source's own deadlines).
    virtual StartResult start() = 0;
    /// Collects what is new since the previous poll into `out` (which the
    /// caller cleared). `withSnapshots` false: events, markers and health only
    /// (the headless loop drains events between two snapshot lines).
    /// Never blocks on the network or the database.
    virtual void poll(PollResult& out, bool withSnapshots = true) = 0;
    /// Stops producing and releases everything; joins the source's threads.
    /// Idempotent. poll() after stop() returns nothing new.
    virtual void stop() = 0;

    /// The pools this source feeds, once started (names its snapshots carry).
    virtual std::vector<std::string> pools() const = 0;
    /// The server's limits for `pool`, as far as the source read them, and the
    /// server's identity (no credentials); empty limits when unknown.
    virtual ServerLimits serverLimits(const std::string& /*pool*/) const { return {}; }
    virtual std::string serverKey(const std::string& /*pool*/) const { return {}; }
    /// Where `pool` lives, as far as the source knows (default: nothing known).
    virtual PoolPlace placeOf(const std::string& /*pool*/) const { return {}; }
    /// True when backfill() can read a pool's past (a Prometheus server).
    virtual bool canBackfill() const { return false; }
    /// `pool`'s snapshots from `fromMs` to `toMs` (wall ms) every `stepMs`,
    /// for charts opened on a pool; blocks for the source's own deadlines.
    virtual Result<std::vector<PoolSnapshot>> backfill(const std::string& pool, int64_t /*fromMs*/,
                                                       int64_t /*toMs*/, int64_t /*stepMs*/) const {
        return Error{"\"" + pool + "\": this source keeps no history to back-fill from"};
    }
    /// The workload's state; nullopt for sources that run none.
    virtual std::optional<WorkloadStatus> workload() const { return std::nullopt; }

    // Controls. Each refuses with "not supported by this source" unless the
    // matching Control bit is set.
    virtual Status reconfigure(const std::string& pool, const PoolConfig& config);
    virtual Status setWorkload(const WorkloadConfig& config, bool run);
    /// "suspend", "resume", "evict" or "close".
    virtual Status lifecycleAction(const std::string& pool, std::string_view action);
    virtual Status restartServer();

protected:
    static Status unsupported() { return Status::fail("not supported by this source"); }
};

}  // namespace poolscope
