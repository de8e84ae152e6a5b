#pragma once
// The connection table of one pool: state filter, leaked-only switch, and the
// stack of a leaked connection on demand.

#include <QWidget>
#include <optional>

#include "core/pool/ConnState.h"
#include "core/telemetry/Snapshot.h"

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTableView;
QT_END_NAMESPACE

namespace poolscope {

class ConnectionTableModel;
class ConnectionFilterProxy;

/// GUI thread only.
class ConnectionsPanel : public QWidget {
    Q_OBJECT
public:
    explicit ConnectionsPanel(QWidget* parent = nullptr);

    /// The latest snapshot of the selected pool. When its source does not
    /// report the connection list, the table gives way to a placeholder
    /// saying so (an empty table would read as "no connections").
    void setSnapshot(const poolscope::PoolSnapshot& snapshot);
    void clear();
    /// Shows only `state` (nullopt: all); updates the selector without
    /// emitting stateFilterChanged.
    void setStateFilter(std::optional<poolscope::ConnState> state);
    std::optional<poolscope::ConnState> stateFilter() const;
    /// Shows the stack of the selected connection if it leaked. Returns false
    /// (and shows nothing) when no leaked connection is selected.
    bool showStackOfSelection();
    /// The text the stack dialog shows for a proxy row (tests).
    QString stackText(int proxyRow) const;

    ConnectionTableModel* model() const { return model_; }
    ConnectionFilterProxy* proxy() const { return proxy_; }
    QTableView* view() const { return view_; }
    /// The "does not report individual connections" text, shown instead of
    /// the table (tests).
    QLabel* placeholder() const { return placeholder_; }
    bool placeholderShown() const;

signals:
    /// The user picked a state in the selector.
    void stateFilterChanged(std::optional<poolscope::ConnState> state);

private:
    void updateButtons();

    ConnectionTableModel* model_;
    ConnectionFilterProxy* proxy_;
    QTableView* view_;
    QComboBox* stateBox_;
    QCheckBox* leakedOnly_;
    QPushButton* stackButton_;
    QLabel* summary_;
    QLabel* placeholder_;
    QStackedWidget* stack_;
};

}  // namespace poolscope
