#pragma once
// The headless output contract (issue 2, section 4): one JSON object per line.
// Field names are a public contract read by other tools and tests: fields may
// be added, none renamed or removed.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/health/Alert.h"
#include "core/telemetry/Snapshot.h"

namespace poolscope {

class JsonWriter;

/// One snapshot as a single JSON line without the trailing newline:
/// {"kind":"snapshot","schema":1,"t_ms":..,"source":..,"pool":..,"driver":..,
///  "lifecycle":"STARTED","config":{..},"counts":{..},"totals":{..},
///  "wait_ms_window":{"p50","p95","p99","max"},"transitions":{"IDLE>ALLOCATING":n,..
///  all 10 edges in kConnEdges order},"connections":[..],"leak_reports":[..],"lint":[..]}
/// Strings (holder labels, stacks, messages) are escaped, so the result never
/// contains a raw newline.
/// A figure not in `snapshot.reported` is written as null (each count, total,
/// wait member and config member; "lifecycle"; "transitions", "connections"
/// and "leak_reports" as a whole), never as 0. When the wait window was not
/// measured exactly, "wait_derivation":"histogram|summary|mean" follows
/// "wait_ms_window"; a snapshot with every figure reported and exact waits
/// gives the same line as before partial sources existed.
std::string snapshotToJsonLine(const PoolSnapshot& snapshot);

/// The same line with the pool's health (issue 5) appended after "lint":
/// "health":"normal|warning|danger" and "alerts":[{"rule","grade","state",
/// "message","value","threshold","first_seen_ms","last_seen_ms"},..] in
/// `health.alerts` order (pending and firing worst first, then alerts that
/// resolved at this evaluation with state "resolved"); an alert with a subject
/// (config_lint: the finding's code) also has "subject".
/// When some rules are off for the pool (its source does not report their
/// inputs), "rules_off":[{"rule":"timeouts","missing":["timeouts"]},..]
/// follows "alerts"; absent when none is off.
std::string snapshotToJsonLine(const PoolSnapshot& snapshot, const PoolHealth& health);

/// The members of a pool's "config" object as the snapshot line writes them
/// (max_open, ..., housekeeping_ms), into an object the caller has begun;
/// recordings store configs with the same names.
void writePoolConfigMembers(JsonWriter& w, const PoolConfig& config);
/// The same members with null for each config figure not in `reported`
/// (max_open, max_idle, min_idle; the rest under Figure::OtherConfig).
void writePoolConfigMembers(JsonWriter& w, const PoolConfig& config, FigureSet reported);
/// The last line of a headless run, without the trailing newline:
/// {"kind":"summary","ok":N,"errors":{"<message>":count,..},"duration_s":S}.
/// `durationS` is the measured run time in seconds.
std::string summaryToJsonLine(uint64_t ok, const std::map<std::string, uint64_t>& errors,
                              double durationS);

/// The summary line with "fired":[{"pool","rule","grade","times",
/// "first_fired_ms","message"[,"subject"]},..] after "duration_s": every alert
/// that fired during the run, `grade` being the highest it fired at.
std::string summaryToJsonLine(uint64_t ok, const std::map<std::string, uint64_t>& errors,
                              double durationS, const std::vector<FiredAlert>& fired);

/// The name of a transition edge in the contract: "IDLE>ALLOCATING".
std::string edgeName(const ConnEdge& edge);

}  // namespace poolscope
