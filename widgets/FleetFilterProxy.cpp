#include "widgets/FleetFilterProxy.h"

#include "widgets/FleetModel.h"

namespace poolscope {

FleetFilterProxy::FleetFilterProxy(QObject* parent) : QSortFilterProxyModel(parent) {
    setSortRole(FleetModel::SortRole);
    setRecursiveFilteringEnabled(true);
    setDynamicSortFilter(true);
}

void FleetFilterProxy::setText(const QString& text) {
    if (text.trimmed() == text_) return;
    text_ = text.trimmed();
    invalidateFilter();
}

void FleetFilterProxy::setLowestGrade(Grade grade) {
    if (grade == lowest_) return;
    lowest_ = grade;
    invalidateFilter();
}

bool FleetFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
    // A group passes through its pools (recursive filtering), never by itself.
    if (i.data(FleetModel::IsGroupRole).toBool()) return false;
    if (i.data(FleetModel::GradeRole).toInt() < static_cast<int>(lowest_)) return false;
    return text_.isEmpty() || i.data(FleetModel::SearchRole).toString().contains(text_, Qt::CaseInsensitive);
}

}  // namespace poolscope
