// `poolscope-bench fleet`: a fleet of pools behind a real Prometheus server,
// and the dashboard's whole path for it, timed per refresh.
//
// The fleet: E exporters in this process (cpp-httplib on loopback), each
// serving P/E pools in PoolScope's /metrics format with figures that move
// every scrape (some pools in a wait storm, some leaking, a few unbounded),
// one Prometheus job per exporter labelled with the database server its
// pools use, and a postgres_exporter-like target giving each server's
// max_connections. Debian's prometheus scrapes them every 5 s from its own
// temporary folder.
//
// The dashboard's path: a PrometheusSession under the GUI's SessionSource on
// a worker thread, the SourceManager, the HealthMonitor and the FleetPanel
// (shown offscreen at 1280x800) on this, the GUI thread. Per refresh it
// prints the refresh's wall time and queries (PrometheusSession's own
// count), the CPU time the GUI thread spent between two refreshes, and the
// longest the GUI thread did not answer a 10 ms heartbeat.

#include <QApplication>
#include <QElapsedTimer>
#include <QTimer>
#include <QTreeView>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <time.h>
#include <vector>

#include "app/sources/HealthMonitor.h"
#include "app/sources/SessionSource.h"
#include "app/sources/SourceManager.h"
#include "app/ui/FleetPanel.h"
#include "core/health/Thresholds.h"
#include "core/session/HttpFetcher.h"
#include "core/session/PrometheusSession.h"
#include "core/telemetry/PrometheusText.h"
#include <httplib.h>
#include "tests/bench/BenchCommand.h"
#include "widgets/FleetModel.h"

extern char** environ;

namespace poolscope::bench {

namespace {

namespace fs = std::filesystem;

double threadCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/// This process's resident memory, MB (VmRSS).
double rssMb() {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::atof(line.c_str() + 6) / 1024.0;
    return 0;
}

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

/// One exporter: `pools` pools whose figures move at every scrape.
class FleetExporter {
public:
    FleetExporter(int index, int pools) : index_(index) {
        for (int i = 0; i < pools; ++i) {
            PoolSnapshot s;
            s.source = "embedded";
            s.driver = "postgresql";
            s.pool = "pool-" + std::to_string(index) + "-" + std::to_string(i);
            s.config.name = s.pool;
            s.lifecycle = Lifecycle::Started;
            // Every 17th pool unbounded, the others 10..40.
            s.config.maxOpen = i % 17 == 5 ? 0 : 10 + (i * 7) % 31;
            s.waitBuckets = WaitBuckets{};
            snapshots_.push_back(std::move(s));
        }
        server_.Get("/metrics", [this](const httplib::Request&, httplib::Response& res) {
            res.set_content(scrape(), "text/plain; version=0.0.4");
        });
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        while (!server_.is_running()) std::this_thread::yield();
    }
    ~FleetExporter() {
        server_.stop();
        thread_.join();
    }
    int port() const { return port_; }

private:
    std::string scrape() {
        std::lock_guard lock(mu_);
        ++tick_;
        std::vector<PrometheusPool> pools;
        for (size_t i = 0; i < snapshots_.size(); ++i) {
            PoolSnapshot& s = snapshots_[i];
            const bool storm = i % 23 == 3;  // callers outnumber connections
            const bool leak = i % 31 == 7;   // connections never come back
            const int64_t cap = s.config.maxOpen > 0 ? s.config.maxOpen : 200;
            const int64_t wave = static_cast<int64_t>((std::sin((tick_ + i) * 0.3) + 1) * cap * 0.3);
            s.counts.inUse = storm || leak ? cap : std::min<int64_t>(cap, wave);
            s.counts.open = std::max<int64_t>(s.counts.inUse, std::min<int64_t>(cap, s.counts.inUse + 2));
            s.counts.idle = s.counts.open - s.counts.inUse;
            s.counts.waiting = storm ? 3 * cap : 0;
            const uint64_t acquires = 100 + i % 50;
            s.totals.acquired += acquires;
            s.totals.released += leak ? 0 : acquires;
            s.totals.created = static_cast<uint64_t>(s.counts.open);
            s.totals.leaks += leak ? 1 : 0;
            s.totals.timeouts += storm ? 5 : 0;
            WaitBuckets& b = *s.waitBuckets;
            const double waitS = storm ? 2.0 : 0.0002;
            for (int k = 0; k < WaitBuckets::kBounds; ++k)
                if (WaitBuckets::kUpperBounds[k] >= waitS) b.cumulative[k] += acquires;
            b.count += acquires;
            b.sumSeconds += waitS * acquires;
            s.totals.waitCount += storm ? acquires : 0;
            s.totals.waitMs += storm ? waitS * 1000 * acquires : 0;
            s.tMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::system_clock::now().time_since_epoch()).count();
            pools.push_back({&s, nullptr});
        }
        return prometheusText(pools);
    }

