#pragma once
// `--attach URL` (headless) and File > Attach (GUI) pick their session here,
// so both front ends read the same URL the same way:
// - pgbouncer://user:password@host:6432 is PgBouncer's admin console
//   (PgBouncerSession; built with the PostgreSQL driver);
// - prometheus://host:9090 (prometheus+https://) is a Prometheus server's
//   API: every pool it knows (PrometheusSession);
// - a URL whose path ends in /metrics, or that has ?format= or ?mapping=, is
//   Prometheus text (PromTextSession);
// - otherwise the URL is asked for /api/v1/pools: a PoolScope endpoint
//   (RemoteSession); when that answers 404, <url>/metrics is scraped with
//   format detection (PromTextSession).

#include <memory>
#include <string>

#include "core/session/RemoteSession.h"
#include "core/session/SnapshotSource.h"

namespace poolscope {

/// A session that decides in start() which session it is, then is that one.
/// Before start(): description() and sourceName() show the URL; controls()
/// are a PoolScope endpoint's (with a token); a Prometheus-text fallback then
/// refuses every control with its note.
class AttachSession final : public SnapshotSource {
public:
    /// The URL names Prometheus text by itself (path ending in /metrics,
    /// ?format= or ?mapping=).
    static bool isPromTextUrl(const std::string& url);
    /// `url` with "/metrics" appended to its path (the query kept).
    static std::string metricsUrlOf(const std::string& url);

    explicit AttachSession(RemoteSpec spec);
    ~AttachSession() override;

    std::string description() const override;
    std::string sourceName() const override;
    unsigned controls() const override;
    std::string controlsNote() const override;

    /// Probes /api/v1/pools (Reach when nothing answers), then starts the
    /// session the answer calls for. A 404 whose /metrics fallback fails too
    /// names both URLs.
    StartResult start() override;
    void poll(PollResult& out, bool withSnapshots = true) override;
    void stop() override;

    std::vector<std::string> pools() const override;
    ServerLimits serverLimits(const std::string& pool) const override;
    std::string serverKey(const std::string& pool) const override;
    PoolPlace placeOf(const std::string& pool) const override;
    bool canBackfill() const override;
    Result<std::vector<PoolSnapshot>> backfill(const std::string& pool, int64_t fromMs, int64_t toMs,
                                               int64_t stepMs) const override;
    Status reconfigure(const std::string& pool, const PoolConfig& config) override;
    Status lifecycleAction(const std::string& pool, std::string_view action) override;

    /// The session chosen by start(); nullptr before.
    SnapshotSource* chosen() const { return inner_.get(); }

private:
    RemoteSpec spec_;
    std::string shown_;
    std::unique_ptr<SnapshotSource> inner_;
};

/// The session for `spec.http.url`: a PgBouncerSession for pgbouncer://, a
/// PrometheusSession for prometheus://, a PromTextSession when the URL names
/// Prometheus text, else an AttachSession that probes in start().
std::unique_ptr<SnapshotSource> openAttach(const RemoteSpec& spec);

}  // namespace poolscope
