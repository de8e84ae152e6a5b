#include "app/ui/ThresholdsDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSaveFile>
#include <QTableWidget>
#include <QVBoxLayout>

#include "core/health/RuleId.h"
#include "core/health/ThresholdsFile.h"

namespace poolscope {

namespace {

QString optionalText(const std::optional<double>& v) { return v ? QString::number(*v, 'g', 10) : QString(); }

/// Reads one cell: empty = no threshold (grades) or an error (required fields).
Status readNumber(const QTableWidget* table, int row, int column, bool optional, std::optional<double>& out) {
    const QTableWidgetItem* item = table->item(row, column);
    const QString text = item ? item->text().trimmed() : QString();
    const QString rule = table->verticalHeaderItem(row)->text();
    const QString field = table->horizontalHeaderItem(column)->text();
    if (text.isEmpty()) {
        if (optional) {
            out.reset();
            return Status::ok();
        }
        return Status::fail(ThresholdsDialog::tr("%1, %2: a value is needed").arg(rule, field).toStdString());
    }
    bool ok = false;
    double v = text.toDouble(&ok);
    if (!ok) v = QLocale().toDouble(text, &ok);  // "0,8" in a locale with decimal commas
    if (!ok) return Status::fail(ThresholdsDialog::tr("%1, %2: '%3' is not a number").arg(rule, field, text).toStdString());
    out = v;
    return Status::ok();
}

}  // namespace

ThresholdsDialog::ThresholdsDialog(const Thresholds& current, const QString& file, QWidget* parent)
    : QDialog(parent), table_(new QTableWidget(static_cast<int>(kRuleCount), ColumnCount, this)),
      error_(new QLabel(this)), file_(file) {
    setWindowTitle(tr("Health thresholds"));
    table_->setHorizontalHeaderLabels({tr("Enabled"), tr("Info"), tr("Warning"), tr("Danger"), tr("Hold (ms)"),
                                       tr("Clear after (ms)"), tr("Clear ratio"), tr("Window (ms)")});
    for (const RuleInfo& r : ruleTable()) {
        auto* header = new QTableWidgetItem(QString::fromUtf8(r.name.data(), static_cast<qsizetype>(r.name.size())));
        header->setToolTip(tr("Unit: %1").arg(QString::fromUtf8(r.unit.data(), static_cast<qsizetype>(r.unit.size()))));
        table_->setVerticalHeaderItem(static_cast<int>(r.id), header);
    }
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->setObjectName(QStringLiteral("thresholdsTable"));
    table_->setAccessibleName(tr("Health rules"));
    table_->setAccessibleDescription(
        tr("One row per health rule: whether it is on, its info, warning and danger "
           "thresholds, hold and clear times, clear ratio and window"));
    error_->setWordWrap(true);
    error_->setStyleSheet(QStringLiteral("color: #d62728"));
    error_->hide();

    auto* note = new QLabel(tr("A grade fires when the rule's value reaches its threshold for the hold time; "
                               "it clears after staying below threshold × clear ratio for the clear time. "
                               "Leave a grade empty to never raise it."),
                            this);
    note->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Apply | QDialogButtonBox::Cancel |
                                             QDialogButtonBox::RestoreDefaults,
                                         this);
    QPushButton* load = buttons->addButton(tr("Load…"), QDialogButtonBox::ActionRole);
    QPushButton* save = buttons->addButton(tr("Save as…"), QDialogButtonBox::ActionRole);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(note);
    layout->addWidget(table_, 1);
    layout->addWidget(error_);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (apply()) accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &ThresholdsDialog::apply);
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            [this] { setThresholds(Thresholds::defaults()); });
    connect(load, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Load thresholds"), file_,
                                                          tr("Thresholds (*.json)"));
        if (path.isEmpty()) return;
        auto t = ThresholdsFile::load(path.toStdString());
        if (!t) return showError(QString::fromStdString(t.message()));
        setThresholds(*t);
        file_ = path;
        showError({});
    });
    connect(save, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Save thresholds"), file_.isEmpty() ? QStringLiteral("thresholds.json") : file_,
            tr("Thresholds (*.json)"));
        if (!path.isEmpty()) showError(saveTo(path));
    });
    setThresholds(current);
    resize(860, 480);
}

