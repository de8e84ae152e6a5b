#pragma once
// The alert list: active alerts first (worst grade first), then the history
// of resolved ones (newest first). Plain rows in, so the model does not know
// where alerts come from (live, replay).

#include <QAbstractTableModel>
#include <QColor>
#include <QList>
#include <QSet>

#include "core/health/Alert.h"

namespace poolscope {

/// GUI thread only. setAlerts() replaces every row (a few hundred at most).
class AlertListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { GradeColumn, PoolColumn, RuleColumn, StateColumn, MessageColumn, ValueColumn, SinceColumn,
                  ColumnCount };
    enum Role {
        KeyRole = Qt::UserRole + 1,  ///< QString: pool, rule and subject (acknowledge / silence)
        GradeRole,                   ///< int: Grade
        ActiveRole,                  ///< bool: pending or firing
        AcknowledgedRole,            ///< bool
        SilencedRole,                ///< bool
    };

    explicit AlertListModel(QObject* parent = nullptr);

    /// `active` as the engine orders them (worst first); `history` oldest
    /// first (shown newest first). Keys are HealthMonitor::keyOf() values.
    void setAlerts(const std::vector<Alert>& active, const std::vector<Alert>& history,
                   const QSet<QString>& acknowledged, const QSet<QString>& silenced);
    /// Hides resolved alerts when false.
    void setShowHistory(bool show);
    bool showHistory() const { return showHistory_; }

    const Alert* alertAt(int row) const;
    int activeCount() const { return activeCount_; }
    /// Same key function as HealthMonitor::keyOf (kept here so widgets need no app code).
    static QString keyOf(const Alert& alert);
    /// The colour of a grade's badge.
    static QColor gradeColor(Grade grade);
    /// "normal", "info", "warning", "danger" (translated).
    static QString gradeText(Grade grade);
    /// "pending", "firing", "resolved" (translated).
    static QString stateText(AlertState state);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        Alert alert;
        bool acknowledged = false;
        bool silenced = false;
    };
    const Row* rowAt(int row) const;

    QList<Row> active_;
    QList<Row> history_;  // newest first
    int activeCount_ = 0;
    bool showHistory_ = true;
};

}  // namespace poolscope
