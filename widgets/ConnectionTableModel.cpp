#include "widgets/ConnectionTableModel.h"

#include <QColor>
#include <QSet>

#include "widgets/StateNames.h"

namespace poolscope {

ConnectionTableModel::ConnectionTableModel(QObject* parent) : QAbstractTableModel(parent) {}

bool ConnectionTableModel::sameRow(const Row& a, const Row& b) {
    return a.info == b.info && a.stack == b.stack && a.heldMs == b.heldMs;
}

void ConnectionTableModel::setSnapshot(const PoolSnapshot& snapshot) {
    const QString pool = QString::fromStdString(snapshot.pool);
    if (pool != pool_ && !rows_.isEmpty()) clear();
    pool_ = pool;
    const bool nowChanged = snapshot.tMs != nowMs_;
    nowMs_ = snapshot.tMs;

    // The newest leak report of each connection (reports are oldest first).
    QHash<quint64, const LeakReport*> leaks;
    for (const LeakReport& r : snapshot.leakReports) leaks.insert(r.conn, &r);
    QHash<quint64, Row> incoming;
    incoming.reserve(static_cast<qsizetype>(snapshot.connections.size()));
    QVector<quint64> order;  // snapshot order, for appending new ids
    for (const ConnectionInfo& c : snapshot.connections) {
        Row row{c, {}, 0};
        if (const LeakReport* r = leaks.value(c.id)) {
            for (const std::string& frame : r->stack) row.stack.append(QString::fromStdString(frame));
            row.heldMs = r->heldMs;
        }
        if (!incoming.contains(c.id)) order.append(c.id);
        incoming.insert(c.id, std::move(row));
    }

    // Remove vanished ids, in runs from the bottom so row numbers stay valid.
    for (int r = static_cast<int>(rows_.size()) - 1; r >= 0;) {
        if (incoming.contains(rows_[r].info.id)) {
            --r;
            continue;
        }
        int first = r;
        while (first > 0 && !incoming.contains(rows_[first - 1].info.id)) --first;
        beginRemoveRows({}, first, r);
        rows_.remove(first, r - first + 1);
        endRemoveRows();
        r = first - 1;
    }
    index_.clear();
    for (int r = 0; r < rows_.size(); ++r) index_.insert(rows_[r].info.id, r);

    // Update the rest in place; ages move with the snapshot time, so one
    // dataChanged over the whole table when the clock moved.
    int firstChanged = -1, lastChanged = -1;
    for (int r = 0; r < rows_.size(); ++r) {
        Row& row = rows_[r];
        Row& next = incoming[row.info.id];
        if (!sameRow(row, next)) {
            row = std::move(next);
            if (firstChanged < 0) firstChanged = r;
            lastChanged = r;
        }
    }
    if (nowChanged && !rows_.isEmpty()) {
        firstChanged = 0;
        lastChanged = static_cast<int>(rows_.size()) - 1;
    }
    if (firstChanged >= 0)
        emit dataChanged(index(firstChanged, 0), index(lastChanged, ColumnCount - 1));

    QVector<quint64> added;
    for (quint64 id : order)
        if (!index_.contains(id)) added.append(id);
    if (!added.isEmpty()) {
        const int first = static_cast<int>(rows_.size());
        beginInsertRows({}, first, first + static_cast<int>(added.size()) - 1);
        for (quint64 id : added) {
            index_.insert(id, static_cast<int>(rows_.size()));
            rows_.append(std::move(incoming[id]));
        }
        endInsertRows();
    }
}

void ConnectionTableModel::clear() {
    if (rows_.isEmpty()) return;
    beginResetModel();
    rows_.clear();
    index_.clear();
    endResetModel();
}

int ConnectionTableModel::rowOf(quint64 id) const { return index_.value(id, -1); }

int ConnectionTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int ConnectionTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString ConnectionTableModel::formatDuration(qint64 ms) {
    if (ms < 0) ms = 0;
    if (ms < 1000) return tr("%1 ms").arg(ms);
    if (ms < 60'000) return tr("%1 s").arg(ms / 1000.0, 0, 'f', 1);
    const qint64 s = ms / 1000;
    if (s < 3600) return tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QChar('0'));
    return tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QChar('0'));
}

QVariant ConnectionTableModel::data(const QModelIndex& idx, int role) const {
    if (!checkIndex(idx, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = rows_[idx.row()];
    const ConnectionInfo& c = row.info;
    switch (role) {
        case LeakedRole: return c.leaked;
        case StackRole: return row.stack;
        case ConnIdRole: return QVariant::fromValue<qulonglong>(c.id);
        case StateRole: return static_cast<int>(c.state);
        case Qt::BackgroundRole:
            return c.leaked ? QVariant(QColor(220, 50, 47, 70)) : QVariant();
        case Qt::ToolTipRole:
            if (!c.leaked) return {};
            return tr("Leaked: held by %1 for %2%3")
                .arg(c.holder.empty() ? tr("(unknown)") : QString::fromStdString(c.holder),
                     formatDuration(nowMs_ - c.sinceMs),
                     row.stack.isEmpty() ? QString() : tr(" (stack available)"));
        case Qt::TextAlignmentRole:
            if (idx.column() == Holder || idx.column() == State)
                return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        case SortRole:
            switch (idx.column()) {
                case Id: return QVariant::fromValue<qulonglong>(c.id);
                case State: return static_cast<int>(c.state);
                case Age: return QVariant::fromValue<qint64>(nowMs_ - c.createdMs);
                case TimeInState: return QVariant::fromValue<qint64>(nowMs_ - c.sinceMs);
                case Uses: return QVariant::fromValue<qulonglong>(c.uses);
                case Holder: return QString::fromStdString(c.holder);
                case ServerId: return QVariant::fromValue<qint64>(c.serverId);
            }
            return {};
        case Qt::DisplayRole:
            switch (idx.column()) {
                case Id: return QString::number(c.id);
                case State: return connStateLabel(c.state);
                case Age: return formatDuration(nowMs_ - c.createdMs);
                case TimeInState: return formatDuration(nowMs_ - c.sinceMs);
                case Uses: return QString::number(c.uses);
                case Holder: return QString::fromStdString(c.holder);
                case ServerId: return c.serverId ? QString::number(c.serverId) : tr("–");
            }
            return {};
        default: return {};
    }
}

QVariant ConnectionTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return {};
    if (role == Qt::ToolTipRole && section == ServerId)
        return tr("Backend process id (PostgreSQL), thread id (MySQL), 0 when unknown");
    if (role != Qt::DisplayRole) return {};
    switch (section) {
        case Id: return tr("id");
        case State: return tr("state");
        case Age: return tr("age");
        case TimeInState: return tr("time in state");
        case Uses: return tr("uses");
        case Holder: return tr("holder");
        case ServerId: return tr("server id");
    }
    return {};
}

QHash<int, QByteArray> ConnectionTableModel::roleNames() const {
    QHash<int, QByteArray> roles = QAbstractTableModel::roleNames();
    roles.insert(LeakedRole, "leaked");
    roles.insert(StackRole, "stack");
    roles.insert(ConnIdRole, "connId");
    roles.insert(StateRole, "connState");
    roles.insert(SortRole, "sortValue");
    return roles;
}

}  // namespace poolscope
