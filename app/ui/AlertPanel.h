#pragma once
// The alert panel: active alerts first, then history; acknowledge the
// selected alert, silence it for a while, show or hide resolved ones.

#include <QStringList>
#include <QWidget>

#include "core/health/Alert.h"

QT_BEGIN_NAMESPACE
class QCheckBox;
class QLabel;
class QPushButton;
class QTableView;
QT_END_NAMESPACE

namespace poolscope {

class AlertListModel;
class HealthMonitor;

/// GUI thread only. Reads the HealthMonitor in refresh() (the window's
/// coalesced redraw tick), never on its own.
class AlertPanel : public QWidget {
    Q_OBJECT
public:
    /// `monitor` is not owned and must outlive the panel.
    explicit AlertPanel(HealthMonitor& monitor, QWidget* parent = nullptr);

    /// Silence choices in minutes (the Silence button's menu).
    static QList<int> silenceChoicesMin() { return {15, 60, 8 * 60}; }

    void refresh();
    /// The pool whose rules that are off (its source does not report their
    /// inputs) the panel lists under the alerts; empty: none.
    void setPool(const QString& pool);
    /// "wait_p99: needs wait_p", one per rule off in `health` (status bar,
    /// pool list and this panel say it the same way).
    static QStringList rulesOffLines(const poolscope::PoolHealth& health);
    /// The line naming the selected pool's rules that are off (its tooltip:
    /// what each one needs); hidden and empty when every rule is on.
    QLabel* rulesOffLabel() const { return rulesOff_; }
    AlertListModel* model() const { return model_; }
    QTableView* view() const { return view_; }
    /// Acknowledges / silences the selected alert (the buttons; tests).
    void acknowledgeSelected();
    void silenceSelected(int minutes);

signals:
    /// The number of active alerts changed (the dock's title shows it).
    void activeCountChanged(int count);
    /// The user double-clicked an alert: show its pool.
    void poolRequested(const QString& pool);

private:
    void updateButtons();

    HealthMonitor& monitor_;
    AlertListModel* model_;
    QTableView* view_;
    QPushButton* ack_;
    QPushButton* silence_;
    QCheckBox* history_;
    QLabel* summary_;
    QLabel* rulesOff_;
    QString pool_;
    int lastActive_ = -1;
};

}  // namespace poolscope
