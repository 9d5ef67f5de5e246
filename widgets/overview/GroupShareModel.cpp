// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/overview/GroupShareModel.h"

#include "widgets/overview/HeatColour.h"

#include <QColor>
#include <QFont>
#include <QLocale>

namespace timbre::widgets {

void GroupShareModel::setShares(const overview::InstrumentationStats &stats,
                                overview::GroupField field, overview::CountBy by,
                                const QList<int> &instruments)
{
    beginResetModel();
    m_shares = stats.groups(field);
    m_field = field;
    m_by = by;
    m_instruments = instruments;
    m_names = stats.names;
    endResetModel();
}

int GroupShareModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_shares.groupCount();
}

int GroupShareModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : FirstInstrumentColumn + int(m_instruments.size());
}

QString GroupShareModel::groupTitle(int row) const
{
    const QString name = m_shares.names.value(row);
    if (!name.isEmpty())
        return name;
    switch (m_field) {
    case overview::GroupField::Genre:
        return tr("(no genre)");
    case overview::GroupField::Artist:
        return tr("(no artist)");
    case overview::GroupField::Album:
        break;
    }
    return tr("(no album)");
}

QVariant GroupShareModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const int row = index.row();
    const int clips = m_shares.clips[size_t(row)];
    if (index.column() == NameColumn) {
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
            return groupTitle(row);
        if (role == Qt::FontRole && m_shares.names.value(row).isEmpty()) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        return {};
    }
    if (index.column() == ClipsColumn) {
        if (role == Qt::DisplayRole)
            return clips;
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        if (role == Qt::ToolTipRole)
            return tr("%n clip(s). Click to list them.", nullptr, clips);
        return {};
    }
    const int instrument = instrumentAt(index.column());
    const int n = m_shares.count(row, instrument, m_by);
    const double share = clips > 0 ? double(n) / clips : 0.0;
    switch (role) {
    case Qt::DisplayRole:
        return n > 0 ? QLocale().toString(share * 100.0, 'f', 0) + QLatin1String(" %")
                     : QString();
    case Qt::TextAlignmentRole:
        return int(Qt::AlignCenter);
    case Qt::BackgroundRole:
        return heatColour(share);
    case Qt::ForegroundRole:
        return heatTextColour(share);
    case Qt::ToolTipRole:
        return m_by == overview::CountBy::Labels
                ? tr("%1, %2: %3 of %n clip(s) labelled present. Click to list them.", nullptr,
                     clips)
                          .arg(groupTitle(row), m_names.value(instrument))
                          .arg(n)
                : tr("%1, %2: %3 of %n clip(s) scored at or above the threshold. Click to list "
                     "them.",
                     nullptr, clips)
                          .arg(groupTitle(row), m_names.value(instrument))
                          .arg(n);
    default:
        return {};
    }
}

QVariant GroupShareModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return {};
    if (section == NameColumn) {
        switch (m_field) {
        case overview::GroupField::Genre:
            return tr("Genre");
        case overview::GroupField::Artist:
            return tr("Artist");
        case overview::GroupField::Album:
            break;
        }
        return tr("Album");
    }
    if (section == ClipsColumn)
        return tr("Clips");
    return m_names.value(instrumentAt(section));
}

} // namespace timbre::widgets
