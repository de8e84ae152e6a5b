#include "core/session/PromTextSession.h"
#include "core/session/StaleHealth.h"

#include <algorithm>
#include <chrono>
#include <set>

#include "core/drivers/Url.h"
#include "core/remote/BuiltinMappings.h"
#include "core/remote/PromTextParser.h"

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

/// `?format=` names and the shipped mappings they stand for.
constexpr std::pair<std::string_view, std::string_view> kFormats[] = {
    {"go_sql", "go-sql"},
    {"hikaricp", "hikaricp-prometheus"},
    {"hikaricp_micrometer", "hikaricp-micrometer"},
    {"pgxpool", "pgxpool"},
    {"otel", "otel"},
    {"pgbouncer_exporter", "pgbouncer-exporter"},
    {"poolscope", "poolscope"},
};

/// The 1-based line of `body` where `needle` starts a line; 0 when none.
size_t lineOf(std::string_view body, std::string_view needle) {
    size_t line = 1;
    for (size_t pos = 0; pos < body.size();) {
        if (body.substr(pos).starts_with(needle)) return line;
        const size_t nl = body.find('\n', pos);
        if (nl == std::string_view::npos) break;
        pos = nl + 1;
        ++line;
    }
    return 0;
}

/// What a sample carries, from its family's TYPE and its suffix.
enum class Shape { Any, Level, Cumulative, Bucket, Quantile, Other };

Shape shapeOf(const MetricFamily& f, std::string_view sample) {
    const std::string_view suffix = sample.starts_with(f.name) ? sample.substr(f.name.size()) : sample;
    switch (f.type) {
        case MetricType::Untyped:
        case MetricType::Unknown: return Shape::Any;
        case MetricType::Gauge: return Shape::Level;
        case MetricType::Counter: return suffix == "_created" ? Shape::Other : Shape::Cumulative;
        case MetricType::Histogram:
            if (suffix == "_bucket") return Shape::Bucket;
            return suffix == "_count" || suffix == "_sum" ? Shape::Cumulative : Shape::Other;
        case MetricType::Summary:
            if (suffix.empty()) return Shape::Quantile;
            return suffix == "_count" || suffix == "_sum" ? Shape::Cumulative : Shape::Other;
        default: return Shape::Other;
    }
}

/// Whether a rule of `kind` can read a sample of `shape`: a counter rule a
/// counter's value or a histogram's or summary's count and sum, a gauge rule
/// a gauge, a histogram rule buckets, a summary rule quantiles. Untyped
/// samples are read by any rule.
bool fits(RuleKind kind, Shape shape) {
    if (shape == Shape::Any) return true;
    switch (kind) {
        case RuleKind::Counter: return shape == Shape::Cumulative;
        case RuleKind::Gauge:
        case RuleKind::Max: return shape == Shape::Level;
        case RuleKind::Histogram: return shape == Shape::Bucket;
        case RuleKind::Summary: return shape == Shape::Quantile;
    }
    return false;
}

}  // namespace

std::optional<std::string> PromTextSession::mappingNameOf(std::string_view format) {
    for (const auto& [name, mapping] : kFormats)
        if (name == format) return std::string(mapping);
    return std::nullopt;
}

std::string PromTextSession::formatNames() {
    std::string out;
    for (const auto& [name, mapping] : kFormats) out += (out.empty() ? "" : ", ") + std::string(name);
    return out;
}

PromTextSession::PromTextSession(RemoteSpec spec) : spec_(std::move(spec)) {
    if (auto url = Url::parse(spec_.http.url)) {
        if (spec_.pool.empty())
            if (auto p = url->param("pool")) spec_.pool = std::string(*p);
        if (auto f = url->param("format")) format_ = std::string(*f);
        if (auto m = url->param("mapping")) mappingFile_ = std::string(*m);
    }
    shown_ = maskPassword(spec_.http.url);
}

PromTextSession::~PromTextSession() { stop(); }

std::string PromTextSession::description() const {
    const std::string f = formatName();
    return "attach " + shown_ + (f.empty() ? "" : " (" + f + ")");
}

std::string PromTextSession::controlsNote() const {
    return "read from Prometheus text metrics, which publish figures only: the pool's own program offers no "
           "actions through them";
}

std::string PromTextSession::formatName() const {
    std::lock_guard lock(mu_);
    return mappingName_;
}

