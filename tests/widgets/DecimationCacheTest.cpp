#include <QtTest>
#include <random>

#include "widgets/DecimationCache.h"

using namespace poolscope;

namespace {

constexpr int64_t kT0 = 1'700'000'000'000;

void append(Timeline& tl, int64_t tMs, std::mt19937& rng) {
    PoolSnapshot s;
    s.tMs = tMs;
    s.counts.inUse = rng() % 50;
    s.counts.idle = rng() % 7;
    s.totals.acquired = uint64_t(tMs - kT0) / 7;
    tl.append(s);
}

bool same(const std::vector<MinMaxBucket>& a, const std::vector<MinMaxBucket>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i].t0Ms != b[i].t0Ms || a[i].t1Ms != b[i].t1Ms || a[i].min != b[i].min ||
            a[i].max != b[i].max || a[i].last != b[i].last)
            return false;
    return true;
}

}  // namespace

class DecimationCacheTest : public QObject {
    Q_OBJECT
private slots:
    void bucketMs_data();
    void bucketMs();
    void incrementalMatchesFromScratch();
    void resetsInvalidate();
};

void DecimationCacheTest::bucketMs_data() {
    QTest::addColumn<qint64>("span");
    QTest::addColumn<int>("columns");
    QTest::addColumn<qint64>("step");
    QTest::newRow("24 h at 1181 px") << qint64(86'400'000) << 1181 << qint64(74'000);
    QTest::newRow("1 min at 1000 px") << qint64(60'000) << 1000 << qint64(61);
    QTest::newRow("tiny") << qint64(1) << 100 << qint64(1);
}

void DecimationCacheTest::bucketMs() {
    QFETCH(qint64, span);
    QFETCH(int, columns);
    QFETCH(qint64, step);
    QCOMPARE(DecimationCache::bucketMs(span, columns), step);
}

void DecimationCacheTest::incrementalMatchesFromScratch() {
    // Small ring so the oldest samples drop while the window slides; irregular
    // intervals; a replay cursor that sometimes jumps back.
    Timeline tl(20'000);
    std::mt19937 rng(11);
    int64_t t = kT0;
    for (int i = 0; i < 5000; ++i) append(tl, t += 1 + rng() % 150, rng);
    const std::vector<Metric> metrics{Metric::InUse, Metric::Idle, Metric::AcquireRate};
    DecimationCache cache;
    size_t reused = 0;
    for (int round = 0; round < 300; ++round) {
        const int n = round % 7 == 0 ? int(rng() % 3000) : int(rng() % 20);
        for (int i = 0; i < n; ++i) append(tl, t += 1 + rng() % 150, rng);
        const auto span = *tl.span("default");
        const int64_t window = round < 150 ? 600'000 : 0;
        int64_t to = span.second + 1;
        if (round % 11 == 5) to -= int64_t(rng() % 200'000);  // seek back
        const int64_t from = window ? to - window : span.first;
        const int columns = round % 50 == 49 ? 400 : 800;
        const auto& got = cache.update(tl, "default", metrics, from, to, columns);
        DecimationCache fresh;
        const auto& want = fresh.update(tl, "default", metrics, from, to, columns);
        QCOMPARE(got.size(), metrics.size());
        for (size_t m = 0; m < metrics.size(); ++m) {
            QVERIFY2(same(got[m], want[m]), qPrintable(QString("round %1 metric %2").arg(round).arg(m)));
            QVERIFY(got[m].size() <= size_t(columns));
            for (const MinMaxBucket& b : got[m]) QCOMPARE((b.t0Ms % cache.stepMs() + cache.stepMs()) % cache.stepMs(), 0);
        }
        QVERIFY(cache.gridFromMs() <= from && cache.gridToMs() >= to);
        if (cache.lastRecomputed() < fresh.lastRecomputed()) ++reused;
    }
    QVERIFY(reused > 150);  // most live refreshes only recompute the newest buckets
}

void DecimationCacheTest::resetsInvalidate() {
    Timeline tl;
    std::mt19937 rng(5);
    for (int i = 0; i < 1000; ++i) append(tl, kT0 + i * 100, rng);
    DecimationCache cache;
    cache.update(tl, "default", {Metric::InUse}, kT0, kT0 + 100'000, 100);
    tl.clear();
    for (int i = 0; i < 1000; ++i) append(tl, kT0 + i * 100, rng);  // same times, new values
    const auto got = cache.update(tl, "default", {Metric::InUse}, kT0, kT0 + 100'000, 100);
    DecimationCache fresh;
    QVERIFY(same(got[0], fresh.update(tl, "default", {Metric::InUse}, kT0, kT0 + 100'000, 100)[0]));
}

QTEST_MAIN(DecimationCacheTest)
#include "DecimationCacheTest.moc"
