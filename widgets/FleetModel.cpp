#include "widgets/FleetModel.h"

#include <QBrush>
#include <QColor>
#include <QLocale>
#include <algorithm>
#include <cmath>
#include <limits>

namespace poolscope {

namespace {

/// internalId of a top-level item (a pool when flat, a group when grouped);
/// a group's member has its group's index + 1.
constexpr quintptr kTop = 0;
/// Unknown figures sort below every known one.
constexpr double kUnknownSort = -1.0;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

QString gradeName(Grade g) {
    switch (g) {
        case Grade::Danger: return FleetModel::tr("danger");
        case Grade::Warning: return FleetModel::tr("warning");
        case Grade::Info: return FleetModel::tr("info");
        case Grade::Normal: break;
    }
    return FleetModel::tr("normal");
}

QColor gradeColour(Grade g) {
    switch (g) {
        case Grade::Danger: return QColor(0xd6, 0x27, 0x28);
        case Grade::Warning: return QColor(0xe0, 0x8a, 0x00);
        default: return {};
    }
}

QString unknownText() { return QStringLiteral("?"); }

QString msText(double ms) {
    if (ms < 10) return QLocale().toString(ms, 'f', 1) + QStringLiteral(" ms");
    if (ms < 10'000) return QLocale().toString(ms, 'f', 0) + QStringLiteral(" ms");
    return QLocale().toString(ms / 1000, 'f', 1) + QStringLiteral(" s");
}

}  // namespace

FleetModel::FleetModel(QObject* parent) : QAbstractItemModel(parent) {}

// ---- input ---------------------------------------------------------------

void FleetModel::setPlace(const QString& key, const FleetPlace& place) {
    auto it = rowOf_.constFind(key);
    if (it == rowOf_.cend()) {
        Row r;
        r.key = key;
        r.place = place;
        rowOf_.insert(key, static_cast<int>(rows_.size()));
        rows_.push_back(std::move(r));
        return;
    }
    Row& r = rows_[*it];
    if (r.place == place) return;
    const QString before = groupNameOf(r);
    r.place = place;
    if (!r.hasData) return;
    pendingData_ = true;
    if (grouped() && groupNameOf(r) != before) pendingStructure_ = true;
}

void FleetModel::update(const QString& key, const PoolSnapshot& s, Grade grade) {
    auto it = rowOf_.constFind(key);
    if (it == rowOf_.cend()) {
        setPlace(key, FleetPlace{{}, {}, key, {}, {}});
        it = rowOf_.constFind(key);
    }
    // Held until flush(): a view reads what the model announced, so the
    // figures a proxy sorted by and those it shows stay the same.
    Incoming in{*it, grade, s.tMs, s.counts, s.config.maxOpen, s.reported, s.wait,
                s.totals.timeouts, s.totals.connectErrors};
    incoming_.push_back(in);
    pendingData_ = true;
}

void FleetModel::apply(const Incoming& in) {
    Row& r = rows_[in.row];
    if (!r.hasData) {
        r.hasData = true;
        pendingRows_.push_back(in.row);
        pendingStructure_ = true;
    }
    r.grade = in.grade;
    r.counts = in.counts;
    r.maxOpen = in.maxOpen;
    r.reported = in.reported;
    r.wait = in.wait;
    const FigureSet& rep = in.reported;
    if (rep.has(Figure::Timeouts) || rep.has(Figure::ConnectErrors)) {
        // A replay that seeks back starts the window afresh.
        if (!r.window.empty() && in.tMs < r.window.back().tMs) r.window.clear();
        r.window.push_back({in.tMs, in.timeouts, in.connectErrors});
        while (r.window.size() > 1 && r.window[1].tMs <= in.tMs - kWindowMs) r.window.pop_front();
    }
    const std::optional<double> u = utilisationOf(r);
    double point = kNaN;
    if (u) point = *u;
    else if (rep.has(Figure::InUse)) point = static_cast<double>(in.counts.inUse);
    r.trend[r.trendHead] = point;
    r.trendHead = (r.trendHead + 1) % kTrendPoints;
    r.trendCount = std::min(r.trendCount + 1, kTrendPoints);
}

void FleetModel::remove(const QString& key) {
    const auto it = rowOf_.constFind(key);
    if (it == rowOf_.cend()) return;
    const int gone = *it;
    beginResetModel();
    rows_.erase(rows_.begin() + gone);
    rowOf_.clear();
    for (int i = 0; i < static_cast<int>(rows_.size()); ++i) rowOf_.insert(rows_[i].key, i);
    const auto renumber = [gone](std::vector<int>& v) {
        std::erase(v, gone);
        for (int& i : v)
            if (i > gone) --i;
    };
    renumber(shown_);
    renumber(pendingRows_);
    std::erase_if(incoming_, [gone](const Incoming& in) { return in.row == gone; });
    for (Incoming& in : incoming_)
        if (in.row > gone) --in.row;
    regroup();
    endResetModel();
}

void FleetModel::setServerLimit(const QString& server, qint64 maxConnections) {
    if (server.isEmpty() || serverLimits_.value(server, -1) == maxConnections) return;
    serverLimits_.insert(server, maxConnections);
    pendingData_ = true;
}

void FleetModel::setGrouping(Grouping grouping) {
    if (grouping == grouping_) return;
    beginResetModel();
    grouping_ = grouping;
    for (const Incoming& in : incoming_) apply(in);
    incoming_.clear();
    for (int i : pendingRows_) shown_.push_back(i);
    pendingRows_.clear();
    regroup();
    pendingStructure_ = pendingData_ = false;
    endResetModel();
}

void FleetModel::flush() {
    for (const Incoming& in : incoming_) apply(in);
    incoming_.clear();
    if (pendingStructure_) {
        if (grouped()) {
            // Groups change shape: rebuilt in one reset (rare after the first refreshes).
            beginResetModel();
            for (int i : pendingRows_) shown_.push_back(i);
            pendingRows_.clear();
            regroup();
            endResetModel();
            pendingStructure_ = pendingData_ = false;
            return;
        }
        if (!pendingRows_.empty()) {
            const int first = static_cast<int>(shown_.size());
            beginInsertRows({}, first, first + static_cast<int>(pendingRows_.size()) - 1);
            for (int i : pendingRows_) shown_.push_back(i);
            pendingRows_.clear();
            visibleRows_ = shown_.size();
            endInsertRows();
        }
        pendingStructure_ = false;
    }
    if (!pendingData_) return;
    pendingData_ = false;
    if (grouped()) {
        for (Group& g : groups_) sumGroup(g);
        if (groups_.empty()) return;
        emit dataChanged(index(0, 0), index(static_cast<int>(groups_.size()) - 1, ColumnCount - 1));
        for (int g = 0; g < static_cast<int>(groups_.size()); ++g) {
            const QModelIndex parent = index(g, 0);
            const int n = static_cast<int>(groups_[g].members.size());
            if (n > 0) emit dataChanged(index(0, 0, parent), index(n - 1, ColumnCount - 1, parent));
        }
    } else if (!shown_.empty()) {
        emit dataChanged(index(0, 0), index(static_cast<int>(shown_.size()) - 1, ColumnCount - 1));
    }
}

// ---- grouping ------------------------------------------------------------

QString FleetModel::groupNameOf(const Row& row) const {
    switch (grouping_) {
        case Grouping::Service:
            return row.place.service.isEmpty() ? tr("(no service)") : row.place.service;
        case Grouping::Server:
            return row.place.server.isEmpty() ? tr("(server not known)") : row.place.server;
        case Grouping::None: break;
    }
    return {};
}

void FleetModel::regroup() {
    groups_.clear();
    groupOf_.clear();
    for (Row& r : rows_) r.group = -1;
    visibleRows_ = shown_.size();
    if (!grouped()) return;
    for (int i : shown_) {
        Row& r = rows_[i];
        const QString name = groupNameOf(r);
        auto it = groupOf_.constFind(name);
        if (it == groupOf_.cend()) {
            it = groupOf_.insert(name, static_cast<int>(groups_.size()));
            groups_.emplace_back().name = name;
        }
        r.group = *it;
        groups_[*it].members.push_back(i);
    }
    for (Group& g : groups_) sumGroup(g);
}

void FleetModel::sumGroup(Group& g) const {
    g.grade = Grade::Normal;
    g.inUse = g.waiting = g.maxOpen = 0;
    g.unbounded = false;
    g.inUseFrom = g.waitingFrom = g.maxOpenFrom = g.waitFrom = g.timeoutsFrom = g.connectErrorsFrom = 0;
    g.worstWait.reset();
    g.timeouts.reset();
    g.connectErrors.reset();
    g.maxConnections.reset();
    QString server;
    bool oneServer = true, first = true;
    for (int i : g.members) {
        const Row& r = rows_[i];
        g.grade = std::max(g.grade, r.grade);
        if (r.reported.has(Figure::InUse)) {
            g.inUse += r.counts.inUse;
            ++g.inUseFrom;
        }
        if (r.reported.has(Figure::Waiting)) {
            g.waiting += r.counts.waiting;
            ++g.waitingFrom;
        }
        if (r.reported.has(Figure::MaxOpen)) {
            if (r.maxOpen <= 0) g.unbounded = true;
            else g.maxOpen += r.maxOpen;
            ++g.maxOpenFrom;
        }
        if (r.reported.has(Figure::WaitPercentiles)) {
            g.worstWait = std::max(g.worstWait.value_or(0.0), r.wait.p99);
            ++g.waitFrom;
        }
        if (const auto t = windowDelta(r, true)) {
            g.timeouts = g.timeouts.value_or(0) + *t;
            ++g.timeoutsFrom;
        }
        if (const auto c = windowDelta(r, false)) {
            g.connectErrors = g.connectErrors.value_or(0) + *c;
            ++g.connectErrorsFrom;
        }
        if (first) server = r.place.server;
        else if (r.place.server != server) oneServer = false;
        first = false;
    }
    // The server's limit applies when every member talks to that one server.
    if (oneServer && !server.isEmpty()) {
        const auto it = serverLimits_.constFind(server);
        if (it != serverLimits_.cend()) g.maxConnections = *it;
    }
}

// ---- figures -------------------------------------------------------------

std::optional<double> FleetModel::utilisationOf(const Row& r) {
    if (!r.reported.has(Figure::InUse) || !r.reported.has(Figure::MaxOpen) || r.maxOpen <= 0) return std::nullopt;
    return static_cast<double>(r.counts.inUse) / static_cast<double>(r.maxOpen);
}

std::optional<uint64_t> FleetModel::windowDelta(const Row& r, bool timeouts) {
    if (!r.reported.has(timeouts ? Figure::Timeouts : Figure::ConnectErrors) || r.window.empty()) return std::nullopt;
    const Windowed& a = r.window.front();
    const Windowed& b = r.window.back();
    const uint64_t from = timeouts ? a.timeouts : a.connectErrors;
    const uint64_t to = timeouts ? b.timeouts : b.connectErrors;
    return to >= from ? to - from : 0;
}

int FleetModel::countAt(Grade grade) const {
    int n = 0;
    for (int i : shown_) n += rows_[i].grade == grade;
    return n;
}

QString FleetModel::keyOf(const QModelIndex& index) const {
    if (!index.isValid() || index.model() != this) return {};
    if (grouped()) {
        if (index.internalId() == kTop) return {};
        const Group& g = groups_[index.internalId() - 1];
        return rows_[g.members[index.row()]].key;
    }
    return rows_[shown_[index.row()]].key;
}

QModelIndex FleetModel::indexOf(const QString& key) const {
    const auto it = rowOf_.constFind(key);
    if (it == rowOf_.cend()) return {};
    const int r = *it;
    if (grouped()) {
        const int g = rows_[r].group;
        if (g < 0) return {};
        const auto& m = groups_[g].members;
        const auto pos = std::find(m.begin(), m.end(), r);
        return createIndex(static_cast<int>(pos - m.begin()), 0, static_cast<quintptr>(g + 1));
    }
    const auto pos = std::find(shown_.begin(), shown_.end(), r);
    if (pos == shown_.end()) return {};
    return createIndex(static_cast<int>(pos - shown_.begin()), 0, kTop);
}

// ---- the model -----------------------------------------------------------

QModelIndex FleetModel::index(int row, int column, const QModelIndex& parent) const {
    if (row < 0 || column < 0 || column >= ColumnCount) return {};
    if (!parent.isValid()) {
        const size_t n = grouped() ? groups_.size() : shown_.size();
        return static_cast<size_t>(row) < n ? createIndex(row, column, kTop) : QModelIndex();
    }
    if (!grouped() || parent.internalId() != kTop || parent.row() >= static_cast<int>(groups_.size())) return {};
    if (static_cast<size_t>(row) >= groups_[parent.row()].members.size()) return {};
    return createIndex(row, column, static_cast<quintptr>(parent.row() + 1));
}

QModelIndex FleetModel::parent(const QModelIndex& child) const {
    if (!child.isValid() || child.internalId() == kTop) return {};
    return createIndex(static_cast<int>(child.internalId() - 1), 0, kTop);
}

int FleetModel::rowCount(const QModelIndex& parent) const {
    if (!parent.isValid()) return static_cast<int>(grouped() ? groups_.size() : shown_.size());
    if (grouped() && parent.internalId() == kTop && parent.column() == 0)
        return static_cast<int>(groups_[parent.row()].members.size());
    return 0;
}

int FleetModel::columnCount(const QModelIndex&) const { return ColumnCount; }

QVariant FleetModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
            case NameColumn: return tr("Pool");
            case ServiceColumn: return tr("Service");
            case InstanceColumn: return tr("Instance");
            case FormatColumn: return tr("Format");
            case GradeColumn: return tr("Grade");
            case UtilisationColumn: return tr("Utilisation");
            case WaitingColumn: return tr("Waiting");
            case WaitColumn: return tr("Wait P99");
            case TimeoutsColumn: return tr("Timeouts");
            case ConnectErrorsColumn: return tr("Connect errors");
            case MaxOpenColumn: return tr("max_open");
            case TrendColumn: return tr("Trend");
            default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
            case UtilisationColumn: return tr("Connections in use against max_open");
            case WaitColumn: return tr("Acquire wait P99 over the last window; \"mean\" where the source reports only a count and a sum");
            case TimeoutsColumn: return tr("Acquire timeouts in the last 5 minutes of data");
            case ConnectErrorsColumn: return tr("Failed connects in the last 5 minutes of data");
            case MaxOpenColumn: return tr("The pool's max_open; for a group, the sum against the server's max_connections");
            case TrendColumn: return tr("Utilisation over the last %n refresh(es) (connections in use when max_open is not reported)", nullptr, kTrendPoints);
            default: return {};
        }
    }
    return {};
}

