// Render benchmark: update and redraw the connections chart over 24 h of 10 Hz
// samples, offscreen, the way the dashboard does on each ~40 ms tick: append
// the newest sample, refresh() (decimate to the plot's pixel columns, replace
// the series' points), render into a 1280x720 image. Optionally measures the
// naive approach (every raw point handed to Qt Charts) in the same run.
#include <QApplication>
#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QElapsedTimer>
#include <QGraphicsScene>
#include <QImage>
#include <QLineSeries>
#include <QPainter>
#include <QValueAxis>
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <random>
#include <vector>

#include "core/telemetry/Timeline.h"
#include "tests/bench/BenchCommand.h"
#include "widgets/Charts.h"

namespace poolscope::bench {
namespace {

constexpr int kWidth = 1280, kHeight = 720;
constexpr int64_t kStepMs = 100;  // 10 Hz

/// CPU time of this thread in ms: the figure without the other builds'
/// share of a loaded machine.
double threadCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

/// A pool that breathes: a random walk of in-use connections with bursts of waiters.
class FakePool {
public:
    PoolSnapshot next() {
        PoolSnapshot s;
        s.pool = "bench";
        s.tMs = t_ += kStepMs;
        inUse_ = std::clamp<int64_t>(inUse_ + int64_t(rng_() % 5) - 2, 0, 20);
        s.config.maxOpen = 20;
        s.counts.inUse = inUse_;
        s.counts.idle = std::max<int64_t>(0, 8 - inUse_ / 2);
        s.counts.allocating = rng_() % 3;
        s.counts.open = s.counts.inUse + s.counts.idle + s.counts.allocating;
        s.counts.waiting = inUse_ >= 18 ? int64_t(rng_() % 40) : 0;
        acquired_ += rng_() % 50;
        s.totals.acquired = acquired_;
        s.wait = {1.0, 4.0 + rng_() % 8, 9.0 + rng_() % 30, 50};
        return s;
    }
    int64_t now() const { return t_; }

private:
    std::mt19937 rng_{42};
    int64_t t_ = 1'700'000'000'000;
    int64_t inUse_ = 5;
    uint64_t acquired_ = 0;
};

QList<SeriesSpec> benchSeries(int count) {
    QList<SeriesSpec> all = connectionsSeries();
    const Metric extra[] = {Metric::Allocating, Metric::Returning, Metric::WaitP50,
                            Metric::WaitP95, Metric::WaitP99, Metric::AcquireRate};
    for (Metric m : extra) all.append({m, QString::fromUtf8(toString(m).data()), Qt::darkCyan});
    return all.mid(0, std::clamp<qsizetype>(count, 1, all.size()));
}

struct Stats {
    double median = 0, min = 0, max = 0;
};

Stats summarize(std::vector<double> ms) {
    std::sort(ms.begin(), ms.end());
    const size_t n = ms.size();
    const double median = n % 2 ? ms[n / 2] : (ms[n / 2 - 1] + ms[n / 2]) / 2;
    return {median, ms.front(), ms.back()};
}

/// Plain Qt Charts: every raw sample of every series replaced into its
/// QLineSeries each frame, then the chart rendered at the same size.
Stats naiveFrames(Timeline& timeline, FakePool& pool, const QList<SeriesSpec>& specs,
                  int frames) {
    QChart chart;
    chart.setAnimationOptions(QChart::NoAnimation);
    QGraphicsScene scene;
    scene.addItem(&chart);
    chart.resize(kWidth, kHeight);
    auto* axisX = new QDateTimeAxis(&chart);
    auto* axisY = new QValueAxis(&chart);
    chart.addAxis(axisX, Qt::AlignBottom);
    chart.addAxis(axisY, Qt::AlignLeft);
    QList<QLineSeries*> lines;
    for (const SeriesSpec& s : specs) {
        auto* line = new QLineSeries();
        line->setName(s.label);  // pens and render hints: Qt Charts' defaults
        chart.addSeries(line);
        line->attachAxis(axisX);
        line->attachAxis(axisY);
        lines.append(line);
    }
    std::vector<double> ms;
    std::vector<QList<QPointF>> points(size_t(specs.size()));
    QImage image(kWidth, kHeight, QImage::Format_ARGB32_Premultiplied);
    for (int f = 0; f < frames; ++f) {
        timeline.append(pool.next());
        QElapsedTimer timer;
        timer.start();
        for (auto& p : points) p.clear();
        timeline.forEachSample("bench", 0, pool.now() + 1, [&](int64_t t, const double* v) {
            for (qsizetype i = 0; i < specs.size(); ++i)
                points[size_t(i)].append({double(t), v[size_t(specs[i].metric)]});
        });
        const auto span = timeline.span("bench");
        for (qsizetype i = 0; i < specs.size(); ++i) lines[i]->replace(points[size_t(i)]);
        axisX->setRange(QDateTime::fromMSecsSinceEpoch(span->first),
                        QDateTime::fromMSecsSinceEpoch(span->second));
        axisY->setRange(0, 50);
        QPainter painter(&image);
        painter.fillRect(image.rect(), Qt::white);
        scene.render(&painter, QRectF(0, 0, kWidth, kHeight), QRectF(0, 0, kWidth, kHeight));
        painter.end();
        ms.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    scene.removeItem(&chart);
    return summarize(ms);
}

}  // namespace

int runRenderBench(const BenchArgs& args) {
    const int seriesCount = int(args.number("series", 6));
    const auto points = int64_t(args.number("points", 864'000));
    const int frames = int(args.number("frames", 30));
    const int naive = int(args.number("naive", 0));
    if (seriesCount < 1 || points < 2 || frames < 1 || naive < 0) {
        std::fprintf(stderr, "poolscope-bench render: --series, --points, --frames must be positive\n");
        return 2;
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    static int argc = 1;
    static char name[] = "poolscope-bench";
    static char* argv[] = {name, nullptr};
    QApplication app(argc, argv);

    Timeline timeline{static_cast<size_t>(points)};
    FakePool pool;
    for (int64_t i = 0; i < points; ++i) timeline.append(pool.next());
    const QList<SeriesSpec> specs = benchSeries(seriesCount);

    TimeSeriesChart* chart = makeConnectionsChart();
    chart->setSeries(specs);
    chart->setTimeline(&timeline);
    chart->setPool("bench");
    chart->setWindowMs(0);  // everything stored: 24 h at the defaults
    chart->renderToImage(QSize(kWidth, kHeight));  // first layout at the bench size

    // One image reused across frames, as a window's backing store is.
    QImage image(kWidth, kHeight, QImage::Format_ARGB32_Premultiplied);
    struct Pass {
        Stats wall;
        double updateMs = 0, cpuMs = 0;
        qsizetype drawn = 0;
    };
    auto run = [&](int64_t appendPerFrame) {
        std::vector<double> ms, updateMs, cpuMs;
        Pass pass;
        for (int f = 0; f < frames; ++f) {
            for (int64_t i = 0; i < appendPerFrame; ++i) timeline.append(pool.next());
            QElapsedTimer timer;
            timer.start();
            const double cpu0 = threadCpuMs();
            chart->refresh();
            updateMs.push_back(double(timer.nsecsElapsed()) / 1e6);
            {
                QPainter painter(&image);
                chart->render(&painter, QSize(kWidth, kHeight));
            }
            ms.push_back(double(timer.nsecsElapsed()) / 1e6);
            cpuMs.push_back(threadCpuMs() - cpu0);
        }
        for (int i = 0; i < seriesCount; ++i) pass.drawn += chart->pointCount(i);
        pass.wall = summarize(ms);
        pass.updateMs = summarize(updateMs).median;
        pass.cpuMs = summarize(cpuMs).median;
        return pass;
    };
    // Live: one 10 Hz sample per frame. Most frames only redraw, because the
    // decimated buckets and the axis sit on a fixed time grid.
    const Pass live = run(1);
    // Rebuild: a whole bucket of samples per frame, so the axis moves and
    // every series is re-decimated at its end and rebuilt in Qt Charts.
    const Pass rebuild = run(points / std::max(1, chart->plotWidthPx()) + 2);
    std::printf("render series=%d points=%lld ms_per_frame=%.2f\n", seriesCount,
                static_cast<long long>(points), live.wall.median);
    std::printf("render-rebuild series=%d points=%lld ms_per_frame=%.2f\n", seriesCount,
                static_cast<long long>(points), rebuild.wall.median);
    for (const auto& [name, p] : {std::pair{"render", live}, std::pair{"render-rebuild", rebuild}})
        std::fprintf(stderr,
                     "%s: min=%.2f ms max=%.2f ms over %d frames; update median %.2f ms; CPU "
                     "median %.2f ms; %lld points drawn\n",
                     name, p.wall.min, p.wall.max, frames, p.updateMs, p.cpuMs,
                     static_cast<long long>(p.drawn));
    std::fprintf(stderr, "render: plot width %d px; timeline %.1f bytes/sample (%.1f MB for %lld samples)\n",
                 chart->plotWidthPx(), Timeline::bytesPerSample(),
                 double(timeline.memoryBytes()) / 1e6, static_cast<long long>(points));
    if (naive > 0) {
        const Stats n = naiveFrames(timeline, pool, specs, naive);
        std::printf("render-naive series=%d points=%lld ms_per_frame=%.2f ratio=%.0f "
                    "ratio_rebuild=%.0f\n",
                    seriesCount, static_cast<long long>(points), n.median, n.median / live.wall.median,
                    n.median / rebuild.wall.median);
        std::fprintf(stderr, "render-naive: min=%.2f ms max=%.2f ms over %d frames\n", n.min, n.max,
                     naive);
    }
    delete chart;
    return 0;
}

}  // namespace poolscope::bench
