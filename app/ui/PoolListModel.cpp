#include "app/ui/PoolListModel.h"

#include <QColor>

#include "widgets/StateNames.h"

namespace poolscope {

PoolListModel::PoolListModel(QObject* parent) : QAbstractListModel(parent) {}

int PoolListModel::rowOf(const QString& pool) const {
    for (int i = 0; i < rows_.size(); ++i)
        if (rows_[i].pool == pool) return i;
    return -1;
}

QString PoolListModel::poolAt(int row) const {
    return row >= 0 && row < rows_.size() ? rows_[row].pool : QString();
}

void PoolListModel::upsert(const PoolInfo& info) {
    const int row = rowOf(info.pool);
    if (row < 0) {
        beginInsertRows({}, static_cast<int>(rows_.size()), static_cast<int>(rows_.size()));
        rows_.append(info);
        endInsertRows();
        return;
    }
    rows_[row] = info;
    emit dataChanged(index(row), index(row));
}

void PoolListModel::remove(const QString& pool) {
    const int row = rowOf(pool);
    if (row < 0) return;
    beginRemoveRows({}, row, row);
    rows_.removeAt(row);
    endRemoveRows();
}

int PoolListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

QString PoolListModel::statusText(const PoolInfo& info) {
    switch (info.status) {
        case PoolInfo::Status::Connecting: return tr("connecting…");
        case PoolInfo::Status::Failed: return tr("failed");
        case PoolInfo::Status::Stopped: return tr("stopped");
        case PoolInfo::Status::Running: break;
    }
    return lifecycleLabel(info.lifecycle);
}

QVariant PoolListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PoolInfo& i = rows_[index.row()];
    switch (role) {
        case Qt::DisplayRole: {
            QString second = statusText(i);
            if (i.status == PoolInfo::Status::Running) {
                const QString limit = i.maxOpen > 0 ? QString::number(i.maxOpen) : QStringLiteral("∞");
                second = tr("%1 · %2/%3 in use").arg(statusText(i)).arg(i.counts.inUse).arg(limit);
                if (i.counts.waiting > 0) second += tr(" · %1 waiting").arg(i.counts.waiting);
            }
            const QString driver = i.driver.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(i.driver);
            return QStringLiteral("%1%2\n%3").arg(i.pool, driver, second);
        }
        case Qt::ToolTipRole:
            return i.error.isEmpty() ? i.description : i.description + QLatin1Char('\n') + i.error;
        case Qt::ForegroundRole:
            if (i.status == PoolInfo::Status::Failed) return QColor(0xd6, 0x27, 0x28);
            if (i.lifecycle == Lifecycle::Suspended) return QColor(0xc0, 0x7a, 0x10);
            return {};
        case PoolNameRole: return i.pool;
        case StatusRole: return static_cast<int>(i.status);
        case DescriptionRole: return i.description;
        default: return {};
    }
}

QHash<int, QByteArray> PoolListModel::roleNames() const {
    auto r = QAbstractListModel::roleNames();
    r.insert(PoolNameRole, "poolName");
    r.insert(StatusRole, "status");
    r.insert(DescriptionRole, "description");
    return r;
}

}  // namespace poolscope
