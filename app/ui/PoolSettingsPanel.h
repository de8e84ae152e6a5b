#pragma once
// Every PoolConfig field of one pool, applied live (Pool::reconfigure) shortly
// after an edit, with the config lint's findings shown beside the fields.

#include <QHash>
#include <QWidget>

#include "core/pool/PoolConfig.h"
#include "core/telemetry/Snapshot.h"

QT_BEGIN_NAMESPACE
class QComboBox;
class QGridLayout;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTimer;
QT_END_NAMESPACE

namespace poolscope {

/// GUI thread only.
class PoolSettingsPanel : public QWidget {
    Q_OBJECT
public:
    explicit PoolSettingsPanel(QWidget* parent = nullptr);

    /// Shows `config` (a pool was selected, or its settings changed elsewhere)
    /// and forgets unapplied edits. A field whose figure is not in `reported`
    /// (MaxOpen, MaxIdle, MinIdle, OtherConfig for the rest) says "not
    /// reported", disabled, and gets no lint finding.
    void setConfig(const poolscope::PoolConfig& config,
                   poolscope::FigureSet reported = poolscope::FigureSet::all());
    /// The pool's current settings as seen in a snapshot: shown unless the
    /// user is editing or an apply is on its way.
    void syncFromSnapshot(const poolscope::PoolConfig& config,
                          poolscope::FigureSet reported = poolscope::FigureSet::all());
    /// Whether field `key` ("max_open", "keepalive_ms", "validate", ...)
    /// shows "not reported" (tests).
    bool fieldNotReported(const QString& key) const;
    /// What the fields say now.
    poolscope::PoolConfig config() const;
    /// False for sources that cannot be reconfigured: fields read-only.
    void setEditable(bool editable);
    /// The result of the last apply (commandFinished("reconfigure")).
    void setApplyResult(bool ok, const QString& message);
    /// The finding text shown beside field `key` ("max_open", ...); empty if none.
    QString findingText(const QString& key) const;
    /// Applies pending edits now instead of after the short delay.
    void applyNow();

    /// Delay between the last edit and the apply.
    static constexpr int kApplyDelayMs = 600;

signals:
    /// The user changed settings that pass the lint (no error).
    void applyRequested(const poolscope::PoolConfig& config);

private:
    /// A row: `label` names `editor` (its buddy, also for screen readers);
    /// the cell holds `field` when given (the editor and more), else the editor.
    void addRow(const QString& key, const QString& label, QWidget* editor, const QString& help,
                QLayout* field = nullptr);
    QSpinBox* addMsField(const QString& key, const QString& label, const QString& zeroText,
                         const QString& help, int minimum = 0);
    void edited();
    void showLint();
    void showReported();
    /// The figure that reports field `key`.
    static poolscope::Figure figureOf(const QString& key);

    QHash<QString, QLabel*> findings_;
    QHash<QString, QSpinBox*> spins_;
    QHash<QString, QString> zeroText_;  // each spin box's own text for its minimum
    QLineEdit* name_ = nullptr;
    QComboBox* validation_ = nullptr;
    QSpinBox* validationIdle_ = nullptr;
    QLabel* status_ = nullptr;
    QTimer* applyTimer_ = nullptr;
    QGridLayout* grid_ = nullptr;
    PoolConfig shown_;
    FigureSet reported_;
    bool pending_ = false;   // edited or applying: snapshots do not overwrite the fields
    bool loading_ = false;   // setConfig() in progress: edits are not the user's
    bool editable_ = true;
};

}  // namespace poolscope
