#include "core/exporter/Exporter.h"

#include <httplib.h>
#include <sys/socket.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include "core/exporter/BoundedTaskQueue.h"
#include "core/exporter/PoolActions.h"
#include "core/exporter/PoolFeed.h"
#include "core/pool/Pool.h"

namespace poolscope {
namespace {

bool isLoopback(const std::string& host) {
    return host == "localhost" || host == "::1" || host == "[::1]" || host.rfind("127.", 0) == 0;
}

std::string where(const ExporterOptions& o) {
    const bool v6 = o.host.find(':') != std::string::npos && o.host.front() != '[';
    return (v6 ? "[" + o.host + "]" : o.host) + ":" + std::to_string(o.port);
}

Status checkOptions(const ExporterOptions& o) {
    const std::string at = "exporter on " + where(o) + ": ";
    if (o.host.empty()) return Status::fail("exporter: the host is empty: give an address to bind, e.g. 127.0.0.1");
    if (o.port < 0 || o.port > 65535) return Status::fail(at + "the port must be 0..65535");
    if (o.threads < 1 || o.threads > 256) return Status::fail(at + "threads must be 1..256");
    if (o.maxClients < 1) return Status::fail(at + "max_clients must be at least 1");
    if (o.readTimeoutMs < 1 || o.writeTimeoutMs < 1 || o.idleTimeoutMs < 1)
        return Status::fail(at + "read, write and idle timeouts must be at least 1 ms");
    if (o.sseKeepAliveMs < 1) return Status::fail(at + "the event stream keep-alive must be at least 1 ms");
    if (o.flightRecorderMinutes < 1) return Status::fail(at + "the flight recorder needs at least 1 minute");
    if (o.eventBacklog < 1) return Status::fail(at + "the event backlog must hold at least 1 event");
    if (o.tlsCertFile.empty() != o.tlsKeyFile.empty())
        return Status::fail(at + "TLS needs both a certificate and a key file");
    if (!isLoopback(o.host) && o.token.empty())
        return Status::fail(at + "refusing to serve on a non-loopback address without a token: anyone who "
                                 "can reach it could suspend or reconfigure your pools. Give a token with "
                                 "--token-file FILE (ExporterOptions::token, see readTokenFile), or bind "
                                 "127.0.0.1");
    return Status::ok();
}

template <class Duration>
std::pair<time_t, time_t> secUsec(Duration d) {
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(d).count();
    return {static_cast<time_t>(us / 1'000'000), static_cast<time_t>(us % 1'000'000)};
}

}  // namespace

Exporter::Exporter(ExporterOptions options) : options_(std::move(options)) {}

Exporter::~Exporter() { stop(); }

Result<std::unique_ptr<Exporter>> Exporter::start(ExporterOptions options) {
    if (Status s = checkOptions(options); !s) return s;
    std::unique_ptr<Exporter> e(new Exporter(options));
    const std::string at = "exporter on " + where(options) + ": ";
    if (!options.tlsCertFile.empty()) {
        auto tls = std::make_unique<httplib::SSLServer>(options.tlsCertFile.c_str(), options.tlsKeyFile.c_str());
        if (!tls->is_valid())
            return Error{at + "cannot use the TLS certificate '" + options.tlsCertFile + "' with the key '" +
                         options.tlsKeyFile + "': check that both are readable PEM files and belong together"};
        e->server_ = std::move(tls);
    } else {
        e->server_ = std::make_unique<httplib::Server>();
    }
    httplib::Server& svr = *e->server_;
    const auto threads = static_cast<size_t>(options.threads);
    const auto maxClients = static_cast<size_t>(options.maxClients);
    svr.new_task_queue = [threads, maxClients] { return new BoundedTaskQueue(threads, maxClients); };
    auto [rs, ru] = secUsec(std::chrono::milliseconds(options.readTimeoutMs));
    svr.set_read_timeout(rs, ru);
    auto [ws, wu] = secUsec(std::chrono::milliseconds(options.writeTimeoutMs));
    svr.set_write_timeout(ws, wu);
    svr.set_keep_alive_timeout(std::max<time_t>(1, (options.idleTimeoutMs + 999) / 1000));
    svr.set_payload_max_length(size_t{64} << 10);
    // httplib's default also sets SO_REUSEPORT, which would let a second
    // exporter share a port in use instead of failing: reuse the address only.
    svr.set_socket_options([](socket_t sock) {
        int yes = 1;
        ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    e->routes();

    errno = 0;
    if (options.port == 0) {
        e->port_ = svr.bind_to_any_port(options.host);
        if (e->port_ <= 0) e->port_ = 0;
    } else if (svr.bind_to_port(options.host, options.port)) {
        e->port_ = options.port;
    }
    if (e->port_ == 0) {
        const int err = errno;
        return Error{at + "cannot listen" + (err != 0 ? std::string(": ") + std::strerror(err) : std::string()) +
                     " (is another process using the port, or is the address not on this machine?)"};
    }
    e->listener_ = std::thread([&svr] { svr.listen_after_bind(); });
    // stop() must find the server running, else its accept loop would never end.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!svr.is_running()) {
        if (std::chrono::steady_clock::now() > deadline) {
            svr.stop();
            return Error{at + "the server did not start within 10 s"};
        }
        std::this_thread::yield();
    }
    return e;
}

void Exporter::stop() {
    std::lock_guard lk(stopMu_);
    if (!server_) return;
    stopping_.store(true);
    for (const auto& f : feeds()) f->wake();
    server_->stop();
    if (listener_.joinable()) listener_.join();
    server_.reset();
}

void Exporter::addPool(const std::string& name, Pool* controls) {
    std::lock_guard lk(poolsMu_);
    auto& slot = pools_[name];
    if (slot) slot->setControls(controls);
    else slot = std::make_shared<PoolFeed>(name, controls, options_.eventBacklog, options_.flightRecorderMinutes);
}

void Exporter::publish(const PoolSnapshot& snapshot, const std::vector<TransitionEvent>& events,
                       const PoolHealth& health) {
    std::shared_ptr<PoolFeed> f;
    {
        std::lock_guard lk(poolsMu_);
        auto& slot = pools_[snapshot.pool];
        if (!slot)
            slot = std::make_shared<PoolFeed>(snapshot.pool, nullptr, options_.eventBacklog,
                                              options_.flightRecorderMinutes);
        f = slot;
    }
    f->publish(snapshot, events, health);
}

void Exporter::removePool(const std::string& name) {
    std::shared_ptr<PoolFeed> f;
    {
        std::lock_guard lk(poolsMu_);
        auto it = pools_.find(name);
        if (it == pools_.end()) return;
        f = std::move(it->second);
        pools_.erase(it);
    }
    f->detach();
}

std::shared_ptr<PoolFeed> Exporter::feed(const std::string& name) const {
    std::lock_guard lk(poolsMu_);
    auto it = pools_.find(name);
    return it == pools_.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<PoolFeed>> Exporter::feeds() const {
    std::lock_guard lk(poolsMu_);
    std::vector<std::shared_ptr<PoolFeed>> out;
    out.reserve(pools_.size());
    for (const auto& [name, f] : pools_) out.push_back(f);
    return out;
}

bool Exporter::authorized(const httplib::Request& req, bool always) const {
    if (options_.token.empty()) return true;
    if (!always && !options_.metricsNeedToken) return true;
    return bearerMatches(req.get_header_value("Authorization"), options_.token);
}

}  // namespace poolscope
