// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/labels/SaveStateLabel.h"

namespace timbre::widgets {

SaveStateLabel::SaveStateLabel(QWidget *parent) : QLabel(parent)
{
    setObjectName(QStringLiteral("SaveState"));
    setWordWrap(true);
}

void SaveStateLabel::setState(State state, const QString &problem)
{
    m_state = state;
    m_problem = problem;
    updateText();
}

void SaveStateLabel::updateText()
{
    switch (m_state) {
    case State::Idle:
        setText(QString());
        break;
    case State::Saving:
        setText(tr("Saving…"));
        break;
    case State::Saved:
        setText(tr("Saved"));
        break;
    case State::NotSaved:
        setText(tr("Not saved: %1").arg(m_problem));
        break;
    }
    // Colour says the outcome before the words are read; while saving, the normal text colour.
    QPalette p = palette();
    const QColor normal = parentWidget() ? parentWidget()->palette().color(QPalette::WindowText)
                                         : QPalette().color(QPalette::WindowText);
    p.setColor(QPalette::WindowText,
               m_state == State::NotSaved        ? QColor(0xb0, 0x30, 0x30)
                       : m_state == State::Saved ? QColor(0x1b, 0x7f, 0x3b)
                                                 : normal);
    setPalette(p);
}

} // namespace timbre::widgets
