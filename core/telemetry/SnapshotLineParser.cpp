#include "core/telemetry/SnapshotLineParser.h"

#include <optional>
#include <string>
#include <utility>

#include "core/telemetry/Json.h"
#include "core/telemetry/SnapshotJson.h"

namespace poolscope {

namespace {

/// Reads members of one object into fields; remembers the first problem.
class Fields {
public:
    Fields(const Json* obj, std::string path, std::string* error)
        : obj_(obj), path_(std::move(path)), error_(error) {
        if (obj_ && !obj_->isObject()) {
            report(path_, "expected an object, got " + std::string(obj_->typeName()));
            obj_ = nullptr;
        }
    }
    bool present() const { return obj_ != nullptr; }
    const Json* member(const char* key) const { return obj_ ? obj_->find(key) : nullptr; }
    /// True when `key` is null: the source did not report `f`, so it leaves `reported`.
    bool unreported(const char* key, Figure f, FigureSet& reported) const {
        const Json* v = member(key);
        if (!v || !v->isNull()) return false;
        reported.set(f, false);
        return true;
    }

    template <class T>
    void integer(const char* key, T& out) {
        if (const Json* v = member(key)) {
            if (auto n = v->asInt64()) out = static_cast<T>(*n);
            else wrong(key, "an integer", *v);
        }
    }
    void unsignedInt(const char* key, uint64_t& out) {
        if (const Json* v = member(key)) {
            if (auto n = v->asUint64()) out = *n;
            else wrong(key, "an unsigned integer", *v);
        }
    }
    void real(const char* key, double& out) {
        if (const Json* v = member(key)) {
            if (auto d = v->asDouble()) out = *d;
            else wrong(key, "a number", *v);
        }
    }
    void text(const char* key, std::string& out) {
        if (const Json* v = member(key)) {
            if (auto s = v->asString()) out = std::string(*s);
            else wrong(key, "a string", *v);
        }
    }
    void boolean(const char* key, bool& out) {
        if (const Json* v = member(key)) {
            if (auto b = v->asBool()) out = *b;
            else wrong(key, "a boolean", *v);
        }
    }
    /// Reads a string member and maps it with `from` (returns optional<T>).
    template <class T, class F>
    void named(const char* key, T& out, F from) {
        std::string s;
        const bool had = member(key) != nullptr;
        text(key, s);
        if (!had || !error_->empty()) return;
        if (auto v = from(s)) out = *v;
        else problem(key, "unknown value '" + s + "'");
    }
    void problem(const std::string& key, const std::string& what) { report(qualified(key), what); }
    std::string qualified(const std::string& key) const {
        return path_.empty() ? key : path_ + "." + key;
    }

private:
    void report(const std::string& where, const std::string& what) {
        if (error_->empty()) error_->assign(where.empty() ? what : where + ": " + what);
    }
    void wrong(const std::string& key, const char* expected, const Json& v) {
        problem(key, std::string("expected ") + expected + ", got " + std::string(v.typeName()));
    }

