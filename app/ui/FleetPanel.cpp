#include "app/ui/FleetPanel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QTreeView>
#include <QVBoxLayout>

#include "app/sources/HealthMonitor.h"
#include "app/sources/SourceManager.h"
#include "widgets/FleetFilterProxy.h"
#include "widgets/FleetModel.h"
#include "widgets/SparklineDelegate.h"

namespace poolscope {

FleetPanel::FleetPanel(SourceManager& sources, HealthMonitor& health, QWidget* parent)
    : QWidget(parent),
      sources_(sources),
      model_(new FleetModel(this)),
      proxy_(new FleetFilterProxy(this)),
      filter_(new QLineEdit(this)),
      grade_(new QComboBox(this)),
      group_(new QComboBox(this)),
      summary_(new QLabel(this)),
      view_(new QTreeView(this)) {
    setObjectName(QStringLiteral("fleetPanel"));
    filter_->setPlaceholderText(tr("Filter: pool, service, instance, server…"));
    filter_->setClearButtonEnabled(true);
    filter_->setAccessibleName(tr("Fleet filter"));
    grade_->addItem(tr("All grades"), static_cast<int>(Grade::Normal));
    grade_->addItem(tr("Warning and worse"), static_cast<int>(Grade::Warning));
    grade_->addItem(tr("Danger only"), static_cast<int>(Grade::Danger));
    grade_->setAccessibleName(tr("Lowest grade shown"));
    group_->addItem(tr("No grouping"), static_cast<int>(FleetModel::Grouping::None));
    group_->addItem(tr("Group by service"), static_cast<int>(FleetModel::Grouping::Service));
    group_->addItem(tr("Group by database server"), static_cast<int>(FleetModel::Grouping::Server));
    group_->setAccessibleName(tr("Fleet grouping"));

    proxy_->setSourceModel(model_);
    view_->setModel(proxy_);
    view_->setAccessibleName(tr("Fleet of pools"));
    view_->setRootIsDecorated(false);
    view_->setUniformRowHeights(true);  // thousands of rows: no per-row size queries
    view_->setAlternatingRowColors(true);
    view_->setSortingEnabled(true);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->setItemDelegateForColumn(FleetModel::TrendColumn, new SparklineDelegate(FleetModel::TrendRole, view_));
    view_->sortByColumn(FleetModel::GradeColumn, Qt::DescendingOrder);  // worst first
    QHeaderView* header = view_->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->resizeSection(FleetModel::NameColumn, 170);
    header->resizeSection(FleetModel::ServiceColumn, 80);
    header->resizeSection(FleetModel::InstanceColumn, 110);
    header->resizeSection(FleetModel::FormatColumn, 70);
    header->resizeSection(FleetModel::GradeColumn, 62);
    header->resizeSection(FleetModel::UtilisationColumn, 110);
    header->resizeSection(FleetModel::WaitingColumn, 56);
    header->resizeSection(FleetModel::WaitColumn, 80);
    header->resizeSection(FleetModel::TimeoutsColumn, 64);
    header->resizeSection(FleetModel::ConnectErrorsColumn, 90);
    header->resizeSection(FleetModel::MaxOpenColumn, 130);
    header->resizeSection(FleetModel::TrendColumn, 100);

    // The boxes are named by their labels (Qt names a combo box by its item).
    auto* gradeLabel = new QLabel(tr("Show:"), this);
    gradeLabel->setBuddy(grade_);
    auto* groupLabel = new QLabel(tr("Group:"), this);
    groupLabel->setBuddy(group_);
    auto* bar = new QHBoxLayout;
    bar->addWidget(filter_, 1);
    bar->addWidget(gradeLabel);
    bar->addWidget(grade_);
    bar->addWidget(groupLabel);
    bar->addWidget(group_);
    bar->addWidget(summary_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(view_, 1);

    connect(filter_, &QLineEdit::textChanged, proxy_, &FleetFilterProxy::setText);
    connect(grade_, &QComboBox::currentIndexChanged, this, [this] {
        proxy_->setLowestGrade(static_cast<Grade>(grade_->currentData().toInt()));
    });
    connect(group_, &QComboBox::currentIndexChanged, this, &FleetPanel::applyGrouping);
    connect(view_->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex& current) {
        const QString pool = model_->keyOf(proxy_->mapToSource(current));
        if (pool.isEmpty() || selecting_ || pool == shown_) return;
        shown_ = pool;
        emit poolRequested(pool);
    });

    connect(view_, &QAbstractItemView::activated, this, [this](const QModelIndex& index) {
        const QString pool = model_->keyOf(proxy_->mapToSource(index));
        if (!pool.isEmpty()) emit poolActivated(pool);
    });
    connect(&health, &HealthMonitor::evaluated, this,
            [this](const QString& pool, const PoolSnapshot& snapshot, const PoolHealth& h) {
                model_->update(pool, snapshot, h.grade);
                if (!flushTimer_.isActive()) flushTimer_.start();
            });
    connect(&sources, &SourceManager::poolAdded, this, &FleetPanel::placeFromInfo);
    connect(&sources, &SourceManager::poolChanged, this, &FleetPanel::placeFromInfo);
    connect(&sources, &SourceManager::poolRemoved, this, [this](const QString& pool) {
        model_->remove(pool);
        updateSummary();
    });
    connect(&sources, &SourceManager::serverLimitsKnown, this,
            [this](const QString& pool, const QString& server, const ServerLimits& limits) {
                if (limits.maxConnections) model_->setServerLimit(server, *limits.maxConnections);
                serverOf_.insert(pool, server);
                placeFromInfo(pool);
            });
    flushTimer_.setSingleShot(true);
    flushTimer_.setInterval(kFlushMs);
    connect(&flushTimer_, &QTimer::timeout, this, &FleetPanel::flushNow);
    updateSummary();
}

void FleetPanel::placeFromInfo(const QString& pool) {
    const auto info = sources_.info(pool);
    if (!info) return;
    FleetPlace p;
    p.pool = info->pool;
    // A pool its source does not place belongs to the source it came from.
    p.service = info->service.isEmpty() ? info->description : info->service;
    p.instance = info->instance;
    p.format = info->format.isEmpty() ? info->driver : info->format;
    p.server = info->server.isEmpty() ? serverOf_.value(pool) : info->server;
    model_->setPlace(pool, p);
    if (model_->hasPending() && !flushTimer_.isActive()) flushTimer_.start();
}

void FleetPanel::flushNow() {
    flushTimer_.stop();
    const bool grew = model_->hasPending();
    model_->flush();
    if (grew) {
        if (model_->grouping() != FleetModel::Grouping::None) view_->expandAll();
        updateSummary();
        showPool(shown_);
    }
}

void FleetPanel::applyGrouping() {
    const auto g = static_cast<FleetModel::Grouping>(group_->currentData().toInt());
    model_->setGrouping(g);
    view_->setRootIsDecorated(g != FleetModel::Grouping::None);
    if (g != FleetModel::Grouping::None) view_->expandAll();
    showPool(shown_);
}

void FleetPanel::showPool(const QString& pool) {
    shown_ = pool;
    const QModelIndex i = proxy_->mapFromSource(model_->indexOf(pool));
    if (!i.isValid() || view_->currentIndex().siblingAtColumn(0) == i) return;
    // Marked, not scrolled to: the fleet stays where the user (or worst
    // first) left it.
    const int scrolled = view_->verticalScrollBar()->value();
    selecting_ = true;
    view_->setCurrentIndex(i);
    selecting_ = false;
    view_->verticalScrollBar()->setValue(scrolled);
}

void FleetPanel::updateSummary() {
    const int n = model_->poolCount();
    const int danger = model_->countAt(Grade::Danger);
    const int warning = model_->countAt(Grade::Warning);
    summary_->setText(tr("%n pool(s)", nullptr, n) +
                      (danger || warning ? tr(" · %1 danger · %2 warning").arg(danger).arg(warning) : QString()));
}

}  // namespace poolscope
