#pragma once
// Every pool a Prometheus server knows, in every format PoolScope reads
// (poolscope_*, HikariCP both kinds, go_sql_*, pgxpool_*, OpenTelemetry,
// pgbouncer_exporter, a user's ?mapping=FILE):
//   prometheus://[user:pass@]host:9090[/prefix][?match={job="api"}][&format=NAME][&mapping=FILE]
//                [&server_label=NAME]
//   prometheus+https://...   (TLS; --tls-ca for a private CA, --token-file for a bearer token)
//
// Every interval one instant query per format, and one for the database
// servers' max_connections (/api/v1/query with a
// `{__name__=~"..."}` selector naming that format's series, narrowed by
// ?match=): the cost of a refresh grows with the formats, never with the
// pools. The answer's series are grouped by job and instance; a group where
// the format's detect names are present is read by that format's
// MetricMapping through the same ForeignPoolTracker a /metrics scrape goes
// through (counter resets, wait quantiles from bucket deltas or mean wait,
// `reported` exactly the figures the server had). A pool is named
// "<pool label>@<job>/<instance>"; when two formats give one name, the later
// format's gets " (<format>)" appended. A pool's database server (for a
// fleet grouped by server) is the value of its series' `server` label, or of
// the label ?server_label= names.
//
// backfill() reads one pool's past with /api/v1/query_range, step by step
// through a tracker of its own, for charts opened on a pool.
//
// Faults, as the other remote sessions: stale within two intervals of
// silence (last good data kept), retries with a backoff of 1 s doubling to
// 30 s while the server does not answer. The server's own error (bad PromQL
// from ?match=, a query timeout, 4xx/5xx with Prometheus' error body) and
// the warnings of a partial answer are notices naming the URL and the
// format; a malformed answer is a notice and the last good data stays.
// Read-only.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/remote/ForeignPoolTracker.h"
#include "core/remote/MetricMapping.h"
#include "core/session/HttpFetcher.h"
#include "core/session/RemoteSession.h"
#include "core/session/SnapshotSource.h"

namespace poolscope {

/// Where one discovered pool lives.
struct PrometheusPoolInfo {
    std::string pool;    ///< the name its snapshots carry
    std::string format;  ///< the mapping that read it ("poolscope", "go-sql", ...)
    std::string job, instance;
    std::vector<Label> poolLabels;  ///< the labels naming the pool (empty: the format's default pool)
    std::string server;             ///< the value of the ?server_label= label (default "server"), if any
    bool present = true;            ///< in the newest successful answer
};

/// What one refresh cost.
struct PrometheusRefreshStats {
    uint64_t number = 0;  ///< 1 for start()'s refresh, then counting up
    int queries = 0;      ///< HTTP queries sent
    int failed = 0;       ///< of which failed (no answer, error status, unreadable)
    size_t series = 0;    ///< series received
    size_t bytes = 0;     ///< answer bytes received
    size_t pools = 0;     ///< pools in the answers
    int64_t elapsedMs = 0;
    int64_t atMs = 0;     ///< wall ms of the evaluation time sent; 0 = no refresh yet
};

class PrometheusSession final : public SnapshotSource {
public:
    static constexpr int64_t kFirstBackoffMs = RemoteSession::kFirstBackoffMs;
    static constexpr int64_t kMaxBackoffMs = RemoteSession::kMaxBackoffMs;
    /// The longest back-fill window, and the most points per series in one
    /// (Prometheus refuses more than 11,000).
    static constexpr int64_t kMaxBackfillMs = 24 * 3600 * 1000;
    static constexpr int64_t kMaxBackfillPoints = 11'000;
    /// Answers may be large at fleet size.
    static constexpr size_t kMinReplyCap = 256u << 20;

    /// prometheus://, prometheus+http:// or prometheus+https://.
    static bool isPrometheusUrl(const std::string& url);

    /// `spec.http.url` is a prometheus:// URL; token, CA and timeouts as for
    /// any endpoint; the reply cap is raised to kMinReplyCap at least.
    explicit PrometheusSession(RemoteSpec spec);
    /// Calls stop().
    ~PrometheusSession() override;

    /// "attach prometheus://host:9090 (Prometheus server)".
    std::string description() const override;
    /// The masked URL (no password), with ?match= when given.
    std::string sourceName() const override { return shown_; }
    unsigned controls() const override { return NoControl; }
    std::string controlsNote() const override;

    /// Refreshes once: Reach when the server does not answer; Arguments for
    /// a URL or option it refuses, an answer that is not Prometheus' or an
    /// error answer (the server's message), and when no pool is found. Then
    /// refreshes every interval in the background.
    StartResult start() override;
    void poll(PollResult& out, bool withSnapshots = true) override;
    void stop() override;

