// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Test helper for the widget suites: a right-click on a widget and one action of the context
// menu it opens, as a person would choose it.
#include <QAction>
#include <QApplication>
#include <QContextMenuEvent>
#include <QMenu>
#include <QTimer>
#include <QWidget>

namespace timbre::testing {

// Opens `widget`'s context menu at `pos` and triggers its action named `text`; false when the
// menu has no such action. *checked (when given): the action's check mark before the trigger.
inline bool triggerContextMenuAction(QWidget &widget, const QPoint &pos, const QString &text,
                                     bool *checked = nullptr)
{
    bool found = false;
    QTimer::singleShot(0, &widget, [&] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu)
            return;
        for (QAction *a : menu->actions())
            if (a->text() == text) {
                found = true;
                if (checked)
                    *checked = a->isChecked();
                a->trigger();
            }
        menu->close();
    });
    QContextMenuEvent event(QContextMenuEvent::Mouse, pos, widget.mapToGlobal(pos));
    QApplication::sendEvent(&widget, &event);
    return found;
}

} // namespace timbre::testing