std::vector<std::string> PromTextSession::pools() const {
    std::lock_guard lock(mu_);
    std::vector<std::string> names;
    for (const auto& [name, p] : pools_) names.push_back(name);
    return names;
}

Result<Exposition> PromTextSession::scrape(bool& noAnswer, int* status) {
    noAnswer = false;
    const std::string path = fetcher_->prefix().empty() ? "/metrics" : "";
    const std::string where = "GET " + fetcher_->shownUrl() + path;
    auto reply = fetcher_->get(path);
    if (!reply) {
        // A refused, timed-out or TLS-failed request had no answer; a reply
        // over the cap did, and is asked for again at the interval.
        noAnswer = reply.message().find("longer than") == std::string::npos;
        return reply.error();
    }
    if (status) *status = reply->status;
    if (reply->status != 200) return Error{fetcher_->describeStatus(path, *reply)};
    if (const size_t nul = reply->body.find('\0'); nul != std::string::npos) {
        const auto line = 1 + std::count(reply->body.begin(), reply->body.begin() + static_cast<ptrdiff_t>(nul), '\n');
        return Error{where + ": line " + std::to_string(line) +
                     ": the reply holds binary data (a NUL byte), not Prometheus text"};
    }
    auto parsed = PromTextParser::parse(reply->body, PromTextParser::formatFromContentType(reply->contentType));
    if (!parsed) return Error{where + ": " + parsed.message()};
    lastBody_ = std::move(reply->body);
    return parsed;
}

Status PromTextSession::check(const Exposition& scrape, const std::string& body) const {
    const MetricMapping& m = tracker_->mapping();
    if (!m.detect(scrape)) {
        std::string names;
        for (const auto& n : m.detectAll) names += (names.empty() ? "" : ", ") + n;
        return Status::fail("GET " + shown_ + ": the reply lacks the " + m.name + " metrics (" + names +
                            "); was the service restarted with other metrics?");
    }
    // A sample read as something its TYPE says it is not would be read as
    // nonsense: a gauge as a counter (its falls taken for restarts), a
    // summary's quantiles as a gauge, a counter as a count of connections.
    // The kinds of the rules that read each sample name, as the tracker reads them.
    std::map<std::string, std::vector<RuleKind>, std::less<>> kinds;
    for (const MappingRule& r : m.rules)
        for (const std::string& name : r.metrics)
            kinds[r.kind == RuleKind::Histogram ? name + "_bucket" : name].push_back(r.kind);
    for (const MetricFamily& f : scrape.families) {
        for (const Sample& s : f.samples) {
            auto it = kinds.find(s.name);
            if (it == kinds.end()) continue;
            const Shape shape = shapeOf(f, s.name);
            if (std::any_of(it->second.begin(), it->second.end(), [&](RuleKind k) { return fits(k, shape); }))
                continue;
            const size_t line = lineOf(body, "# TYPE " + f.name + " ");
            const std::string sample = s.name == f.name ? "" : " (sample '" + s.name + "')";
            return Status::fail("GET " + shown_ + ": line " + std::to_string(line) + ": metric '" + f.name +
                                "' is a " + std::string(toString(f.type)) + sample + ", but the " + m.name +
                                " format reads it as a " + std::string(toString(it->second.front())));
        }
    }
    return Status::ok();
}

void PromTextSession::take(const Exposition& scrape) {
    const int64_t t = wallMs();
    ForeignScrapeResult r = tracker_->update(scrape, t);
    std::lock_guard lock(mu_);
    for (PoolSnapshot& s : r.snapshots) {
        if (!spec_.pool.empty() && s.pool != spec_.pool) continue;
        s.source = shown_;
        PoolState& p = pools_[s.pool];
        p.latest = std::move(s);
        p.fresh = true;
    }
    for (const std::string& pool : r.resets) {
        if (!spec_.pool.empty() && pool != spec_.pool) continue;
        markers_.push_back({pool, t,
                            "the service's counters went backwards (it restarted); totals carry on from where "
                            "they were"});
    }
    lastError_.clear();
    health_.lastDataMs = t;
    lastDataSteadyMs_ = steadyMs();
}