    int index_;
    std::mutex mu_;
    std::vector<PoolSnapshot> snapshots_;
    uint64_t tick_ = 0;
    httplib::Server server_;
    std::thread thread_;
    int port_ = 0;
};

/// The database servers' max_connections, as postgres_exporter names it.
class LimitsExporter {
public:
    explicit LimitsExporter(int servers) {
        server_.Get("/metrics", [servers](const httplib::Request&, httplib::Response& res) {
            std::string out = "# TYPE pg_settings_max_connections gauge\n";
            for (int i = 0; i < servers; ++i)
                out += "pg_settings_max_connections{server=\"db-" + std::to_string(i) + ":5432\"} 500\n";
            res.set_content(out, "text/plain; version=0.0.4");
        });
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        while (!server_.is_running()) std::this_thread::yield();
    }
    ~LimitsExporter() {
        server_.stop();
        thread_.join();
    }
    int port() const { return port_; }

private:
    httplib::Server server_;
    std::thread thread_;
    int port_ = 0;
};

/// Debian's prometheus in a temporary folder, killed at the end.
class Prometheus {
public:
    Prometheus(const std::string& binary, const fs::path& dir, int port) : dir_(dir), port_(port) {
        std::vector<std::string> argv{binary, "--config.file=" + (dir / "prometheus.yml").string(),
                                      "--storage.tsdb.path=" + (dir / "data").string(),
                                      "--web.listen-address=127.0.0.1:" + std::to_string(port),
                                      "--log.level=warn"};
        std::vector<char*> raw;
        for (auto& a : argv) raw.push_back(a.data());
        raw.push_back(nullptr);
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        const std::string log = (dir / "prometheus.log").string();
        posix_spawn_file_actions_addopen(&fa, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        posix_spawn_file_actions_addopen(&fa, 2, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (posix_spawnp(&pid_, binary.c_str(), &fa, nullptr, raw.data(), environ) != 0) pid_ = -1;
        posix_spawn_file_actions_destroy(&fa);
    }
    ~Prometheus() {
        if (pid_ > 0) {
            ::kill(pid_, SIGTERM);
            int status = 0;
            waitpid(pid_, &status, 0);
        }
    }
    /// False once the process has exited (a port taken, a bad config: see its log).
    bool running() {
        int status = 0;
        if (pid_ > 0 && waitpid(pid_, &status, WNOHANG) == pid_) pid_ = -1;
        return pid_ > 0;
    }

private:
    fs::path dir_;
    int port_;
    pid_t pid_ = -1;
};

/// A loopback port nothing listens on right now (the kernel's pick).
int freePort() {
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

/// The number of pools Prometheus has scraped (count of poolscope_pool_info), -1 when it does not answer.
int scrapedPools(HttpFetcher& http) {
    auto r = http.get("/api/v1/query?query=count(poolscope_pool_info)");
    if (!r || r->status != 200) return -1;
    // {"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1733.1,"200"]}]}}
    const auto at = r->body.find("\"value\":[");
    if (at == std::string::npos) return 0;
    const auto quote = r->body.find('"', r->body.find(',', at));
    return quote == std::string::npos ? 0 : std::atoi(r->body.c_str() + quote + 1);
}

}  // namespace

int runFleetBench(const BenchArgs& args) {
    const int pools = static_cast<int>(args.number("pools", 2000));
    const int exporters = std::max(1, static_cast<int>(args.number("exporters", 8)));
    const int refreshes = std::max(2, static_cast<int>(args.number("refreshes", 5)));
    const int intervalS = std::max(1, static_cast<int>(args.number("interval", 15)));
    const int holdS = static_cast<int>(args.number("hold", 0));
    const std::string binary = args.values.count("prometheus") ? args.values.at("prometheus") : "prometheus";
    const int servers = std::max(1, exporters / 2);

    std::vector<std::unique_ptr<FleetExporter>> fleet;
    for (int e = 0; e < exporters; ++e)
        fleet.push_back(std::make_unique<FleetExporter>(e, pools / exporters + (e < pools % exporters ? 1 : 0)));
    LimitsExporter limits(servers);

    const fs::path dir = fs::temp_directory_path() / ("poolscope-fleet-bench-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    {
        std::ofstream cfg(dir / "prometheus.yml");
        cfg << "global:\n  scrape_interval: 5s\n  scrape_timeout: 4s\nscrape_configs:\n";
        for (int e = 0; e < exporters; ++e)
            cfg << "  - job_name: service-" << e << "\n    static_configs:\n      - targets: ['127.0.0.1:"
                << fleet[e]->port() << "']\n        labels: {server: 'db-" << e % servers << ":5432'}\n";
        cfg << "  - job_name: postgres-exporter\n    static_configs:\n      - targets: ['127.0.0.1:" << limits.port()
            << "']\n";
    }
    const int port = freePort();
    Prometheus prom(binary, dir, port);
    if (!prom.running()) {
        std::fprintf(stderr, "fleet: cannot start %s (install the Debian package prometheus)\n", binary.c_str());
        return 2;
    }
    HttpSettings http;
    http.url = "http://127.0.0.1:" + std::to_string(port);
    http.connectTimeoutMs = 500;
    http.readTimeoutMs = 5000;
    auto fetcher = HttpFetcher::open(http);
    if (!fetcher) return 2;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (scrapedPools(**fetcher) < pools) {
        if (std::chrono::steady_clock::now() > deadline || !prom.running()) {
            std::fprintf(stderr, "fleet: prometheus did not scrape %d pools within 120 s or exited (see %s)\n", pools,
                         (dir / "prometheus.log").c_str());
            return 2;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    const std::string url = "prometheus://127.0.0.1:" + std::to_string(port);
    std::fprintf(stderr, "fleet: %d pools in %d jobs behind %s\n", pools, exporters, url.c_str());

    static int argc = 1;
    static char name[] = "poolscope-bench";
    static char* argv[] = {name, nullptr};
    QApplication app(argc, argv);
    SourceManager sources;
    HealthMonitor health(sources, Thresholds::defaults());
    FleetPanel panel(sources, health);
    panel.resize(1280, 800);
    panel.show();

    RemoteSpec spec;
    spec.http.url = url;
    spec.http.readTimeoutMs = 10'000;
    spec.intervalMs = intervalS * 1000;
    auto session = std::make_unique<PrometheusSession>(spec);
    PrometheusSession* prometheus = session.get();
    sources.addSource(std::make_unique<SessionSource>(std::move(session), 100, QString(), true), "fleet");

    // The GUI thread's answer time: a 10 ms heartbeat, late by how much.
    QElapsedTimer beat;
    beat.start();
    qint64 lastBeat = 0, worstStall = 0;
    QTimer heart;
    heart.setInterval(10);
    QObject::connect(&heart, &QTimer::timeout, [&] {
        const qint64 now = beat.elapsed();
        worstStall = std::max(worstStall, now - lastBeat - 10);
        lastBeat = now;
    });
    heart.start();

    std::vector<double> refreshMs, guiMs, stallMs;
    uint64_t seen = 0;
    double cpuAt = threadCpuMs();
    int queries = 0, rows = 0;
    QTimer watch;
    watch.setInterval(50);
    QObject::connect(&watch, &QTimer::timeout, [&] {
        const PrometheusRefreshStats st = prometheus->lastRefresh();
        if (st.number == seen || st.number < 2) return;  // the first refresh is start()'s
        // Give the GUI thread the refresh's snapshots and a flush before reading its time.
        if (panel.model().hasPending()) return;
        if (seen != 0) {
            const double cpu = threadCpuMs();
            refreshMs.push_back(static_cast<double>(st.elapsedMs));
            guiMs.push_back(cpu - cpuAt);
            stallMs.push_back(static_cast<double>(worstStall));
            queries = st.queries;
            rows = panel.model().poolCount();
            std::printf("fleet refresh=%llu pools=%zu queries=%d series=%zu bytes=%zu refresh_ms=%lld "
                        "gui_cpu_ms=%.1f gui_stall_ms=%lld\n",
                        static_cast<unsigned long long>(st.number), st.pools, st.queries, st.series, st.bytes,
                        static_cast<long long>(st.elapsedMs), cpu - cpuAt, static_cast<long long>(worstStall));
            std::fflush(stdout);
        }
        cpuAt = threadCpuMs();
        worstStall = 0;
        seen = st.number;
        if (static_cast<int>(refreshMs.size()) >= refreshes) app.quit();
    });
    watch.start();
    if (holdS > 0) {
        std::fprintf(stderr, "fleet: holding %d s; attach with: poolscope --attach %s\n", holdS, url.c_str());
        QTimer::singleShot(holdS * 1000, &app, &QApplication::quit);
        QObject::disconnect(&watch, nullptr, nullptr, nullptr);
    }
    QTimer::singleShot((refreshes + 4) * intervalS * 1000 + 60'000 + holdS * 1000, &app, &QApplication::quit);
    app.exec();
    if (refreshMs.empty()) {
        if (holdS > 0) return 0;
        std::fprintf(stderr, "fleet: no refresh completed\n");
        return 1;
    }
    std::printf("fleet pools=%d shown=%d queries_per_refresh=%d refresh_ms_median=%.0f gui_cpu_ms_median=%.1f "
                "gui_stall_ms_max=%.0f rss_mb=%.0f\n",
                pools, rows, queries, median(refreshMs), median(guiMs),
                *std::max_element(stallMs.begin(), stallMs.end()), rssMb());
    std::error_code ec;
    fs::remove_all(dir, ec);
    return 0;
}

}  // namespace poolscope::bench
