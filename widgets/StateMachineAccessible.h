#pragma once
// What assistive technology sees of a StateMachineView: a list whose items
// are the states ("IN_USE: 4 connections", selected when it filters the
// table) and the transitions ("IDLE → ALLOCATING: 2.5/s, 120 in total"), the
// item the keyboard is on as the focused one and as the view's value, then
// the lifecycle buttons.

#include <QAccessibleWidget>
#include <QHash>

namespace poolscope {

class StateMachineView;

/// Created by accessibleViewFactory; owned by Qt's accessibility cache. Its
/// items are made on first use and deleted with it.
class StateMachineAccessible : public QAccessibleWidget {
public:
    explicit StateMachineAccessible(StateMachineView* view);
    ~StateMachineAccessible() override;

    /// Value: the current item's text (or, before the view had focus, every
    /// state's). Description: the view's summaryText(), then how to use it.
    QString text(QAccessible::Text t) const override;
    int childCount() const override;
    QAccessibleInterface* child(int index) const override;
    int indexOfChild(const QAccessibleInterface* child) const override;
    QAccessibleInterface* childAt(int x, int y) const override;
    QAccessibleInterface* focusChild() const override;

    StateMachineView* view() const;

private:
    mutable QHash<int, QAccessible::Id> items_;
};

}  // namespace poolscope
