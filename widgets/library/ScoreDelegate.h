// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QStyledItemDelegate>

namespace timbre::widgets {

// Draws the browser's instrument cells: the model's score as a bar in the instrument's colour
// with the number on it, and the label state as ✓ (present, green) / ✗ (absent, red) / ?.
// Stale scores (another model's than the active one) are drawn grey and say so in a tooltip.
class ScoreDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    // `why` is the tooltip of every score cell while stale.
    void setStale(bool stale, const QString &why);
    bool isStale() const { return m_stale; }

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

private:
    bool m_stale = false;
    QString m_staleWhy;
};

} // namespace timbre::widgets
