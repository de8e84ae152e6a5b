// The dashboard attached to a real Prometheus (issue 11's tests, the GUI
// side): Debian's prometheus, started here on loopback, scrapes three
// headless `poolscope --serve` processes on the simulated driver, one in a
// wait storm. The window attached to prometheus://... lists every pool in
// its fleet view with its grade (the storm at danger, the calm pools not),
// and selecting the storm shows it with the history Prometheus holds
// (back-fill), which then follows live.

#include <gtest/gtest.h>

#include <QApplication>
#include <QItemSelectionModel>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "app/sources/RemoteSource.h"
#include "app/sources/SourceManager.h"
#include "app/ui/FleetPanel.h"
#include "app/ui/MainWindow.h"
#include "app/ui/Theme.h"
#include "core/session/PrometheusSession.h"
#include "tests/app/PrometheusServer.h"
#include "tests/app/ServedProcess.h"
#include "widgets/FleetFilterProxy.h"
#include "widgets/FleetModel.h"

namespace poolscope {
namespace {

namespace fs = std::filesystem;
using testrun::PrometheusServer;
using testrun::ServedProcess;
using testrun::wallMs;

struct Served {
    std::string name;
    std::unique_ptr<ServedProcess> process;
    int port = 0;
    /// How the Prometheus attach names it: pool@job/instance.
    QString poolName() const { return QString::fromStdString(name + "@fleet/127.0.0.1:" + std::to_string(port)); }
};

class FleetPrometheusTest : public testing::Test {
protected:
    static void SetUpTestSuite() {
        static int argc = 1;
        static char name[] = "FleetPrometheusTest";
        static char* argv[] = {name, nullptr};
        app_ = new QApplication(argc, argv);
        const std::vector<std::pair<std::string, std::string>> pools{
            {"calm1", "max_open=10|workers=4,hold_ms=10,think_ms=10"},
            {"calm2", "max_open=6|workers=2,hold_ms=5,think_ms=20"},
            {"storm", "max_open=8|workers=32,hold_ms=20"},
        };
        std::vector<std::string> targets;
        for (const auto& [pool, settings] : pools) {
            const std::string maxOpen = settings.substr(0, settings.find('|'));
            const std::string workload = settings.substr(settings.find('|') + 1);
            Served s{pool, std::make_unique<ServedProcess>("fleet-" + pool), 0};
            s.port = s.process->start({"--connect", "sim://?query_ms=1", "--workload", workload, "--pool",
                                       "name=" + pool + "," + maxOpen, "--duration", "0", "--interval", "500",
                                       "--serve", "127.0.0.1:0"});
            ASSERT_GT(s.port, 0) << pool;
            targets.push_back("127.0.0.1:" + std::to_string(s.port));
            served_.push_back(std::move(s));
        }
        prom_ = new PrometheusServer(fs::path(testing::TempDir()) /
                                     ("poolscope-fleet-prometheus-" + std::to_string(::getpid())));
        prom_->writeConfig({{"fleet", targets}});
        ASSERT_TRUE(prom_->start());
        // Every pool scraped with data before the window attaches.
        const bool found = QTest::qWaitFor(
            [] {
                RemoteSpec spec;
                spec.http.url = url().toStdString();
                PrometheusSession s(spec);
                if (!s.start() || s.pools().size() != served_.size()) return false;
                PollResult r;
                s.poll(r);
                for (const PoolSnapshot& p : r.snapshots)
                    if (p.totals.acquired == 0) return false;
                return true;
            },
            60'000);
        ASSERT_TRUE(found) << "Prometheus did not serve the three pools within 60 s; log:\n" << prom_->log();
        dataSinceMs_ = wallMs();
    }
    static void TearDownTestSuite() {
        delete prom_;
        prom_ = nullptr;
        for (Served& s : served_) s.process->kill(SIGTERM);
        served_.clear();
        delete app_;
        app_ = nullptr;
    }

    static QString url() { return QStringLiteral("prometheus://127.0.0.1:%1").arg(prom_->port()); }
    static const Served& served(const std::string& name) {
        for (const Served& s : served_)
            if (s.name == name) return s;
        ADD_FAILURE() << "no served pool " << name;
        return served_.front();
    }

    static inline QApplication* app_ = nullptr;
    static inline std::vector<Served> served_;
    static inline PrometheusServer* prom_ = nullptr;
    static inline int64_t dataSinceMs_ = 0;  ///< wall ms when Prometheus had every pool's data
};

TEST_F(FleetPrometheusTest, TheFleetListsEveryPoolWithItsGradeAndOpensOneWithItsHistory) {
    ASSERT_TRUE(prom_);
    QTemporaryDir dir;
    QSettings settings(dir.filePath("window.ini"), QSettings::IniFormat);
    Theme theme;
    SourceManager sources;
    MainWindow window(sources, theme, settings, /*persistent=*/false);
    window.resize(1280, 800);
    window.show();
    // Some history to back-fill: Prometheus has held every pool for 3 s.
    ASSERT_TRUE(QTest::qWaitFor([] { return wallMs() >= dataSinceMs_ + 3'000; }, 10'000));
    const int64_t attachedMs = wallMs();
    AttachSpec spec;
    spec.url = url();
    spec.intervalMs = 500;
    window.attach(spec);

    FleetPanel& fleet = *window.fleetPanel();
    FleetModel& model = fleet.model();
    const auto gradeOf = [&](const QString& pool) {
        const QModelIndex i = model.indexOf(pool);
        return i.isValid() ? static_cast<Grade>(model.data(i, FleetModel::GradeRole).toInt()) : Grade::Normal;
    };
    const QString storm = served("storm").poolName();
    const bool listed = QTest::qWaitFor(
        [&] {
            fleet.flushNow();
            return model.poolCount() == static_cast<int>(served_.size()) && gradeOf(storm) == Grade::Danger;
        },
        60'000);
    ASSERT_TRUE(listed) << "pools " << model.poolCount() << ", storm grade " << static_cast<int>(gradeOf(storm));
    for (const Served& s : served_) {
        SCOPED_TRACE(s.name);
        const QModelIndex row = model.indexOf(s.poolName());
        ASSERT_TRUE(row.isValid());
        EXPECT_EQ(model.data(row.siblingAtColumn(FleetModel::ServiceColumn)).toString(), QStringLiteral("fleet"));
        EXPECT_EQ(model.data(row.siblingAtColumn(FleetModel::FormatColumn)).toString(), QStringLiteral("poolscope"));
        // A loaded machine may give a calm pool a slow acquire (a warning),
        // never the storm's danger.
        if (s.name != "storm") {
            EXPECT_LT(gradeOf(s.poolName()), Grade::Danger);
        }
    }
    // Worst first: the storm heads the view.
    QTreeView& view = fleet.view();
    const QModelIndex top = view.model()->index(0, 0);
    EXPECT_EQ(model.keyOf(fleet.proxy().mapToSource(top)), storm);

    // Selecting it shows it, back-filled from Prometheus: the pool's chart
    // has the points of the minute before the window attached, not only
    // those it received itself.
    view.selectionModel()->setCurrentIndex(top, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    ASSERT_TRUE(QTest::qWaitFor([&] { return window.currentPool() == storm; }, 10'000));
    const Timeline& timeline = sources.timeline();
    const std::string key = storm.toStdString();
    const auto oldest = [&] {
        const auto span = timeline.span(key);
        return span ? span->first : INT64_MAX;
    };
    EXPECT_TRUE(QTest::qWaitFor([&] { return oldest() <= attachedMs - 2'000; }, 30'000))
        << timeline.size(key) << " points from " << oldest() << ", attached at " << attachedMs;
    // ... and then follows it live.
    const size_t before = timeline.size(key);
    EXPECT_TRUE(QTest::qWaitFor([&] { return timeline.size(key) > before; }, 10'000));
    const auto latest = timeline.latest(key);
    ASSERT_TRUE(latest);
    EXPECT_GT(latest->counts.waiting, 0);  // the storm's queue, as served
}

}  // namespace
}  // namespace poolscope
