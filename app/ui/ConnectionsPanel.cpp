#include "app/ui/ConnectionsPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

#include "widgets/ConnectionFilterProxy.h"
#include "widgets/ConnectionTableModel.h"
#include "widgets/StateNames.h"

namespace poolscope {

ConnectionsPanel::ConnectionsPanel(QWidget* parent)
    : QWidget(parent),
      model_(new ConnectionTableModel(this)),
      proxy_(new ConnectionFilterProxy(this)),
      view_(new QTableView(this)),
      stateBox_(new QComboBox(this)),
      leakedOnly_(new QCheckBox(tr("Leaked only"), this)),
      stackButton_(new QPushButton(tr("Show stack…"), this)),
      summary_(new QLabel(this)),
      placeholder_(new QLabel(tr("This source does not report individual connections."), this)),
      stack_(new QStackedWidget(this)) {
    proxy_->setSourceModel(model_);
    view_->setModel(proxy_);
    view_->setSortingEnabled(true);
    view_->sortByColumn(ConnectionTableModel::Id, Qt::AscendingOrder);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->setAlternatingRowColors(true);
    view_->verticalHeader()->hide();
    view_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    view_->horizontalHeader()->setStretchLastSection(true);
    view_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view_->setWordWrap(false);
    view_->setAccessibleName(tr("Connections"));
    view_->setAccessibleDescription(
        tr("One row per connection of the pool: id, state, age, time in state, uses, "
           "holder and server id; a leaked one is marked, Show stack opens its stack."));

    stateBox_->addItem(tr("All states"), -1);
    for (ConnState s : {ConnState::Idle, ConnState::Allocating, ConnState::InUse, ConnState::Returning})
        stateBox_->addItem(connStateLabel(s), static_cast<int>(s));
    stackButton_->setEnabled(false);
    stackButton_->setToolTip(tr("The acquiring thread's stack of the selected leaked connection"));

    auto* bar = new QHBoxLayout;
    auto* stateLabel = new QLabel(tr("State:"), this);
    stateLabel->setBuddy(stateBox_);
    stateBox_->setToolTip(tr("Show only the connections in this state"));
    bar->addWidget(stateLabel);
    bar->addWidget(stateBox_);
    bar->addWidget(leakedOnly_);
    bar->addStretch(1);
    bar->addWidget(summary_);
    bar->addWidget(stackButton_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    placeholder_->setAlignment(Qt::AlignCenter);
    placeholder_->setWordWrap(true);
    placeholder_->setEnabled(false);  // drawn greyed, like any "nothing here" text
    placeholder_->setObjectName(QStringLiteral("connectionsPlaceholder"));
    stack_->addWidget(view_);
    stack_->addWidget(placeholder_);
    layout->addWidget(stack_, 1);

    connect(stateBox_, &QComboBox::currentIndexChanged, this, [this] {
        const auto state = stateFilter();
        proxy_->setStateFilter(state);
        emit stateFilterChanged(state);
    });
    connect(leakedOnly_, &QCheckBox::toggled, proxy_, &ConnectionFilterProxy::setLeakedOnly);
    connect(stackButton_, &QPushButton::clicked, this, &ConnectionsPanel::showStackOfSelection);
    connect(view_, &QTableView::doubleClicked, this, &ConnectionsPanel::showStackOfSelection);
    connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ConnectionsPanel::updateButtons);
}

void ConnectionsPanel::setSnapshot(const PoolSnapshot& snapshot) {
    const bool reported = snapshot.reported.has(Figure::Connections);
    stack_->setCurrentWidget(reported ? static_cast<QWidget*>(view_) : placeholder_);
    for (QWidget* w : {static_cast<QWidget*>(stateBox_), static_cast<QWidget*>(leakedOnly_)}) w->setEnabled(reported);
    if (!reported) {
        model_->clear();
        summary_->setText(tr("connections: not reported"));
        updateButtons();
        return;
    }
    model_->setSnapshot(snapshot);
    int leaked = 0;
    for (const auto& c : snapshot.connections) leaked += c.leaked ? 1 : 0;
    summary_->setText(leaked ? tr("connections: %1, leaked: %2").arg(model_->rowCount()).arg(leaked)
                             : tr("connections: %1").arg(model_->rowCount()));
    updateButtons();
}

bool ConnectionsPanel::placeholderShown() const { return stack_->currentWidget() == placeholder_; }

void ConnectionsPanel::clear() {
    stack_->setCurrentWidget(view_);
    model_->clear();
    summary_->clear();
    updateButtons();
}

void ConnectionsPanel::setStateFilter(std::optional<ConnState> state) {
    const int wanted = state ? static_cast<int>(*state) : -1;
    const int index = std::max(0, stateBox_->findData(wanted));
    {
        QSignalBlocker block(stateBox_);
        stateBox_->setCurrentIndex(index);
    }
    proxy_->setStateFilter(stateFilter());
}

std::optional<ConnState> ConnectionsPanel::stateFilter() const {
    const int v = stateBox_->currentData().toInt();
    if (v < 0) return std::nullopt;
    return static_cast<ConnState>(v);
}

void ConnectionsPanel::updateButtons() {
    const QModelIndexList rows = view_->selectionModel()->selectedRows();
    stackButton_->setEnabled(!rows.isEmpty() &&
                             rows.first().data(ConnectionTableModel::LeakedRole).toBool());
}

QString ConnectionsPanel::stackText(int proxyRow) const {
    const QModelIndex index = proxy_->index(proxyRow, ConnectionTableModel::Holder);
    if (!index.isValid()) return {};
    const QStringList stack = index.data(ConnectionTableModel::StackRole).toStringList();
    const QString holder = index.data(Qt::DisplayRole).toString();
    QString text = tr("Connection %1, held by %2.")
                       .arg(index.data(ConnectionTableModel::ConnIdRole).toULongLong())
                       .arg(holder.isEmpty() ? tr("(unknown)") : holder);
    text += QLatin1Char('\n');
    if (stack.isEmpty()) return text + tr("No stack was recorded for this connection.");
    text += tr("Acquired at (innermost first):") + QLatin1Char('\n');
    for (int i = 0; i < stack.size(); ++i)
        text += QStringLiteral("#%1  %2\n").arg(i, 2).arg(stack[i]);
    return text;
}

bool ConnectionsPanel::showStackOfSelection() {
    const QModelIndexList rows = view_->selectionModel()->selectedRows();
    if (rows.isEmpty() || !rows.first().data(ConnectionTableModel::LeakedRole).toBool()) return false;
    auto* dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Leaked connection"));
    auto* text = new QPlainTextEdit(stackText(rows.first().row()), dialog);
    text->setReadOnly(true);
    text->setLineWrapMode(QPlainTextEdit::NoWrap);
    text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    text->setAccessibleName(tr("Stack of the leaked connection"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    auto* layout = new QVBoxLayout(dialog);
    layout->addWidget(new QLabel(tr("Held longer than leak_threshold_ms. Its stack, as the "
                                    "acquiring thread saw it:"),
                                 dialog));
    layout->addWidget(text, 1);
    layout->addWidget(buttons);
    dialog->resize(760, 420);
    dialog->open();
    return true;
}

}  // namespace poolscope
