#include "core/drivers/SimDriver.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <utility>

namespace poolscope {
namespace {

using std::chrono::steady_clock;

constexpr std::string_view kRestartMessage =
    "server closed the connection unexpectedly (simulated restart)";

/// Whole milliseconds from `start` to `deadline`, 0 if the deadline had passed.
int64_t msUntil(steady_clock::time_point start, Deadline deadline) {
    if (deadline <= start) return 0;
    return std::chrono::round<std::chrono::milliseconds>(deadline - start).count();
}

/// A session on a SimServer. The private connection class of SimDriver.
class SimConnection final : public Connection {
public:
    SimConnection(std::shared_ptr<SimServer> server, SimServer::Session session)
        : server_(std::move(server)), session_(session) {}
    ~SimConnection() override { server_->close(session_.generation); }

    Status validate(Deadline /*deadline*/) override {
        if (!alive()) return Status::fail(std::string(kRestartMessage), true);
        return Status::ok();
    }

    Result<QueryResult> execute(std::string_view /*sql*/, Deadline deadline) override {
        if (!alive()) return Error{std::string(kRestartMessage), true};
        const auto delay = server_->queryDelay();
        if (delay.count() > 0) {
            const auto start = steady_clock::now();
            switch (sleep(start + delay, deadline)) {
                case Wake::Done:
                    break;
                case Wake::Deadline:
                    return Error{"query canceled: statement timeout after " +
                                 std::to_string(msUntil(start, deadline)) + " ms"};
                case Wake::Canceled:
                    return Error{"query canceled: canceling statement due to user request"};
            }
            // The server may have restarted while the statement ran.
            if (!alive()) return Error{std::string(kRestartMessage), true};
        }
        if (server_->rollFailure()) return Error{"simulated query failure"};
        return QueryResult{1};
    }

    void cancel() override {
        std::lock_guard lock(mutex_);
        if (running_) {
            canceled_ = true;
            wake_.notify_all();
        }
    }

    int64_t serverId() const override { return session_.id; }

private:
    enum class Wake { Done, Deadline, Canceled };

    /// False once the server restarted after this session opened; stays false.
    bool alive() {
        if (broken_) return false;
        broken_ = !server_->alive(session_.generation);
        return !broken_;
    }

    /// Sleeps until `end`, the deadline or cancel(), whichever comes first.
    Wake sleep(steady_clock::time_point end, Deadline deadline) {
        std::unique_lock lock(mutex_);
        running_ = true;
        canceled_ = false;
        const bool canceled =
            wake_.wait_until(lock, std::min(end, deadline), [this] { return canceled_; });
        running_ = false;
        if (canceled) return Wake::Canceled;
        return end <= deadline ? Wake::Done : Wake::Deadline;
    }

    std::shared_ptr<SimServer> server_;
    SimServer::Session session_;
    bool broken_ = false;  // only touched by the thread holding the connection

    std::mutex mutex_;  // guards running_ and canceled_ (cancel() comes from other threads)
    std::condition_variable wake_;
    bool running_ = false;
    bool canceled_ = false;
};

}  // namespace

Result<std::shared_ptr<SimDriver>> SimDriver::create(const Url& url) {
    if (url.scheme() != "sim")
        return Error{"not a sim:// URL: " + url.masked() + "; expected e.g. sim://?query_ms=5"};
    if (Status s = url.checkParams({"connect_ms", "query_ms", "jitter_ms", "fail_pct",
                                    "max_server_conns", "restart_every_s"});
        !s) {
        return s;
    }
    constexpr double kDayMs = 86'400'000;
    auto connectMs = url.numberParam("connect_ms", 0, 0, kDayMs);
    auto queryMs = url.numberParam("query_ms", 0, 0, kDayMs);
    auto jitterMs = url.numberParam("jitter_ms", 0, 0, kDayMs);
    auto failPct = url.numberParam("fail_pct", 0, 0, 100);
    auto maxConns = url.integerParam("max_server_conns", 0, 0, 1'000'000);
    auto restartS = url.numberParam("restart_every_s", 0, 0, 86'400 * 365);
    for (const Status& s : {connectMs.status(), queryMs.status(), jitterMs.status(),
                            failPct.status(), maxConns.status(), restartS.status()}) {
        if (!s) return s;
    }
    SimServer::Options options;
    options.connectMs = *connectMs;
    options.queryMs = *queryMs;
    options.jitterMs = *jitterMs;
    options.failPct = *failPct;
    options.maxServerConns = *maxConns;
    options.restartEveryS = *restartS;
    return std::make_shared<SimDriver>(options, url.masked());
}

SimDriver::SimDriver(SimServer::Options options, std::string displayUrl)
    : displayUrl_(std::move(displayUrl)), server_(std::make_shared<SimServer>(options)) {}

Result<std::unique_ptr<Connection>> SimDriver::connect(Deadline deadline) {
    const auto delay = server_->connectDelay();
    if (delay.count() > 0) {
        const auto start = steady_clock::now();
        if (start + delay > deadline) {
            std::this_thread::sleep_until(deadline);
            return Error{"connect to sim server timed out after " +
                         std::to_string(msUntil(start, deadline)) + " ms (" + displayUrl_ + ")"};
        }
        std::this_thread::sleep_until(start + delay);
    }
    if (server_->down()) {
        return Error{"connect to " + displayUrl_ +
                     " failed: Connection refused (simulated restart: the server is down)"};
    }
    const auto session = server_->open();
    if (!session) {
        return Error{"connect to " + displayUrl_ +
                     " failed: FATAL: sorry, too many clients already (max_server_conns=" +
                     std::to_string(server_->options().maxServerConns) + ")"};
    }
    return std::unique_ptr<Connection>(std::make_unique<SimConnection>(server_, *session));
}

}  // namespace poolscope