QVariant FleetModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.model() != this) return {};
    if (grouped()) {
        if (index.internalId() == kTop) return groupData(groups_[index.row()], index.column(), role);
        const Group& g = groups_[index.internalId() - 1];
        return rowData(rows_[g.members[index.row()]], index.column(), role);
    }
    return rowData(rows_[shown_[index.row()]], index.column(), role);
}

QVariant FleetModel::rowData(const Row& r, int column, int role) const {
    const FigureSet& rep = r.reported;
    switch (role) {
        case KeyRole: return r.key;
        case IsGroupRole: return false;
        case GradeRole: return static_cast<int>(r.grade);
        case OverCommittedRole: return false;
        case SearchRole:
            return QStringList{r.key, r.place.pool, r.place.service, r.place.instance, r.place.format, r.place.server}
                .join(QLatin1Char('\n'));
        case TrendRole: {
            QList<double> out;
            out.reserve(r.trendCount);
            for (int i = 0; i < r.trendCount; ++i)
                out << r.trend[(r.trendHead - r.trendCount + i + kTrendPoints) % kTrendPoints];
            return QVariant::fromValue(out);
        }
        case Qt::ForegroundRole:
            if (column == GradeColumn && r.grade >= Grade::Warning) return QBrush(gradeColour(r.grade));
            return {};
        case Qt::TextAlignmentRole:
            if (column >= UtilisationColumn && column <= MaxOpenColumn)
                return QVariant(Qt::AlignRight | Qt::AlignVCenter);
            return {};
        default: break;
    }
    const std::optional<double> util = utilisationOf(r);
    const std::optional<uint64_t> timeouts = windowDelta(r, true);
    const std::optional<uint64_t> errors = windowDelta(r, false);
    const bool waitKnown = rep.has(Figure::WaitPercentiles);
    if (role == SortRole) {
        switch (column) {
            case GradeColumn:
                // Worst first, then the fullest.
                return static_cast<int>(r.grade) * 1000.0 + std::min(999.0, util.value_or(0) * 100);
            case UtilisationColumn: return util ? *util : kUnknownSort;
            case WaitingColumn: return rep.has(Figure::Waiting) ? double(r.counts.waiting) : kUnknownSort;
            case WaitColumn: return waitKnown ? r.wait.p99 : kUnknownSort;
            case TimeoutsColumn: return timeouts ? double(*timeouts) : kUnknownSort;
            case ConnectErrorsColumn: return errors ? double(*errors) : kUnknownSort;
            case MaxOpenColumn:
                if (!rep.has(Figure::MaxOpen)) return kUnknownSort;
                return r.maxOpen <= 0 ? std::numeric_limits<double>::max() : double(r.maxOpen);
            case TrendColumn: return util ? *util : kUnknownSort;
            default: return rowData(r, column, Qt::DisplayRole);
        }
    }
    if (role == Qt::ToolTipRole) {
        if (column == WaitColumn && waitKnown && r.wait.derivation == WaitDerivation::Mean)
            return tr("Mean wait per interval: this source reports only a count and a sum of waits");
        if (column == UtilisationColumn && !util && rep.has(Figure::MaxOpen) && r.maxOpen <= 0)
            return tr("max_open is 0: the pool opens as many connections as callers ask for");
        return {};
    }
    if (role != Qt::DisplayRole) return {};
    switch (column) {
        case NameColumn: return r.place.pool.isEmpty() ? r.key : r.place.pool;
        case ServiceColumn: return r.place.service;
        case InstanceColumn: return r.place.instance;
        case FormatColumn: return r.place.format;
        case GradeColumn: return gradeName(r.grade);
        case UtilisationColumn:
            if (util) return QStringLiteral("%1 %  (%2/%3)").arg(qRound(*util * 100)).arg(r.counts.inUse).arg(r.maxOpen);
            if (rep.has(Figure::MaxOpen) && r.maxOpen <= 0 && rep.has(Figure::InUse))
                return tr("%1 in use, unbounded").arg(r.counts.inUse);
            return unknownText();
        case WaitingColumn: return rep.has(Figure::Waiting) ? QString::number(r.counts.waiting) : unknownText();
        case WaitColumn:
            if (!waitKnown) return unknownText();
            return r.wait.derivation == WaitDerivation::Mean ? tr("%1 (mean)").arg(msText(r.wait.p99)) : msText(r.wait.p99);
        case TimeoutsColumn: return timeouts ? QString::number(*timeouts) : unknownText();
        case ConnectErrorsColumn: return errors ? QString::number(*errors) : unknownText();
        case MaxOpenColumn:
            if (!rep.has(Figure::MaxOpen)) return unknownText();
            return r.maxOpen <= 0 ? tr("unbounded") : QString::number(r.maxOpen);
        default: return {};
    }
}