StartResult PromTextSession::start() {
    if (started_ || stopping_) return StartResult::fail(StartStage::Arguments, {}, "the session was already started");
    auto opened = HttpFetcher::open(spec_.http);
    if (!opened) return StartResult::fail(StartStage::Arguments, "--attach", opened.message());
    fetcher_ = std::move(*opened);
    shown_ = fetcher_->shownUrl() + (fetcher_->prefix().empty() ? "/metrics" : "");

    std::optional<MetricMapping> mapping;
    if (!mappingFile_.empty()) {
        auto loaded = MetricMapping::load(mappingFile_);
        if (!loaded) return StartResult::fail(StartStage::Arguments, "--attach", loaded.message());
        mapping = std::move(*loaded);
    } else if (!format_.empty()) {
        auto name = mappingNameOf(format_);
        if (!name)
            return StartResult::fail(StartStage::Arguments, "--attach",
                                     "?format=" + format_ + " is not a known format; use one of " + formatNames() +
                                         ", or ?mapping=FILE");
        mapping = BuiltinMappings::byName(*name);
        if (!mapping)
            return StartResult::fail(StartStage::Arguments, "--attach", "the shipped mapping " + *name + " is missing");
    }

    bool noAnswer = false;
    int status = 0;
    auto first = scrape(noAnswer, &status);
    if (!first) {
        if (noAnswer) return StartResult::fail(StartStage::Reach, {}, "cannot reach " + shown_ + ": " + first.message());
        std::string m = first.message();
        if (status == 401) m += "; give the service's token with --token-file FILE, or user:password@ in the URL";
        return StartResult::fail(StartStage::Arguments, "--attach", m);
    }
    if (!mapping) {
        mapping = BuiltinMappings::detect(*first);
        if (!mapping)
            return StartResult::fail(StartStage::Arguments, "--attach",
                                     "GET " + shown_ +
                                         ": no known pool metrics in the reply (Go database/sql go_sql_*, "
                                         "HikariCP hikaricp_*, pgxpool, OpenTelemetry db_client_connection*, "
                                         "pgbouncer_exporter pgbouncer_*); name the format with ?format=" +
                                         formatNames() + " or give ?mapping=FILE");
    }
    {
        std::lock_guard lock(mu_);
        mappingName_ = mapping->name;
    }
    tracker_.emplace(std::move(*mapping));
    if (auto s = check(*first, lastBody_); !s) return StartResult::fail(StartStage::Arguments, "--attach", s.message());
    take(*first);
    {
        std::lock_guard lock(mu_);
        if (pools_.empty())
            return StartResult::fail(StartStage::Arguments, "--attach",
                                     spec_.pool.empty() ? "GET " + shown_ + ": the reply names no pool"
                                                        : "GET " + shown_ + ": the reply has no pool named '" +
                                                              spec_.pool + "'");
    }
    started_ = true;
    fetchThread_ = std::thread([this] { fetchLoop(); });
    return StartResult::ok();
}

void PromTextSession::fetchLoop() {
    int64_t backoff = 0;
    std::string lastNotice;
    while (!stopping_) {
        if (!sleepFor(backoff > 0 ? backoff : spec_.intervalMs)) break;
        bool noAnswer = false;
        auto got = scrape(noAnswer);
        Status s = got ? check(*got, lastBody_) : Status(got.error());
        if (stopping_) break;
        if (s) {
            take(*got);
            backoff = 0;
            lastNotice.clear();
            continue;
        }
        std::lock_guard lock(mu_);
        lastError_ = s.message();
        if (s.message() != lastNotice) {
            lastNotice = s.message();
            notices_.push_back(s.message() + "; keeping the last good data");
        }
        // A service that answers (even badly) is asked again at the interval;
        // one that does not, with a growing backoff.
        backoff = noAnswer ? (backoff == 0 ? kFirstBackoffMs : std::min(backoff * 2, kMaxBackoffMs)) : 0;
    }
}

bool PromTextSession::sleepFor(int64_t ms) {
    std::unique_lock lock(mu_);
    return !wake_.wait_for(lock, std::chrono::milliseconds(ms), [this] { return stopping_.load(); });
}

void PromTextSession::poll(PollResult& out, bool withSnapshots) {
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

void PromTextSession::stop() {
    if (stopping_.exchange(true)) return;
    {
        std::lock_guard lock(mu_);
        wake_.notify_all();
    }
    if (fetcher_) fetcher_->stop();
    if (fetchThread_.joinable()) fetchThread_.join();
}

}  // namespace poolscope
