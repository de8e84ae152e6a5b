// The soak: a pool under hostile load for a long time, checked every second.
// W workers acquire, run a statement and release; a few "leak" (hold their
// lease for --leak-ms before giving it back, past the leak threshold); the
// server is restarted (or killed, --crash 1) every --restart-every seconds
// through its ctl.sh. Every second the pool's snapshot is checked (open ==
// idle + in_use + allocating + returning, open <= max_open, totals and edge
// counters never drop; once the workers stop, created - destroyed == open);
// every 10 s the process's RSS and
// thread count are read. Not a CI test (tests/bench/soak.sh runs it against
// the test servers); it prints a line every minute and a summary.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "core/drivers/DriverFactory.h"
#include "core/pool/Pool.h"
#include "tests/bench/BenchCommand.h"

namespace poolscope::bench {
namespace {

using SteadyTime = std::chrono::steady_clock;

/// VmRSS (kB) and Threads of this process, from /proc/self/status.
std::pair<long, long> rssAndThreads() {
    std::ifstream in("/proc/self/status");
    long rss = -1, threads = -1;
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("VmRSS:", 0) == 0) rss = std::atol(line.c_str() + 6);
        if (line.rfind("Threads:", 0) == 0) threads = std::atol(line.c_str() + 8);
    }
    return {rss, threads};
}

/// The invariant of one snapshot, and that totals never drop; a description
/// of the first broken rule, or empty.
std::string check(const PoolSnapshot& s, const PoolSnapshot* before) {
    const auto& c = s.counts;
    if (c.open != c.idle + c.inUse + c.allocating + c.returning) return "open != idle+in_use+allocating+returning";
    if (s.config.maxOpen > 0 && c.open > s.config.maxOpen) return "open > max_open";
    if (before != nullptr) {
        const auto& a = before->totals;
        const auto& b = s.totals;
        if (b.acquired < a.acquired || b.released < a.released || b.created < a.created ||
            b.destroyed < a.destroyed || b.connectErrors < a.connectErrors || b.timeouts < a.timeouts)
            return "a total dropped";
        for (size_t i = 0; i < s.transitions.size(); ++i)
            if (s.transitions[i] < before->transitions[i]) return "an edge counter dropped";
    }
    return {};
}

}  // namespace

