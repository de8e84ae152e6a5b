#include "core/session/RemoteSession.h"

#include "core/session/StaleHealth.h"

#include <algorithm>
#include <chrono>

#include "core/drivers/Url.h"
#include "core/remote/SseReader.h"
#include "core/telemetry/EventJson.h"
#include "core/telemetry/Json.h"
#include "core/telemetry/JsonWriter.h"
#include "core/telemetry/SnapshotJson.h"
#include "core/telemetry/SnapshotLineParser.h"

namespace poolscope {

namespace {

/// Events kept for the consumer before the oldest are dropped (and counted).
constexpr size_t kMaxPendingEvents = 1'000'000;
/// The event stream may be quiet for this long (the endpoint sends keep-alive
/// comments more often) before the connection counts as lost.
constexpr int kEventReadTimeoutMs = 30'000;

int64_t steadyMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}
int64_t wallMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

/// Percent-encodes a pool name for a path segment ("a/b" → "a%2Fb").
std::string encodeSegment(std::string_view s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

void addTotals(PoolTotals& a, const PoolTotals& b) {
    a.acquired += b.acquired;
    a.released += b.released;
    a.created += b.created;
    a.destroyed += b.destroyed;
    a.closedMaxIdle += b.closedMaxIdle;
    a.closedMaxIdleTime += b.closedMaxIdleTime;
    a.closedMaxLifetime += b.closedMaxLifetime;
    a.closedBroken += b.closedBroken;
    a.closedValidation += b.closedValidation;
    a.waitCount += b.waitCount;
    a.waitMs += b.waitMs;
    a.timeouts += b.timeouts;
    a.connectErrors += b.connectErrors;
    a.validationFailures += b.validationFailures;
    a.leaks += b.leaks;
    a.illegalTransitions += b.illegalTransitions;
    a.eventsDropped += b.eventsDropped;
}

/// A counter of `now` is below the same counter of `before`: the remote
/// process started again (its pool's counters begin at zero).
bool countersWentDown(const PoolSnapshot& now, const PoolSnapshot& before) {
    const PoolTotals& a = now.totals;
    const PoolTotals& b = before.totals;
    if (a.acquired < b.acquired || a.released < b.released || a.created < b.created ||
        a.destroyed < b.destroyed || a.waitCount < b.waitCount || a.timeouts < b.timeouts ||
        a.connectErrors < b.connectErrors)
        return true;
    for (size_t i = 0; i < now.transitions.size(); ++i)
        if (now.transitions[i] < before.transitions[i]) return true;
    return false;
}

/// The pools of a GET /api/v1/pools reply: {"pools":[{"name":..},..]} or a
/// bare array of such objects.
Result<std::vector<std::string>> poolNames(const std::string& body) {
    auto json = Json::parse(body);
    if (!json) return Error{"the pool list is not JSON: " + json.message()};
    const Json* list = json->isArray() ? &*json : json->find("pools");
    if (!list || !list->isArray()) return Error{"the pool list has no \"pools\" array"};
    std::vector<std::string> names;
    for (size_t i = 0; i < list->items().size(); ++i) {
        auto name = (*list)[i]["name"].asString();
        if (!name || name->empty())
            return Error{"pools[" + std::to_string(i) + "] has no \"name\" string"};
        names.emplace_back(*name);
    }
    return names;
}

}  // namespace

struct RemoteSession::PoolState {
    std::string name;
    std::string path;  // "/api/v1/pools/<encoded name>"
    std::unique_ptr<HttpFetcher> events;  // the event loop's; stop() aborts it
    // Guarded by RemoteSession::mu_:
    PoolSnapshot latest;
    bool fresh = false;
    PoolSnapshot prevRaw;
    bool hasPrevRaw = false;
    PoolTotals base;  // what the counters had reached before each remote restart
    std::array<uint64_t, kConnEdgeCount> baseEdges{};
    std::vector<TransitionEvent> pending;
    uint64_t lastSeq = 0;
    bool haveSeq = false;
    uint64_t gapDropped = 0;  // events the stream never delivered
    bool restarted = false;   // the event loop resumes from scratch
    std::vector<SourceMarker> markers;
    std::vector<std::string> notices;
};

RemoteSession::RemoteSession(RemoteSpec spec) : spec_(std::move(spec)) {
    if (auto url = Url::parse(spec_.http.url)) {
        if (spec_.pool.empty())
            if (auto p = url->param("pool")) spec_.pool = std::string(*p);
    }
    shown_ = maskPassword(spec_.http.url);
}

RemoteSession::~RemoteSession() { stop(); }

std::string RemoteSession::description() const { return "attach " + shown_; }

unsigned RemoteSession::controls() const {
    return spec_.http.token.empty() ? NoControl : (CanChangeLifecycle | CanReconfigure);
}

std::string RemoteSession::controlsNote() const {
    if (!spec_.http.token.empty()) return {};
    return "attached without a token: the endpoint's actions need one (--token-file FILE, or the token in "
           "File > Attach)";
}

std::vector<std::string> RemoteSession::pools() const {
    std::vector<std::string> names;
    for (const auto& p : pools_) names.push_back(p->name);
    return names;
}

StartResult RemoteSession::start() {
    if (started_ || stopping_) return StartResult::fail(StartStage::Arguments, {}, "the session was already started");
    auto opened = HttpFetcher::open(spec_.http);
    if (!opened) return StartResult::fail(StartStage::Arguments, "--attach", opened.message());
    fetcher_ = std::move(*opened);
    shown_ = fetcher_->shownUrl();
    const std::string listPath = "/api/v1/pools";
    auto reply = fetcher_->get(listPath);
    if (!reply)
        return StartResult::fail(StartStage::Reach, {},
                                 "cannot reach the PoolScope endpoint: " + reply.message());
    if (reply->status == 401)
        return StartResult::fail(StartStage::Arguments, "--attach",
                                 fetcher_->describeStatus(listPath, *reply) +
                                     "; give the endpoint's token with --token-file FILE");
    if (reply->status != 200)
        return StartResult::fail(StartStage::Arguments, "--attach",
                                 fetcher_->describeStatus(listPath, *reply) +
                                     "; is this a PoolScope endpoint (poolscope --serve, or a service "
                                     "linking poolscope_exporter)?");
    auto names = poolNames(reply->body);
    if (!names)
        return StartResult::fail(StartStage::Arguments, "--attach",
                                 "GET " + shown_ + listPath + ": " + names.message());
    for (const std::string& n : *names) {
        if (!spec_.pool.empty() && n != spec_.pool) continue;
        auto p = std::make_unique<PoolState>();
        p->name = n;
        p->path = listPath + "/" + encodeSegment(n);
        pools_.push_back(std::move(p));
    }
    if (pools_.empty())
        return StartResult::fail(StartStage::Arguments, "--attach",
                                 spec_.pool.empty() ? "the endpoint " + shown_ + " serves no pool"
                                                    : "the endpoint " + shown_ + " serves no pool named '" +
                                                          spec_.pool + "'");
    // The first snapshots now, so the first poll has data. A pool that has
    // published none yet (its service just started) comes with the next fetch.
    for (auto& p : pools_) {
        std::string error;
        fetchSnapshot(*fetcher_, *p, error);
    }
    health_.lastDataMs = wallMs();
    for (auto& p : pools_) {
        HttpSettings s = spec_.http;
        s.readTimeoutMs = std::max(s.readTimeoutMs, kEventReadTimeoutMs);
        auto f = HttpFetcher::open(s);
        if (!f) return StartResult::fail(StartStage::Arguments, "--attach", f.message());
        p->events = std::move(*f);
    }
    started_ = true;
    lastDataSteadyMs_ = steadyMs();
    fetchThread_ = std::thread([this] { fetchLoop(); });
    for (auto& p : pools_) eventThreads_.emplace_back([this, raw = p.get()] { eventLoop(raw); });
    return StartResult::ok();
}

bool RemoteSession::fetchSnapshot(HttpFetcher& http, PoolState& pool, std::string& error) {
    const std::string path = pool.path + "/snapshot";
    auto reply = http.get(path);
    if (!reply) {
        error = reply.message();
        noAnswer_ = true;
        return false;
    }
    if (reply->status != 200) {
        error = http.describeStatus(path, *reply);
        return false;
    }
    std::string_view line = reply->body;
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
    auto parsed = SnapshotLineParser::parse(line);
    if (!parsed) {
        error = "GET " + http.shownUrl() + path + ": not a snapshot line: " + parsed.message();
        return false;
    }
    std::lock_guard lock(mu_);
    takeSnapshot(pool, std::move(*parsed));
    return true;
}

void RemoteSession::takeSnapshot(PoolState& pool, PoolSnapshot raw) {
    raw.source = shown_;
    if (pool.hasPrevRaw && countersWentDown(raw, pool.prevRaw)) {
        addTotals(pool.base, pool.prevRaw.totals);
        for (size_t i = 0; i < pool.baseEdges.size(); ++i) pool.baseEdges[i] += pool.prevRaw.transitions[i];
        pool.markers.push_back({pool.name, raw.tMs,
                                "the remote pool restarted (its counters began again at zero); totals "
                                "carry on from where they were"});
        pool.restarted = true;
        if (pool.events) pool.events->stop();  // resume the stream from its new start
    }
    pool.prevRaw = raw;
    pool.hasPrevRaw = true;
    PoolSnapshot adjusted = std::move(raw);
    addTotals(adjusted.totals, pool.base);
    for (size_t i = 0; i < adjusted.transitions.size(); ++i) adjusted.transitions[i] += pool.baseEdges[i];
    adjusted.totals.eventsDropped += pool.gapDropped;
    pool.latest = std::move(adjusted);
    pool.fresh = true;
}

void RemoteSession::fetchLoop() {
    int64_t backoff = 0;
    while (!stopping_) {
        std::string error;
        bool ok = true;
        noAnswer_ = false;
        for (auto& p : pools_) {
            if (!fetchSnapshot(*fetcher_, *p, error)) {
                ok = false;
                break;
            }
        }
        if (stopping_) break;
        {
            std::lock_guard lock(mu_);
            if (ok) {
                lastError_.clear();
                health_.lastDataMs = wallMs();
                lastDataSteadyMs_ = steadyMs();
            } else {
                lastError_ = error;
            }
        }
        // An endpoint that answers (even with an error: a pool not published
        // yet, a malformed line) is asked again at the interval; one that does
        // not answer, with a growing backoff.
        if (ok || !noAnswer_) {
            backoff = 0;
            if (!sleepFor(spec_.intervalMs)) break;
        } else {
            backoff = backoff == 0 ? kFirstBackoffMs : std::min(backoff * 2, kMaxBackoffMs);
            {
                std::lock_guard lock(mu_);
                nextTryMs_ = steadyMs() + backoff;
            }
            if (!sleepFor(backoff)) break;
        }
    }
}

void RemoteSession::takeEvents(PoolState& pool, std::vector<TransitionEvent> events) {
    for (TransitionEvent& e : events) {
        if (pool.haveSeq) {
            if (e.seq == pool.lastSeq) continue;  // sent twice across a reconnect
            if (e.seq > pool.lastSeq + 1) pool.gapDropped += e.seq - pool.lastSeq - 1;
            // A lower number: the remote numbering started again (a restart).
        }
        pool.lastSeq = e.seq;
        pool.haveSeq = true;
        pool.pending.push_back(e);
    }
    if (pool.pending.size() > kMaxPendingEvents) {
        const size_t drop = pool.pending.size() - kMaxPendingEvents;
        pool.pending.erase(pool.pending.begin(), pool.pending.begin() + static_cast<ptrdiff_t>(drop));
        pool.gapDropped += drop;
    }
}

void RemoteSession::eventLoop(PoolState* pool) {
    int64_t backoff = 0;
    const std::string path = pool->path + "/events";
    while (!stopping_) {
        std::vector<std::pair<std::string, std::string>> headers;
        {
            std::lock_guard lock(mu_);
            if (pool->restarted) {
                pool->restarted = false;
                pool->haveSeq = false;
            }
            if (pool->haveSeq) headers.emplace_back("Last-Event-ID", std::to_string(pool->lastSeq));
        }
        // Server-Sent Events (core/remote/SseReader.h): batches of events as
        // JSON lines, event type "events" (or none).
        SseReader sse(spec_.http.maxReplyBytes);
        bool received = false;
        const auto dispatch = [&](const SseEvent& e) {
            if (e.data.empty() || !(e.type.empty() || e.type == "events")) return;
            // Other event types (the endpoint's "gap" notice) are informative:
            // gaps are counted from the sequence numbers themselves.
            auto batch = eventsFromJsonLine(e.data);
            std::lock_guard lock(mu_);
            if (batch) {
                takeEvents(*pool, std::move(batch->events));
            } else {
                pool->notices.push_back("GET " + shown_ + path + ": skipped a malformed event batch: " +
                                        batch.message());
            }
        };
        auto r = pool->events->stream(path, headers, [&](std::string_view chunk) {
            if (stopping_) return false;
            received = true;
            if (sse.feed(chunk, dispatch)) return true;
            std::lock_guard lock(mu_);
            pool->notices.push_back("GET " + shown_ + path + ": an event longer than " +
                                    std::to_string(spec_.http.maxReplyBytes) + " bytes; reconnecting");
            return false;
        });
        if (stopping_) break;
        if (r && *r == 200 && received) {
            backoff = 0;  // the stream ended (the endpoint restarted or we asked): reconnect now
            continue;
        }
        if (r && *r != 200 && *r != 0) {
            std::lock_guard lock(mu_);
            pool->notices.push_back("GET " + shown_ + path + ": HTTP " + std::to_string(*r) +
                                    (*r == 401 ? " (the event stream needs the endpoint's token: --token-file)" : ""));
        }
        backoff = backoff == 0 ? kFirstBackoffMs : std::min(backoff * 2, kMaxBackoffMs);
        if (!sleepFor(backoff)) break;
    }
}

bool RemoteSession::sleepFor(int64_t ms) {
    std::unique_lock lock(mu_);
    return !wake_.wait_for(lock, std::chrono::milliseconds(ms), [this] { return stopping_.load(); });
}

void RemoteSession::poll(PollResult& out, bool withSnapshots) {
    if (!started_) return;
    std::lock_guard lock(mu_);
    for (auto& p : pools_) {
        if (withSnapshots && p->fresh) {
            out.snapshots.push_back(p->latest);
            p->fresh = false;
        }
        if (!p->pending.empty()) {
            out.events.push_back({p->name, std::move(p->pending)});
            p->pending.clear();
        }
        for (auto& m : p->markers) out.markers.push_back(std::move(m));
        p->markers.clear();
        for (auto& n : p->notices) out.notices.push_back(std::move(n));
        p->notices.clear();
    }
    out.health = staleHealthChange(health_, steadyMs() - lastDataSteadyMs_, spec_.intervalMs, stopping_, lastError_,
                                   shown_, "retrying", reportedHealth_);
}

void RemoteSession::stop() {
    if (stopping_.exchange(true)) return;
    {
        std::lock_guard lock(mu_);
        wake_.notify_all();
    }
    if (fetcher_) fetcher_->stop();
    for (auto& p : pools_)
        if (p->events) p->events->stop();
    if (fetchThread_.joinable()) fetchThread_.join();
    for (auto& t : eventThreads_) t.join();
    eventThreads_.clear();
}

Status RemoteSession::post(const std::string& pool, const std::string& action, const std::string& body) {
    if (spec_.http.token.empty()) return Status::fail(controlsNote());
    auto f = HttpFetcher::open(spec_.http);
    if (!f) return f.status();
    const std::string path = "/api/v1/pools/" + encodeSegment(pool) + "/" + action;
    auto reply = (*f)->postJson(path, body);
    if (!reply) return reply.status();
    if (reply->status != 200 && reply->status != 204) {
        std::string m = (*f)->describeStatus(path, *reply);
        if (m.starts_with("GET ")) m.replace(0, 3, "POST");
        return Status::fail(m);
    }
    return Status::ok();
}

Status RemoteSession::reconfigure(const std::string& pool, const PoolConfig& config) {
    JsonWriter w;
    w.beginObject();
    writePoolConfigMembers(w, config);
    w.endObject();
    return post(pool, "reconfigure", w.take());
}

Status RemoteSession::lifecycleAction(const std::string& pool, std::string_view action) {
    if (action == "close")
        return Status::fail("closing another process's pool is not offered; suspend it instead");
    if (action != "suspend" && action != "resume" && action != "evict")
        return Status::fail("unknown action '" + std::string(action) + "'");
    return post(pool, std::string(action), "{}");
}

}  // namespace poolscope
