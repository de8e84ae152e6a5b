#pragma once
// Every pool of a fleet in one table, or as a tree grouped by service (a
// Prometheus job) or by database server, with summed figures per group: the
// seeds' unbounded-pool incident seen fleet-wide is a service whose
// instances' summed max_open exceeds the server's max_connections.
//
// Plain values in (a pool's place, its snapshot and grade), so the model does
// not know where pools come from. Updates are collected and applied by
// flush(): one dataChanged per flush whatever the number of pools, so a
// fleet refresh of thousands of snapshots costs the view one re-sort.

#include <QAbstractItemModel>
#include <QHash>
#include <QList>
#include <QString>
#include <array>
#include <deque>
#include <optional>
#include <vector>

#include "core/health/Grade.h"
#include "core/telemetry/Snapshot.h"

namespace poolscope {

/// Where a pool lives; any part may be empty (unknown).
struct FleetPlace {
    QString service, instance, pool, format, server;
    bool operator==(const FleetPlace&) const = default;
};

/// GUI thread only.
class FleetModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column {
        NameColumn,         ///< the pool (or the group)
        ServiceColumn,      ///< Prometheus job, or the source
        InstanceColumn,
        FormatColumn,
        GradeColumn,
        UtilisationColumn,  ///< in use / max_open
        WaitingColumn,
        WaitColumn,         ///< wait P99, or the mean wait when that is all the source has
        TimeoutsColumn,     ///< acquire timeouts in the last window
        ConnectErrorsColumn,
        MaxOpenColumn,      ///< a group: summed max_open against the server's max_connections
        TrendColumn,        ///< sparkline of utilisation (or in use when max_open is unknown)
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1,  ///< double: the column's value to sort by; unknown sorts lowest
        GradeRole,                    ///< int: Grade
        TrendRole,                    ///< QList<double>: oldest first, NaN where unknown
        KeyRole,                      ///< QString: the pool's key (empty for a group)
        IsGroupRole,                  ///< bool
        SearchRole,                   ///< QString: the text a filter matches (names, place)
        OverCommittedRole,            ///< bool: a group's summed max_open exceeds max_connections
    };
    enum class Grouping { None, Service, Server };

    /// Timeouts and connect errors are counted over this much data time.
    static constexpr qint64 kWindowMs = 5 * 60'000;
    static constexpr int kTrendPoints = 40;

    explicit FleetModel(QObject* parent = nullptr);

    /// Where `key` lives; takes effect at the next flush().
    void setPlace(const QString& key, const FleetPlace& place);
    /// A snapshot of `key` and its grade; applied (and the row shown) at the next flush().
    void update(const QString& key, const PoolSnapshot& snapshot, Grade grade);
    /// Removes `key` at once.
    void remove(const QString& key);
    /// What the server `server` accepts at once (max_connections).
    void setServerLimit(const QString& server, qint64 maxConnections);
    void setGrouping(Grouping grouping);
    Grouping grouping() const { return grouping_; }
    /// Applies what changed since the last flush: new rows inserted, every
    /// changed figure announced with one dataChanged per level. Cheap when
    /// nothing changed.
    void flush();
    bool hasPending() const { return pendingData_ || pendingStructure_; }

    /// Pools with data, and of those at warning and at danger.
    int poolCount() const { return static_cast<int>(visibleRows_); }
    int countAt(Grade grade) const;
    QString keyOf(const QModelIndex& index) const;
    /// The index of `key`'s row in this model (invalid when unknown).
    QModelIndex indexOf(const QString& key) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Windowed {
        qint64 tMs;
        uint64_t timeouts, connectErrors;
    };
    struct Row {
        QString key;
        FleetPlace place;
        bool hasData = false;
        Grade grade = Grade::Normal;
        PoolCounts counts;
        int64_t maxOpen = 0;
        FigureSet reported = FigureSet::none();
        WaitWindow wait;
        std::deque<Windowed> window;  // totals over the last kWindowMs
        std::array<double, kTrendPoints> trend{};
        int trendCount = 0, trendHead = 0;  // a ring, trendHead = next write
        int group = -1;
    };
    struct Group {
        QString name;
        std::vector<int> members;  // rows_ indices, in insertion order
        // Summed at flush():
        Grade grade = Grade::Normal;
        int64_t inUse = 0, waiting = 0, maxOpen = 0;
        bool unbounded = false;
        std::optional<double> worstWait;
        std::optional<uint64_t> timeouts, connectErrors;
        std::optional<qint64> maxConnections;
        // How many members reported each summed figure. A sum over some of
        // the members only is a lower bound, shown as "≥ N".
        int inUseFrom = 0, waitingFrom = 0, maxOpenFrom = 0, waitFrom = 0, timeoutsFrom = 0, connectErrorsFrom = 0;
        bool partial(int from) const { return from > 0 && from < static_cast<int>(members.size()); }
    };

    /// A snapshot's figures, held until flush().
    struct Incoming {
        int row;
        Grade grade;
        int64_t tMs;
        PoolCounts counts;
        int64_t maxOpen;
        FigureSet reported;
        WaitWindow wait;
        uint64_t timeouts, connectErrors;
    };
    void apply(const Incoming& in);
    bool grouped() const { return grouping_ != Grouping::None; }
    QString groupNameOf(const Row& row) const;
    /// Rebuilds groups_ from rows_ (a reset).
    void regroup();
    void sumGroup(Group& g) const;
    QVariant rowData(const Row& row, int column, int role) const;
    QVariant groupData(const Group& g, int column, int role) const;
    static std::optional<double> utilisationOf(const Row& row);
    static std::optional<uint64_t> windowDelta(const Row& row, bool timeouts);

    std::vector<Row> rows_;
    QHash<QString, int> rowOf_;
    std::vector<int> shown_;        // flat order: rows with data, in arrival order
    std::vector<Group> groups_;
    QHash<QString, int> groupOf_;
    QHash<QString, qint64> serverLimits_;
    size_t visibleRows_ = 0;
    Grouping grouping_ = Grouping::None;
    bool pendingData_ = false;
    bool pendingStructure_ = false;  // rows waiting to be shown, or a place moved a row
    std::vector<int> pendingRows_;   // rows_ indices with data, not shown yet
    std::vector<Incoming> incoming_;  // updates not applied yet
};

}  // namespace poolscope