int runSoakBench(const BenchArgs& args) {
    auto urlIt = args.values.find("connect");
    const double minutes = args.number("minutes", 30);
    const int workers = static_cast<int>(args.number("workers", 64));
    const int maxOpen = static_cast<int>(args.number("max-open", 16));
    const double restartEvery = args.number("restart-every", 300);
    const double leakPct = args.number("leak-pct", 0.2);
    const int leakMs = static_cast<int>(args.number("leak-ms", 3000));
    const bool crash = args.number("crash", 0) != 0;
    const std::string ctl = args.values.count("ctl") ? args.values.at("ctl") : "";
    if (urlIt == args.values.end() || minutes <= 0 || workers < 1 || maxOpen < 1) {
        std::fprintf(stderr,
                     "poolscope-bench soak: needs --connect URL [--ctl PATH] [--minutes M] [--workers W] "
                     "[--max-open N] [--restart-every S] [--crash 1] [--leak-pct P] [--leak-ms MS]\n");
        return 2;
    }
    auto driver = openDriver(urlIt->second);
    if (!driver) {
        std::fprintf(stderr, "poolscope-bench soak: %s\n", driver.message().c_str());
        return 2;
    }
    PoolConfig c;
    c.name = "soak";
    c.maxOpen = maxOpen;
    c.maxIdle = maxOpen;
    c.minIdle = maxOpen / 4;
    c.acquireTimeoutMs = 5000;
    c.validation.mode = ValidationPolicy::Mode::Borrow;
    c.validationTimeoutMs = 1000;
    c.leakThresholdMs = leakMs / 2;
    c.housekeepingMs = 500;
    c.maxLifetimeMs = 60'000;  // connections turn over all along
    Pool pool(c, *driver);
    if (Status s = pool.start(); !s) {
        std::fprintf(stderr, "poolscope-bench soak: %s\n", s.message().c_str());
        return 1;
    }

    std::atomic<bool> stop{false};
    std::atomic<uint64_t> ok{0}, errors{0}, leaks{0};
    std::vector<std::thread> threads;
    for (int w = 0; w < workers; ++w) {
        threads.emplace_back([&, w] {
            std::mt19937 rng(static_cast<unsigned>(w) * 7919u + 1);
            const std::string holder = "soak-" + std::to_string(w);
            while (!stop.load(std::memory_order_relaxed)) {
                auto lease = pool.acquire(holder);
                if (!lease) {
                    ++errors;
                    std::this_thread::sleep_for(std::chrono::milliseconds(20));
                    continue;
                }
                if (lease->execute("SELECT 1", 2000)) ++ok;
                else ++errors;
                if (std::uniform_real_distribution<double>(0, 100)(rng) < leakPct) {
                    ++leaks;  // held past the leak threshold, then given back
                    const auto until = SteadyTime::now() + std::chrono::milliseconds(leakMs);
                    while (!stop.load() && SteadyTime::now() < until)
                        std::this_thread::sleep_for(std::chrono::milliseconds(50));
                }
                if (!lease->release()) ++errors;  // never expected: a refused release is a bug
                std::this_thread::sleep_for(std::chrono::milliseconds(1 + static_cast<int>(rng() % 4)));
            }
        });
    }

    const auto t0 = SteadyTime::now();
    const auto end = t0 + std::chrono::duration<double>(minutes * 60);
    auto nextRestart = t0 + std::chrono::duration<double>(restartEvery);
    PoolSnapshot prev = pool.snapshot();
    uint64_t checks = 0, violations = 0, restarts = 0, restartFailures = 0;
    std::string firstViolation;
    long rssAt1Min = -1, rssMax = 0, threadsMin = 1 << 30, threadsMax = 0;
    auto [rssStart, threadsStart] = rssAndThreads();
    int second = 0;
    while (SteadyTime::now() < end) {
        std::this_thread::sleep_for(std::chrono::seconds(1));
        ++second;
        PoolSnapshot s = pool.snapshot();
        ++checks;
        if (std::string why = check(s, &prev); !why.empty()) {
            if (violations++ == 0) firstViolation = why + " at " + std::to_string(second) + " s";
        }
        prev = std::move(s);
        if (second % 10 == 0) {
            auto [rss, th] = rssAndThreads();
            if (second == 60) rssAt1Min = rss;
            rssMax = std::max(rssMax, rss);
            threadsMin = std::min(threadsMin, th);
            threadsMax = std::max(threadsMax, th);
        }
        if (second % 60 == 0) {
            auto [rss, th] = rssAndThreads();
            std::printf("soak t=%ds ok=%llu errors=%llu leaks=%llu open=%lld in_use=%lld waiting=%lld "
                        "rss_kb=%ld threads=%ld restarts=%llu violations=%llu\n",
                        second, static_cast<unsigned long long>(ok.load()),
                        static_cast<unsigned long long>(errors.load()), static_cast<unsigned long long>(leaks.load()),
                        static_cast<long long>(prev.counts.open), static_cast<long long>(prev.counts.inUse),
                        static_cast<long long>(prev.counts.waiting), rss, th,
                        static_cast<unsigned long long>(restarts), static_cast<unsigned long long>(violations));
            std::fflush(stdout);
        }
        if (!ctl.empty() && restartEvery > 0 && SteadyTime::now() >= nextRestart) {
            const std::string cmd = "'" + ctl + "' " + (crash ? "crash" : "restart") + " >/dev/null 2>&1";
            ++restarts;
            if (std::system(cmd.c_str()) != 0) ++restartFailures;
            nextRestart = SteadyTime::now() + std::chrono::duration<double>(restartEvery);
        }
    }
    stop = true;
    for (auto& t : threads) t.join();
    const PoolSnapshot last = pool.snapshot();
    // Quiet now (no worker): every open connection was created and not yet
    // destroyed, except allocating ones whose connect is still running.
    const auto alive = static_cast<int64_t>(last.totals.created - last.totals.destroyed);
    if (alive < last.counts.open - last.counts.allocating || alive > last.counts.open) {
        if (violations++ == 0) firstViolation = "created - destroyed != open at the end";
    }
    auto [rssEnd, threadsEnd] = rssAndThreads();
    std::printf("soak-summary minutes=%g workers=%d max_open=%d ok=%llu errors=%llu leaks_made=%llu "
                "leaks_reported=%llu restarts=%llu restart_failures=%llu checks=%llu violations=%llu%s%s "
                "rss_start_kb=%ld rss_1min_kb=%ld rss_end_kb=%ld rss_max_kb=%ld threads_start=%ld "
                "threads_min=%ld threads_max=%ld threads_end=%ld created=%llu destroyed=%llu "
                "closed_broken=%llu closed_validation=%llu connect_errors=%llu timeouts=%llu\n",
                minutes, workers, maxOpen, static_cast<unsigned long long>(ok.load()),
                static_cast<unsigned long long>(errors.load()), static_cast<unsigned long long>(leaks.load()),
                static_cast<unsigned long long>(last.totals.leaks), static_cast<unsigned long long>(restarts),
                static_cast<unsigned long long>(restartFailures), static_cast<unsigned long long>(checks),
                static_cast<unsigned long long>(violations), violations ? " first=" : "",
                violations ? ("\"" + firstViolation + "\"").c_str() : "", rssStart, rssAt1Min, rssEnd, rssMax,
                threadsStart, threadsMin, threadsMax, threadsEnd,
                static_cast<unsigned long long>(last.totals.created),
                static_cast<unsigned long long>(last.totals.destroyed),
                static_cast<unsigned long long>(last.totals.closedBroken),
                static_cast<unsigned long long>(last.totals.closedValidation),
                static_cast<unsigned long long>(last.totals.connectErrors),
                static_cast<unsigned long long>(last.totals.timeouts));
    return violations == 0 && restartFailures == 0 ? 0 : 1;
}

}  // namespace poolscope::bench
