#include "core/session/AttachSession.h"

#include "core/drivers/Url.h"
#include "core/session/HttpFetcher.h"
#ifdef POOLSCOPE_HAVE_PGBOUNCER
#include "core/session/PgBouncerSession.h"
#endif
#include "core/session/PromTextSession.h"
#include "core/session/PrometheusSession.h"
#include "core/session/ServerViewSession.h"

namespace poolscope {

bool AttachSession::isPromTextUrl(const std::string& url) {
    auto u = Url::parse(url);
    if (!u) return false;
    std::string path = u->path();
    while (!path.empty() && path.back() == '/') path.pop_back();
    return path.ends_with("/metrics") || u->param("format") || u->param("mapping");
}

std::string AttachSession::metricsUrlOf(const std::string& url) {
    // The query starts at the first '?' after the user info, which (as
    // Url::parse reads it) runs to the last '@' before the first '/': a
    // password may hold a '?' of its own.
    size_t from = url.find("://");
    from = from == std::string::npos ? 0 : from + 3;
    const size_t slash = url.find('/', from);
    const size_t at = url.substr(from, slash == std::string::npos ? std::string::npos : slash - from).rfind('@');
    if (at != std::string::npos) from += at + 1;
    const size_t q = url.find('?', from);
    std::string base = url.substr(0, q);
    const std::string query = q == std::string::npos ? "" : url.substr(q);
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base + "/metrics" + query;
}

AttachSession::AttachSession(RemoteSpec spec) : spec_(std::move(spec)), shown_(maskPassword(spec_.http.url)) {}

AttachSession::~AttachSession() { stop(); }

std::string AttachSession::description() const { return inner_ ? inner_->description() : "attach " + shown_; }
std::string AttachSession::sourceName() const { return inner_ ? inner_->sourceName() : shown_; }

unsigned AttachSession::controls() const {
    if (inner_) return inner_->controls();
    return spec_.http.token.empty() ? NoControl : (CanChangeLifecycle | CanReconfigure);
}

std::string AttachSession::controlsNote() const {
    if (inner_) return inner_->controlsNote();
    return RemoteSession(spec_).controlsNote();
}

StartResult AttachSession::start() {
    if (inner_) return StartResult::fail(StartStage::Arguments, {}, "the session was already started");
    auto opened = HttpFetcher::open(spec_.http);
    if (!opened) return StartResult::fail(StartStage::Arguments, "--attach", opened.message());
    const std::string listPath = "/api/v1/pools";
    auto probe = (*opened)->get(listPath);
    if (!probe)
        return StartResult::fail(StartStage::Reach, {}, "cannot reach the endpoint: " + probe.message());
    if (probe->status != 404) {
        inner_ = std::make_unique<RemoteSession>(spec_);
        return inner_->start();
    }
    // Not a PoolScope endpoint: a service's own Prometheus metrics, perhaps.
    RemoteSpec prom = spec_;
    prom.http.url = metricsUrlOf(spec_.http.url);
    inner_ = std::make_unique<PromTextSession>(std::move(prom));
    StartResult r = inner_->start();
    if (!r)
        r.status = Status::fail((*opened)->describeStatus(listPath, *probe) +
                                " (not a PoolScope endpoint), and its /metrics cannot be read either: " +
                                r.status.message());
    return r;
}

void AttachSession::poll(PollResult& out, bool withSnapshots) {
    if (inner_) inner_->poll(out, withSnapshots);
}

void AttachSession::stop() {
    if (inner_) inner_->stop();
}

std::vector<std::string> AttachSession::pools() const { return inner_ ? inner_->pools() : std::vector<std::string>{}; }
ServerLimits AttachSession::serverLimits(const std::string& pool) const {
    return inner_ ? inner_->serverLimits(pool) : ServerLimits{};
}
std::string AttachSession::serverKey(const std::string& pool) const {
    return inner_ ? inner_->serverKey(pool) : std::string{};
}
PoolPlace AttachSession::placeOf(const std::string& pool) const {
    return inner_ ? inner_->placeOf(pool) : PoolPlace{};
}
bool AttachSession::canBackfill() const { return inner_ && inner_->canBackfill(); }
Result<std::vector<PoolSnapshot>> AttachSession::backfill(const std::string& pool, int64_t fromMs, int64_t toMs,
                                                         int64_t stepMs) const {
    return inner_ ? inner_->backfill(pool, fromMs, toMs, stepMs) : SnapshotSource::backfill(pool, fromMs, toMs, stepMs);
}
Status AttachSession::reconfigure(const std::string& pool, const PoolConfig& config) {
    if (!inner_) return unsupported();
    if (!(inner_->controls() & CanReconfigure)) return Status::fail(inner_->controlsNote());
    return inner_->reconfigure(pool, config);
}
Status AttachSession::lifecycleAction(const std::string& pool, std::string_view action) {
    if (!inner_) return unsupported();
    if (!(inner_->controls() & CanChangeLifecycle)) return Status::fail(inner_->controlsNote());
    return inner_->lifecycleAction(pool, action);
}

std::unique_ptr<SnapshotSource> openAttach(const RemoteSpec& spec) {
#ifdef POOLSCOPE_HAVE_PGBOUNCER
    if (PgBouncerSession::isPgBouncerUrl(spec.http.url)) return std::make_unique<PgBouncerSession>(spec);
#endif
    if (PrometheusSession::isPrometheusUrl(spec.http.url)) return std::make_unique<PrometheusSession>(spec);
    if (ServerViewSession::isServerViewUrl(spec.http.url)) return std::make_unique<ServerViewSession>(spec);
    if (AttachSession::isPromTextUrl(spec.http.url)) return std::make_unique<PromTextSession>(spec);
    return std::make_unique<AttachSession>(spec);
}

}  // namespace poolscope
