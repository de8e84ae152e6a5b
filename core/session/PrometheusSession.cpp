#include "core/session/PrometheusSession.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "core/drivers/Url.h"
#include "core/remote/BuiltinMappings.h"
#include "core/remote/PrometheusQuery.h"
#include "core/remote/PrometheusReply.h"
#include "core/session/PromTextSession.h"
#include "core/session/StaleHealth.h"

namespace poolscope {

namespace {

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

constexpr std::string_view kQueryPath = "/api/v1/query";
/// max_connections as postgres_exporter and mysqld_exporter name it.
constexpr std::string_view kPgMaxConnections = "pg_settings_max_connections";
constexpr std::string_view kMysqlMaxConnections = "mysql_global_variables_max_connections";
constexpr std::string_view kRangePath = "/api/v1/query_range";

/// HttpFetcher's messages read "GET <url><path>: <what>"; the path holds the
/// whole encoded query, so only <what> is kept.
std::string reasonOf(const std::string& message, const std::string& path) {
    const size_t at = message.find(path);
    if (at == std::string::npos) return message;
    const size_t from = at + path.size();
    return message.compare(from, 2, ": ") == 0 ? message.substr(from + 2) : message.substr(from);
}

/// "HTTP 400: bad_data: 1:5: parse error: ..." with the server's own words;
/// the start of the body when it is not Prometheus' error object.
std::string statusText(const HttpReply& reply) {
    std::string out = "HTTP " + std::to_string(reply.status);
    if (auto e = PrometheusReply::errorOf(reply.body)) return out + ": " + *e;
    std::string text = reply.body.substr(0, 200);
    for (char& c : text)
        if (static_cast<unsigned char>(c) < 0x20) c = ' ';
    while (!text.empty() && text.back() == ' ') text.pop_back();
    if (!text.empty()) out += ": " + text + (reply.body.size() > 200 ? "..." : "");
    if (reply.status == 401) out += "; give the server's token with --token-file FILE, or user:password@ in the URL";
    if (reply.status == 404) out += "; is this a Prometheus server (its API under the URL's path)?";
    return out;
}

std::string labelValue(const std::vector<Label>& labels, std::string_view name) {
    for (const Label& l : labels)
        if (l.name == name) return l.value;
    return {};
}

/// `text` percent-encoded except for '/' (a URL path).
std::string encodePath(std::string_view path) {
    std::string out;
    size_t from = 0;
    for (size_t slash; (slash = path.find('/', from)) != std::string_view::npos; from = slash + 1)
        out += PrometheusQuery::urlEncode(path.substr(from, slash - from)) + "/";
    return out + PrometheusQuery::urlEncode(path.substr(from));
}

}  // namespace

bool PrometheusSession::isPrometheusUrl(const std::string& url) {
    const size_t sep = url.find("://");
    if (sep == std::string::npos) return false;
    std::string scheme = url.substr(0, sep);
    std::transform(scheme.begin(), scheme.end(), scheme.begin(), [](unsigned char c) { return std::tolower(c); });
    return scheme == "prometheus" || scheme == "prometheus+http" || scheme == "prometheus+https";
}

PrometheusSession::PrometheusSession(RemoteSpec spec) : spec_(std::move(spec)) {
    spec_.http.maxReplyBytes = std::max(spec_.http.maxReplyBytes, kMinReplyCap);
    shown_ = maskPassword(spec_.http.url);
    auto url = Url::parse(spec_.http.url);
    if (!url) {
        urlError_ = url.message();
        return;
    }
    if (!isPrometheusUrl(spec_.http.url)) {
        urlError_ = "URL '" + url->masked() + "' is not a prometheus:// or prometheus+https:// URL";
        return;
    }
    if (auto s = url->checkParams({"match", "format", "mapping", "server_label"}); !s) {
        urlError_ = s.message() + " (prometheus:// takes match, format, mapping and server_label)";
        return;
    }
    if (url->host().empty()) {
        urlError_ = "URL '" + url->masked() + "' has no host; e.g. prometheus://127.0.0.1:9090";
        return;
    }
    const bool tls = url->scheme() == "prometheus+https";
    const bool v6 = url->host().find(':') != std::string::npos;
    const std::string host = v6 ? "[" + url->host() + "]" : url->host();
    const std::string port = std::to_string(url->port() ? url->port() : 9090);
    std::string path = url->path();
    while (!path.empty() && path.back() == '/') path.pop_back();
    std::string userInfo;
    if (!url->user().empty())
        userInfo = PrometheusQuery::urlEncode(url->user()) +
                   (url->hasPassword() ? ":" + PrometheusQuery::urlEncode(url->password()) : "") + "@";
    httpUrl_ = std::string(tls ? "https" : "http") + "://" + userInfo + host + ":" + port + encodePath(path);
    const std::string match(url->param("match").value_or(""));
    matchers_ = PrometheusQuery::matchersOf(match);
    onlyFormat_ = std::string(url->param("format").value_or(""));
    mappingFile_ = std::string(url->param("mapping").value_or(""));
    if (auto label = url->param("server_label"); label && !label->empty()) {
        const bool valid = std::all_of(label->begin(), label->end(), [](char c) {
            return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }) && !((*label)[0] >= '0' && (*label)[0] <= '9');
        if (!valid) {
            urlError_ = "?server_label=" + std::string(*label) +
                        " is not a Prometheus label name (letters, digits and _, not starting with a digit)";
            return;
        }
        serverLabel_ = std::string(*label);
    }
    shown_ = url->scheme() + "://" + host + ":" + port + path + (matchers_.empty() ? "" : "?match={" + matchers_ + "}");
}

PrometheusSession::~PrometheusSession() { stop(); }

std::string PrometheusSession::description() const { return "attach " + shown_ + " (Prometheus server)"; }

std::string PrometheusSession::controlsNote() const {
    return "read from a Prometheus server, which holds figures only: no action reaches the pools' programs "
           "through it";
}

std::string PrometheusSession::where(const std::string& format) const {
    std::string base = shown_.substr(0, shown_.find('?'));
    return "GET " + base + std::string(kQueryPath) + " (" + format + " series)";
}

Status PrometheusSession::loadFormats() {
    std::vector<MetricMapping> mappings;
    if (!onlyFormat_.empty()) {
        auto name = PromTextSession::mappingNameOf(onlyFormat_);
        if (!name)
            return Status::fail("?format=" + onlyFormat_ + " is not a known format; use one of " +
                                PromTextSession::formatNames() + ", or ?mapping=FILE");
        auto m = BuiltinMappings::byName(*name);
        if (!m) return Status::fail("the shipped mapping " + *name + " is missing");
        mappings.push_back(std::move(*m));
    } else {
        auto all = BuiltinMappings::all();
        if (!all) return all.error();
        mappings = std::move(*all);
    }
    if (!mappingFile_.empty()) {
        auto loaded = MetricMapping::load(mappingFile_);
        if (!loaded) return loaded.error();
        // A user's mapping of a shipped format's name replaces it.
        std::erase_if(mappings, [&](const MetricMapping& m) { return m.name == loaded->name; });
        mappings.push_back(std::move(*loaded));
    }
    for (MetricMapping& m : mappings) {
        // Every series of a server carries job and instance: pools of two
        // targets must never add up.
        std::vector<std::string> labels{"job", "instance"};
        for (const std::string& l : m.instanceLabels)
            if (l != "job" && l != "instance") labels.push_back(l);
        m.instanceLabels = std::move(labels);
        Format f{m, PrometheusQuery::selector(m, matchers_), std::nullopt};
        f.tracker.emplace(std::move(m));
        formats_.push_back(std::move(f));
    }
    return Status::ok();
}

PrometheusSession::Refresh PrometheusSession::refresh(HttpFetcher& http) {
    Refresh r;
    const int64_t begin = steadyMs();
    const int64_t t = wallMs();
    r.stats.atMs = t;
    r.stats.number = ++refreshes_;
    // The server gives up a little before we do, so its own timeout error
    // (with its message) arrives rather than our read timeout.
    const int64_t timeoutMs = std::max<int64_t>(500, spec_.http.readTimeoutMs - 500);
    std::set<std::string> seen;
    for (size_t i = 0; i < formats_.size() && !stopping_; ++i) {
        const std::string& format = formats_[i].mapping.name;
        const std::string path =
            std::string(kQueryPath) + "?" + PrometheusQuery::instant(formats_[i].selector, t, timeoutMs);
        ++r.stats.queries;
        auto reply = http.get(path);
        if (!reply) {
            ++r.stats.failed;
            r.errors.push_back(where(format) + ": " + reasonOf(reply.message(), path));
            if (reply.message().find("longer than") != std::string::npos) continue;
            r.noAnswer = true;  // the server is gone: the other queries would wait in vain
            break;
        }
        r.stats.bytes += reply->body.size();
        if (reply->status != 200) {
            ++r.stats.failed;
            if (r.status == 0) r.status = reply->status;
            r.errors.push_back(where(format) + ": " + statusText(*reply));
            continue;
        }
        auto answer = PrometheusReply::parseVector(reply->body);
        if (!answer) {
            ++r.stats.failed;
            r.errors.push_back(where(format) + ": " + answer.message());
            continue;
        }
        for (const std::string& w : answer->warnings) r.warnings.push_back(where(format) + ": warning: " + w);
        r.stats.series += answer->samples.size();
        take(i, std::move(answer->samples), t, seen);
        r.anyAnswer = true;
    }
    if (!r.noAnswer && !stopping_) readServerLimits(http, t, timeoutMs, r);
    {
        // A refresh is one picture of the fleet: poll() gives its pools
        // together, never those of the formats read so far without the rest.
        std::lock_guard lock(mu_);
        for (auto& [name, p] : pools_) {
            p.fresh = p.fresh || p.taken;
            p.taken = false;
        }
    }
    r.stats.pools = seen.size();
    r.stats.elapsedMs = steadyMs() - begin;
    if (r.stats.failed == 0 && r.anyAnswer) {
        std::lock_guard lock(mu_);
        for (auto& [name, p] : pools_) {
            const bool present = seen.contains(name);
            if (present == p.info.present) continue;
            p.info.present = present;
            notices_.push_back(present ? "pool \"" + name + "\" is in " + shown_ + "'s answers again"
                                       : "pool \"" + name + "\" is no longer in " + shown_ +
                                             "'s answers (its target is down or gone); keeping its last data");
        }
    }
    return r;
}

void PrometheusSession::readServerLimits(HttpFetcher& http, int64_t t, int64_t timeoutMs, Refresh& r) {
    // What each database server accepts, as postgres_exporter and
    // mysqld_exporter publish it, keyed by the same server label the pools
    // carry. Optional: a failure is noticed once and costs the pools nothing.
    const std::string selector = "{__name__=~\"" + std::string(kPgMaxConnections) + "|" +
                                 std::string(kMysqlMaxConnections) + "\"," + serverLabel_ + "!=\"\"}";
    const std::string path = std::string(kQueryPath) + "?" + PrometheusQuery::instant(selector, t, timeoutMs);
    ++r.stats.queries;
    auto reply = http.get(path);
    std::string error;
    if (!reply) error = reasonOf(reply.message(), path);
    else if (reply->status != 200) error = statusText(*reply);
    std::map<std::string, ServerLimits> limits;
    if (error.empty()) {
        r.stats.bytes += reply->body.size();
        auto answer = PrometheusReply::parseVector(reply->body);
        if (!answer) error = answer.message();
        else
            for (const Sample& s : answer->samples) {
                if (!std::isfinite(s.value) || s.value <= 0) continue;
                ServerLimits& l = limits[labelValue(s.labels, serverLabel_)];
                l.product = s.name == kPgMaxConnections ? "PostgreSQL" : "MySQL";
                l.maxConnections = std::max<int64_t>(l.maxConnections.value_or(0), static_cast<int64_t>(s.value));
            }
    }
    std::lock_guard lock(mu_);
    if (!error.empty()) {
        if (error != lastLimitsError_)
            notices_.push_back("GET " + shown_.substr(0, shown_.find('?')) + std::string(kQueryPath) +
                               " (servers' max_connections): " + error + "; pools are read without them");
        lastLimitsError_ = error;
        return;
    }
    lastLimitsError_.clear();
    serverLimits_ = std::move(limits);
}

ServerLimits PrometheusSession::serverLimits(const std::string& pool) const {
    std::lock_guard lock(mu_);
    const auto p = pools_.find(pool);
    if (p == pools_.end() || p->second.info.server.empty()) return {};
    const auto l = serverLimits_.find(p->second.info.server);
    return l == serverLimits_.end() ? ServerLimits{} : l->second;
}

std::string PrometheusSession::serverKey(const std::string& pool) const {
    std::lock_guard lock(mu_);
    const auto p = pools_.find(pool);
    return p == pools_.end() ? std::string() : p->second.info.server;
}

void PrometheusSession::take(size_t format, std::vector<Sample> samples, int64_t tMs, std::set<std::string>& seen) {
    Format& f = formats_[format];
    // A format is read where its detect names are: per job and instance, so
    // a name two formats share (hikaricp_connections) is read once.
    std::vector<ForeignPoolKey> keys;
    std::vector<std::string> groups;
    keys.reserve(samples.size());
    groups.reserve(samples.size());
    std::map<std::string, std::set<std::string, std::less<>>> names;
    for (const Sample& s : samples) {
        keys.push_back(f.tracker->poolKey(s));
        std::string group;
        for (const Label& l : keys.back().where) group += l.name + '\x1f' + l.value + '\x1e';
        names[group].insert(s.name);
        groups.push_back(std::move(group));
    }
    std::set<std::string> detected;
    for (const auto& [group, found] : names)
        if (f.mapping.detect(found)) detected.insert(group);
    std::map<std::string, ForeignPoolKey> keyOf;
    std::map<std::string, std::string> serverOf;
    size_t kept = 0;
    for (size_t i = 0; i < samples.size(); ++i) {
        if (!detected.contains(groups[i])) continue;
        keyOf.try_emplace(keys[i].name, keys[i]);
        if (std::string server = labelValue(samples[i].labels, serverLabel_); !server.empty())
            serverOf.try_emplace(keys[i].name, std::move(server));
        if (kept != i) samples[kept] = std::move(samples[i]);
        ++kept;
    }
    samples.resize(kept);
    ForeignScrapeResult r = f.tracker->update(samples, tMs);

    std::lock_guard lock(mu_);
    for (PoolSnapshot& s : r.snapshots) {
        const std::string trackerName = s.pool;
        std::string name = trackerName;
        auto it = pools_.find(name);
        if (it != pools_.end() && (it->second.format != format || it->second.trackerName != trackerName)) {
            name += " (" + f.mapping.name + ")";
            it = pools_.find(name);
        }
        if (it == pools_.end()) {
            PoolState fresh;
            fresh.format = format;
            fresh.trackerName = trackerName;
            const ForeignPoolKey& key = keyOf[trackerName];
            fresh.info = {name, f.mapping.name, labelValue(key.where, "job"), labelValue(key.where, "instance"),
                          key.pool, {}, true};
            it = pools_.emplace(name, std::move(fresh)).first;
        }
        if (auto server = serverOf.find(trackerName); server != serverOf.end())
            it->second.info.server = server->second;
        s.source = shown_;
        s.pool = name;
        s.config.name = name;
        it->second.latest = std::move(s);
        it->second.taken = true;
        seen.insert(name);
    }
    for (const std::string& pool : r.resets)
        markers_.push_back({pool, tMs,
                            "the service's counters went backwards (it restarted); totals carry on from where they "
                            "were"});
}

StartResult PrometheusSession::start() {
    if (started_ || stopping_) return StartResult::fail(StartStage::Arguments, {}, "the session was already started");
    if (!urlError_.empty()) return StartResult::fail(StartStage::Arguments, "--attach", urlError_);
    if (auto s = loadFormats(); !s) return StartResult::fail(StartStage::Arguments, "--attach", s.message());
    HttpSettings http = spec_.http;
    http.url = httpUrl_;
    auto opened = HttpFetcher::open(http);
    if (!opened) return StartResult::fail(StartStage::Arguments, "--attach", maskPassword(opened.message()));
    fetcher_ = std::move(*opened);

    Refresh first = refresh(*fetcher_);
    std::string errors;
    for (const std::string& e : first.errors) errors += (errors.empty() ? "" : "; ") + e;
    if (!first.anyAnswer) {
        if (first.noAnswer) return StartResult::fail(StartStage::Reach, {}, "cannot reach " + errors);
        return StartResult::fail(StartStage::Arguments, "--attach", errors);
    }
    std::lock_guard lock(mu_);
    stats_ = first.stats;
    if (pools_.empty()) {
        std::string names;
        for (const Format& f : formats_) names += (names.empty() ? "" : ", ") + f.mapping.name;
        return StartResult::fail(StartStage::Arguments, "--attach",
                                 "Prometheus at " + shown_ + " has no series of a pool in any format PoolScope reads (" +
                                     names + ")" + (matchers_.empty() ? "" : " matching {" + matchers_ + "}") +
                                     (errors.empty() ? "" : "; " + errors));
    }
    for (const std::string& e : first.errors) notices_.push_back(e + "; keeping the last good data");
    for (const std::string& w : first.warnings) notices_.push_back(w);
    lastErrors_.assign(first.errors.begin(), first.errors.end());
    lastWarnings_.assign(first.warnings.begin(), first.warnings.end());
    health_.lastDataMs = first.stats.atMs;
    lastDataSteadyMs_ = steadyMs();
    started_ = true;
    fetchThread_ = std::thread([this] { fetchLoop(); });
    return StartResult::ok();
}

void PrometheusSession::fetchLoop() {
    int64_t backoff = 0;
    int64_t elapsed = stats_.elapsedMs;  // start()'s refresh; later ones are this thread's
    while (!stopping_) {
        // Refreshes start an interval apart (a fleet's answers take time to
        // read), but leave the server a tenth of the interval between two.
        const int64_t pause = std::max(spec_.intervalMs - elapsed, int64_t{spec_.intervalMs} / 10);
        if (!sleepFor(backoff > 0 ? backoff : pause)) break;
        Refresh r = refresh(*fetcher_);
        elapsed = r.stats.elapsedMs;
        if (stopping_) break;
        std::lock_guard lock(mu_);
        stats_ = r.stats;
        // Each error and warning once while it lasts, not every interval.
        for (const std::string& e : r.errors)
            if (std::find(lastErrors_.begin(), lastErrors_.end(), e) == lastErrors_.end())
                notices_.push_back(e + "; keeping the last good data");
        for (const std::string& w : r.warnings)
            if (std::find(lastWarnings_.begin(), lastWarnings_.end(), w) == lastWarnings_.end())
                notices_.push_back(w);
        lastErrors_ = r.errors;
        lastWarnings_ = r.warnings;
        if (r.anyAnswer) {
            lastError_.clear();
            health_.lastDataMs = r.stats.atMs;
            lastDataSteadyMs_ = steadyMs();
            backoff = 0;
            continue;
        }
        lastError_.clear();
        for (const std::string& e : r.errors) lastError_ += (lastError_.empty() ? "" : "; ") + e;
        // A server that answers (even with errors) is asked again at the
        // interval; one that does not, with a growing backoff.
        backoff = r.noAnswer ? (backoff == 0 ? kFirstBackoffMs : std::min(backoff * 2, kMaxBackoffMs)) : 0;
    }
}

bool PrometheusSession::sleepFor(int64_t ms) {
    std::unique_lock lock(mu_);
    return !wake_.wait_for(lock, std::chrono::milliseconds(ms), [this] { return stopping_.load(); });
}

void PrometheusSession::poll(PollResult& out, bool withSnapshots) {
    if (!started_) return;
    std::lock_guard lock(mu_);
    if (withSnapshots) {
        for (auto& [name, p] : pools_) {
            if (!p.fresh) continue;
            out.snapshots.push_back(p.latest);
            p.fresh = false;
        }
    }
    for (auto& m : markers_) out.markers.push_back(std::move(m));
    markers_.clear();
    for (auto& n : notices_) out.notices.push_back(std::move(n));
    notices_.clear();
    out.health = staleHealthChange(health_, steadyMs() - lastDataSteadyMs_, spec_.intervalMs, stopping_, lastError_,
                                   shown_, "retrying", reportedHealth_);
}

void PrometheusSession::stop() {
    if (stopping_.exchange(true)) return;
    {
        std::lock_guard lock(mu_);
        wake_.notify_all();
    }
    if (fetcher_) fetcher_->stop();
    if (fetchThread_.joinable()) fetchThread_.join();
}

std::vector<std::string> PrometheusSession::pools() const {
    std::lock_guard lock(mu_);
    std::vector<std::string> names;
    for (const auto& [name, p] : pools_) names.push_back(name);
    return names;
}

std::vector<PrometheusPoolInfo> PrometheusSession::poolInfos() const {
    std::lock_guard lock(mu_);
    std::vector<PrometheusPoolInfo> out;
    for (const auto& [name, p] : pools_) out.push_back(p.info);
    return out;
}

PoolPlace PrometheusSession::placeOf(const std::string& pool) const {
    std::lock_guard lock(mu_);
    const auto it = pools_.find(pool);
    if (it == pools_.end()) return {};
    const PrometheusPoolInfo& i = it->second.info;
    return {i.job, i.instance, i.format, i.server};
}

std::vector<std::string> PrometheusSession::formats() const {
    std::vector<std::string> out;
    for (const Format& f : formats_) out.push_back(f.mapping.name);
    return out;
}

PrometheusRefreshStats PrometheusSession::lastRefresh() const {
    std::lock_guard lock(mu_);
    return stats_;
}

Result<std::vector<PoolSnapshot>> PrometheusSession::backfill(const std::string& pool, int64_t fromMs, int64_t toMs,
                                                              int64_t stepMs) const {
    if (stepMs <= 0) return Error{"back-fill of \"" + pool + "\": the step must be positive"};
    if (toMs <= fromMs) return Error{"back-fill of \"" + pool + "\": the window ends before it starts"};
    if (toMs - fromMs > kMaxBackfillMs)
        return Error{"back-fill of \"" + pool + "\": the window is longer than 24 h"};
    if ((toMs - fromMs) / stepMs + 2 > kMaxBackfillPoints)
        return Error{"back-fill of \"" + pool + "\": " + std::to_string((toMs - fromMs) / stepMs + 2) +
                     " steps; Prometheus gives at most " + std::to_string(kMaxBackfillPoints) +
                     " points per series: use a longer step"};
    size_t format = 0;
    std::string trackerName;
    std::vector<Label> equal;
    {
        std::lock_guard lock(mu_);
        auto it = pools_.find(pool);
        if (!started_ || it == pools_.end()) return Error{"back-fill: no pool \"" + pool + "\" at " + shown_};
        format = it->second.format;
        trackerName = it->second.trackerName;
        const PrometheusPoolInfo& info = it->second.info;
        if (!info.job.empty()) equal.push_back({"job", info.job});
        if (!info.instance.empty()) equal.push_back({"instance", info.instance});
        equal.insert(equal.end(), info.poolLabels.begin(), info.poolLabels.end());
    }
    const MetricMapping& mapping = formats_[format].mapping;  // fixed after start()
    HttpSettings http = spec_.http;
    http.url = httpUrl_;
    auto opened = HttpFetcher::open(http);
    if (!opened) return opened.error();
    // One step before the window, so its first point has a wait window too.
    const int64_t queryFrom = fromMs - stepMs;
    const int64_t timeoutMs = std::max<int64_t>(500, spec_.http.readTimeoutMs - 500);
    const std::string path = std::string(kRangePath) + "?" +
                             PrometheusQuery::range(PrometheusQuery::selector(mapping, {}, equal), queryFrom, toMs,
                                                    stepMs, timeoutMs);
    const std::string what = "GET " + shown_.substr(0, shown_.find('?')) + std::string(kRangePath) + " (back-fill of \"" +
                             pool + "\")";
    auto reply = (*opened)->get(path);
    if (!reply) return Error{what + ": " + reasonOf(reply.message(), path)};
    if (reply->status != 200) return Error{what + ": " + statusText(*reply)};
    auto answer = PrometheusReply::parseMatrix(reply->body);
    if (!answer) return Error{what + ": " + answer.message()};
    if (!answer->warnings.empty()) {
        std::lock_guard lock(mu_);
        for (const std::string& w : answer->warnings) notices_.push_back(what + ": warning: " + w);
    }

    std::map<int64_t, std::vector<Sample>> steps;
    for (const PrometheusSeries& s : answer->series)
        for (const auto& [t, v] : s.points) steps[t].push_back(Sample{s.name, s.labels, v, t});
    ForeignPoolTracker tracker(mapping, {.windowMs = std::max<int64_t>(10'000, stepMs), .forgetAfterMs = INT64_MAX});
    std::vector<PoolSnapshot> out;
    for (const auto& [t, samples] : steps) {
        ForeignScrapeResult r = tracker.update(samples, t);
        if (t < fromMs) continue;
        for (PoolSnapshot& s : r.snapshots) {
            if (s.pool != trackerName) continue;
            s.source = shown_;
            s.pool = pool;
            s.config.name = pool;
            out.push_back(std::move(s));
        }
    }
    return out;
}

}  // namespace poolscope
