#pragma once
// The fleet view: every pool the dashboard knows in one sortable, filterable
// table, worst first, or grouped by service or by database server with
// summed figures. Selecting a pool opens its dashboard (poolRequested).
//
// Fed by the health monitor's evaluations (snapshot and grade together) and
// the source manager's pool places; the model is flushed at most once per
// kFlushMs, so a fleet refresh of thousands of pools costs the GUI thread
// one re-sort, not one per pool.

#include <QHash>
#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTreeView;

namespace poolscope {

class FleetFilterProxy;
class FleetModel;
class HealthMonitor;
class SourceManager;

class FleetPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int kFlushMs = 500;

    FleetPanel(SourceManager& sources, HealthMonitor& health, QWidget* parent = nullptr);

    /// Marks `pool` as the one shown (selects its row without re-announcing it).
    void showPool(const QString& pool);
    FleetModel& model() { return *model_; }
    FleetFilterProxy& proxy() { return *proxy_; }
    QTreeView& view() { return *view_; }
    /// Applies pending updates now (tests, benchmarks); the timer does it otherwise.
    void flushNow();

signals:
    /// The user selected `pool` in the fleet.
    void poolRequested(const QString& pool);
    /// The user opened `pool` (double-click, Enter): show its dashboard.
    void poolActivated(const QString& pool);

private:
    void placeFromInfo(const QString& pool);
    void updateSummary();
    void applyGrouping();

    SourceManager& sources_;
    FleetModel* model_;
    FleetFilterProxy* proxy_;
    QLineEdit* filter_;
    QComboBox* grade_;
    QComboBox* group_;
    QLabel* summary_;
    QTreeView* view_;
    QTimer flushTimer_;
    QHash<QString, QString> serverOf_;  // pool -> server key its source named with the limits
    QString shown_;
    bool selecting_ = false;
};

}  // namespace poolscope
