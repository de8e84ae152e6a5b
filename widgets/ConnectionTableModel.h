#pragma once
// One row per connection of a pool's latest snapshot.

#include <QAbstractTableModel>
#include <QHash>
#include <QStringList>
#include <QVector>

#include "core/telemetry/Snapshot.h"

namespace poolscope {

/// GUI thread only. Rows keep their position across snapshots: existing ids
/// are updated in place (dataChanged), new ids are inserted at the end and
/// vanished ids removed (never a full reset while the pool stays the same).
class ConnectionTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Id, State, Age, TimeInState, Uses, Holder, ServerId, ColumnCount };
    enum Role {
        LeakedRole = Qt::UserRole + 1,  ///< bool: held longer than leak_threshold
        StackRole,                      ///< QStringList: leak stack, innermost first; empty if none
        ConnIdRole,                     ///< qulonglong: connection id
        StateRole,                      ///< int: static_cast<int>(ConnState)
        SortRole,                       ///< raw value of the cell for sorting (number or text)
    };

    explicit ConnectionTableModel(QObject* parent = nullptr);

    /// Takes the connections and leak reports of `snapshot`. Ages are relative
    /// to snapshot.tMs. A snapshot of another pool resets the model.
    void setSnapshot(const poolscope::PoolSnapshot& snapshot);
    /// Empties the model.
    void clear();
    /// Row of connection `id`, or -1.
    int rowOf(quint64 id) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// "850 ms", "12.3 s", "4 min 05 s", "2 h 10 min".
    static QString formatDuration(qint64 ms);

private:
    struct Row {
        ConnectionInfo info;
        QStringList stack;
        qint64 heldMs = 0;
    };
    static bool sameRow(const Row& a, const Row& b);
    QVector<Row> rows_;
    QHash<quint64, int> index_;  // id -> row
    qint64 nowMs_ = 0;
    QString pool_;
};

}  // namespace poolscope
