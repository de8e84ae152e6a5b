#include "core/telemetry/SnapshotJson.h"

#include "core/telemetry/JsonWriter.h"

namespace poolscope {

namespace {

/// Writes `key` with `v`, or null when the source did not report `f`.
template <class T>
void member(JsonWriter& w, FigureSet reported, Figure f, const char* key, const T& v) {
    w.key(key);
    if (reported.has(f)) w.value(v);
    else w.null();
}

}  // namespace

void writePoolConfigMembers(JsonWriter& w, const PoolConfig& c) {
    writePoolConfigMembers(w, c, FigureSet::all());
}

void writePoolConfigMembers(JsonWriter& w, const PoolConfig& c, FigureSet reported) {
    constexpr Figure kOther = Figure::OtherConfig;
    member(w, reported, Figure::MaxOpen, "max_open", c.maxOpen);
    member(w, reported, Figure::MaxIdle, "max_idle", c.maxIdle);
    member(w, reported, Figure::MinIdle, "min_idle", c.minIdle);
    member(w, reported, kOther, "max_lifetime_ms", c.maxLifetimeMs);
    member(w, reported, kOther, "max_idle_time_ms", c.maxIdleTimeMs);
    member(w, reported, kOther, "acquire_timeout_ms", c.acquireTimeoutMs);
    member(w, reported, kOther, "leak_threshold_ms", c.leakThresholdMs);
    member(w, reported, kOther, "validate", c.validation.toString());
    member(w, reported, kOther, "validation_timeout_ms", c.validationTimeoutMs);
    member(w, reported, kOther, "keepalive_ms", c.keepaliveMs);
    member(w, reported, kOther, "housekeeping_ms", c.housekeepingMs);
}

namespace {

void writeConfig(JsonWriter& w, const PoolConfig& c, FigureSet reported) {
    w.beginObject();
    writePoolConfigMembers(w, c, reported);
    w.endObject();
}

void writeCounts(JsonWriter& w, const PoolCounts& c, FigureSet r) {
    w.beginObject();
    member(w, r, Figure::Open, "open", c.open);
    member(w, r, Figure::Idle, "idle", c.idle);
    member(w, r, Figure::InUse, "in_use", c.inUse);
    member(w, r, Figure::Allocating, "allocating", c.allocating);
    member(w, r, Figure::Returning, "returning", c.returning);
    member(w, r, Figure::Waiting, "waiting", c.waiting);
    w.endObject();
}

void writeTotals(JsonWriter& w, const PoolTotals& t, FigureSet r) {
    w.beginObject();
    member(w, r, Figure::Acquired, "acquired", t.acquired);
    member(w, r, Figure::Released, "released", t.released);
    member(w, r, Figure::Created, "created", t.created);
    member(w, r, Figure::Destroyed, "destroyed", t.destroyed);
    member(w, r, Figure::ClosedMaxIdle, "closed_max_idle", t.closedMaxIdle);
    member(w, r, Figure::ClosedMaxIdleTime, "closed_max_idle_time", t.closedMaxIdleTime);
    member(w, r, Figure::ClosedMaxLifetime, "closed_max_lifetime", t.closedMaxLifetime);
    member(w, r, Figure::ClosedBroken, "closed_broken", t.closedBroken);
    member(w, r, Figure::ClosedValidation, "closed_validation", t.closedValidation);
    member(w, r, Figure::WaitCount, "wait_count", t.waitCount);
    member(w, r, Figure::WaitMs, "wait_ms", t.waitMs);
    member(w, r, Figure::Timeouts, "timeouts", t.timeouts);
    member(w, r, Figure::ConnectErrors, "connect_errors", t.connectErrors);
    member(w, r, Figure::ValidationFailures, "validation_failures", t.validationFailures);
    member(w, r, Figure::Leaks, "leaks", t.leaks);
    member(w, r, Figure::IllegalTransitions, "illegal_transitions", t.illegalTransitions);
    member(w, r, Figure::EventsDropped, "events_dropped", t.eventsDropped);
    w.endObject();
}

void writeConnection(JsonWriter& w, const ConnectionInfo& c) {
    w.beginObject();
    w.key("id").value(c.id);
    w.key("state").value(toString(c.state));
    w.key("created_ms").value(c.createdMs);
    w.key("since_ms").value(c.sinceMs);
    w.key("uses").value(c.uses);
    w.key("holder").value(c.holder);
    w.key("server_id").value(c.serverId);
    w.key("leaked").value(c.leaked);
    w.endObject();
}

void writeLeak(JsonWriter& w, const LeakReport& r) {
    w.beginObject();
    w.key("conn").value(r.conn);
    w.key("holder").value(r.holder);
    w.key("held_ms").value(r.heldMs);
    w.key("t_ms").value(r.tMs);
    w.key("stack").beginArray();
    for (const auto& frame : r.stack) w.value(frame);
    w.endArray();
    w.endObject();
}

void writeLint(JsonWriter& w, const LintFinding& f) {
    w.beginObject();
    w.key("level").value(toString(f.level));
    w.key("code").value(f.code);
    w.key("message").value(f.message);
    w.endObject();
}

}  // namespace

std::string edgeName(const ConnEdge& edge) {
    std::string name(toString(edge.from));
    name.push_back('>');
    name.append(toString(edge.to));
    return name;
}

namespace {

/// Every member of the snapshot line, without the closing brace.
void writeSnapshotMembers(JsonWriter& w, const PoolSnapshot& s) {
    w.beginObject();
    w.key("kind").value("snapshot");
    w.key("schema").value(PoolSnapshot::kSchema);
    w.key("t_ms").value(s.tMs);
    w.key("source").value(s.source);
    w.key("pool").value(s.pool);
    w.key("driver").value(s.driver);
    const FigureSet r = s.reported;
    member(w, r, Figure::Lifecycle, "lifecycle", toString(s.lifecycle));
    w.key("config");
    writeConfig(w, s.config, r);
    w.key("counts");
    writeCounts(w, s.counts, r);
    w.key("totals");
    writeTotals(w, s.totals, r);
    w.key("wait_ms_window").beginObject();
    member(w, r, Figure::WaitPercentiles, "p50", s.wait.p50);
    member(w, r, Figure::WaitPercentiles, "p95", s.wait.p95);
    member(w, r, Figure::WaitPercentiles, "p99", s.wait.p99);
    member(w, r, Figure::WaitMax, "max", s.wait.max);
    w.endObject();
    // Only derived waits say so: PoolScope's own lines stay as they always were;
    // an interval whose percentiles are unknown has nothing derived to describe.
    if (s.wait.derivation != WaitDerivation::Exact && r.has(Figure::WaitPercentiles))
        w.key("wait_derivation").value(toString(s.wait.derivation));
    w.key("transitions");
    if (r.has(Figure::Transitions)) {
        w.beginObject();
        for (size_t i = 0; i < kConnEdges.size(); ++i) {
            w.key(edgeName(kConnEdges[i]));
            if (edgeReported(r, i)) w.value(s.transitions[i]);
            else w.null();  // the birth edge of a line that did not count it
        }
        w.endObject();
    } else {
        w.null();
    }
    w.key("connections");
    if (r.has(Figure::Connections)) {
        w.beginArray();
        for (const auto& c : s.connections) writeConnection(w, c);
        w.endArray();
    } else {
        w.null();
    }
    w.key("leak_reports");
    if (r.has(Figure::LeakReports)) {
        w.beginArray();
        for (const auto& lr : s.leakReports) writeLeak(w, lr);
        w.endArray();
    } else {
        w.null();
    }
    w.key("lint").beginArray();
    for (const auto& f : s.lint) writeLint(w, f);
    w.endArray();
    w.key("last_connect_error");
    if (s.lastConnectError.empty()) {
        w.null();
    } else {
        w.beginObject();
        w.key("t_ms").value(s.lastConnectErrorMs);
        w.key("message").value(s.lastConnectError);
        w.endObject();
    }
}

void writeAlert(JsonWriter& w, const Alert& a) {
    w.beginObject();
    w.key("rule").value(a.rule);
    if (!a.subject.empty()) w.key("subject").value(a.subject);
    w.key("grade").value(toString(a.grade));
    w.key("state").value(toString(a.state));
    w.key("message").value(a.message);
    w.key("value").value(a.value);
    w.key("threshold").value(a.threshold);
    w.key("first_seen_ms").value(a.firstSeenMs);
    w.key("last_seen_ms").value(a.lastSeenMs);
    w.endObject();
}

void writeSummaryMembers(JsonWriter& w, uint64_t ok, const std::map<std::string, uint64_t>& errors,
                         double durationS) {
    w.beginObject();
    w.key("kind").value("summary");
    w.key("ok").value(ok);
    w.key("errors").beginObject();
    for (const auto& [message, count] : errors) w.key(message).value(count);
    w.endObject();
    w.key("duration_s").value(durationS);
}

}  // namespace

std::string snapshotToJsonLine(const PoolSnapshot& s) {
    JsonWriter w;
    writeSnapshotMembers(w, s);
    w.endObject();
    return w.take();
}

std::string snapshotToJsonLine(const PoolSnapshot& s, const PoolHealth& health) {
    JsonWriter w;
    writeSnapshotMembers(w, s);
    w.key("health").value(toString(health.grade));
    w.key("alerts").beginArray();
    for (const auto& a : health.alerts) writeAlert(w, a);
    w.endArray();
    if (!health.rulesOff.empty()) {
        w.key("rules_off").beginArray();
        for (const auto& off : health.rulesOff) {
            w.beginObject();
            w.key("rule").value(off.rule);
            w.key("missing").beginArray();
            for (const auto& name : off.missing) w.value(name);
            w.endArray();
            w.endObject();
        }
        w.endArray();
    }
    w.endObject();
    return w.take();
}

std::string summaryToJsonLine(uint64_t ok, const std::map<std::string, uint64_t>& errors,
                              double durationS) {
    JsonWriter w;
    writeSummaryMembers(w, ok, errors, durationS);
    w.endObject();
    return w.take();
}

std::string summaryToJsonLine(uint64_t ok, const std::map<std::string, uint64_t>& errors,
                              double durationS, const std::vector<FiredAlert>& fired) {
    JsonWriter w;
    writeSummaryMembers(w, ok, errors, durationS);
    w.key("fired").beginArray();
    for (const auto& f : fired) {
        w.beginObject();
        w.key("pool").value(f.pool);
        w.key("rule").value(f.rule);
        if (!f.subject.empty()) w.key("subject").value(f.subject);
        w.key("grade").value(toString(f.peakGrade));
        w.key("times").value(f.times);
        w.key("first_fired_ms").value(f.firstFiredMs);
        w.key("message").value(f.message);
        w.endObject();
    }
    w.endArray();
    w.endObject();
    return w.take();
}

}  // namespace poolscope
