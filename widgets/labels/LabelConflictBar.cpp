// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/labels/LabelConflictBar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace timbre::widgets {

LabelConflictBar::LabelConflictBar(QWidget *parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("ConflictBar"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QPalette p = palette();
    p.setColor(QPalette::Window, QColor(0xff, 0xf3, 0xcd));
    p.setColor(QPalette::WindowText, QColor(0x5c, 0x45, 0x00));
    setPalette(p);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    m_label = new QLabel(this);
    m_label->setWordWrap(true);
    layout->addWidget(m_label);
    auto *buttons = new QHBoxLayout;
    m_keepMine = new QPushButton(tr("Keep mine"), this);
    m_takeTheirs = new QPushButton(tr("Take theirs"), this);
    buttons->addWidget(m_keepMine);
    buttons->addWidget(m_takeTheirs);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    connect(m_keepMine, &QPushButton::clicked, this, [this] { resolve(true); });
    connect(m_takeTheirs, &QPushButton::clicked, this, [this] { resolve(false); });
    hide();
}

void LabelConflictBar::setInstrumentNames(std::function<QString(const QString &key)> names)
{
    m_names = std::move(names);
}

void LabelConflictBar::add(const library::LabelConflict &conflict)
{
    m_conflicts.append(conflict);
    showFirst();
}

QString LabelConflictBar::text() const
{
    return isHidden() ? QString() : m_label->text();
}

void LabelConflictBar::showFirst()
{
    if (m_conflicts.isEmpty()) {
        hide();
        return;
    }
    const library::LabelConflict &c = m_conflicts.first();
    const auto name = [](library::LabelState s) {
        switch (s) {
        case library::LabelState::Present:
            return tr("present");
        case library::LabelState::Absent:
            return tr("absent");
        case library::LabelState::Unknown:
            break;
        }
        return tr("unknown");
    };
    const QString instrument = m_names ? m_names(c.instrumentKey) : c.instrumentKey;
    m_label->setText(tr("%1 set %2 to %3 while you were editing; yours: %4.")
                             .arg(c.theirAuthor.isEmpty() ? tr("Someone") : c.theirAuthor,
                                  instrument, name(c.theirs), name(c.mine)));
    show();
}

void LabelConflictBar::resolve(bool keepMine)
{
    if (m_conflicts.isEmpty())
        return;
    const library::LabelConflict c = m_conflicts.takeFirst();
    showFirst();
    Q_EMIT resolved(c, keepMine);
}

} // namespace timbre::widgets