void ThresholdsDialog::setThresholds(const Thresholds& t) {
    for (const RuleInfo& r : ruleTable()) {
        const int row = static_cast<int>(r.id);
        const RuleSettings& s = t.rule(r.id);
        auto* enabled = new QTableWidgetItem;
        enabled->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        enabled->setCheckState(s.enabled ? Qt::Checked : Qt::Unchecked);
        table_->setItem(row, EnabledColumn, enabled);
        table_->setItem(row, InfoColumn, new QTableWidgetItem(optionalText(s.info)));
        table_->setItem(row, WarningColumn, new QTableWidgetItem(optionalText(s.warning)));
        table_->setItem(row, DangerColumn, new QTableWidgetItem(optionalText(s.danger)));
        table_->setItem(row, ForColumn, new QTableWidgetItem(QString::number(s.forMs)));
        table_->setItem(row, ClearForColumn, new QTableWidgetItem(QString::number(s.clearForMs)));
        table_->setItem(row, ClearRatioColumn, new QTableWidgetItem(QString::number(s.clearRatio)));
        auto* window = new QTableWidgetItem(r.windowed ? QString::number(s.windowMs) : QString());
        if (!r.windowed) {
            window->setFlags(Qt::ItemIsEnabled);  // not editable: the rule has no window
            window->setToolTip(tr("This rule looks at each snapshot, not a window"));
        }
        table_->setItem(row, WindowColumn, window);
    }
    guard_ = t.leakGuard;  // guards have no cells here; kept as loaded
}

Result<Thresholds> ThresholdsDialog::thresholds() const {
    Thresholds t = Thresholds::defaults();
    t.leakGuard = guard_;
    for (const RuleInfo& r : ruleTable()) {
        const int row = static_cast<int>(r.id);
        RuleSettings& s = t.rule(r.id);
        s.enabled = table_->item(row, EnabledColumn)->checkState() == Qt::Checked;
        std::optional<double> v;
        for (auto [column, target] : {std::pair{InfoColumn, &s.info}, std::pair{WarningColumn, &s.warning},
                                      std::pair{DangerColumn, &s.danger}}) {
            if (Status st = readNumber(table_, row, column, true, v); !st) return st;
            *target = v;
        }
        for (auto [column, target] : {std::pair{ForColumn, &s.forMs}, std::pair{ClearForColumn, &s.clearForMs}}) {
            if (Status st = readNumber(table_, row, column, false, v); !st) return st;
            *target = static_cast<int64_t>(*v);
        }
        if (Status st = readNumber(table_, row, ClearRatioColumn, false, v); !st) return st;
        s.clearRatio = *v;
        if (r.windowed) {
            if (Status st = readNumber(table_, row, WindowColumn, false, v); !st) return st;
            s.windowMs = static_cast<int64_t>(*v);
        }
    }
    // The file format's checks (order of grades, ranges, a threshold for an
    // enabled rule) are the single source of truth: round-trip through them.
    return ThresholdsFile::parse(ThresholdsFile::toJson(t));
}

QString ThresholdsDialog::errorText() const { return error_->isVisible() ? error_->text() : QString(); }

void ThresholdsDialog::showError(const QString& message) {
    error_->setText(message);
    error_->setVisible(!message.isEmpty());
}

bool ThresholdsDialog::apply() {
    auto t = thresholds();
    if (!t) {
        showError(QString::fromStdString(t.message()));
        return false;
    }
    showError({});
    emit applied(*t);
    return true;
}

QString ThresholdsDialog::saveTo(const QString& path) {
    auto t = thresholds();
    if (!t) return QString::fromStdString(t.message());
    QSaveFile out(path);
    const std::string json = ThresholdsFile::toJson(*t);
    if (!out.open(QIODevice::WriteOnly) || out.write(json.data(), static_cast<qint64>(json.size())) < 0 ||
        !out.commit())
        return tr("Cannot save %1: %2").arg(path, out.errorString());
    file_ = path;
    emit saved(path);
    return {};
}

}  // namespace poolscope
