#pragma once
// A real Prometheus server a test starts on a free loopback port in its own
// temporary folder (config, TSDB, log), kills with SIGKILL and starts again
// on the same port and storage: the far side of a prometheus:// attach.

#include <gtest/gtest.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "core/session/HttpFetcher.h"

#ifndef PROMETHEUS_BIN
#error "PROMETHEUS_BIN must name the prometheus executable"
#endif

extern char** environ;

namespace poolscope::testrun {

/// Wall-clock milliseconds since the epoch (Prometheus' time axis).
inline int64_t wallMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

/// A loopback port nothing listens on right now (the kernel's pick).
inline int freeLoopbackPort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0)
        port = ntohs(a.sin_port);
    ::close(fd);
    return port;
}

class PrometheusServer {
public:
    /// `dir` holds prometheus.yml (written by the test), data/ and the log.
    explicit PrometheusServer(std::filesystem::path dir) : dir_(std::move(dir)) {
        std::filesystem::create_directories(dir_);
    }
    ~PrometheusServer() { kill(SIGKILL); }

    const std::filesystem::path& dir() const { return dir_; }
    int port() const { return port_; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

    /// Writes the config with a 1 s scrape and rule evaluation interval: one
    /// scrape job per entry of `jobs` (name, "host:port" targets), and the
    /// rule files `ruleFiles` (paths relative to dir()).
    void writeConfig(const std::vector<std::pair<std::string, std::vector<std::string>>>& jobs,
                     const std::vector<std::string>& ruleFiles = {}) const {
        std::ofstream out(dir_ / "prometheus.yml");
        out << "global:\n  scrape_interval: 1s\n  scrape_timeout: 900ms\n  evaluation_interval: 1s\n";
        if (!ruleFiles.empty()) {
            out << "rule_files:\n";
            for (const std::string& f : ruleFiles) out << "  - '" << f << "'\n";
        }
        out << "scrape_configs:\n";
        for (const auto& [job, targets] : jobs) {
            out << "  - job_name: " << job << "\n    static_configs:\n      - targets: [";
            for (size_t i = 0; i < targets.size(); ++i) out << (i ? ", " : "") << "'" << targets[i] << "'";
            out << "]\n";
        }
    }

    /// Starts prometheus (on a free port the first time, the same port after)
    /// and waits (up to `deadline`) until /-/ready answers 200. False, with a
    /// test failure naming the log, when it did not.
    bool start(std::chrono::seconds deadline = std::chrono::seconds(60)) {
        if (port_ == 0) port_ = freeLoopbackPort();
        ++runs_;
        std::vector<std::string> argv{PROMETHEUS_BIN,
                                      "--config.file=" + (dir_ / "prometheus.yml").string(),
                                      "--storage.tsdb.path=" + (dir_ / "data").string(),
                                      "--web.listen-address=127.0.0.1:" + std::to_string(port_),
                                      "--log.level=warn"};
        std::vector<char*> raw;
        for (auto& a : argv) raw.push_back(a.data());
        raw.push_back(nullptr);
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_addopen(&fa, 1, logFile().c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        posix_spawn_file_actions_addopen(&fa, 2, logFile().c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        const int rc = posix_spawn(&pid_, PROMETHEUS_BIN, &fa, nullptr, raw.data(), environ);
        posix_spawn_file_actions_destroy(&fa);
        if (rc != 0) {
            ADD_FAILURE() << "cannot start " << PROMETHEUS_BIN << " (install the Debian package prometheus)";
            pid_ = -1;
            return false;
        }
        HttpSettings http;
        http.url = url();
        http.connectTimeoutMs = 500;
        http.readTimeoutMs = 2'000;
        auto fetcher = HttpFetcher::open(http);
        const auto end = std::chrono::steady_clock::now() + deadline;
        while (fetcher && std::chrono::steady_clock::now() < end) {
            auto r = (*fetcher)->get("/-/ready");
            if (r && r->status == 200) return true;
            int status = 0;
            if (waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                ADD_FAILURE() << "prometheus exited before it was ready; log:\n" << log();
                return false;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        ADD_FAILURE() << "prometheus was not ready within " << deadline.count() << " s; log:\n" << log();
        return false;
    }

    /// Sends `sig` and reaps the process.
    void kill(int sig) {
        if (pid_ <= 0) return;
        ::kill(pid_, sig);
        int status = 0;
        waitpid(pid_, &status, 0);
        pid_ = -1;
    }

    std::string log() const {
        std::ifstream in(logFile());
        return std::string(std::istreambuf_iterator<char>(in), {});
    }

private:
    std::filesystem::path logFile() const { return dir_ / "prometheus.log"; }

    std::filesystem::path dir_;
    int port_ = 0;
    int runs_ = 0;
    pid_t pid_ = -1;
};

}  // namespace poolscope::testrun
