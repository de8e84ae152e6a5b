#include "app/ui/AlertPanel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include "app/sources/HealthMonitor.h"
#include "widgets/AlertListModel.h"

namespace poolscope {

AlertPanel::AlertPanel(HealthMonitor& monitor, QWidget* parent)
    : QWidget(parent),
      monitor_(monitor),
      model_(new AlertListModel(this)),
      view_(new QTableView(this)),
      ack_(new QPushButton(tr("Acknowledge"), this)),
      silence_(new QPushButton(tr("Silence"), this)),
      history_(new QCheckBox(tr("Show resolved"), this)),
      summary_(new QLabel(this)),
      rulesOff_(new QLabel(this)) {
    view_->setModel(model_);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->setAlternatingRowColors(true);
    view_->setWordWrap(false);
    view_->verticalHeader()->hide();
    view_->horizontalHeader()->setStretchLastSection(false);
    view_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view_->horizontalHeader()->setSectionResizeMode(AlertListModel::MessageColumn, QHeaderView::Stretch);
    view_->setObjectName(QStringLiteral("alertTable"));
    view_->setAccessibleName(tr("Alerts"));
    view_->setAccessibleDescription(
        tr("One row per alert: grade, pool, rule, state, message, value and since when. "
           "Double-click an alert to show its pool."));

    ack_->setToolTip(tr("Mark the selected alert as seen: no more notifications until it resolves"));
    auto* menu = new QMenu(silence_);
    for (int minutes : silenceChoicesMin()) {
        const QString label = minutes < 60 ? tr("for %n minute(s)", nullptr, minutes)
                                           : tr("for %n hour(s)", nullptr, minutes / 60);
        menu->addAction(label, this, [this, minutes] { silenceSelected(minutes); });
    }
    silence_->setMenu(menu);
    silence_->setToolTip(tr("No notifications from the selected alert for a while"));
    history_->setChecked(true);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(summary_, 1);
    buttons->addWidget(history_);
    buttons->addWidget(ack_);
    buttons->addWidget(silence_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(buttons);
    rulesOff_->setWordWrap(true);
    rulesOff_->setVisible(false);
    rulesOff_->setObjectName(QStringLiteral("rulesOff"));
    layout->addWidget(rulesOff_);
    layout->addWidget(view_, 1);

    connect(ack_, &QPushButton::clicked, this, &AlertPanel::acknowledgeSelected);
    connect(history_, &QCheckBox::toggled, model_, &AlertListModel::setShowHistory);
    connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &AlertPanel::updateButtons);
    connect(model_, &QAbstractItemModel::modelReset, this, &AlertPanel::updateButtons);
    connect(view_, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        if (const Alert* a = model_->alertAt(index.row())) emit poolRequested(QString::fromStdString(a->pool));
    });
    refresh();
}

void AlertPanel::refresh() {
    // Keep the selection across the reset: by key, since rows move.
    QString selectedKey;
    if (const QModelIndex i = view_->currentIndex(); i.isValid())
        selectedKey = model_->data(model_->index(i.row(), 0), AlertListModel::KeyRole).toString();
    model_->setAlerts(monitor_.active(), monitor_.history(), monitor_.acknowledgedKeys(), monitor_.silencedKeys());
    if (!selectedKey.isEmpty())
        for (int row = 0; row < model_->rowCount(); ++row)
            if (model_->data(model_->index(row, 0), AlertListModel::KeyRole).toString() == selectedKey &&
                model_->data(model_->index(row, 0), AlertListModel::ActiveRole).toBool()) {
                view_->selectRow(row);
                break;
            }
    // The rule names on one line; which inputs each one lacks in the tooltip.
    const PoolHealth health = pool_.isEmpty() ? PoolHealth{} : monitor_.health(pool_);
    QStringList names;
    for (const PoolHealth::RuleOff& off : health.rulesOff) names << QString::fromStdString(off.rule);
    rulesOff_->setVisible(!names.isEmpty());
    rulesOff_->setText(names.isEmpty() ? QString()
                                       : tr("Off for %1, its source does not report their inputs: %2")
                                             .arg(pool_, names.join(QStringLiteral(", "))));
    rulesOff_->setToolTip(rulesOffLines(health).join(QLatin1Char('\n')));
    const int active = model_->activeCount();
    summary_->setText(active == 0 ? tr("No active alerts") : tr("%n active alert(s)", nullptr, active));
    if (active != lastActive_) {
        lastActive_ = active;
        emit activeCountChanged(active);
    }
}

void AlertPanel::setPool(const QString& pool) {
    pool_ = pool;
    refresh();
}

QStringList AlertPanel::rulesOffLines(const PoolHealth& health) {
    QStringList lines;
    for (const PoolHealth::RuleOff& off : health.rulesOff) {
        QStringList missing;
        for (const std::string& m : off.missing) missing << QString::fromStdString(m);
        lines << tr("%1: needs %2").arg(QString::fromStdString(off.rule), missing.join(QStringLiteral(", ")));
    }
    return lines;
}

void AlertPanel::acknowledgeSelected() {
    const Alert* a = model_->alertAt(view_->currentIndex().row());
    if (!a || a->state == AlertState::Resolved) return;
    monitor_.acknowledge(*a);
    refresh();
}

void AlertPanel::silenceSelected(int minutes) {
    const Alert* a = model_->alertAt(view_->currentIndex().row());
    if (!a || a->state == AlertState::Resolved) return;
    monitor_.silence(*a, qint64{minutes} * 60'000);
    refresh();
}

void AlertPanel::updateButtons() {
    const QModelIndex i = view_->currentIndex();
    const bool active = i.isValid() && model_->data(model_->index(i.row(), 0), AlertListModel::ActiveRole).toBool();
    ack_->setEnabled(active);
    silence_->setEnabled(active);
}

}  // namespace poolscope