    const Json* obj_;
    std::string path_;
    std::string* error_;
};

std::optional<LintFinding::Level> lintLevel(std::string_view s) {
    for (auto l : {LintFinding::Level::Info, LintFinding::Level::Warning, LintFinding::Level::Error})
        if (toString(l) == s) return l;
    return std::nullopt;
}

std::optional<ValidationPolicy> validation(std::string_view s) {
    auto r = ValidationPolicy::parse(s);
    if (!r) return std::nullopt;
    return *r;
}

/// The elements of array member `key` (empty when absent; a problem when not an array).
const std::vector<Json>* arrayOf(Fields& f, const char* key) {
    const Json* v = f.member(key);
    if (!v) return nullptr;
    if (!v->isArray()) {
        f.problem(key, "expected an array, got " + std::string(v->typeName()));
        return nullptr;
    }
    return &v->items();
}

void readConfig(Fields f, PoolConfig& c, FigureSet& r) {
    constexpr Figure kOther = Figure::OtherConfig;
    if (!f.unreported("max_open", Figure::MaxOpen, r)) f.integer("max_open", c.maxOpen);
    if (!f.unreported("max_idle", Figure::MaxIdle, r)) f.integer("max_idle", c.maxIdle);
    if (!f.unreported("min_idle", Figure::MinIdle, r)) f.integer("min_idle", c.minIdle);
    if (!f.unreported("max_lifetime_ms", kOther, r)) f.integer("max_lifetime_ms", c.maxLifetimeMs);
    if (!f.unreported("max_idle_time_ms", kOther, r)) f.integer("max_idle_time_ms", c.maxIdleTimeMs);
    if (!f.unreported("acquire_timeout_ms", kOther, r))
        f.integer("acquire_timeout_ms", c.acquireTimeoutMs);
    if (!f.unreported("leak_threshold_ms", kOther, r))
        f.integer("leak_threshold_ms", c.leakThresholdMs);
    if (!f.unreported("validate", kOther, r)) f.named("validate", c.validation, validation);
    if (!f.unreported("validation_timeout_ms", kOther, r))
        f.integer("validation_timeout_ms", c.validationTimeoutMs);
    if (!f.unreported("keepalive_ms", kOther, r)) f.integer("keepalive_ms", c.keepaliveMs);
    if (!f.unreported("housekeeping_ms", kOther, r)) f.integer("housekeeping_ms", c.housekeepingMs);
}

void readCounts(Fields f, PoolCounts& c, FigureSet& r) {
    const auto count = [&](const char* key, Figure fig, int64_t& out) {
        if (!f.unreported(key, fig, r)) f.integer(key, out);
    };
    count("open", Figure::Open, c.open);
    count("idle", Figure::Idle, c.idle);
    count("in_use", Figure::InUse, c.inUse);
    count("allocating", Figure::Allocating, c.allocating);
    count("returning", Figure::Returning, c.returning);
    count("waiting", Figure::Waiting, c.waiting);
}

void readTotals(Fields f, PoolTotals& t, FigureSet& r) {
    const auto total = [&](const char* key, Figure fig, uint64_t& out) {
        if (!f.unreported(key, fig, r)) f.unsignedInt(key, out);
    };
    total("acquired", Figure::Acquired, t.acquired);
    total("released", Figure::Released, t.released);
    total("created", Figure::Created, t.created);
    total("destroyed", Figure::Destroyed, t.destroyed);
    total("closed_max_idle", Figure::ClosedMaxIdle, t.closedMaxIdle);
    total("closed_max_idle_time", Figure::ClosedMaxIdleTime, t.closedMaxIdleTime);
    total("closed_max_lifetime", Figure::ClosedMaxLifetime, t.closedMaxLifetime);
    total("closed_broken", Figure::ClosedBroken, t.closedBroken);
    total("closed_validation", Figure::ClosedValidation, t.closedValidation);
    total("wait_count", Figure::WaitCount, t.waitCount);
    if (!f.unreported("wait_ms", Figure::WaitMs, r)) f.real("wait_ms", t.waitMs);
    total("timeouts", Figure::Timeouts, t.timeouts);
    total("connect_errors", Figure::ConnectErrors, t.connectErrors);
    total("validation_failures", Figure::ValidationFailures, t.validationFailures);
    total("leaks", Figure::Leaks, t.leaks);
    total("illegal_transitions", Figure::IllegalTransitions, t.illegalTransitions);
    total("events_dropped", Figure::EventsDropped, t.eventsDropped);
}

std::optional<WaitDerivation> waitDerivation(std::string_view s) {
    for (auto d : {WaitDerivation::Exact, WaitDerivation::Histogram, WaitDerivation::Summary,
                   WaitDerivation::Mean})
        if (toString(d) == s) return d;
    return std::nullopt;
}

void readConnection(Fields f, ConnectionInfo& c) {
    f.unsignedInt("id", c.id);
    f.named("state", c.state, connStateFromString);
    f.integer("created_ms", c.createdMs);
    f.integer("since_ms", c.sinceMs);
    f.unsignedInt("uses", c.uses);
    f.text("holder", c.holder);
    f.integer("server_id", c.serverId);
    f.boolean("leaked", c.leaked);
}

void readLeak(Fields f, LeakReport& r, std::string* error, const std::string& path) {
    f.unsignedInt("conn", r.conn);
    f.text("holder", r.holder);
    f.integer("held_ms", r.heldMs);
    f.integer("t_ms", r.tMs);
    if (const auto* frames = arrayOf(f, "stack")) {
        for (size_t i = 0; i < frames->size(); ++i) {
            auto s = (*frames)[i].asString();
            if (!s) {
                if (error->empty()) *error = path + ".stack[" + std::to_string(i) + "]: expected a string";
                return;
            }
            r.stack.emplace_back(*s);
        }
    }
}

/// Lines come from files anyone can hand us: a real snapshot nests 4 deep,
/// so 32 is generous, and the value bound keeps a hostile line from eating memory.
constexpr JsonLimits kLineLimits{.maxDepth = 32, .maxValues = 500'000};

}  // namespace

Result<PoolSnapshot> SnapshotLineParser::parse(std::string_view line) {
    auto json = Json::parse(line, kLineLimits);
    if (!json) return Error{"snapshot line: JSON: " + json.message()};
    std::string error;
    Fields top(&*json, "", &error);
    if (!top.present()) return Error{"snapshot line: " + error};
    std::string kind;
    top.text("kind", kind);
    if (error.empty() && kind != "snapshot")
        return Error{"not a snapshot line (kind '" + kind + "')"};

    PoolSnapshot s;
    FigureSet& r = s.reported;
    top.integer("t_ms", s.tMs);
    top.text("source", s.source);
    top.text("pool", s.pool);
    top.text("driver", s.driver);
    if (!top.unreported("lifecycle", Figure::Lifecycle, r))
        top.named("lifecycle", s.lifecycle, lifecycleFromString);
    readConfig(Fields(top.member("config"), "config", &error), s.config, r);
    s.config.name = s.pool;
    readCounts(Fields(top.member("counts"), "counts", &error), s.counts, r);
    readTotals(Fields(top.member("totals"), "totals", &error), s.totals, r);
    Fields wait(top.member("wait_ms_window"), "wait_ms_window", &error);
    for (auto [key, out] : {std::pair{"p50", &s.wait.p50}, std::pair{"p95", &s.wait.p95},
                            std::pair{"p99", &s.wait.p99}})
        if (!wait.unreported(key, Figure::WaitPercentiles, r)) wait.real(key, *out);
    if (!wait.unreported("max", Figure::WaitMax, r)) wait.real("max", s.wait.max);
    top.named("wait_derivation", s.wait.derivation, waitDerivation);
    if (!top.unreported("transitions", Figure::Transitions, r)) {
        Fields edges(top.member("transitions"), "transitions", &error);
        for (size_t i = 0; i < kConnEdges.size(); ++i) {
            const std::string name = edgeName(kConnEdges[i]);
            // The birth edge is missing from lines written before it was
            // counted: unknown there, not zero.
            if (isBirth(kConnEdges[i]) && !edges.member(name.c_str())) r.set(Figure::Births, false);
            else if (!isBirth(kConnEdges[i]) || !edges.unreported(name.c_str(), Figure::Births, r))
                edges.unsignedInt(name.c_str(), s.transitions[i]);
        }
    } else {
        r.set(Figure::Births, false);
    }
    top.unreported("connections", Figure::Connections, r);
    top.unreported("leak_reports", Figure::LeakReports, r);
    if (const auto* conns = r.has(Figure::Connections) ? arrayOf(top, "connections") : nullptr) {
        for (size_t i = 0; i < conns->size() && error.empty(); ++i) {
            ConnectionInfo c;
            readConnection(Fields(&(*conns)[i], "connections[" + std::to_string(i) + "]", &error), c);
            s.connections.push_back(std::move(c));
        }
    }
    if (const auto* leaks = r.has(Figure::LeakReports) ? arrayOf(top, "leak_reports") : nullptr) {
        for (size_t i = 0; i < leaks->size() && error.empty(); ++i) {
            const std::string path = "leak_reports[" + std::to_string(i) + "]";
            LeakReport r;
            readLeak(Fields(&(*leaks)[i], path, &error), r, &error, path);
            s.leakReports.push_back(std::move(r));
        }
    }
    if (const auto* lint = arrayOf(top, "lint")) {
        for (size_t i = 0; i < lint->size() && error.empty(); ++i) {
            Fields f(&(*lint)[i], "lint[" + std::to_string(i) + "]", &error);
            LintFinding finding;
            f.named("level", finding.level, lintLevel);
            f.text("code", finding.code);
            f.text("message", finding.message);
            s.lint.push_back(std::move(finding));
        }
    }
    if (const Json* last = top.member("last_connect_error"); last && !last->isNull()) {
        Fields f(last, "last_connect_error", &error);
        f.integer("t_ms", s.lastConnectErrorMs);
        f.text("message", s.lastConnectError);
    }
    if (!error.empty()) return Error{"snapshot line: " + error};
    return s;
}

}  // namespace poolscope
