#pragma once
// Pools of other programs read from their Prometheus text `/metrics`
// (Go database/sql through client_golang's DBStats collector, HikariCP,
// pgxpool, OpenTelemetry, pgbouncer_exporter, or a user's mapping file):
// scraped every interval, parsed by core/remote's PromTextParser, mapped by
// a MetricMapping and turned into one PoolSnapshot per pool label by a
// ForeignPoolTracker. `reported` names exactly the figures the scrape had.
//
// The format comes from the URL's `?format=NAME` (go_sql, hikaricp,
// hikaricp_micrometer, pgxpool, otel, pgbouncer_exporter, poolscope), its
// `?mapping=FILE`, or else from the metric names of the first scrape.
//
// Faults, as RemoteSession: stale within two intervals of silence (the last
// good data stays), retries with a backoff of 1 s doubling to 30 s when
// nothing answers. A reply that answers but cannot be read (malformed,
// truncated, binary, longer than the cap, a metric of the wrong type, the
// format's metrics missing) is a notice naming the URL, the line and the
// problem; the last good data stays. Counter resets (the service restarted)
// are markers, and totals carry on without going backwards. Read-only.

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/remote/ForeignPoolTracker.h"
#include "core/remote/MetricFamily.h"
#include "core/remote/MetricMapping.h"
#include "core/session/HttpFetcher.h"
#include "core/session/RemoteSession.h"
#include "core/session/SnapshotSource.h"

namespace poolscope {

class PromTextSession final : public SnapshotSource {
public:
    static constexpr int kStaleAfterIntervals = RemoteSession::kStaleAfterIntervals;
    static constexpr int64_t kFirstBackoffMs = RemoteSession::kFirstBackoffMs;
    static constexpr int64_t kMaxBackoffMs = RemoteSession::kMaxBackoffMs;

    /// `spec.http.url` is the scrape URL (its path is fetched as given, "/metrics"
    /// when it has none); `?format=`, `?mapping=` and `?pool=` are read from it.
    explicit PromTextSession(RemoteSpec spec);
    /// Calls stop().
    ~PromTextSession() override;

    /// The shipped mapping a `?format=` name stands for ("go_sql" -> "go-sql");
    /// nullopt for a name that is none of them.
    static std::optional<std::string> mappingNameOf(std::string_view format);
    /// The `?format=` names accepted, comma-separated, for error messages.
    static std::string formatNames();

    /// "attach <masked url> (<format>)" once started; "attach <masked url>" before.
    std::string description() const override;
    /// The masked URL: the "source" member of the snapshot lines.
    std::string sourceName() const override { return shown_; }
    /// None: Prometheus text is read-only.
    unsigned controls() const override { return NoControl; }
    std::string controlsNote() const override;

    /// Scrapes once (Reach when nothing answers; Arguments for a reply that is
    /// not 200, cannot be read, matches no known format, or has no pool),
    /// then scrapes every interval in the background.
    StartResult start() override;
    void poll(PollResult& out, bool withSnapshots = true) override;
    void stop() override;

    /// The pools seen so far, sorted by name.
    std::vector<std::string> pools() const override;
    /// The mapping in use ("go-sql", ...); empty before start().
    std::string formatName() const;

private:
    struct PoolState {
        PoolSnapshot latest;
        bool fresh = false;
    };
    /// One scrape: the parsed exposition, or an error naming URL, line, problem.
    /// `noAnswer` set when nothing answered.
    Result<Exposition> scrape(bool& noAnswer, int* status = nullptr);
    /// Checks `scrape` against the mapping (format present, metric types).
    Status check(const Exposition& scrape, const std::string& body) const;
    /// Feeds the tracker; takes the pools it gives (under mu_).
    void take(const Exposition& scrape);
    void fetchLoop();
    bool sleepFor(int64_t ms);

    RemoteSpec spec_;
    std::string shown_;
    std::string format_;       // ?format=
    std::string mappingFile_;  // ?mapping=
    std::string lastBody_;     // the newest reply (fetch thread; for line numbers)
    std::unique_ptr<HttpFetcher> fetcher_;
    std::optional<ForeignPoolTracker> tracker_;  // the fetch loop's after start()

    mutable std::mutex mu_;  // pools_, markers_, notices_, health_, lastError_, lastDataSteadyMs_
    std::condition_variable wake_;
    std::atomic<bool> stopping_{false};
    std::map<std::string, PoolState> pools_;
    std::vector<SourceMarker> markers_;
    std::vector<std::string> notices_;
    SourceHealth health_;
    SourceHealth reportedHealth_;  // poll()'s thread only
    std::string lastError_;
    std::string mappingName_;
    int64_t lastDataSteadyMs_ = 0;
    std::thread fetchThread_;
    bool started_ = false;
};

}  // namespace poolscope
