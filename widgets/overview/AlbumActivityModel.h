// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/overview/AlbumActivity.h"

#include <QAbstractTableModel>
#include <QList>

#include <vector>

namespace timbre::widgets {

// Instrument activity across an album: one row per track (album order), one column per
// instrument, each cell the model's score (shaded by it) with the label beside it (✓ present,
// ✗ absent). Columns: the instruments some track of the album is labelled with or scored at
// least its threshold, else every instrument the model scored.
class AlbumActivityModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    using QAbstractTableModel::QAbstractTableModel;

    // thresholds: per instrument (taxonomy order), as the overview's stats use them.
    void setActivity(overview::AlbumActivity activity, const std::vector<double> &thresholds);
    const overview::AlbumActivity &activity() const { return m_activity; }
    int instrumentAt(int column) const { return m_instruments.value(column, -1); }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    overview::AlbumActivity m_activity;
    QList<int> m_instruments;
};

} // namespace timbre::widgets
