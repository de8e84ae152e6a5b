// The live query path against a real server: `SELECT 1` through a PoolScope
// pool, and in the same run the anchors it is judged by:
//   persistent          one connection per client thread, opened once, no pool
//   connect_per_request a new connection for every query (what a pool saves)
//   pgbench             PostgreSQL's own client, no pool (-n -f select1.sql)
//   pgbouncer           one persistent connection per client through PgBouncer
//                       (--pgbouncer URL; the test servers' POOLSCOPE_PGBOUNCER_TX_URL
//                       is a database in transaction mode)
// Rounds are interleaved (every mode once per round), so machine noise hits
// all alike; the summary gives medians and the pooled/anchor ratios.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

#include "core/drivers/DriverFactory.h"
#include "core/drivers/Url.h"
#include "core/pool/Pool.h"
#include "tests/bench/BenchCommand.h"

namespace poolscope::bench {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::string_view kSql = "SELECT 1";

struct Tally {
    uint64_t ok = 0;
    uint64_t errors = 0;
    std::string firstError;
};

/// Runs `clients` threads of `body` (one query or error per call, returned
/// as an error message or empty) for `seconds`; returns queries per second.
template <class MakeBody>
double runClients(int clients, double seconds, MakeBody makeBody, Tally& tally) {
    std::atomic<bool> stop{false};
    std::vector<Tally> perThread(static_cast<size_t>(clients));
    std::vector<std::thread> threads;
    std::atomic<int> ready{0};
    std::atomic<bool> go{false};
    for (int t = 0; t < clients; ++t) {
        threads.emplace_back([&, t] {
            auto body = makeBody();  // per-thread setup (a connection) is not timed
            Tally& mine = perThread[static_cast<size_t>(t)];
            ready.fetch_add(1);
            while (!go.load(std::memory_order_acquire)) std::this_thread::yield();
            while (!stop.load(std::memory_order_relaxed)) {
                std::string err = body();
                if (err.empty()) {
                    ++mine.ok;
                } else {
                    if (mine.errors++ == 0) mine.firstError = std::move(err);
                    std::this_thread::sleep_for(std::chrono::milliseconds(10));
                }
            }
        });
    }
    while (ready.load() < clients) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    const auto t0 = Clock::now();
    go.store(true, std::memory_order_release);
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    stop.store(true);
    for (auto& th : threads) th.join();
    const double elapsed = std::chrono::duration<double>(Clock::now() - t0).count();
    uint64_t ok = 0;
    for (const Tally& p : perThread) {
        ok += p.ok;
        tally.ok += p.ok;
        if (p.errors > 0 && tally.errors == 0) tally.firstError = p.firstError;
        tally.errors += p.errors;
    }
    return static_cast<double>(ok) / elapsed;
}

Deadline in(int ms) { return Clock::now() + std::chrono::milliseconds(ms); }

/// PoolScope: a pool of `clients` connections, each client acquire → query → release.
double pooled(const std::shared_ptr<Driver>& driver, int clients, double seconds, Tally& tally) {
    PoolConfig c;
    c.name = "bench";
    c.maxOpen = clients;
    c.maxIdle = clients;
    c.minIdle = clients;  // full before the clock starts, like the anchors' connects
    c.acquireTimeoutMs = 10'000;
    Pool pool(c, driver);
    if (Status s = pool.start(); !s) {
        tally.errors++;
        tally.firstError = s.message();
        return 0;
    }
    return runClients(
        clients, seconds,
        [&] {
            return [&]() -> std::string {
                auto lease = pool.acquire("bench");
                if (!lease) return lease.message();
                auto r = lease->execute(kSql, 10'000);
                return r ? std::string() : r.message();
            };
        },
        tally);
}

/// One connection per client, opened before the clock starts; no pool.
double persistent(const std::shared_ptr<Driver>& driver, int clients, double seconds, Tally& tally) {
    return runClients(
        clients, seconds,
        [&] {
            auto conn = driver->connect(in(10'000));
            std::shared_ptr<Connection> held = conn ? std::shared_ptr<Connection>(std::move(*conn)) : nullptr;
            std::string error = conn ? std::string() : conn.message();
            return [held, error]() -> std::string {
                if (!held) return error;
                auto r = held->execute(kSql, in(10'000));
                return r ? std::string() : r.message();
            };
        },
        tally);
}

/// A new connection for every query.
double connectPerRequest(const std::shared_ptr<Driver>& driver, int clients, double seconds, Tally& tally) {
    return runClients(
        clients, seconds,
        [&] {
            return [&]() -> std::string {
                auto conn = driver->connect(in(10'000));
                if (!conn) return conn.message();
                auto r = (*conn)->execute(kSql, in(10'000));
                return r ? std::string() : r.message();
            };
        },
        tally);
}

/// PostgreSQL's pgbench, or empty when none is installed.
std::string findPgbench(const BenchArgs& args) {
    if (auto it = args.values.find("pgbench"); it != args.values.end()) return it->second;
    for (int v = 20; v >= 10; --v) {
        const std::string p = "/usr/lib/postgresql/" + std::to_string(v) + "/bin/pgbench";
        if (access(p.c_str(), X_OK) == 0) return p;
    }
    return access("/usr/bin/pgbench", X_OK) == 0 ? "/usr/bin/pgbench" : "";
}

/// pgbench -n -f select1.sql -c C -j J -T D; its "tps = X (without initial
/// connection time)". The password goes through PGPASSWORD, never argv.
std::optional<double> pgbench(const std::string& bin, const Url& url, int clients, int jobs, double seconds,
                              Tally& tally) {
    char script[] = "/tmp/poolscope-bench-select1-XXXXXX";
    const int fd = mkstemp(script);
    if (fd < 0) return std::nullopt;
    const std::string text = std::string(kSql) + ";\n";
    const bool written = write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    close(fd);
    if (!written) return std::nullopt;
    setenv("PGPASSWORD", url.password().c_str(), 1);
    if (auto mode = url.param("sslmode")) setenv("PGSSLMODE", std::string(*mode).c_str(), 1);
    const std::string db = url.path().size() > 1 ? url.path().substr(1) : url.user();
    const std::string cmd = "'" + bin + "' -n -f '" + script + "' -c " + std::to_string(clients) + " -j " +
                            std::to_string(jobs) + " -T " + std::to_string(std::max(1, int(seconds + 0.5))) +
                            " -h '" + url.host() + "' -p " + std::to_string(url.port() ? url.port() : 5432) +
                            " -U '" + url.user() + "' '" + db + "' 2>&1";
    std::string out;
    if (FILE* p = popen(cmd.c_str(), "r")) {
        char buf[512];
        while (fgets(buf, sizeof buf, p)) out += buf;
        pclose(p);
    }
    unsetenv("PGPASSWORD");
    unlink(script);
    const auto at = out.find("tps = ");
    const auto tail = out.find("without initial connection time");
    if (at == std::string::npos || tail == std::string::npos) {
        tally.errors++;
        tally.firstError = "pgbench printed no tps: " + out.substr(0, 300);
        return std::nullopt;
    }
    // pgbench 15 prints one "tps = " line, without initial connection time.
    const auto line = out.rfind("tps = ", tail);
    tally.ok++;
    return std::strtod(out.c_str() + line + 6, nullptr);
}

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace

int runQueryBench(const std::string& command, const BenchArgs& args) {
    const int clients = static_cast<int>(args.number("clients", 1));
    const int jobs = static_cast<int>(args.number("threads", clients));
    const double seconds = args.number("seconds", 5);
    const int rounds = static_cast<int>(args.number("rounds", 1));
    auto urlIt = args.values.find("connect");
    if (clients < 1 || jobs < 1 || seconds <= 0 || rounds < 1 || urlIt == args.values.end()) {
        std::fprintf(stderr,
                     "poolscope-bench %s: needs --connect URL, --clients >= 1, --seconds > 0 (and optionally "
                     "--threads J, --rounds R, --pgbouncer URL, --pgbench PATH)\n",
                     command.c_str());
        return 2;
    }
    auto url = Url::parse(urlIt->second);
    auto driver = openDriver(urlIt->second);
    if (!url || !driver) {
        std::fprintf(stderr, "poolscope-bench %s: %s\n", command.c_str(),
                     (!url ? url.message() : driver.message()).c_str());
        return 2;
    }
    const bool postgres = url->scheme() == "postgresql" || url->scheme() == "postgres";
    std::shared_ptr<Driver> bouncer;
    if (auto it = args.values.find("pgbouncer"); it != args.values.end()) {
        auto b = openDriver(it->second);
        if (!b) {
            std::fprintf(stderr, "poolscope-bench %s: --pgbouncer: %s\n", command.c_str(), b.message().c_str());
            return 2;
        }
        bouncer = *b;
    }
    const std::string pgbenchBin = postgres ? findPgbench(args) : "";

    std::map<std::string, std::vector<double>> qps;
    std::map<std::string, Tally> tallies;
    std::printf("%s server=%s clients=%d threads=%d seconds=%g rounds=%d\n", command.c_str(),
                (*driver)->displayUrl().c_str(), clients, jobs, seconds, rounds);
    auto report = [&](const std::string& mode, double v) {
        qps[mode].push_back(v);
        std::printf("%s clients=%d mode=%s qps=%.0f\n", command.c_str(), clients, mode.c_str(), v);
        std::fflush(stdout);
    };
    for (int r = 0; r < rounds; ++r) {
        report("pooled", pooled(*driver, clients, seconds, tallies["pooled"]));
        report("persistent", persistent(*driver, clients, seconds, tallies["persistent"]));
        report("connect_per_request", connectPerRequest(*driver, clients, seconds, tallies["connect_per_request"]));
        if (!pgbenchBin.empty())
            if (auto v = pgbench(pgbenchBin, *url, clients, std::min(jobs, clients), seconds, tallies["pgbench"]))
                report("pgbench", *v);
        if (bouncer) report("pgbouncer", persistent(bouncer, clients, seconds, tallies["pgbouncer"]));
    }
    int status = 0;
    for (const auto& [mode, t] : tallies) {
        if (t.errors == 0) continue;
        std::fprintf(stderr, "poolscope-bench %s: %s: %llu errors; first: %s\n", command.c_str(), mode.c_str(),
                     static_cast<unsigned long long>(t.errors), t.firstError.c_str());
        status = 1;
    }
    // Ratios are taken within each round (the modes ran side by side), then
    // their median: steadier than a ratio of medians on a noisy machine.
    std::printf("%s-summary clients=%d", command.c_str(), clients);
    for (const auto& [mode, v] : qps) std::printf(" %s=%.0f", mode.c_str(), median(v));
    const std::vector<double>& pooledRounds = qps["pooled"];
    for (const auto& [mode, v] : qps) {
        if (mode == "pooled" || v.size() != pooledRounds.size()) continue;
        std::vector<double> ratios;
        for (size_t i = 0; i < v.size(); ++i)
            if (v[i] > 0) ratios.push_back(pooledRounds[i] / v[i]);
        if (!ratios.empty()) std::printf(" pooled/%s=%.2f", mode.c_str(), median(ratios));
    }
    std::printf("\n");
    return status;
}

}  // namespace poolscope::bench
