#pragma once
// The Go peer (tests/peers/gosql): a real database/sql pool on lib/pq against
// the test PostgreSQL, client_golang's DBStats collector on /metrics, its
// db.Stats() as JSON on /stats (and printed around every scrape), and
// /incident?kind=healthy|wait_storm|leak|unbounded to make it misbehave.
// Used by the foreign-format attach tests and by the Prometheus attach test.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "core/session/HttpFetcher.h"
#include "core/telemetry/Json.h"
#include "tests/app/ChildProcess.h"

#ifndef GOSQL_PEER_BIN
#error "GOSQL_PEER_BIN must name the Go peer's executable"
#endif

namespace poolscope::testrun {

class GoPeer {
public:
    GoPeer() : proc_("gosql-peer") {}

    /// Starts the peer on `dsn` with db_name label `name`; true once it
    /// listens (within 30 s). A failure says why, with the peer's stderr.
    bool start(const std::string& dsn, const std::string& name = "orders") {
        if (!std::filesystem::exists(GOSQL_PEER_BIN)) {
            ADD_FAILURE() << GOSQL_PEER_BIN << " was not built: install golang-go, golang-github-lib-pq-dev and "
                             "golang-github-prometheus-client-golang-dev (scripts/lib.sh does), then reconfigure";
            return false;
        }
        if (!proc_.start({GOSQL_PEER_BIN, "-dsn", dsn, "-listen", "127.0.0.1:0", "-name", name})) return false;
        const std::regex listening(R"(listening on http://127\.0\.0\.1:(\d+))");
        const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (std::chrono::steady_clock::now() < end) {
            std::smatch m;
            const std::string out = proc_.stdoutText();
            if (std::regex_search(out, m, listening)) {
                port_ = std::stoi(m[1]);
                return true;
            }
            if (!proc_.running()) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        ADD_FAILURE() << "the Go peer did not start; stderr:\n" << proc_.stderrText();
        return false;
    }
    int port() const { return port_; }
    std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
    std::string metricsUrl() const { return "http://" + address() + "/metrics"; }

    /// Switches the peer's incident (healthy, wait_storm, leak, unbounded).
    void incident(const std::string& kind) {
        auto r = get("/incident?kind=" + kind);
        ASSERT_TRUE(r) << "GET /incident: " << r.message();
        ASSERT_EQ(r->status, 200) << r->body;
    }
    /// db.Stats() now.
    Json stats() {
        auto r = get("/stats");
        if (!r || r->status != 200) {
            ADD_FAILURE() << "GET /stats failed: " << (r ? r->body : r.message());
            return {};
        }
        auto j = Json::parse(r->body);
        return j ? *j : Json();
    }

    /// One /metrics scrape as the peer printed it.
    struct Scrape {
        int64_t tMs = 0;  ///< when the reply was complete (before the scraper had it)
        Json before, after;
    };
    std::vector<Scrape> scrapes() const {
        std::vector<Scrape> out;
        for (const std::string& line : proc_.stdoutLines()) {
            if (!line.starts_with("{")) continue;
            auto j = Json::parse(line);
            if (!j) continue;
            out.push_back({(*j)["t_ms"].asInt64().value_or(0), (*j)["before"], (*j)["after"]});
        }
        return out;
    }

    ChildProcess& process() { return proc_; }

private:
    Result<HttpReply> get(const std::string& path) const {
        HttpSettings http;
        http.url = "http://" + address();
        http.readTimeoutMs = 30'000;  // switching an incident waits for the last one's goroutines
        auto f = HttpFetcher::open(http);
        if (!f) return f.status();
        return (*f)->get(path);
    }

    ChildProcess proc_;
    int port_ = 0;
};

}  // namespace poolscope::testrun