QVariant FleetModel::groupData(const Group& g, int column, int role) const {
    // A partial max_open sum is a lower bound: over when even that is.
    const bool over = g.maxConnections && (g.unbounded || g.maxOpen > *g.maxConnections);
    const auto atLeast = [&g](int from, const QString& text) {
        return g.partial(from) ? tr("≥ %1").arg(text) : text;
    };
    switch (role) {
        case KeyRole: return QString();
        case IsGroupRole: return true;
        case GradeRole: return static_cast<int>(g.grade);
        case OverCommittedRole: return over;
        case SearchRole: return g.name;
        case TrendRole: return {};
        case Qt::ForegroundRole:
            if (column == GradeColumn && g.grade >= Grade::Warning) return QBrush(gradeColour(g.grade));
            if (column == MaxOpenColumn && over) return QBrush(gradeColour(Grade::Danger));
            return {};
        case Qt::TextAlignmentRole:
            if (column >= UtilisationColumn && column <= MaxOpenColumn)
                return QVariant(Qt::AlignRight | Qt::AlignVCenter);
            return {};
        default: break;
    }
    // Utilisation needs every member's in use and max_open.
    const int n = static_cast<int>(g.members.size());
    const bool utilKnown = g.inUseFrom == n && g.maxOpenFrom == n && !g.unbounded && g.maxOpen > 0;
    const double util = utilKnown ? double(g.inUse) / double(g.maxOpen) : 0;
    if (role == SortRole) {
        switch (column) {
            case GradeColumn: return static_cast<int>(g.grade) * 1000.0 + std::min(999.0, util * 100);
            case UtilisationColumn: return utilKnown ? util : kUnknownSort;
            case WaitingColumn: return g.waitingFrom ? double(g.waiting) : kUnknownSort;
            case WaitColumn: return g.worstWait.value_or(kUnknownSort);
            case TimeoutsColumn: return g.timeouts ? double(*g.timeouts) : kUnknownSort;
            case ConnectErrorsColumn: return g.connectErrors ? double(*g.connectErrors) : kUnknownSort;
            case MaxOpenColumn:
                if (!g.maxOpenFrom) return kUnknownSort;
                return g.unbounded ? std::numeric_limits<double>::max() : double(g.maxOpen);
            default: return groupData(g, column, Qt::DisplayRole);
        }
    }
    if (role == Qt::ToolTipRole) {
        if (column == MaxOpenColumn && g.maxConnections) {
            if (g.unbounded)
                return tr("At least one pool of this group is unbounded (max_open 0): together they can open more "
                          "than the server's max_connections (%1)").arg(*g.maxConnections);
            if (g.partial(g.maxOpenFrom))
                return tr("%1 of these %2 pools report max_open: together they may open at least %3 connections; "
                          "the server accepts %4")
                    .arg(g.maxOpenFrom).arg(n).arg(g.maxOpen).arg(*g.maxConnections);
            return over ? tr("Together these pools may open %1 connections; the server accepts %2")
                              .arg(g.maxOpen).arg(*g.maxConnections)
                        : tr("Together these pools may open %1 of the server's %2 connections")
                              .arg(g.maxOpen).arg(*g.maxConnections);
        }
        const auto reportedBy = [&](int from) -> QVariant {
            if (!g.partial(from)) return {};
            return tr("Only %1 of these %2 pools report this figure: the sum is a lower bound").arg(from).arg(n);
        };
        switch (column) {
            case UtilisationColumn: return reportedBy(std::min(g.inUseFrom, g.maxOpenFrom));
            case WaitingColumn: return reportedBy(g.waitingFrom);
            case WaitColumn:
                if (!g.partial(g.waitFrom)) return {};
                return tr("Only %1 of these %2 pools report a wait P99: the worst may be worse").arg(g.waitFrom).arg(n);
            case TimeoutsColumn: return reportedBy(g.timeoutsFrom);
            case ConnectErrorsColumn: return reportedBy(g.connectErrorsFrom);
            default: return {};
        }
    }
    if (role != Qt::DisplayRole) return {};
    switch (column) {
        case NameColumn: return tr("%1 (%n pool(s))", nullptr, static_cast<int>(g.members.size())).arg(g.name);
        case GradeColumn: return gradeName(g.grade);
        case UtilisationColumn:
            if (utilKnown) return QStringLiteral("%1 %  (%2/%3)").arg(qRound(util * 100)).arg(g.inUse).arg(g.maxOpen);
            if (g.inUseFrom) return tr("%1 in use").arg(atLeast(g.inUseFrom, QString::number(g.inUse)));
            return unknownText();
        case WaitingColumn: return g.waitingFrom ? atLeast(g.waitingFrom, QString::number(g.waiting)) : unknownText();
        case WaitColumn:
            return g.worstWait ? tr("worst %1").arg(atLeast(g.waitFrom, msText(*g.worstWait))) : unknownText();
        case TimeoutsColumn:
            return g.timeouts ? atLeast(g.timeoutsFrom, QString::number(*g.timeouts)) : unknownText();
        case ConnectErrorsColumn:
            return g.connectErrors ? atLeast(g.connectErrorsFrom, QString::number(*g.connectErrors)) : unknownText();
        case MaxOpenColumn: {
            if (!g.maxOpenFrom) return unknownText();
            const QString sum = g.unbounded ? tr("Σ unbounded")
                                            : tr("Σ %1").arg(atLeast(g.maxOpenFrom, QString::number(g.maxOpen)));
            return g.maxConnections ? tr("%1 / %2 max_connections").arg(sum).arg(*g.maxConnections) : sum;
        }
        default: return {};
    }
}

}  // namespace poolscope
