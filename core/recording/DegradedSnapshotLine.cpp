#include "core/recording/DegradedSnapshotLine.h"

#include "core/telemetry/JsonWriter.h"
#include "core/telemetry/SnapshotJson.h"

namespace poolscope {

namespace {

template <typename T>
void member(JsonWriter& w, const PoolSnapshot& s, std::string_view name, Figure f, T value) {
    w.key(name);
    if (s.reported.has(f)) w.value(value);
    else w.null();
}

}  // namespace

std::string DegradedSnapshotLine::write(const PoolSnapshot& s) {
    JsonWriter w;
    const PoolConfig& c = s.config;
    const PoolCounts& n = s.counts;
    const PoolTotals& t = s.totals;
    w.beginObject();
    w.key("kind").value("snapshot");
    w.key("schema").value(PoolSnapshot::kSchema);
    w.key("degraded").value(true);
    w.key("t_ms").value(s.tMs);
    w.key("source").value(s.source);
    w.key("pool").value(s.pool);
    w.key("driver").value(s.driver);
    member(w, s, "lifecycle", Figure::Lifecycle, toString(s.lifecycle));

    w.key("config").beginObject();
    member(w, s, "max_open", Figure::MaxOpen, c.maxOpen);
    member(w, s, "max_idle", Figure::MaxIdle, c.maxIdle);
    member(w, s, "min_idle", Figure::MinIdle, c.minIdle);
    member(w, s, "max_lifetime_ms", Figure::OtherConfig, c.maxLifetimeMs);
    member(w, s, "max_idle_time_ms", Figure::OtherConfig, c.maxIdleTimeMs);
    member(w, s, "acquire_timeout_ms", Figure::OtherConfig, c.acquireTimeoutMs);
    member(w, s, "leak_threshold_ms", Figure::OtherConfig, c.leakThresholdMs);
    member(w, s, "validate", Figure::OtherConfig, c.validation.toString());
    member(w, s, "validation_timeout_ms", Figure::OtherConfig, c.validationTimeoutMs);
    member(w, s, "keepalive_ms", Figure::OtherConfig, c.keepaliveMs);
    member(w, s, "housekeeping_ms", Figure::OtherConfig, c.housekeepingMs);
    w.endObject();

    w.key("counts").beginObject();
    member(w, s, "open", Figure::Open, n.open);
    member(w, s, "idle", Figure::Idle, n.idle);
    member(w, s, "in_use", Figure::InUse, n.inUse);
    member(w, s, "allocating", Figure::Allocating, n.allocating);
    member(w, s, "returning", Figure::Returning, n.returning);
    member(w, s, "waiting", Figure::Waiting, n.waiting);
    w.endObject();

    w.key("totals").beginObject();
    member(w, s, "acquired", Figure::Acquired, t.acquired);
    member(w, s, "released", Figure::Released, t.released);
    member(w, s, "created", Figure::Created, t.created);
    member(w, s, "destroyed", Figure::Destroyed, t.destroyed);
    member(w, s, "closed_max_idle", Figure::ClosedMaxIdle, t.closedMaxIdle);
    member(w, s, "closed_max_idle_time", Figure::ClosedMaxIdleTime, t.closedMaxIdleTime);
    member(w, s, "closed_max_lifetime", Figure::ClosedMaxLifetime, t.closedMaxLifetime);
    member(w, s, "closed_broken", Figure::ClosedBroken, t.closedBroken);
    member(w, s, "closed_validation", Figure::ClosedValidation, t.closedValidation);
    member(w, s, "wait_count", Figure::WaitCount, t.waitCount);
    member(w, s, "wait_ms", Figure::WaitMs, t.waitMs);
    member(w, s, "timeouts", Figure::Timeouts, t.timeouts);
    member(w, s, "connect_errors", Figure::ConnectErrors, t.connectErrors);
    member(w, s, "validation_failures", Figure::ValidationFailures, t.validationFailures);
    member(w, s, "leaks", Figure::Leaks, t.leaks);
    member(w, s, "illegal_transitions", Figure::IllegalTransitions, t.illegalTransitions);
    member(w, s, "events_dropped", Figure::EventsDropped, t.eventsDropped);
    w.endObject();

    w.key("wait_ms_window").beginObject();
    member(w, s, "p50", Figure::WaitPercentiles, s.wait.p50);
    member(w, s, "p95", Figure::WaitPercentiles, s.wait.p95);
    member(w, s, "p99", Figure::WaitPercentiles, s.wait.p99);
    member(w, s, "max", Figure::WaitMax, s.wait.max);
    w.endObject();

    w.key("transitions");
    if (s.reported.has(Figure::Transitions)) {
        w.beginObject();
        for (size_t i = 0; i < kConnEdges.size(); ++i) {
            w.key(edgeName(kConnEdges[i]));
            if (edgeReported(s.reported, i)) w.value(s.transitions[i]);
            else w.null();
        }
        w.endObject();
    } else {
        w.null();
    }
    // A degraded snapshot never holds the lists; their absence is not "none".
    for (const char* list : {"connections", "leak_reports", "lint"}) w.key(list).null();
    w.key("last_connect_error").null();
    w.endObject();
    return w.take();
}

}  // namespace poolscope
