#pragma once
// The session's pools as a list: name, driver, status, connections in use.

#include <QAbstractListModel>
#include <QHash>
#include <QList>

#include "app/sources/PoolInfo.h"
#include "core/health/Grade.h"

namespace poolscope {

/// GUI thread only. Data comes in through upsert()/remove() only.
class PoolListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        PoolNameRole = Qt::UserRole + 1,  ///< QString: the pool's unique name
        StatusRole,                       ///< int: PoolInfo::Status
        DescriptionRole,                  ///< QString: the source's description
        HealthRole,                       ///< int: Grade (Normal, Warning, Danger)
    };

    explicit PoolListModel(QObject* parent = nullptr);

    /// Adds `info` at the end, or updates the row of info.pool in place.
    void upsert(const poolscope::PoolInfo& info);
    /// The pool's health badge: a dot in the grade's colour; `summary` (its
    /// alerts) joins the tooltip. Nothing when the pool is unknown.
    void setHealth(const QString& pool, Grade grade, const QString& summary);
    /// Removes the row of `pool`; nothing when unknown.
    void remove(const QString& pool);
    /// Row of `pool`, or -1.
    int rowOf(const QString& pool) const;
    QString poolAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// "Running", "Failed", ... (translated).
    static QString statusText(const poolscope::PoolInfo& info);

private:
    struct Health {
        Grade grade = Grade::Normal;
        QString summary;
    };
    QList<PoolInfo> rows_;
    QHash<QString, Health> health_;
};

}  // namespace poolscope
