#pragma once
// The threshold editor: every rule's grades, hold and clear times in one
// table. Apply checks the whole set with the thresholds file's own rules
// (so the GUI cannot accept what --thresholds would refuse) and hands it to
// the health engine; Save writes the JSON file the next start reads.

#include <QDialog>

#include "core/health/Thresholds.h"
#include "core/util/Result.h"

QT_BEGIN_NAMESPACE
class QLabel;
class QTableWidget;
QT_END_NAMESPACE

namespace poolscope {

/// GUI thread only.
class ThresholdsDialog : public QDialog {
    Q_OBJECT
public:
    enum Column { EnabledColumn, InfoColumn, WarningColumn, DangerColumn, ForColumn, ClearForColumn,
                  ClearRatioColumn, WindowColumn, ColumnCount };

    ThresholdsDialog(const Thresholds& current, const QString& file, QWidget* parent = nullptr);

    /// Fills the table from `t`.
    void setThresholds(const Thresholds& t);
    /// The table as thresholds, checked like a thresholds file; the error
    /// names the rule and the field ("wait_p99, warning: 'x' is not a number").
    Result<Thresholds> thresholds() const;
    /// The file the set was loaded from or last saved to; empty when none.
    QString file() const { return file_; }
    QTableWidget* table() const { return table_; }
    QString errorText() const;

    /// Writes thresholds() to `path` (Save as… without the file dialog).
    /// Returns an error message, empty on success.
    QString saveTo(const QString& path);

signals:
    /// Apply (or OK) with a valid set.
    void applied(const poolscope::Thresholds& thresholds);
    /// Saved to `file`.
    void saved(const QString& file);

private:
    bool apply();
    void showError(const QString& message);

    QTableWidget* table_;
    QLabel* error_;
    QString file_;
    LeakGuardSettings guard_;
};

}  // namespace poolscope
