// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/overview/InstrumentationStats.h"

#include <QAbstractTableModel>
#include <QList>

namespace timbre::widgets {

// Instrumentation by genre, artist or album as a table: one row per group (most clips first),
// its clip count, then per instrument the share of its clips with the instrument (labelled
// present, or scored at least the threshold), shaded by that share.
class GroupShareModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, ClipsColumn, FirstInstrumentColumn };

    using QAbstractTableModel::QAbstractTableModel;

    void setShares(const overview::InstrumentationStats &stats, overview::GroupField field,
                   overview::CountBy by, const QList<int> &instruments);
    // The group's tag value ("" = without the tag), and the taxonomy index of a column (-1 for
    // the name and clip columns).
    QString groupAt(int row) const { return m_shares.names.value(row); }
    int instrumentAt(int column) const
    {
        return m_instruments.value(column - FirstInstrumentColumn, -1);
    }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QString groupTitle(int row) const;

    overview::GroupShares m_shares;
    overview::GroupField m_field = overview::GroupField::Genre;
    overview::CountBy m_by = overview::CountBy::Labels;
    QList<int> m_instruments;
    QStringList m_names;
};

} // namespace timbre::widgets
