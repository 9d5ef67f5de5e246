// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The label editor's bar for labels someone else changed while the editor showed them
// (library::LabelConflict): names who, the instrument and both values, and offers "Keep mine"
// (write over theirs, knowingly) or "Take theirs". Conflicts queue; the first is shown, the bar
// hides when none is left. It only reports the choice: the editor writes.
#include "core/library/LabelTypes.h"

#include <QFrame>
#include <QList>

#include <functional>

class QLabel;
class QPushButton;

namespace timbre::widgets {

class LabelConflictBar : public QFrame
{
    Q_OBJECT
public:
    explicit LabelConflictBar(QWidget *parent = nullptr);

    // The display name of an instrument key (the editor's taxonomy); the key when unset.
    void setInstrumentNames(std::function<QString(const QString &key)> names);
    void add(const library::LabelConflict &conflict);
    bool hasConflict() const { return !m_conflicts.isEmpty(); }
    const library::LabelConflict &current() const { return m_conflicts.first(); }
    QString text() const; // empty while hidden

    QPushButton *keepMineButton() const { return m_keepMine; }
    QPushButton *takeTheirsButton() const { return m_takeTheirs; }

Q_SIGNALS:
    // The person chose for `conflict`; it is gone from the bar already.
    void resolved(const timbre::library::LabelConflict &conflict, bool keepMine);

private:
    void showFirst();
    void resolve(bool keepMine);

    std::function<QString(const QString &)> m_names;
    QList<library::LabelConflict> m_conflicts; // the first is shown
    QLabel *m_label = nullptr;
    QPushButton *m_keepMine = nullptr;
    QPushButton *m_takeTheirs = nullptr;
};

} // namespace timbre::widgets
