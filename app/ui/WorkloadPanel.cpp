#include "app/ui/WorkloadPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "app/ui/WorkloadPresets.h"

namespace poolscope {

namespace {

QSpinBox* msBox(QWidget* parent) {
    auto* s = new QSpinBox(parent);
    s->setRange(0, static_cast<int>(WorkloadConfig::kMaxDelayMs));
    s->setSuffix(WorkloadPanel::tr(" ms"));
    return s;
}

}  // namespace

WorkloadPanel::WorkloadPanel(QWidget* parent)
    : QWidget(parent),
      workers_(new QSpinBox(this)),
      query_(new QLineEdit(this)),
      hold_(msBox(this)),
      think_(msBox(this)),
      leak_(new QDoubleSpinBox(this)),
      tx_(new QCheckBox(tr("Hold inside a transaction (BEGIN … COMMIT)"), this)),
      perRequest_(new QCheckBox(tr("New pool per request (anti-pattern)"), this)),
      start_(new QPushButton(tr("Start"), this)),
      stop_(new QPushButton(tr("Stop"), this)),
      presets_(new QComboBox(this)),
      applyPreset_(new QPushButton(tr("Run preset"), this)),
      restart_(new QPushButton(tr("Restart database"), this)),
      stats_(new QLabel(this)),
      message_(new QLabel(this)) {
    workers_->setRange(1, static_cast<int>(WorkloadConfig::kMaxWorkers));
    leak_->setRange(0, 100);
    leak_->setDecimals(1);
    leak_->setSuffix(QStringLiteral(" %"));
    query_->setToolTip(tr("The statement each request runs once"));
    start_->setToolTip(tr("Start the workload, or restart it with these settings (F5)"));
    stop_->setToolTip(tr("Stop the workload (Shift+F5)"));
    restart_->setToolTip(tr("Restart the simulated database server now: every open connection "
                            "silently breaks (fake alive)"));
    for (const WorkloadPreset& p : WorkloadPresets::all()) {
        presets_->addItem(p.title, p.id);
        presets_->setItemData(presets_->count() - 1, p.description, Qt::ToolTipRole);
    }
    stats_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    stats_->setWordWrap(true);
    message_->setWordWrap(true);
    message_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* form = new QFormLayout;
    form->addRow(tr("Workers"), workers_);
    form->addRow(tr("Query"), query_);
    form->addRow(tr("Hold"), hold_);
    form->addRow(tr("Think"), think_);
    form->addRow(tr("Leak"), leak_);
    form->addRow(QString(), tx_);
    form->addRow(QString(), perRequest_);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(start_);
    buttons->addWidget(stop_);
    buttons->addStretch(1);
    buttons->addWidget(restart_);
    auto* presetRow = new QHBoxLayout;
    auto* presetLabel = new QLabel(tr("Incident:"), this);
    presetLabel->setBuddy(presets_);
    presets_->setToolTip(
        tr("An incident to reproduce: Run preset sets the pool and the workload for it"));
    presetRow->addWidget(presetLabel);
    presetRow->addWidget(presets_, 1);
    presetRow->addWidget(applyPreset_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(presetRow);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(stats_);
    layout->addWidget(message_);
    layout->addStretch(1);

    connect(start_, &QPushButton::clicked, this, [this] { emit startRequested(config()); });
    connect(stop_, &QPushButton::clicked, this, &WorkloadPanel::stopRequested);
    connect(applyPreset_, &QPushButton::clicked, this,
            [this] { emit presetRequested(presets_->currentData().toString()); });
    connect(restart_, &QPushButton::clicked, this, &WorkloadPanel::restartServerRequested);
    setSummary({});
}

void WorkloadPanel::setConfig(const WorkloadConfig& c) {
    workers_->setValue(static_cast<int>(c.workers));
    query_->setText(QString::fromStdString(c.query));
    hold_->setValue(static_cast<int>(c.holdMs));
    think_->setValue(static_cast<int>(c.thinkMs));
    leak_->setValue(c.leakPct);
    tx_->setChecked(c.tx);
    perRequest_->setChecked(c.poolPerRequest);
}

void WorkloadPanel::syncConfig(const WorkloadConfig& c, bool force) {
    if (!force && reported_ && *reported_ == c) return;
    reported_ = c;
    setConfig(c);
}

WorkloadConfig WorkloadPanel::config() const {
    WorkloadConfig c;
    c.workers = workers_->value();
    c.query = query_->text().trimmed().toStdString();
    c.holdMs = hold_->value();
    c.thinkMs = think_->value();
    c.leakPct = leak_->value();
    c.tx = tx_->isChecked();
    c.poolPerRequest = perRequest_->isChecked();
    return c;
}

void WorkloadPanel::setSummary(const WorkloadSummary& s) {
    running_ = s.running;
    start_->setText(s.running ? tr("Restart") : tr("Start"));
    stop_->setEnabled(s.running);
    QString text = s.running ? tr("Running.") : tr("Stopped.");
    text += QLatin1Char(' ') + tr("Requests OK: %1, failed: %2, leaked: %3.")
                                   .arg(s.ok)
                                   .arg(s.errors)
                                   .arg(s.leaked);
    if (s.serverRestarts > 0) text += QLatin1Char(' ') + tr("Database restarts: %1.").arg(s.serverRestarts);
    if (!s.topError.isEmpty()) text += QLatin1Char('\n') + tr("Most frequent error: %1").arg(s.topError);
    stats_->setText(text);
}

void WorkloadPanel::setControls(Source::Controls controls) {
    const bool workload = controls.testFlag(Source::CanRunWorkload);
    for (QWidget* w : std::initializer_list<QWidget*>{workers_, query_, hold_, think_, leak_, tx_,
                                                      perRequest_, start_, presets_, applyPreset_})
        w->setEnabled(workload);
    stop_->setEnabled(workload && running_);
    restart_->setVisible(controls.testFlag(Source::CanRestartServer));
}

void WorkloadPanel::setMessage(const QString& message, bool error) {
    message_->setText(message);
    QPalette p = message_->palette();
    p.setColor(QPalette::WindowText, error ? QColor(0xd6, 0x27, 0x28) : palette().color(QPalette::WindowText));
    message_->setPalette(p);
}

QString WorkloadPanel::message() const { return message_->text(); }

}  // namespace poolscope
