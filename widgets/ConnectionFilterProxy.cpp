#include "widgets/ConnectionFilterProxy.h"

#include "widgets/ConnectionTableModel.h"

namespace poolscope {

ConnectionFilterProxy::ConnectionFilterProxy(QObject* parent) : QSortFilterProxyModel(parent) {
    setSortRole(ConnectionTableModel::SortRole);
    setDynamicSortFilter(true);
}

void ConnectionFilterProxy::setStateFilter(std::optional<ConnState> state) {
    if (state == state_) return;
    state_ = state;
    invalidateFilter();
}

void ConnectionFilterProxy::setLeakedOnly(bool leakedOnly) {
    if (leakedOnly == leakedOnly_) return;
    leakedOnly_ = leakedOnly;
    invalidateFilter();
}

bool ConnectionFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    const QModelIndex idx = sourceModel()->index(sourceRow, 0, sourceParent);
    if (state_ && idx.data(ConnectionTableModel::StateRole).toInt() != static_cast<int>(*state_))
        return false;
    if (leakedOnly_ && !idx.data(ConnectionTableModel::LeakedRole).toBool()) return false;
    return QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
}

}  // namespace poolscope
