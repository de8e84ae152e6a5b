#include "core/exporter/Exporter.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <limits>
#include <thread>

#include "core/drivers/DriverFactory.h"
#include "core/exporter/PoolPublisher.h"
#include "core/pool/Pool.h"
#include "core/recording/RecordingReader.h"
#include "core/telemetry/EventJson.h"
#include "core/telemetry/Json.h"
#include "core/telemetry/SnapshotJson.h"
#include "tests/core/telemetry/Promtool.h"

namespace poolscope {
namespace {

using Clock = std::chrono::steady_clock;
constexpr const char* kToken = "t0ken-for-tests";

bool eventually(const std::function<bool()>& pred, int ms = 10000) {
    const auto end = Clock::now() + std::chrono::milliseconds(ms);
    while (Clock::now() < end) {
        if (pred()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return pred();
}

std::vector<TransitionEvent> events(uint64_t from, uint64_t to) {
    std::vector<TransitionEvent> v;
    for (uint64_t s = from; s <= to; ++s) {
        TransitionEvent e;
        e.seq = s;
        e.tMs = 1'700'000'000'000 + static_cast<int64_t>(s);
        e.conn = 1;
        e.from = ConnState::Idle;
        e.to = ConnState::Allocating;
        v.push_back(e);
    }
    return v;
}

httplib::Headers bearer(const std::string& token = kToken) {
    return {{"Authorization", "Bearer " + token}};
}

class ExporterTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto driver = openDriver("sim://");
        ASSERT_TRUE(driver) << driver.message();
        PoolConfig c;
        c.name = "orders";
        c.housekeepingMs = 0;
        pool = std::make_unique<Pool>(c, *driver);
        ASSERT_TRUE(pool->start().isOk());
    }
    void TearDown() override {
        if (exporter) exporter->stop();
    }
    void startExporter(ExporterOptions o = {}) {
        o.port = 0;
        auto e = Exporter::start(o);
        ASSERT_TRUE(e) << e.message();
        exporter = std::move(*e);
        exporter->addPool("orders", pool.get());
    }
    void publish(const std::vector<TransitionEvent>& ev = {}) {
        PoolHealth h;
        h.pool = "orders";
        lastSnapshot = pool->snapshot();
        lastHealth = h;
        exporter->publish(lastSnapshot, ev, h);
    }
    httplib::Client client() {
        httplib::Client c("127.0.0.1", exporter->port());
        c.set_read_timeout(20, 0);
        c.set_connection_timeout(10, 0);
        return c;
    }

    std::unique_ptr<Pool> pool;
    std::unique_ptr<Exporter> exporter;
    PoolSnapshot lastSnapshot;
    PoolHealth lastHealth;
};

TEST_F(ExporterTest, ServesMetricsPoolsAndSnapshot) {
    startExporter();
    { auto lease = pool->acquire("test"); }
    publish();
    auto cli = client();
    auto m = cli.Get("/metrics");
    ASSERT_TRUE(m);
    EXPECT_EQ(m->status, 200);
    EXPECT_NE(m->get_header_value("Content-Type").find("version=0.0.4"), std::string::npos);
    EXPECT_NE(m->body.find("poolscope_acquired_total{pool=\"orders\"} 1\n"), std::string::npos) << m->body;
    EXPECT_NE(m->body.find("poolscope_acquire_wait_seconds_count{pool=\"orders\"} 1\n"), std::string::npos);
    const std::string problems = promtoolAccepts(m->body);
    EXPECT_TRUE(problems.empty()) << problems;

    auto p = cli.Get("/api/v1/pools");
    ASSERT_TRUE(p);
    ASSERT_EQ(p->status, 200);
    auto json = Json::parse(p->body);
    ASSERT_TRUE(json) << json.message();
    const Json& first = (*json)["pools"][size_t{0}];
    EXPECT_EQ(first["name"].asString(), std::optional<std::string_view>("orders"));
    EXPECT_EQ(first["driver"].asString(), std::optional<std::string_view>("sim"));
    EXPECT_EQ(first["lifecycle"].asString(), std::optional<std::string_view>("STARTED"));
    EXPECT_EQ(first["source"].asString(), std::optional<std::string_view>("embedded"));

    auto s = cli.Get("/api/v1/pools/orders/snapshot");
    ASSERT_TRUE(s);
    EXPECT_EQ(s->status, 200);
    EXPECT_EQ(s->body, snapshotToJsonLine(lastSnapshot, lastHealth) + "\n");

    auto missing = cli.Get("/api/v1/pools/nope/snapshot");
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->status, 404);
    EXPECT_NE(missing->body.find("{\"error\":"), std::string::npos);
}

TEST_F(ExporterTest, ActionsChangeThePool) {
    startExporter();
    auto cli = client();
    auto r = cli.Post("/api/v1/pools/orders/suspend", "", "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200) << r->body;
    EXPECT_EQ(pool->lifecycle(), Lifecycle::Suspended);
    r = cli.Post("/api/v1/pools/orders/resume", "", "application/json");
    EXPECT_EQ(r->status, 200) << r->body;
    EXPECT_EQ(pool->lifecycle(), Lifecycle::Started);
    r = cli.Post("/api/v1/pools/orders/evict", "", "application/json");
    EXPECT_EQ(r->status, 200) << r->body;
    r = cli.Post("/api/v1/pools/orders/reconfigure", R"({"max_open":20})", "application/json");
    EXPECT_EQ(r->status, 200) << r->body;
    EXPECT_EQ(pool->config().maxOpen, 20);
    r = cli.Post("/api/v1/pools/orders/reconfigure", R"({"max_open":"lots"})", "application/json");
    EXPECT_EQ(r->status, 400);
    EXPECT_NE(r->body.find("max_open"), std::string::npos) << r->body;
    EXPECT_EQ(pool->config().maxOpen, 20);

    exporter->addPool("readonly", nullptr);
    r = cli.Post("/api/v1/pools/readonly/suspend", "", "application/json");
    EXPECT_EQ(r->status, 409) << r->body;
}

TEST_F(ExporterTest, WrongOrMissingTokenIsRefusedAndChangesNothing) {
    ExporterOptions o;
    o.token = kToken;
    startExporter(o);
    publish(events(1, 3));
    auto cli = client();
    for (const httplib::Headers& h : {httplib::Headers{}, bearer("wrong"), bearer(std::string(kToken) + "x")}) {
        auto r = cli.Post("/api/v1/pools/orders/suspend", h, "", "application/json");
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 401);
        EXPECT_EQ(r->body.find(kToken), std::string::npos);
        EXPECT_EQ(cli.Get("/api/v1/pools/orders/events?from=0", h)->status, 401);
        EXPECT_EQ(cli.Get("/api/v1/pools/orders/recording", h)->status, 401);
    }
    EXPECT_EQ(pool->lifecycle(), Lifecycle::Started);
    EXPECT_EQ(cli.Get("/metrics")->status, 200);  // open unless metricsNeedToken
    EXPECT_EQ(cli.Get("/api/v1/pools")->status, 200);
    auto ok = cli.Post("/api/v1/pools/orders/suspend", bearer(), "", "application/json");
    EXPECT_EQ(ok->status, 200) << ok->body;
    EXPECT_EQ(pool->lifecycle(), Lifecycle::Suspended);
}

TEST_F(ExporterTest, MetricsCanNeedTheTokenToo) {
    ExporterOptions o;
    o.token = kToken;
    o.metricsNeedToken = true;
    startExporter(o);
    publish();
    auto cli = client();
    EXPECT_EQ(cli.Get("/metrics")->status, 401);
    EXPECT_EQ(cli.Get("/api/v1/pools/orders/snapshot")->status, 401);
    EXPECT_EQ(cli.Get("/metrics", bearer())->status, 200);
}

TEST_F(ExporterTest, NonLoopbackWithoutTokenIsRefused) {
    ExporterOptions o;
    o.host = "0.0.0.0";
    o.port = 0;
    auto e = Exporter::start(o);
    ASSERT_FALSE(e);
    EXPECT_NE(e.message().find("0.0.0.0:0"), std::string::npos) << e.message();
    EXPECT_NE(e.message().find("--token-file"), std::string::npos) << e.message();
}

TEST_F(ExporterTest, PortInUseIsNamed) {
    startExporter();
    ExporterOptions o;
    o.port = exporter->port();
    auto e = Exporter::start(o);
    ASSERT_FALSE(e);
    EXPECT_NE(e.message().find("127.0.0.1:" + std::to_string(o.port)), std::string::npos) << e.message();
}

/// Reads an event stream on its own thread until `done(text so far)`.
struct SseReader {
    std::thread thread;
    std::mutex mu;
    std::string text;
    std::atomic<bool> finished{false};
    int status = 0;

