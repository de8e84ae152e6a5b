#include "core/telemetry/SnapshotJson.h"

#include "core/telemetry/JsonWriter.h"

namespace poolscope {

namespace {

}  // namespace

void writePoolConfigMembers(JsonWriter& w, const PoolConfig& c) {
    w.key("max_open").value(c.maxOpen);
    w.key("max_idle").value(c.maxIdle);
    w.key("min_idle").value(c.minIdle);
    w.key("max_lifetime_ms").value(c.maxLifetimeMs);
    w.key("max_idle_time_ms").value(c.maxIdleTimeMs);
    w.key("acquire_timeout_ms").value(c.acquireTimeoutMs);
    w.key("leak_threshold_ms").value(c.leakThresholdMs);
    w.key("validate").value(c.validation.toString());
    w.key("validation_timeout_ms").value(c.validationTimeoutMs);
    w.key("keepalive_ms").value(c.keepaliveMs);
    w.key("housekeeping_ms").value(c.housekeepingMs);
}

namespace {

void writeConfig(JsonWriter& w, const PoolConfig& c) {
    w.beginObject();
    writePoolConfigMembers(w, c);
    w.endObject();
}

void writeCounts(JsonWriter& w, const PoolCounts& c) {
    w.beginObject();
    w.key("open").value(c.open);
    w.key("idle").value(c.idle);
    w.key("in_use").value(c.inUse);
    w.key("allocating").value(c.allocating);
    w.key("returning").value(c.returning);
    w.key("waiting").value(c.waiting);
    w.endObject();
}

void writeTotals(JsonWriter& w, const PoolTotals& t) {
    w.beginObject();
    w.key("acquired").value(t.acquired);
    w.key("released").value(t.released);
    w.key("created").value(t.created);
    w.key("destroyed").value(t.destroyed);
    w.key("closed_max_idle").value(t.closedMaxIdle);
    w.key("closed_max_idle_time").value(t.closedMaxIdleTime);
    w.key("closed_max_lifetime").value(t.closedMaxLifetime);
    w.key("closed_broken").value(t.closedBroken);
    w.key("closed_validation").value(t.closedValidation);
    w.key("wait_count").value(t.waitCount);
    w.key("wait_ms").value(t.waitMs);
    w.key("timeouts").value(t.timeouts);
    w.key("connect_errors").value(t.connectErrors);
    w.key("validation_failures").value(t.validationFailures);
    w.key("leaks").value(t.leaks);
    w.key("illegal_transitions").value(t.illegalTransitions);
    w.key("events_dropped").value(t.eventsDropped);
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
    w.key("lifecycle").value(toString(s.lifecycle));
    w.key("config");
    writeConfig(w, s.config);
    w.key("counts");
    writeCounts(w, s.counts);
    w.key("totals");
    writeTotals(w, s.totals);
    w.key("wait_ms_window").beginObject();
    w.key("p50").value(s.wait.p50);
    w.key("p95").value(s.wait.p95);
    w.key("p99").value(s.wait.p99);
    w.key("max").value(s.wait.max);
    w.endObject();
    w.key("transitions").beginObject();
    for (size_t i = 0; i < kConnEdges.size(); ++i)
        w.key(edgeName(kConnEdges[i])).value(s.transitions[i]);
    w.endObject();
    w.key("connections").beginArray();
    for (const auto& c : s.connections) writeConnection(w, c);
    w.endArray();
    w.key("leak_reports").beginArray();
    for (const auto& r : s.leakReports) writeLeak(w, r);
    w.endArray();
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
