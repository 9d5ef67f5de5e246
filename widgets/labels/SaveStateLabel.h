// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The label editor's save state in one line: nothing before the first edit, "Saving…" while a
// write is queued, "Saved" (green) only when the catalog holds it, "Not saved: <reason>" (red)
// when a write failed. Only a display: the editor decides the state.
#include <QLabel>

namespace timbre::widgets {

class SaveStateLabel : public QLabel
{
    Q_OBJECT
public:
    enum class State { Idle, Saving, Saved, NotSaved };

    explicit SaveStateLabel(QWidget *parent = nullptr);

    // `problem` is the reason shown with NotSaved (ignored otherwise).
    void setState(State state, const QString &problem = QString());
    State state() const { return m_state; }

private:
    void updateText();

    State m_state = State::Idle;
    QString m_problem;
};

} // namespace timbre::widgets
