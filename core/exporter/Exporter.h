#pragma once
// The HTTP endpoint a C++ service links to show its pools (README, "Exporter"):
//
//   auto exporter = Exporter::start({.port = 9187});            // serves now
//   (*exporter)->addPool("orders", &pool);                      // actions allowed
//   PoolPublisher publisher(**exporter, pool, 1000);            // or publish() yourself
//
// GET /metrics (Prometheus text), GET /api/v1/pools, GET /api/v1/pools/NAME/snapshot,
// GET /api/v1/pools/NAME/events (Server-Sent Events), GET .../recording?minutes=N,
// POST .../{suspend,resume,evict,reconfigure}.

#include <atomic>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/exporter/TokenAuth.h"
#include "core/health/Alert.h"
#include "core/telemetry/Snapshot.h"
#include "core/telemetry/TransitionEvent.h"
#include "core/util/Result.h"

namespace httplib {
class Server;
class Request;
class Response;
}  // namespace httplib

namespace poolscope {

class Pool;
class PoolFeed;

struct ExporterOptions {
    std::string host = "127.0.0.1";  ///< address to bind; non-loopback needs a token
    int port = 9187;                 ///< 0 = any free port (see Exporter::port())
    /// Bearer token; when set, actions, events and recordings need
    /// "Authorization: Bearer TOKEN" (and /metrics, /pools, /snapshot too
    /// when metricsNeedToken). Never logged nor echoed.
    std::string token;
    bool metricsNeedToken = false;
    std::string tlsCertFile, tlsKeyFile;  ///< both or neither: HTTPS with this PEM pair
    int threads = 4;       ///< worker threads; each open connection holds one while served
    int maxClients = 32;   ///< connections admitted at once (queued included); more get 503
    int readTimeoutMs = 5000;
    int writeTimeoutMs = 5000;
    int idleTimeoutMs = 5000;  ///< keep-alive: an idle connection is closed after this (whole seconds, at least 1)
    int flightRecorderMinutes = 15;  ///< per pool, for GET .../recording
    size_t eventBacklog = 65536;     ///< events kept per pool for resuming streams
    int sseKeepAliveMs = 15000;      ///< a comment on an idle event stream this often
};

/// All public functions are thread-safe.
class Exporter {
public:
    /// Binds host:port and serves on its own threads before returning. Errors
    /// name host:port: address in use, bad TLS files, a non-loopback host
    /// without a token (it says how to give one), bad options.
    static Result<std::unique_ptr<Exporter>> start(ExporterOptions options);
    /// stop().
    ~Exporter();
    Exporter(const Exporter&) = delete;
    Exporter& operator=(const Exporter&) = delete;

    /// The bound port (the one chosen when options.port was 0).
    int port() const { return port_; }
    /// Registers a pool (its figures appear after its first publish()).
    /// `controls` may be null (no actions: they answer 409); when given it must
    /// stay valid until removePool() or stop() returns. Registering a name
    /// again replaces its controls and keeps its data.
    void addPool(const std::string& name, Pool* controls);
    /// The pool's new state: keeps the snapshot and its line (exactly
    /// snapshotToJsonLine(snapshot, health)), appends `events` (seq increasing,
    /// as Pool::drainEvents gives them) to the pool's backlog, feeds its
    /// flight recorder. The pool is `snapshot.pool`; registered without
    /// controls when unknown.
    void publish(const PoolSnapshot& snapshot, const std::vector<TransitionEvent>& events,
                 const PoolHealth& health);
    /// Forgets the pool: its streams end, and its controls are never touched
    /// again once this returns (a running action is waited for).
    void removePool(const std::string& name);
    /// Ends every stream, stops serving, joins the threads. Idempotent.
    void stop();

    const ExporterOptions& options() const { return options_; }

private:
    explicit Exporter(ExporterOptions options);
    void routes();
    bool authorized(const httplib::Request& req, bool always) const;
    std::shared_ptr<PoolFeed> feed(const std::string& name) const;
    std::vector<std::shared_ptr<PoolFeed>> feeds() const;

    // Handlers (ExporterRoutes.cpp).
    void getMetrics(const httplib::Request& req, httplib::Response& res);
    void getPools(const httplib::Request& req, httplib::Response& res);
    void getSnapshot(const httplib::Request& req, httplib::Response& res);
    void getEvents(const httplib::Request& req, httplib::Response& res);
    void getRecording(const httplib::Request& req, httplib::Response& res);
    void postAction(const httplib::Request& req, httplib::Response& res);

    const ExporterOptions options_;
    std::unique_ptr<httplib::Server> server_;
    std::thread listener_;
    int port_ = 0;
    std::atomic<bool> stopping_{false};
    std::atomic<int> streams_{0};
    std::atomic<uint64_t> recordingSeq_{0};
    std::mutex stopMu_;

    mutable std::mutex poolsMu_;
    std::map<std::string, std::shared_ptr<PoolFeed>> pools_;
};

}  // namespace poolscope
