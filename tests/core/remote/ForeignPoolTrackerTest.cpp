#include "core/remote/ForeignPoolTracker.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "core/remote/BuiltinMappings.h"
#include "core/remote/HistogramQuantile.h"
#include "core/remote/PromTextParser.h"

#ifndef POOLSCOPE_FIXTURES
#error "POOLSCOPE_FIXTURES must name tests/core/remote/fixtures"
#endif

namespace poolscope {
namespace {

Exposition fixture(const std::string& name) {
    std::ifstream in(std::string(POOLSCOPE_FIXTURES) + "/" + name, std::ios::binary);
    EXPECT_TRUE(in) << name;
    std::ostringstream text;
    text << in.rdbuf();
    auto e = PromTextParser::parse(text.str());
    EXPECT_TRUE(e.isOk()) << name << ": " << (e.isOk() ? "" : e.message());
    return e.isOk() ? std::move(e).value() : Exposition{};
}

ForeignPoolTracker trackerFor(const std::string& mapping) {
    auto m = BuiltinMappings::byName(mapping);
    EXPECT_TRUE(m) << mapping;
    return ForeignPoolTracker(m ? *m : MetricMapping{});
}

const PoolSnapshot& pool(const ForeignScrapeResult& r, const std::string& name) {
    for (const auto& s : r.snapshots)
        if (s.pool == name) return s;
    ADD_FAILURE() << "no pool " << name;
    static const PoolSnapshot none;
    return none;
}

FigureSet figures(std::initializer_list<Figure> list) {
    FigureSet set = FigureSet::none();
    for (Figure f : list) set.set(f);
    return set;
}

TEST(ForeignPoolTrackerTest, HistogramQuantileInterpolatesLikePrometheus) {
    // Bucket deltas of the micrometer fixtures (hand computation in HikariMicrometer...).
    const std::vector<CumulativeBucket> b{{1, 50}, {10, 80}, {100, 90}, {1000, 94}, {INFINITY, 95}};
    EXPECT_DOUBLE_EQ(*histogramQuantile(0.5, b), 0.95);     // rank 47.5 in [0,1]: 47.5/50
    EXPECT_DOUBLE_EQ(*histogramQuantile(0.95, b), 156.25);  // rank 90.25 in [100,1000]: 0.25/4
    EXPECT_DOUBLE_EQ(*histogramQuantile(0.99, b), 1000);    // rank 94.05 in +Inf: highest bound
    EXPECT_DOUBLE_EQ(*histogramQuantile(0.5, {{1, 0}, {INFINITY, 0}}), 0);
    EXPECT_FALSE(histogramQuantile(0.5, {{INFINITY, 3}}));
    EXPECT_FALSE(histogramQuantile(0.5, {{1, 3}, {2, 3}}));
}

TEST(ForeignPoolTrackerTest, GoSqlTwoPoolsMeanWaitAndAResetThatNeverGoesBackwards) {
    ForeignPoolTracker t = trackerFor("go-sql");
    auto r1 = t.update(fixture("go-sql-1.prom"), 1'000'000);
    ASSERT_EQ(r1.snapshots.size(), 2u);
    const PoolSnapshot& orders = pool(r1, "orders");
    EXPECT_EQ(orders.source, "remote");
    EXPECT_EQ(orders.driver, "go-sql");
    EXPECT_EQ(orders.tMs, 1'000'000);
    EXPECT_EQ(orders.counts.open, 5);
    EXPECT_EQ(orders.counts.inUse, 3);
    EXPECT_EQ(orders.counts.idle, 2);
    EXPECT_EQ(orders.config.maxOpen, 20);
    EXPECT_EQ(orders.totals.waitCount, 10u);
    EXPECT_DOUBLE_EQ(orders.totals.waitMs, 500);
    EXPECT_EQ(orders.totals.closedMaxLifetime, 3u);
    // Exactly what go_sql publishes; one scrape gives no wait window yet.
    const FigureSet goSql = figures({Figure::Open, Figure::InUse, Figure::Idle, Figure::MaxOpen,
                                     Figure::WaitCount, Figure::WaitMs, Figure::ClosedMaxIdle,
                                     Figure::ClosedMaxIdleTime, Figure::ClosedMaxLifetime});
    EXPECT_EQ(orders.reported, goSql);
    EXPECT_FALSE(orders.reported.has(Figure::Acquired));
    EXPECT_FALSE(orders.reported.has(Figure::Lifecycle));
    // max_open 0 = unbounded, and reported as such.
    const PoolSnapshot& users = pool(r1, "users");
    EXPECT_EQ(users.config.maxOpen, 0);
    EXPECT_TRUE(users.reported.has(Figure::MaxOpen));

    auto r2 = t.update(fixture("go-sql-2.prom"), 1'015'000);
    const PoolSnapshot& o2 = pool(r2, "orders");
    EXPECT_TRUE(o2.reported.has(Figure::WaitPercentiles));
    EXPECT_EQ(o2.wait.derivation, WaitDerivation::Mean);
    EXPECT_DOUBLE_EQ(o2.wait.p50, 50);  // 1000 ms over 20 waits
    EXPECT_DOUBLE_EQ(o2.wait.p99, 50);
    EXPECT_FALSE(o2.reported.has(Figure::WaitMax));
    // No wait completed in the interval: the mean is unknown, never an invented 0.
    EXPECT_FALSE(pool(r2, "users").reported.has(Figure::WaitPercentiles));
    EXPECT_EQ(pool(r2, "users").wait.derivation, WaitDerivation::Mean);
    EXPECT_TRUE(r2.resets.empty());

    auto r3 = t.update(fixture("go-sql-3-restarted.prom"), 1'030'000);
    EXPECT_EQ(r3.resets, std::vector<std::string>{"orders"});
    EXPECT_EQ(t.resetCount("orders"), 1u);
    EXPECT_EQ(t.resetCount("users"), 0u);
    const PoolSnapshot& o3 = pool(r3, "orders");
    EXPECT_EQ(o3.totals.waitCount, 34u);  // 30 before the restart + 4 after
    EXPECT_DOUBLE_EQ(o3.totals.waitMs, 1700);
    EXPECT_EQ(o3.totals.closedMaxLifetime, 3u);
    EXPECT_DOUBLE_EQ(o3.wait.p50, 50);  // 200 ms over 4 waits: no negative rate
    // The same scrape again: no new reset, totals unchanged.
    auto r4 = t.update(fixture("go-sql-3-restarted.prom"), 1'045'000);
    EXPECT_TRUE(r4.resets.empty());
    EXPECT_EQ(pool(r4, "orders").totals.waitCount, 34u);
    EXPECT_FALSE(pool(r4, "orders").reported.has(Figure::WaitPercentiles));
    EXPECT_TRUE(pool(r4, "orders").reported.has(Figure::WaitCount)) << "only the mean is unknown";
}

TEST(ForeignPoolTrackerTest, HikariMicrometerHistogramWindowAndMeanFallback) {
    ForeignPoolTracker t = trackerFor("hikaricp-micrometer");
    auto r1 = t.update(fixture("hikaricp-micrometer-1.prom"), 0 + 1'700'000'000'000);
    EXPECT_FALSE(pool(r1, "HikariPool-1").reported.has(Figure::WaitPercentiles));
    auto r2 = t.update(fixture("hikaricp-micrometer-2.prom"), 15'000 + 1'700'000'000'000);
    ASSERT_EQ(r2.snapshots.size(), 2u);
    const PoolSnapshot& h = pool(r2, "HikariPool-1");
    EXPECT_EQ(h.counts.open, 10);
    EXPECT_EQ(h.counts.inUse, 7);
    EXPECT_EQ(h.counts.waiting, 2);
    EXPECT_EQ(h.config.maxOpen, 10);
    EXPECT_EQ(h.config.minIdle, 2);
    EXPECT_FALSE(h.reported.has(Figure::MaxIdle));
    EXPECT_EQ(h.totals.timeouts, 3u);
    EXPECT_EQ(h.totals.acquired, 120u);
    EXPECT_EQ(h.totals.created, 10u);
    EXPECT_EQ(h.wait.derivation, WaitDerivation::Histogram);
    EXPECT_DOUBLE_EQ(h.wait.p50, 0.95);
    EXPECT_DOUBLE_EQ(h.wait.p95, 156.25);
    EXPECT_DOUBLE_EQ(h.wait.p99, 1000);
    EXPECT_DOUBLE_EQ(h.wait.max, 1250);
    EXPECT_TRUE(h.reported.has(Figure::WaitMax));
    // The second pool has no buckets: mean of the interval (3 s over 200 acquires).
    const PoolSnapshot& rep = pool(r2, "reports");
    EXPECT_EQ(rep.wait.derivation, WaitDerivation::Mean);
    EXPECT_DOUBLE_EQ(rep.wait.p50, 15);
    EXPECT_DOUBLE_EQ(rep.wait.max, 20);
}

TEST(ForeignPoolTrackerTest, HikariPrometheusSummaryQuantilesInNanoseconds) {
    ForeignPoolTracker t = trackerFor("hikaricp-prometheus");
    auto r = t.update(fixture("hikaricp-prometheus.prom"), 5000);
    ASSERT_EQ(r.snapshots.size(), 1u);
    const PoolSnapshot& s = r.snapshots[0];
    EXPECT_EQ(s.pool, "main");
    EXPECT_EQ(s.wait.derivation, WaitDerivation::Summary);
    EXPECT_DOUBLE_EQ(s.wait.p50, 0.025);
    EXPECT_DOUBLE_EQ(s.wait.p95, 1.5);
    EXPECT_DOUBLE_EQ(s.wait.p99, 42);
    EXPECT_TRUE(s.reported.has(Figure::WaitPercentiles));
    EXPECT_FALSE(s.reported.has(Figure::WaitMax));
    EXPECT_EQ(s.totals.acquired, 500u);
    EXPECT_DOUBLE_EQ(s.totals.waitMs, 900);
    EXPECT_EQ(s.totals.created, 10u);
    EXPECT_EQ(s.config.minIdle, 10);
}

TEST(ForeignPoolTrackerTest, PgxpoolWithoutLabelsIsOneDefaultPool) {
    ForeignPoolTracker t = trackerFor("pgxpool");
    auto r = t.update(fixture("pgxpool.prom"), 1);
    ASSERT_EQ(r.snapshots.size(), 1u);
    const PoolSnapshot& s = r.snapshots[0];
    EXPECT_EQ(s.pool, "default");
    EXPECT_EQ(s.counts.open, 8);
    EXPECT_EQ(s.counts.allocating, 1);
    EXPECT_EQ(s.totals.acquired, 1000u);
    EXPECT_EQ(s.totals.waitCount, 40u);
    EXPECT_EQ(s.totals.timeouts, 2u);
    EXPECT_DOUBLE_EQ(s.totals.waitMs, 2500);
    EXPECT_FALSE(s.reported.has(Figure::Waiting));
}

TEST(ForeignPoolTrackerTest, OpenTelemetryBothGenerationsDeriveOpen) {
    auto m = BuiltinMappings::byName("otel");
    ASSERT_TRUE(m);
    const Exposition fresh = fixture("otel-new.prom");
    EXPECT_TRUE(fresh.openMetrics);
    EXPECT_TRUE(m->detect(fresh));
    ForeignPoolTracker t(*m);
    auto r = t.update(fresh, 1000);
    ASSERT_EQ(r.snapshots.size(), 1u);
    const PoolSnapshot& s = r.snapshots[0];
    EXPECT_EQ(s.pool, "orders-db");
    EXPECT_EQ(s.counts.idle, 6);
    EXPECT_EQ(s.counts.inUse, 2);
    EXPECT_EQ(s.counts.open, 8);  // derived: idle + in_use
    EXPECT_TRUE(s.reported.has(Figure::Open));
    EXPECT_EQ(s.config.maxOpen, 10);
    EXPECT_EQ(s.config.maxIdle, 8);
    EXPECT_EQ(s.counts.waiting, 1);
    EXPECT_EQ(s.totals.timeouts, 3u);
    EXPECT_EQ(s.totals.acquired, 100u);
    EXPECT_DOUBLE_EQ(s.totals.waitMs, 900);
    EXPECT_EQ(s.totals.created, 10u);

    const Exposition old = fixture("otel-old.prom");
    EXPECT_TRUE(m->detect(old));
    ForeignPoolTracker t2(*m);
    auto r2 = t2.update(old, 1000);
    ASSERT_EQ(r2.snapshots.size(), 1u);
    EXPECT_EQ(r2.snapshots[0].pool, "legacy");
    EXPECT_EQ(r2.snapshots[0].counts.open, 6);
    EXPECT_DOUBLE_EQ(r2.snapshots[0].totals.waitMs, 61);
    EXPECT_EQ(r2.snapshots[0].totals.acquired, 50u);
}

TEST(ForeignPoolTrackerTest, PgbouncerPoolsAreDatabaseUserPairs) {
    ForeignPoolTracker t = trackerFor("pgbouncer-exporter");
    auto r = t.update(fixture("pgbouncer.prom"), 1000);
    ASSERT_EQ(r.snapshots.size(), 2u);
    const PoolSnapshot& app = pool(r, "shop/app");
    EXPECT_EQ(app.counts.inUse, 10);
    EXPECT_EQ(app.counts.allocating, 2);
    EXPECT_EQ(app.counts.open, 12);
    EXPECT_EQ(app.counts.waiting, 4);
    EXPECT_DOUBLE_EQ(app.wait.max, 2500);
    EXPECT_EQ(pool(r, "shop/report").counts.idle, 3);
    EXPECT_FALSE(app.reported.has(Figure::MaxOpen));
    EXPECT_FALSE(app.reported.has(Figure::WaitPercentiles));
}

TEST(ForeignPoolTrackerTest, InstanceLabelsDisambiguatePools) {
    ForeignPoolTracker t = trackerFor("go-sql");
    auto e = PromTextParser::parse(
        "go_sql_open_connections{db_name=\"a\",instance=\"h1:9090\",job=\"api\"} 1\n"
        "go_sql_open_connections{db_name=\"a\",instance=\"h2:9090\",job=\"api\"} 2\n");
    ASSERT_TRUE(e.isOk());
    auto r = t.update(*e, 1);
    ASSERT_EQ(r.snapshots.size(), 2u);
    EXPECT_EQ(r.snapshots[0].pool, "a@api/h1:9090");
    EXPECT_EQ(r.snapshots[1].counts.open, 2);
}

TEST(ForeignPoolTrackerTest, DetectPicksTheRightBuiltInFormat) {
    const std::pair<const char*, const char*> cases[] = {
        {"go-sql-1.prom", "go-sql"}, {"hikaricp-micrometer-1.prom", "hikaricp-micrometer"},
        {"hikaricp-prometheus.prom", "hikaricp-prometheus"}, {"pgxpool.prom", "pgxpool"},
        {"otel-new.prom", "otel"}, {"otel-old.prom", "otel"}, {"pgbouncer.prom", "pgbouncer-exporter"}};
    for (const auto& [file, format] : cases) {
        auto m = BuiltinMappings::detect(fixture(file));
        ASSERT_TRUE(m) << file;
        EXPECT_EQ(m->name, format) << file;
    }
}

}  // namespace
}  // namespace poolscope