    /// Every pool discovered so far (also those no longer answered), sorted.
    std::vector<std::string> pools() const override;
    /// Where each discovered pool lives, sorted by pool name (for a fleet view).
    std::vector<PrometheusPoolInfo> poolInfos() const;
    /// Service = job, instance, format and server of a discovered pool.
    PoolPlace placeOf(const std::string& pool) const override;
    /// The max_connections of the pool's server, when Prometheus has it from
    /// postgres_exporter (pg_settings_max_connections) or mysqld_exporter
    /// (mysql_global_variables_max_connections) under the same server label.
    ServerLimits serverLimits(const std::string& pool) const override;
    /// The pool's server label value; empty when its series have none.
    std::string serverKey(const std::string& pool) const override;
    /// The formats queried ("poolscope", "go-sql", ...), in query order.
    std::vector<std::string> formats() const;
    /// The cost of the newest refresh. queries is the number of formats + 1
    /// (fewer when the server stopped answering mid-way), whatever the pools.
    PrometheusRefreshStats lastRefresh() const;

    /// `pool`'s snapshots from `fromMs` to `toMs` (wall ms) every `stepMs`,
    /// read with one /api/v1/query_range through a tracker of its own (so
    /// wait quantiles and means are over the step, or 10 s when longer).
    /// Refused: unknown pool, a window over kMaxBackfillMs or over
    /// kMaxBackfillPoints steps, no answer, the server's error. Blocks for
    /// one query; thread-safe (its own connection), also while polling.
    Result<std::vector<PoolSnapshot>> backfill(const std::string& pool, int64_t fromMs, int64_t toMs,
                                               int64_t stepMs) const override;
    bool canBackfill() const override { return true; }

private:
    struct Format {
        MetricMapping mapping;
        std::string selector;
        std::optional<ForeignPoolTracker> tracker;  // the refresh thread's
    };
    struct PoolState {
        PoolSnapshot latest;
        bool taken = false;  ///< the refresh under way has a newer latest
        bool fresh = false;  ///< a finished refresh has a latest poll() has not given yet
        PrometheusPoolInfo info;
        size_t format = 0;
        std::string trackerName;  // the tracker's name (before a collision suffix)
    };
    /// One refresh's outcome.
    struct Refresh {
        bool anyAnswer = false;  ///< some query answered 200 and was read
        bool noAnswer = false;   ///< the server did not answer at all
        int status = 0;          ///< the first error status (401, 404, ...); 0 = none
        std::vector<std::string> errors;
        std::vector<std::string> warnings;
        PrometheusRefreshStats stats;
    };

    Status loadFormats();
    Refresh refresh(HttpFetcher& http);
    /// One more query per refresh: the servers' max_connections (serverLimits_).
    void readServerLimits(HttpFetcher& http, int64_t t, int64_t timeoutMs, Refresh& r);
    /// Feeds one format's answer to its tracker; takes the pools (under mu_).
    void take(size_t format, std::vector<Sample> samples, int64_t tMs, std::set<std::string>& seen);
    void fetchLoop();
    bool sleepFor(int64_t ms);
    /// "GET prometheus://h:9090 (poolscope query)" for messages.
    std::string where(const std::string& format) const;

    RemoteSpec spec_;
    std::string shown_;
    std::string httpUrl_;   // the http(s):// URL HttpFetcher reads
    std::string matchers_;  // ?match=, braces off
    std::string onlyFormat_, mappingFile_;
    std::string serverLabel_ = "server";
    std::string urlError_;
    std::vector<Format> formats_;  // fixed after start(), trackers the refresh thread's
    std::unique_ptr<HttpFetcher> fetcher_;

    mutable std::mutex mu_;  // pools_, markers_, notices_, health_, lastError_, stats_, lastDataSteadyMs_
    std::condition_variable wake_;
    std::atomic<bool> stopping_{false};
    std::map<std::string, PoolState> pools_;
    std::vector<SourceMarker> markers_;
    mutable std::vector<std::string> notices_;  // backfill() (const) adds the server's warnings
    SourceHealth health_;
    SourceHealth reportedHealth_;  // poll()'s thread only
    std::string lastError_;
    std::map<std::string, ServerLimits> serverLimits_;  // by server label value
    std::string lastLimitsError_;
    std::vector<std::string> lastErrors_, lastWarnings_;  // of the previous refresh: noticed once
    PrometheusRefreshStats stats_;
    int64_t lastDataSteadyMs_ = 0;
    uint64_t refreshes_ = 0;  // start()'s, then the refresh thread's
    std::thread fetchThread_;
    bool started_ = false;
};

}  // namespace poolscope
