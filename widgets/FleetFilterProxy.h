#pragma once
// Filters a FleetModel by text (any part of a pool's name or place, case
// insensitive) and by the lowest grade shown; sorts by FleetModel::SortRole.
// A group stays while any of its pools passes.

#include <QSortFilterProxyModel>

#include "core/health/Grade.h"

namespace poolscope {

class FleetFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit FleetFilterProxy(QObject* parent = nullptr);
    void setText(const QString& text);
    /// Pools below `grade` are hidden (Normal: every pool).
    void setLowestGrade(Grade grade);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString text_;
    Grade lowest_ = Grade::Normal;
};

}  // namespace poolscope
