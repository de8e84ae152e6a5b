#pragma once
// A service's /metrics as a test scripts it: a tiny HTTP server on loopback
// whose reply (status, body, content type, delay) the test changes while a
// poolscope attached to it keeps scraping.

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>

namespace poolscope::testrun {

class ScriptedMetricsServer {
public:
    struct Reply {
        int status = 200;
        std::string body;
        std::string contentType = "text/plain; version=0.0.4; charset=utf-8";
        int delayMs = 0;  ///< before the reply is sent
    };

    ScriptedMetricsServer() {
        server_.Get("/metrics", [this](const httplib::Request&, httplib::Response& res) {
            Reply r;
            {
                std::lock_guard lock(mu_);
                r = reply_;
            }
            ++requests_;
            const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(r.delayMs);
            while (!stopping_ && std::chrono::steady_clock::now() < end)
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            res.status = r.status;
            res.set_content(r.body, r.contentType.c_str());
        });
        // Listening once bound: scrapes queue until the accept loop runs.
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
    }
    ~ScriptedMetricsServer() {
        stopping_ = true;
        server_.stop();
        if (thread_.joinable()) thread_.join();
    }
    ScriptedMetricsServer(const ScriptedMetricsServer&) = delete;
    ScriptedMetricsServer& operator=(const ScriptedMetricsServer&) = delete;

    int port() const { return port_; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/metrics"; }

    /// What every scrape from now on gets.
    void set(Reply reply) {
        std::lock_guard lock(mu_);
        reply_ = std::move(reply);
    }
    void setBody(std::string body) { set(Reply{200, std::move(body)}); }
    /// Scrapes answered (or being answered) so far.
    int requests() const { return requests_; }

private:
    httplib::Server server_;
    std::thread thread_;
    std::mutex mu_;
    Reply reply_;
    std::atomic<int> requests_{0};
    std::atomic<bool> stopping_{false};
    int port_ = 0;
};

}  // namespace poolscope::testrun
