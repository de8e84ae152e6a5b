#pragma once
// The load generator of one pool: its settings, start/stop, the incident
// presets, and what it has done so far.

#include <QWidget>
#include <optional>

#include "app/sources/Source.h"
#include "core/workload/WorkloadConfig.h"

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
QT_END_NAMESPACE

namespace poolscope {

/// GUI thread only.
class WorkloadPanel : public QWidget {
    Q_OBJECT
public:
    explicit WorkloadPanel(QWidget* parent = nullptr);

    /// Shows `config` in the fields.
    void setConfig(const poolscope::WorkloadConfig& config);
    /// The settings the pool's workload runs with, as the source reports
    /// them: shown when they changed since the last report (a start, a
    /// preset), or always with `force` (another pool was selected).
    void syncConfig(const poolscope::WorkloadConfig& config, bool force = false);
    /// What the fields say now.
    poolscope::WorkloadConfig config() const;
    /// The workload's counters; also switches Start/Stop.
    void setSummary(const poolscope::WorkloadSummary& summary);
    /// Which controls the selected pool's source offers.
    void setControls(poolscope::Source::Controls controls);
    /// The result of the last command, shown under the buttons.
    void setMessage(const QString& message, bool error);
    QString message() const;

signals:
    /// Start (or restart with the fields' settings).
    void startRequested(const poolscope::WorkloadConfig& config);
    void stopRequested();
    /// A preset from WorkloadPresets, by id.
    void presetRequested(const QString& id);
    void restartServerRequested();

private:
    QSpinBox* workers_;
    QLineEdit* query_;
    QSpinBox* hold_;
    QSpinBox* think_;
    QDoubleSpinBox* leak_;
    QCheckBox* tx_;
    QCheckBox* perRequest_;
    QPushButton* start_;
    QPushButton* stop_;
    QComboBox* presets_;
    QPushButton* applyPreset_;
    QPushButton* restart_;
    QLabel* stats_;
    QLabel* message_;
    bool running_ = false;
    std::optional<WorkloadConfig> reported_;
};

}  // namespace poolscope
