// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/trackview/CompareBar.h"

#include "widgets/trackview/AttentionLanes.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QTextDocumentFragment>
#include <QToolButton>

namespace timbre::widgets {

CompareBar::CompareBar(QWidget *parent) : QWidget(parent)
{
    // Tinted so the mode is noticed: the lanes below are not the active version's.
    setAutoFillBackground(true);
    QPalette pal = palette();
    QColor tint = pal.color(QPalette::Highlight);
    tint.setAlpha(60);
    pal.setColor(QPalette::Window, tint);
    setPalette(pal);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 6, 2);
    m_label = new QLabel(this);
    m_label->setTextFormat(Qt::RichText);
    m_leave = new QToolButton(this);
    m_leave->setAutoRaise(false);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_leave);
    connect(m_leave, &QToolButton::clicked, this, &CompareBar::leaveRequested);
    retranslate();
}

void CompareBar::setVersions(const QList<Version> &versions)
{
    m_versions = versions;
    retranslate();
}

QString CompareBar::text() const
{
    return QTextDocumentFragment::fromHtml(m_label->text()).toPlainText();
}

void CompareBar::retranslate()
{
    QStringList parts;
    for (int i = 0; i < m_versions.size(); ++i) {
        const QColor colour = AttentionLanes::versionColour(i);
        parts << QStringLiteral("<span style=\"background-color:%1; color:#141414;\">&nbsp;%2&nbsp;"
                                "</span>&nbsp;<b>%3</b>")
                         .arg(colour.name(), m_versions.at(i).tag.toHtmlEscaped(),
                              m_versions.at(i).name.toHtmlEscaped());
    }
    m_label->setText(tr("Comparing: %1").arg(parts.join(tr(" vs "))));
    m_leave->setText(tr("Leave comparison"));
    m_leave->setToolTip(tr("Show the active version's lanes again"));
}

} // namespace timbre::widgets