    SseReader(int port, std::string path, httplib::Headers headers,
              std::function<bool(const std::string&)> done) {
        thread = std::thread([=, this] {
            httplib::Client cli("127.0.0.1", port);
            cli.set_read_timeout(30, 0);
            auto r = cli.Get(path.c_str(), headers, [&](const char* data, size_t n) {
                std::lock_guard lk(mu);
                text.append(data, n);
                return !done(text);
            });
            if (r) status = r->status;
            finished = true;
        });
    }
    std::string seen() {
        std::lock_guard lk(mu);
        return text;
    }
    ~SseReader() {
        if (thread.joinable()) thread.join();
    }
};

TEST_F(ExporterTest, EventStreamDeliversNewEvents) {
    startExporter();
    publish();
    SseReader reader(exporter->port(), "/api/v1/pools/orders/events", {},
                     [](const std::string& t) { return t.find("id: 3\n") != std::string::npos; });
    ASSERT_TRUE(eventually([&] { return reader.seen().find(": connected") != std::string::npos; }));
    publish(events(1, 2));
    publish(events(3, 3));
    ASSERT_TRUE(eventually([&] { return reader.finished.load(); }));
    const std::string text = reader.seen();
    EXPECT_EQ(text.find("event: gap"), std::string::npos);
    // Every data line parses; the events come in order, none missing.
    std::vector<uint64_t> seqs;
    size_t pos = 0;
    while ((pos = text.find("data: ", pos)) != std::string::npos) {
        const size_t end = text.find('\n', pos);
        auto batch = eventsFromJsonLine(text.substr(pos + 6, end - pos - 6));
        ASSERT_TRUE(batch) << batch.message();
        for (const auto& e : batch->events) seqs.push_back(e.seq);
        pos = end;
    }
    EXPECT_EQ(seqs, (std::vector<uint64_t>{1, 2, 3}));
}

TEST_F(ExporterTest, ResumeSaysWhatTheBacklogDropped) {
    ExporterOptions o;
    o.eventBacklog = 5;
    startExporter(o);
    publish(events(1, 12));  // keeps 8..12
    SseReader reader(exporter->port(), "/api/v1/pools/orders/events", {{"Last-Event-ID", "3"}},
                     [](const std::string& t) { return t.find("id: 12\n") != std::string::npos; });
    ASSERT_TRUE(eventually([&] { return reader.finished.load(); }));
    const std::string text = reader.seen();
    const size_t gap = text.find("event: gap\ndata: ");
    ASSERT_NE(gap, std::string::npos) << text;
    EXPECT_NE(text.find(R"("from_seq":4,"to_seq":7,"missed":4)"), std::string::npos) << text;
    const size_t batch = text.find("event: events\ndata: ");
    ASSERT_NE(batch, std::string::npos);
    EXPECT_LT(gap, batch) << "the gap comes before the events after it";
    auto parsed = eventsFromJsonLine(text.substr(batch + 20, text.find('\n', batch + 20) - batch - 20));
    ASSERT_TRUE(parsed) << parsed.message();
    ASSERT_EQ(parsed->events.size(), 5u);
    EXPECT_EQ(parsed->events.front().seq, 8u);

    // ?from= resumes the same way; nothing dropped after 9: no gap.
    SseReader again(exporter->port(), "/api/v1/pools/orders/events?from=9", {},
                    [](const std::string& t) { return t.find("id: 12\n") != std::string::npos; });
    ASSERT_TRUE(eventually([&] { return again.finished.load(); }));
    EXPECT_EQ(again.seen().find("event: gap"), std::string::npos);
    EXPECT_EQ(again.seen().find("[9,"), std::string::npos);
    EXPECT_NE(again.seen().find("[10,"), std::string::npos);

    auto bad = client().Get("/api/v1/pools/orders/events?from=abc");
    EXPECT_EQ(bad->status, 400);
}

TEST_F(ExporterTest, StopEndsStreamsPromptly) {
    ExporterOptions o;
    o.sseKeepAliveMs = 60'000;
    startExporter(o);
    publish();
    SseReader reader(exporter->port(), "/api/v1/pools/orders/events", {},
                     [](const std::string&) { return false; });
    ASSERT_TRUE(eventually([&] { return reader.seen().find(": connected") != std::string::npos; }));
    const auto t0 = Clock::now();
    exporter->stop();
    ASSERT_TRUE(eventually([&] { return reader.finished.load(); }));
    EXPECT_LT(Clock::now() - t0, std::chrono::seconds(5));
    exporter->stop();  // idempotent
}

TEST_F(ExporterTest, RecordingIsADownload) {
    ExporterOptions o;
    o.token = kToken;
    startExporter(o);
    publish(events(1, 5));
    publish(events(6, 9));
    auto cli = client();
    auto r = cli.Get("/api/v1/pools/orders/recording?minutes=5", bearer());
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
    EXPECT_EQ(r->get_header_value("Content-Type"), "application/octet-stream");
    EXPECT_NE(r->get_header_value("Content-Disposition").find("orders.psrec"), std::string::npos);
    EXPECT_EQ(r->body.rfind("SQLite format 3", 0), 0u);
    EXPECT_EQ(cli.Get("/api/v1/pools/orders/recording?minutes=0", bearer())->status, 400);
    EXPECT_EQ(cli.Get("/api/v1/pools/orders/recording?minutes=16", bearer())->status, 400);
}

// ?minutes=N holds only the last N minutes of data time (up to the newest
// publish); without it, everything the flight recorder keeps.
TEST_F(ExporterTest, RecordingMinutesHoldsOnlyThatWindow) {
    startExporter();
    const int64_t t0 = 1'700'000'000'000;
    auto publishAt = [&](int64_t tMs, uint64_t firstSeq) {
        PoolHealth h;
        h.pool = "orders";
        PoolSnapshot s = pool->snapshot();
        s.tMs = tMs;
        auto ev = events(firstSeq, firstSeq + 2);
        for (auto& e : ev) e.tMs = tMs;
        exporter->publish(s, ev, h);
    };
    publishAt(t0, 1);                 // 3 minutes before the newest: outside
    publishAt(t0 + 150'000, 4);       // 30 s before the cut: outside
    publishAt(t0 + 150'000 + 60'000, 7);  // 30 s into the last minute: inside
    publishAt(t0 + 240'000, 10);      // the newest: inside
    auto cli = client();
    auto load = [&](const std::string& query) -> std::unique_ptr<RecordingReader> {
        auto r = cli.Get("/api/v1/pools/orders/recording" + query);
        if (!r || r->status != 200) {
            ADD_FAILURE() << query << ": " << (r ? r->body : "no answer");
            return nullptr;
        }
        auto reader = RecordingReader::openBytes(r->body, "download");
        if (!reader) {
            ADD_FAILURE() << reader.message();
            return nullptr;
        }
        return std::move(*reader);
    };
    auto seqs = [](RecordingReader& r) {
        std::vector<uint64_t> v;
        auto ev = r.events(std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max());
        EXPECT_TRUE(ev) << ev.message();
        if (ev)
            for (const auto& e : *ev) v.push_back(e.event.seq);
        return v;
    };
    auto last = load("?minutes=1");
    ASSERT_TRUE(last);
    ASSERT_TRUE(last->span());
    EXPECT_EQ(last->span()->firstMs, t0 + 210'000);
    EXPECT_EQ(last->span()->lastMs, t0 + 240'000);
    EXPECT_EQ(seqs(*last), (std::vector<uint64_t>{7, 8, 9, 10, 11, 12}));
    auto all = load("");
    ASSERT_TRUE(all && all->span());
    EXPECT_EQ(all->span()->firstMs, t0);
    EXPECT_EQ(seqs(*all).size(), 12u);
}

TEST_F(ExporterTest, TlsRoundTrip) {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("poolscope-tls-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string cert = (dir / "cert.pem").string(), key = (dir / "key.pem").string();
    const std::string cmd = "openssl req -x509 -newkey rsa:2048 -nodes -keyout '" + key + "' -out '" + cert +
                            "' -days 1 -subj /CN=127.0.0.1 >/dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << "openssl could not make a test certificate";
    ExporterOptions o;
    o.tlsCertFile = cert;
    o.tlsKeyFile = key;
    startExporter(o);
    publish();
    httplib::SSLClient cli("127.0.0.1", exporter->port());
    cli.enable_server_certificate_verification(false);
    cli.set_read_timeout(20, 0);
    auto r = cli.Get("/metrics");
    ASSERT_TRUE(r) << httplib::to_string(r.error());
    EXPECT_EQ(r->status, 200);
    EXPECT_NE(r->body.find("poolscope_connections_open{pool=\"orders\"}"), std::string::npos);

    ExporterOptions bad;
    bad.port = 0;
    bad.tlsCertFile = cert;
    bad.tlsKeyFile = cert;  // not a key
    auto e = Exporter::start(bad);
    ASSERT_FALSE(e);
    EXPECT_NE(e.message().find("TLS"), std::string::npos) << e.message();
    fs::remove_all(dir);
}

/// A raw connection that sends half a request and then nothing.
int slowClient(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return -1;
    }
    const char partial[] = "GET /metrics HTTP/1.1\r\nHost: x\r\n";
    (void)!::write(fd, partial, sizeof partial - 1);
    return fd;
}

TEST_F(ExporterTest, SlowClientsDoNotBlockOthersAndExtraClientsGet503) {
    ExporterOptions o;
    o.threads = 3;
    o.maxClients = 3;
    o.readTimeoutMs = 30'000;  // the slow ones would hold their thread this long
    startExporter(o);
    publish();
    const int a = slowClient(exporter->port());
    const int b = slowClient(exporter->port());
    ASSERT_GE(a, 0);
    ASSERT_GE(b, 0);
    auto cli = client();
    const auto t0 = Clock::now();
    auto r = cli.Get("/metrics");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_LT(Clock::now() - t0, std::chrono::seconds(10));
    // A third slow client fills the cap: the next one is told 503 at once.
    const int c = slowClient(exporter->port());
    ASSERT_GE(c, 0);
    bool refused = eventually([&] {
        auto x = client().Get("/metrics");
        return x && x->status == 503 && x->body.find("too many clients") != std::string::npos;
    });
    EXPECT_TRUE(refused);
    for (int fd : {a, b, c}) ::close(fd);
    EXPECT_TRUE(eventually([&] {
        auto x = client().Get("/metrics");
        return x && x->status == 200;
    }));
}

TEST_F(ExporterTest, PoolPublisherFeedsTheExporter) {
    startExporter();
    exporter->removePool("orders");
    {
        PoolPublisher publisher(*exporter, *pool, 20);
        for (int i = 0; i < 5; ++i) {
            auto lease = pool->acquire("worker");
            ASSERT_TRUE(lease) << lease.message();
        }
        auto cli = client();
        ASSERT_TRUE(eventually([&] {
            auto m = cli.Get("/metrics");
            return m && m->body.find("poolscope_acquired_total{pool=\"orders\"} 5\n") != std::string::npos &&
                   m->body.find("poolscope_health_grade{pool=\"orders\"} 0") != std::string::npos;
        }));
        auto r = cli.Post("/api/v1/pools/orders/suspend", "", "application/json");
        EXPECT_EQ(r->status, 200) << r->body;
        EXPECT_EQ(pool->lifecycle(), Lifecycle::Suspended);
        ASSERT_TRUE(eventually([&] {
            auto s = cli.Get("/api/v1/pools/orders/snapshot");
            return s && s->body.find("\"lifecycle\":\"SUSPENDED\"") != std::string::npos;
        }));
        publisher.stop();
        r = cli.Post("/api/v1/pools/orders/resume", "", "application/json");
        EXPECT_EQ(r->status, 409) << "the publisher gave the controls back";
    }
    EXPECT_EQ(pool->lifecycle(), Lifecycle::Suspended);
}

}  // namespace
}  // namespace poolscope
