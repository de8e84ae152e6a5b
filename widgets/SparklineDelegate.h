#pragma once
// Draws a QList<double> (FleetModel::TrendRole: oldest first, NaN where
// unknown) as a small line in a table cell, scaled to the cell: 0..1 when
// every point is a fraction (utilisation), else 0..max.

#include <QStyledItemDelegate>

namespace poolscope {

class SparklineDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    /// `role`: where the points are.
    explicit SparklineDelegate(int role, QObject* parent = nullptr);
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    int role_;
};

}  // namespace poolscope
