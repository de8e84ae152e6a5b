// poolscope-serve-example URL [PORT]: opens a pool on URL (e.g.
// postgresql://app:secret@127.0.0.1:5432/app or sim://), runs a few queries,
// and serves it on 127.0.0.1:PORT (default 9187) until Ctrl-C:
//   curl -s localhost:9187/metrics
//   curl -s localhost:9187/api/v1/pools/default/snapshot
#include <pthread.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>

#include "core/drivers/DriverFactory.h"
#include "core/exporter/Exporter.h"
#include "core/exporter/PoolPublisher.h"
#include "core/pool/Pool.h"

namespace {
volatile std::sig_atomic_t g_stop = 0;
}

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s URL [PORT]\n", argv[0]);
        return 2;
    }
    using namespace poolscope;
    // SIGINT/SIGTERM are blocked in every thread (the exporter's inherit it)
    // and taken only by sigsuspend below.
    sigset_t stopSignals, waitMask;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGINT);
    sigaddset(&stopSignals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stopSignals, &waitMask);
    sigdelset(&waitMask, SIGINT);
    sigdelset(&waitMask, SIGTERM);
    std::signal(SIGINT, [](int) { g_stop = 1; });
    std::signal(SIGTERM, [](int) { g_stop = 1; });
    auto driver = openDriver(argv[1]);
    if (!driver) return std::fprintf(stderr, "%s\n", driver.message().c_str()), 2;

    // --- the part a service needs ---
    Pool pool(PoolConfig{}, *driver);
    if (Status s = pool.start(); !s) return std::fprintf(stderr, "%s\n", s.message().c_str()), 3;
    ExporterOptions options;
    options.port = argc > 2 ? std::atoi(argv[2]) : 9187;
    auto exporter = Exporter::start(options);
    if (!exporter) return std::fprintf(stderr, "%s\n", exporter.message().c_str()), 1;
    PoolPublisher publisher(**exporter, pool, 1000);  // snapshot + events + health every second
    // --- that is all ---

    for (int i = 0; i < 20; ++i) {
        auto lease = pool.acquire("ServePool.demo");
        if (!lease) return std::fprintf(stderr, "%s\n", lease.message().c_str()), 3;
        if (auto r = lease->execute("SELECT 1"); !r) std::fprintf(stderr, "query: %s\n", r.message().c_str());
    }
    std::printf("serving pool \"%s\" on http://127.0.0.1:%d/metrics (Ctrl-C stops)\n", pool.name().c_str(),
                (*exporter)->port());
    std::fflush(stdout);
    while (!g_stop) sigsuspend(&waitMask);  // sleeps until Ctrl-C
    publisher.stop();
    (*exporter)->stop();
    return 0;
}
