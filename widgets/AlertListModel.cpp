#include "widgets/AlertListModel.h"

#include <QDateTime>
#include <QLocale>
#include <algorithm>

#include "widgets/AlertText.h"

namespace poolscope {

namespace {

QString timeText(int64_t ms) {
    if (ms <= 0) return {};
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).time(), QStringLiteral("HH:mm:ss"));
}

QString number(double v) { return QLocale().toString(v, 'g', 4); }

}  // namespace

AlertListModel::AlertListModel(QObject* parent) : QAbstractTableModel(parent) {}

QString AlertListModel::keyOf(const Alert& alert) {
    return QString::fromStdString(alert.pool + '\x1f' + alert.rule + '\x1f' + alert.subject);
}

QColor AlertListModel::gradeColor(Grade grade) {
    switch (grade) {
        case Grade::Danger: return QColor(0xd6, 0x27, 0x28);
        case Grade::Warning: return QColor(0xe0, 0x8a, 0x00);
        case Grade::Info: return QColor(0x1f, 0x77, 0xb4);
        case Grade::Normal: break;
    }
    return QColor(0x2c, 0xa0, 0x2c);
}

QString AlertListModel::gradeText(Grade grade) {
    switch (grade) {
        case Grade::Danger: return tr("danger");
        case Grade::Warning: return tr("warning");
        case Grade::Info: return tr("info");
        case Grade::Normal: break;
    }
    return tr("normal");
}

QString AlertListModel::stateText(AlertState state) {
    switch (state) {
        case AlertState::Pending: return tr("pending");
        case AlertState::Firing: return tr("firing");
        case AlertState::Resolved: break;
    }
    return tr("resolved");
}

void AlertListModel::setAlerts(const std::vector<Alert>& active, const std::vector<Alert>& history,
                               const QSet<QString>& acknowledged, const QSet<QString>& silenced) {
    beginResetModel();
    active_.clear();
    history_.clear();
    for (const Alert& a : active) {
        const QString key = keyOf(a);
        active_.append({a, acknowledged.contains(key), silenced.contains(key)});
    }
    // Firing before pending (the engine sorts by grade only): what is on fire comes first.
    std::stable_sort(active_.begin(), active_.end(), [](const Row& x, const Row& y) {
        return (x.alert.state == AlertState::Firing) > (y.alert.state == AlertState::Firing);
    });
    for (auto it = history.rbegin(); it != history.rend(); ++it) history_.append({*it, false, false});
    activeCount_ = static_cast<int>(active_.size());
    endResetModel();
}

void AlertListModel::setShowHistory(bool show) {
    if (show == showHistory_) return;
    beginResetModel();
    showHistory_ = show;
    endResetModel();
}

const AlertListModel::Row* AlertListModel::rowAt(int row) const {
    if (row < 0) return nullptr;
    if (row < active_.size()) return &active_[row];
    row -= static_cast<int>(active_.size());
    if (showHistory_ && row < history_.size()) return &history_[row];
    return nullptr;
}

const Alert* AlertListModel::alertAt(int row) const {
    const Row* r = rowAt(row);
    return r ? &r->alert : nullptr;
}

int AlertListModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid()) return 0;
    return static_cast<int>(active_.size() + (showHistory_ ? history_.size() : 0));
}

int AlertListModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant AlertListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const Row* r = rowAt(index.row());
    if (!r) return {};
    const Alert& a = r->alert;
    const bool active = a.state != AlertState::Resolved;
    switch (role) {
        case Qt::DisplayRole:
            switch (index.column()) {
                case GradeColumn: return gradeText(a.state == AlertState::Resolved ? a.peakGrade : a.grade);
                case PoolColumn: return QString::fromStdString(a.pool);
                case RuleColumn:
                    return a.subject.empty() ? QString::fromStdString(a.rule)
                                             : QStringLiteral("%1 (%2)").arg(QString::fromStdString(a.rule),
                                                                             QString::fromStdString(a.subject));
                case StateColumn: {
                    QString s = stateText(a.state);
                    if (r->acknowledged) s += tr(", acknowledged");
                    if (r->silenced) s += tr(", silenced");
                    return s;
                }
                case MessageColumn: return AlertText::message(a);
                case ValueColumn: return tr("%1 (threshold %2)").arg(number(a.value), number(a.threshold));
                case SinceColumn:
                    return active ? timeText(a.firstSeenMs)
                                  : tr("%1–%2").arg(timeText(a.firedMs ? a.firedMs : a.firstSeenMs),
                                                    timeText(a.resolvedMs));
            }
            return {};
        case Qt::ToolTipRole: return AlertText::message(a);
        case Qt::DecorationRole:
            if (index.column() == GradeColumn)
                return gradeColor(a.state == AlertState::Resolved ? a.peakGrade : a.grade);
            return {};
        case Qt::ForegroundRole:
            if (!active || r->acknowledged || r->silenced) return QColor(0x80, 0x80, 0x80);
            return {};
        case KeyRole: return keyOf(a);
        case GradeRole: return static_cast<int>(a.grade);
        case ActiveRole: return active;
        case AcknowledgedRole: return r->acknowledged;
        case SilencedRole: return r->silenced;
        default: return {};
    }
}

QVariant AlertListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case GradeColumn: return tr("Grade");
        case PoolColumn: return tr("Pool");
        case RuleColumn: return tr("Rule");
        case StateColumn: return tr("State");
        case MessageColumn: return tr("Message");
        case ValueColumn: return tr("Value");
        case SinceColumn: return tr("Since");
    }
    return {};
}

}  // namespace poolscope
