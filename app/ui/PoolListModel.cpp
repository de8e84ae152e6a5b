#include "app/ui/PoolListModel.h"

#include <QDateTime>

#include <QColor>

#include "widgets/AlertListModel.h"
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
    health_.remove(pool);
}

void PoolListModel::setHealth(const QString& pool, Grade grade, const QString& summary) {
    const int row = rowOf(pool);
    if (row < 0) return;
    Health& h = health_[pool];
    if (h.grade == grade && h.summary == summary) return;
    h = {grade, summary};
    emit dataChanged(index(row), index(row), {Qt::DecorationRole, Qt::ToolTipRole, HealthRole});
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
    if (info.stale)
        return tr("stale since %1").arg(QDateTime::fromMSecsSinceEpoch(info.staleSinceMs).toString(QStringLiteral("HH:mm:ss")));
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
                // "?" for a figure the source does not report: never a 0.
                const QString unknown = QStringLiteral("?");
                const QString limit = !i.reported.has(Figure::MaxOpen) ? unknown
                                      : i.maxOpen > 0                 ? QString::number(i.maxOpen)
                                                                      : QStringLiteral("∞");
                const QString inUse = i.reported.has(Figure::InUse) ? QString::number(i.counts.inUse) : unknown;
                second = tr("%1 · %2/%3 in use").arg(statusText(i), inUse, limit);
                if (i.reported.has(Figure::Waiting) && i.counts.waiting > 0)
                    second += tr(" · %1 waiting").arg(i.counts.waiting);
            }
            const QString driver = i.driver.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(i.driver);
            return QStringLiteral("%1%2\n%3").arg(i.pool, driver, second);
        }
        case Qt::ToolTipRole: {
            QString tip = i.error.isEmpty() ? i.description : i.description + QLatin1Char('\n') + i.error;
            if (i.status == PoolInfo::Status::Running && !i.reported.isAll()) {
                QStringList missing;
                for (Figure f : {Figure::Open, Figure::Idle, Figure::InUse, Figure::Waiting, Figure::MaxOpen})
                    if (!i.reported.has(f))
                        missing << QString::fromLatin1(toString(f).data(), qsizetype(toString(f).size()));
                if (!missing.isEmpty())
                    tip += QLatin1Char('\n') + tr("Not reported by this source: %1").arg(missing.join(QStringLiteral(", ")));
            }
            const Health h = health_.value(i.pool);
            tip += QLatin1Char('\n') + tr("Health: %1").arg(AlertListModel::gradeText(h.grade));
            if (!h.summary.isEmpty()) tip += QLatin1Char('\n') + h.summary;
            return tip;
        }
        case Qt::DecorationRole:
            if (i.status != PoolInfo::Status::Running) return {};
            return AlertListModel::gradeColor(health_.value(i.pool).grade);
        case HealthRole: return static_cast<int>(health_.value(i.pool).grade);
        case Qt::ForegroundRole:
            if (i.status == PoolInfo::Status::Failed) return QColor(0xd6, 0x27, 0x28);
            if (i.stale) return QColor(0x80, 0x80, 0x80);
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
    r.insert(HealthRole, "health");
    return r;
}

}  // namespace poolscope
