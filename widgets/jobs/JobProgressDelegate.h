// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QStyledItemDelegate>

namespace timbre::widgets {

// Draws the progress column of the jobs panel as a progress bar (JobListModel::FractionRole;
// a busy bar while the total is unknown) with the done / total text on it.
class JobProgressDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
};

} // namespace timbre::widgets
