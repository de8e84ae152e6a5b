#include "app/ui/PoolSettingsPanel.h"

#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>
#include <limits>

#include "widgets/LintText.h"

namespace poolscope {

namespace {

constexpr int kMaxCount = 100'000;
constexpr int kMaxMs = std::numeric_limits<int>::max();

QColor levelColor(LintFinding::Level level) {
    switch (level) {
        case LintFinding::Level::Error: return QColor(0xd6, 0x27, 0x28);
        case LintFinding::Level::Warning: return QColor(0xd0, 0x7a, 0x00);
        case LintFinding::Level::Info: break;
    }
    return QColor(0x4c, 0x78, 0xa8);
}

int toInt(int64_t v) { return static_cast<int>(std::clamp<int64_t>(v, 0, kMaxMs)); }

}  // namespace

PoolSettingsPanel::PoolSettingsPanel(QWidget* parent) : QWidget(parent) {
    auto* inner = new QWidget;
    grid_ = new QGridLayout(inner);
    grid_->setColumnStretch(2, 1);
    grid_->setHorizontalSpacing(10);

    name_ = new QLineEdit(inner);
    name_->setReadOnly(true);
    addRow("name", tr("Name"), name_, tr("The pool's name in snapshots and messages (fixed)."));
    auto count = [&](const QString& key, const QString& label, const QString& zeroText,
                     const QString& help) {
        auto* s = new QSpinBox(inner);
        s->setRange(0, kMaxCount);
        if (!zeroText.isEmpty()) s->setSpecialValueText(zeroText);
        spins_.insert(key, s);
        zeroText_.insert(key, zeroText);
        addRow(key, label, s, help);
    };
    count("max_open", tr("Max open"), tr("unlimited"),
          tr("Hard limit on open connections; 0 = unlimited."));
    count("max_idle", tr("Max idle"), {}, tr("Idle connections kept when released."));
    count("min_idle", tr("Min idle"), {}, tr("Idle connections the housekeeper keeps open."));
    addMsField("max_lifetime_ms", tr("Max lifetime"), tr("forever"),
               tr("Connections older than this are closed."));
    addMsField("max_idle_time_ms", tr("Max idle time"), tr("never"),
               tr("Idle connections unused this long are closed, keeping min idle."));
    addMsField("acquire_timeout_ms", tr("Acquire timeout"), tr("fail at once"),
               tr("How long acquire waits in the queue."));

    validation_ = new QComboBox(inner);
    validation_->addItem(tr("never"), "never");
    validation_->addItem(tr("on every borrow"), "borrow");
    validation_->addItem(tr("when idle longer than"), "idle");
    validationIdle_ = new QSpinBox(inner);
    validationIdle_->setRange(0, kMaxMs);
    validationIdle_->setSuffix(tr(" ms"));
    validationIdle_->setSingleStep(1000);
    validationIdle_->setAccessibleName(tr("Validate when idle longer than"));
    auto* vl = new QHBoxLayout;
    vl->setContentsMargins(0, 0, 0, 0);
    vl->addWidget(validation_);
    vl->addWidget(validationIdle_);
    const QString validateHelp = tr("When a connection is checked before it is handed out.");
    addRow("validate", tr("Validate"), validation_, validateHelp, vl);
    validationIdle_->setToolTip(validation_->toolTip());
    addMsField("validation_timeout_ms", tr("Validation timeout"), {},
               tr("Deadline of one validation."), 1);
    addMsField("keepalive_ms", tr("Keepalive"), tr("off"),
               tr("The housekeeper validates idle connections this often."));
    addMsField("leak_threshold_ms", tr("Leak threshold"), tr("off"),
               tr("Connections held longer than this are reported as leaked, with a stack."));
    addMsField("housekeeping_ms", tr("Housekeeping period"), {}, tr("Period of the housekeeper."),
               10);

    status_ = new QLabel(inner);
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    const int last = grid_->rowCount();
    grid_->addWidget(status_, last, 0, 1, 3);
    grid_->setRowStretch(last + 1, 1);

    auto* scroll = new QScrollArea(this);
    scroll->setWidget(inner);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    // Tab goes through the fields (the area scrolls to each), not to the area.
    scroll->setFocusPolicy(Qt::NoFocus);
    scroll->setAccessibleName(tr("Pool settings"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);

    applyTimer_ = new QTimer(this);
    applyTimer_->setSingleShot(true);
    applyTimer_->setInterval(kApplyDelayMs);
    connect(applyTimer_, &QTimer::timeout, this, &PoolSettingsPanel::applyNow);
    for (QSpinBox* s : std::as_const(spins_))
        connect(s, &QSpinBox::valueChanged, this, &PoolSettingsPanel::edited);
    connect(validation_, &QComboBox::currentIndexChanged, this, &PoolSettingsPanel::edited);
    connect(validationIdle_, &QSpinBox::valueChanged, this, &PoolSettingsPanel::edited);
    setConfig(shown_);
}

void PoolSettingsPanel::addRow(const QString& key, const QString& label, QWidget* editor,
                               const QString& help, QLayout* field) {
    const int row = grid_->rowCount();
    auto* l = new QLabel(label, editor->parentWidget());
    l->setBuddy(editor);
    l->setToolTip(help);
    editor->setToolTip(QStringLiteral("%1 (%2)").arg(help, key));
    auto* finding = new QLabel(editor->parentWidget());
    finding->setWordWrap(true);
    finding->setMinimumWidth(160);
    finding->setTextInteractionFlags(Qt::TextSelectableByMouse);
    grid_->addWidget(l, row, 0);
    if (field)
        grid_->addLayout(field, row, 1);
    else
        grid_->addWidget(editor, row, 1);
    grid_->addWidget(finding, row, 2);
    findings_.insert(key, finding);
}

QSpinBox* PoolSettingsPanel::addMsField(const QString& key, const QString& label,
                                        const QString& zeroText, const QString& help, int minimum) {
    auto* s = new QSpinBox(grid_->parentWidget());
    s->setRange(minimum, kMaxMs);
    s->setSuffix(tr(" ms"));
    s->setSingleStep(1000);
    s->setAccelerated(true);
    if (!zeroText.isEmpty() && minimum == 0) s->setSpecialValueText(zeroText);
    spins_.insert(key, s);
    zeroText_.insert(key, minimum == 0 ? zeroText : QString());
    addRow(key, label, s, help);
    return s;
}

void PoolSettingsPanel::setConfig(const PoolConfig& c, FigureSet reported) {
    loading_ = true;
    shown_ = c;
    reported_ = reported;
    name_->setText(QString::fromStdString(c.name));
    spins_["max_open"]->setValue(static_cast<int>(std::clamp<int64_t>(c.maxOpen, 0, kMaxCount)));
    spins_["max_idle"]->setValue(static_cast<int>(std::clamp<int64_t>(c.maxIdle, 0, kMaxCount)));
    spins_["min_idle"]->setValue(static_cast<int>(std::clamp<int64_t>(c.minIdle, 0, kMaxCount)));
    spins_["max_lifetime_ms"]->setValue(toInt(c.maxLifetimeMs));
    spins_["max_idle_time_ms"]->setValue(toInt(c.maxIdleTimeMs));
    spins_["acquire_timeout_ms"]->setValue(toInt(c.acquireTimeoutMs));
    spins_["validation_timeout_ms"]->setValue(toInt(c.validationTimeoutMs));
    spins_["keepalive_ms"]->setValue(toInt(c.keepaliveMs));
    spins_["leak_threshold_ms"]->setValue(toInt(c.leakThresholdMs));
    spins_["housekeeping_ms"]->setValue(toInt(c.housekeepingMs));
    const int mode = static_cast<int>(c.validation.mode);
    validation_->setCurrentIndex(mode);
    validationIdle_->setValue(toInt(c.validation.idleMs));
    validationIdle_->setEnabled(editable_ && c.validation.mode == ValidationPolicy::Mode::IdleFor);
    showReported();
    loading_ = false;
    pending_ = false;
    applyTimer_->stop();
    showLint();
}

void PoolSettingsPanel::syncFromSnapshot(const PoolConfig& c, FigureSet reported) {
    if (pending_ || (c == shown_ && reported == reported_)) return;
    setConfig(c, reported);
}

Figure PoolSettingsPanel::figureOf(const QString& key) {
    if (key == QLatin1String("max_open")) return Figure::MaxOpen;
    if (key == QLatin1String("max_idle")) return Figure::MaxIdle;
    if (key == QLatin1String("min_idle")) return Figure::MinIdle;
    return Figure::OtherConfig;
}

void PoolSettingsPanel::showReported() {
    // An unreported setting reads "not reported" at the box's minimum (its
    // special value), never a 0 that looks like "unlimited" or "off".
    const QString unknown = tr("not reported");
    for (auto it = spins_.begin(); it != spins_.end(); ++it) {
        const bool known = reported_.has(figureOf(it.key()));
        QSpinBox* s = it.value();
        s->setSpecialValueText(known ? zeroText_.value(it.key()) : unknown);
        if (!known) s->setValue(s->minimum());
        s->setEnabled(known);
    }
    const bool other = reported_.has(Figure::OtherConfig);
    validation_->setPlaceholderText(unknown);
    if (!other) {
        validation_->setCurrentIndex(-1);  // shows the placeholder
        validationIdle_->setSpecialValueText(unknown);
        validationIdle_->setValue(validationIdle_->minimum());
        validationIdle_->setEnabled(false);
    } else {
        validationIdle_->setSpecialValueText({});
    }
    validation_->setEnabled(editable_ && other);
}

bool PoolSettingsPanel::fieldNotReported(const QString& key) const {
    return !reported_.has(figureOf(key));
}

PoolConfig PoolSettingsPanel::config() const {
    PoolConfig c = shown_;
    c.maxOpen = spins_["max_open"]->value();
    c.maxIdle = spins_["max_idle"]->value();
    c.minIdle = spins_["min_idle"]->value();
    c.maxLifetimeMs = spins_["max_lifetime_ms"]->value();
    c.maxIdleTimeMs = spins_["max_idle_time_ms"]->value();
    c.acquireTimeoutMs = spins_["acquire_timeout_ms"]->value();
    c.validationTimeoutMs = spins_["validation_timeout_ms"]->value();
    c.keepaliveMs = spins_["keepalive_ms"]->value();
    c.leakThresholdMs = spins_["leak_threshold_ms"]->value();
    c.housekeepingMs = spins_["housekeeping_ms"]->value();
    c.validation.mode = validation_->currentIndex() < 0
                            ? shown_.validation.mode  // not reported: kept as it came
                            : static_cast<ValidationPolicy::Mode>(validation_->currentIndex());
    c.validation.idleMs =
        c.validation.mode == ValidationPolicy::Mode::IdleFor ? validationIdle_->value() : 0;
    return c;
}

void PoolSettingsPanel::setEditable(bool editable) {
    editable_ = editable;
    for (QSpinBox* s : std::as_const(spins_)) s->setReadOnly(!editable);
    validationIdle_->setReadOnly(!editable);
    validation_->setEnabled(editable);
    validationIdle_->setEnabled(editable && validation_->currentIndex() == 2);
    if (!editable) status_->setText(tr("This source's settings cannot be changed from here."));
}

void PoolSettingsPanel::edited() {
    if (loading_ || !editable_) return;
    validationIdle_->setEnabled(validation_->currentIndex() == 2);
    pending_ = true;
    showLint();
    if (hasErrors(lintConfig(config()))) {
        applyTimer_->stop();
        status_->setText(tr("Not applied: fix the errors marked above."));
        return;
    }
    status_->setText(tr("Applying…"));
    applyTimer_->start();
}

void PoolSettingsPanel::applyNow() {
    applyTimer_->stop();
    if (!pending_ || !editable_) return;
    const PoolConfig c = config();
    if (hasErrors(lintConfig(c))) return;
    emit applyRequested(c);
}

void PoolSettingsPanel::setApplyResult(bool ok, const QString& message) {
    if (ok) {
        shown_ = config();
        pending_ = applyTimer_->isActive();
        status_->setText(tr("Applied to the running pool."));
    } else {
        // The pool kept its settings: show them again, with the reason.
        setConfig(shown_);
        status_->setText(tr("Not applied: %1").arg(message));
    }
}

QString PoolSettingsPanel::findingText(const QString& key) const {
    const QLabel* l = findings_.value(key);
    return l ? l->text() : QString();
}

void PoolSettingsPanel::showLint() {
    QHash<QString, QStringList> byField;
    QHash<QString, LintFinding::Level> worst;
    QStringList general;
    for (const LintFinding& f : lintConfig(config())) {
        const QString text =
            QStringLiteral("%1: %2").arg(LintText::levelLabel(f.level), LintText::message(f));
        const QString field = LintText::fieldOf(f);
        // A finding about a setting the source does not report would be
        // about a made-up value: left out (and general ones unless all are known).
        const bool allKnown = reported_.has(Figure::MaxOpen) && reported_.has(Figure::MaxIdle) &&
                              reported_.has(Figure::MinIdle) && reported_.has(Figure::OtherConfig);
        if (findings_.contains(field) ? !allKnown && fieldNotReported(field) : !allKnown) continue;
        if (!findings_.contains(field)) {
            general << text;
            continue;
        }
        byField[field] << text;
        if (!worst.contains(field) || f.level > worst[field]) worst[field] = f.level;
    }
    for (auto it = findings_.begin(); it != findings_.end(); ++it) {
        const QStringList lines = byField.value(it.key());
        it.value()->setText(lines.join(QLatin1Char('\n')));
        if (!lines.isEmpty()) {
            QPalette p = it.value()->palette();
            p.setColor(QPalette::WindowText, levelColor(worst[it.key()]));
            it.value()->setPalette(p);
        }
    }
    if (!general.isEmpty()) findings_["name"]->setText(general.join(QLatin1Char('\n')));
}

}  // namespace poolscope
