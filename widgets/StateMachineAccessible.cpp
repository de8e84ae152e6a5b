#include "widgets/StateMachineAccessible.h"

#include <QPointer>
#include <QWidget>
#include <QWindow>

#include "widgets/StateMachineView.h"

namespace poolscope {

namespace {

/// One state or transition of the view: a list item with the view's text for
/// it; a state can be pressed (what a click does) and is selected while it
/// filters the connections.
class Item final : public QAccessibleInterface, public QAccessibleActionInterface {
public:
    Item(StateMachineView* view, int index) : view_(view), index_(index) {}

    bool isValid() const override { return view_ != nullptr; }
    QObject* object() const override { return nullptr; }
    QWindow* window() const override { return view_ ? view_->window()->windowHandle() : nullptr; }
    QAccessibleInterface* childAt(int, int) const override { return nullptr; }
    QAccessibleInterface* parent() const override {
        return QAccessible::queryAccessibleInterface(view_.data());
    }
    QAccessibleInterface* child(int) const override { return nullptr; }
    int childCount() const override { return 0; }
    int indexOfChild(const QAccessibleInterface*) const override { return -1; }
    QString text(QAccessible::Text t) const override {
        if (!view_) return {};
        if (t == QAccessible::Name) return view_->itemText(index_);
        if (t == QAccessible::Description && isState())
            return StateMachineView::tr("Enter shows the connections in this state");
        return {};
    }
    void setText(QAccessible::Text, const QString&) override {}
    QRect rect() const override {
        if (!view_) return {};
        const QRect r = view_->itemRect(index_).toAlignedRect();
        return QRect(view_->mapToGlobal(r.topLeft()), r.size());
    }
    QAccessible::Role role() const override { return QAccessible::ListItem; }
    QAccessible::State state() const override {
        QAccessible::State s;
        if (!view_) {
            s.invalid = true;
            return s;
        }
        s.focusable = true;
        s.focused = view_->hasFocus() && view_->currentItem() == index_;
        s.selectable = isState();
        s.selected = isState() && view_->selectedState() == static_cast<ConnState>(index_);
        s.invisible = !view_->isVisible() || view_->itemRect(index_).isEmpty();
        return s;
    }
    void* interface_cast(QAccessible::InterfaceType type) override {
        return type == QAccessible::ActionInterface ? static_cast<QAccessibleActionInterface*>(this)
                                                    : nullptr;
    }

    QStringList actionNames() const override {
        return isState() ? QStringList{pressAction(), setFocusAction()}
                         : QStringList{setFocusAction()};
    }
    void doAction(const QString& name) override {
        if (!view_) return;
        if (name == setFocusAction()) {
            view_->setFocus(Qt::OtherFocusReason);
            view_->setCurrentItem(index_);
        } else if (name == pressAction() && isState()) {
            view_->activateItem(index_);
        }
    }
    QStringList keyBindingsForAction(const QString& name) const override {
        return name == pressAction() ? QStringList{QStringLiteral("Return")} : QStringList{};
    }

private:
    bool isState() const { return index_ < kConnStateCount; }

    QPointer<StateMachineView> view_;
    int index_;
};

}  // namespace

StateMachineAccessible::StateMachineAccessible(StateMachineView* view)
    : QAccessibleWidget(view, QAccessible::List) {}

StateMachineAccessible::~StateMachineAccessible() {
    for (QAccessible::Id id : std::as_const(items_)) QAccessible::deleteAccessibleInterface(id);
}

StateMachineView* StateMachineAccessible::view() const {
    return static_cast<StateMachineView*>(widget());
}

QString StateMachineAccessible::text(QAccessible::Text t) const {
    if (t == QAccessible::Description)
        return view()->summaryText() + QStringLiteral(". ") + QAccessibleWidget::text(t);
    if (t != QAccessible::Value) return QAccessibleWidget::text(t);
    const StateMachineView* v = view();
    if (v->currentItem() >= 0) return v->itemText(v->currentItem());
    QStringList states;
    for (int i = 0; i < kConnStateCount; ++i) states << v->itemText(i);
    return states.join(QStringLiteral("; "));
}

int StateMachineAccessible::childCount() const {
    return StateMachineView::kItemCount + QAccessibleWidget::childCount();
}

QAccessibleInterface* StateMachineAccessible::child(int index) const {
    if (index < 0) return nullptr;
    if (index >= StateMachineView::kItemCount)
        return QAccessibleWidget::child(index - StateMachineView::kItemCount);
    if (const auto it = items_.constFind(index); it != items_.constEnd())
        return QAccessible::accessibleInterface(*it);
    auto* item = new Item(view(), index);
    items_.insert(index, QAccessible::registerAccessibleInterface(item));
    return item;
}

int StateMachineAccessible::indexOfChild(const QAccessibleInterface* child) const {
    if (!child) return -1;
    for (auto it = items_.constBegin(); it != items_.constEnd(); ++it)
        if (QAccessible::accessibleInterface(it.value()) == child) return it.key();
    const int widgetIndex = QAccessibleWidget::indexOfChild(child);
    return widgetIndex < 0 ? -1 : StateMachineView::kItemCount + widgetIndex;
}

QAccessibleInterface* StateMachineAccessible::childAt(int x, int y) const {
    const QPoint local = view()->mapFromGlobal(QPoint(x, y));
    for (int i = 0; i < StateMachineView::kItemCount; ++i)
        if (view()->itemRect(i).contains(local)) return child(i);
    return QAccessibleWidget::childAt(x, y);
}

QAccessibleInterface* StateMachineAccessible::focusChild() const {
    if (view()->hasFocus() && view()->currentItem() >= 0) return child(view()->currentItem());
    return QAccessibleWidget::focusChild();
}

}  // namespace poolscope
