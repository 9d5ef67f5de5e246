// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/library/ScoreDelegate.h"

#include "core/library/LabelTypes.h"
#include "core/library/TrackTableModel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

namespace timbre::widgets {

using Model = library::TrackTableModel;

void ScoreDelegate::setStale(bool stale, const QString &why)
{
    m_stale = stale;
    m_staleWhy = why;
}

void ScoreDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const
{
    if (index.column() < Model::FixedColumnCount) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    const QRect cell = option.rect.adjusted(3, 3, -3, -3);
    const int glyphWidth = option.fontMetrics.horizontalAdvance(QStringLiteral("\u2713")) + 6;
    const QRect barRect = cell.adjusted(0, 0, -glyphWidth, 0);
    const QRect glyphRect(cell.right() - glyphWidth + 1, cell.top(), glyphWidth, cell.height());

    painter->save();
    const QVariant score = index.data(Model::ScoreRole);
    const QPalette::ColorGroup group
            = opt.state & QStyle::State_Enabled ? QPalette::Normal : QPalette::Disabled;
    QColor textColour = opt.palette.color(
            group, opt.state & QStyle::State_Selected ? QPalette::HighlightedText : QPalette::Text);
    if (score.isValid()) {
        const float s = std::clamp(score.toFloat(), 0.0f, 1.0f);
        QColor bar = m_stale ? QColor(160, 160, 160)
                             : QColor(index.data(Model::InstrumentColourRole).toString());
        if (!bar.isValid())
            bar = opt.palette.color(QPalette::Highlight);
        bar.setAlpha(m_stale ? 70 : 120);
        painter->fillRect(
                QRect(barRect.left(), barRect.top(), int(barRect.width() * s), barRect.height()),
                bar);
        if (m_stale)
            textColour = opt.palette.color(QPalette::Disabled, QPalette::Text);
        painter->setPen(textColour);
        painter->drawText(barRect.adjusted(2, 0, -2, 0), Qt::AlignRight | Qt::AlignVCenter,
                          QString::number(double(s), 'f', 2));
    } else {
        painter->setPen(opt.palette.color(QPalette::Disabled, QPalette::Text));
        painter->drawText(barRect, Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("\u2013"));
    }
    const auto state = library::LabelState(index.data(Model::LabelStateRole).toInt());
    QString glyph = QStringLiteral("?");
    QColor glyphColour = opt.palette.color(QPalette::Disabled, QPalette::Text);
    if (state == library::LabelState::Present) {
        glyph = QStringLiteral("\u2713");
        glyphColour = QColor(30, 140, 60);
    } else if (state == library::LabelState::Absent) {
        glyph = QStringLiteral("\u2717");
        glyphColour = QColor(190, 50, 50);
    }
    painter->setPen(glyphColour);
    painter->drawText(glyphRect, Qt::AlignCenter, glyph);
    painter->restore();
}

QSize ScoreDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    if (index.column() >= Model::FixedColumnCount)
        size.setWidth(
                std::max(size.width(),
                         option.fontMetrics.horizontalAdvance(QStringLiteral("0.00 \u2713")) + 24));
    return size;
}

bool ScoreDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view,
                              const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (event && event->type() == QEvent::ToolTip && index.column() >= Model::FixedColumnCount) {
        const auto state = library::LabelState(index.data(Model::LabelStateRole).toInt());
        const QVariant score = index.data(Model::ScoreRole);
        QString text = score.isValid() ? tr("Score %1").arg(score.toDouble(), 0, 'f', 3)
                                       : tr("No score");
        text += QLatin1String(" · ");
        text += state == library::LabelState::Present  ? tr("labelled present")
                : state == library::LabelState::Absent ? tr("labelled absent")
                                                       : tr("unlabelled");
        if (m_stale && score.isValid())
            text += QLatin1Char('\n') + m_staleWhy;
        QToolTip::showText(event->globalPos(), text, view);
        return true;
    }
    return QStyledItemDelegate::helpEvent(event, view, option, index);
}

} // namespace timbre::widgets
