// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/jobs/JobProgressDelegate.h"

#include "core/jobs/JobProgress.h"
#include "widgets/jobs/JobListModel.h"

#include <QApplication>
#include <QPainter>
#include <QStyleOptionProgressBar>

#include <cmath>

namespace timbre::widgets {

void JobProgressDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                const QModelIndex &index) const
{
    if (index.column() != JobListModel::ProgressColumn) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // Selection background first, so a selected row stays visibly selected under the bar.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    QWidget *widget = const_cast<QWidget *>(option.widget);
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    const double fraction = index.data(JobListModel::FractionRole).toDouble();
    const auto state = jobs::JobState(index.data(JobListModel::StateRole).toInt());
    QStyleOptionProgressBar bar;
    bar.rect = option.rect.adjusted(2, 2, -2, -2);
    bar.state = option.state | QStyle::State_Horizontal;
    bar.minimum = 0;
    // A running job without a total yet: min == max draws the style's busy bar.
    const bool busy = fraction < 0 && !jobs::isFinalState(state);
    bar.maximum = busy ? 0 : 1000;
    bar.progress = busy ? 0 : int(std::lround(std::max(0.0, fraction) * 1000));
    bar.text = index.data(Qt::DisplayRole).toString();
    bar.textVisible = true;
    bar.textAlignment = Qt::AlignCenter;
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
}

} // namespace timbre::widgets
