#pragma once

#include <QSortFilterProxyModel>
#include <optional>

#include "core/pool/ConnState.h"

namespace poolscope {

/// Filters a ConnectionTableModel by state (the state-machine view's click)
/// and optionally to leaked connections; sorts numerically on SortRole.
class ConnectionFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit ConnectionFilterProxy(QObject* parent = nullptr);

    /// Shows only connections in `state`; nullopt shows every state.
    void setStateFilter(std::optional<poolscope::ConnState> state);
    std::optional<poolscope::ConnState> stateFilter() const { return state_; }
    /// Shows only leaked connections when true.
    void setLeakedOnly(bool leakedOnly);
    bool leakedOnly() const { return leakedOnly_; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    std::optional<ConnState> state_;
    bool leakedOnly_ = false;
};

}  // namespace poolscope
