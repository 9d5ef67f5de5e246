// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/overview/InstrumentationStats.h"

#include <QAbstractTableModel>
#include <QList>

namespace timbre::widgets {

// The co-occurrence heat map as a table: instruments x instruments, each cell the clips where
// both are present (by labels) or both scored at least their thresholds (by predictions); the
// diagonal is the instrument alone, drawn neutral so that it does not set the colour scale.
// Only the instruments given (those some clip has) are rows and columns.
class CoOccurrenceModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    using QAbstractTableModel::QAbstractTableModel;

    void setCounts(const overview::InstrumentationStats &stats, overview::CountBy by,
                   const QList<int> &instruments);
    // The taxonomy index of a row or column.
    int instrumentAt(int section) const { return m_instruments.value(section, -1); }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    int count(int row, int column) const;

    QList<int> m_instruments;
    QStringList m_names; // all instruments, taxonomy order
    std::vector<int> m_pairs; // all x all
    int m_all = 0;
    int m_max = 0; // largest off-diagonal cell shown
    overview::CountBy m_by = overview::CountBy::Labels;
};

} // namespace timbre::widgets
