// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/overview/CoOccurrenceModel.h"

#include "widgets/overview/HeatColour.h"

#include <QColor>
#include <QFont>

#include <algorithm>

namespace timbre::widgets {

void CoOccurrenceModel::setCounts(const overview::InstrumentationStats &stats,
                                  overview::CountBy by, const QList<int> &instruments)
{
    beginResetModel();
    m_by = by;
    m_instruments = instruments;
    m_names = stats.names;
    m_all = stats.instrumentCount();
    m_pairs = by == overview::CountBy::Labels ? stats.presentPairs : stats.predictedPairs;
    m_max = 0;
    for (int r = 0; r < m_instruments.size(); ++r) {
        for (int c = 0; c < m_instruments.size(); ++c) {
            if (r != c)
                m_max = std::max(m_max, count(r, c));
        }
    }
    endResetModel();
}

int CoOccurrenceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_instruments.size());
}

int CoOccurrenceModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_instruments.size());
}

int CoOccurrenceModel::count(int row, int column) const
{
    return m_pairs[size_t(m_instruments[row]) * size_t(m_all) + size_t(m_instruments[column])];
}

QVariant CoOccurrenceModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const int n = count(index.row(), index.column());
    const bool diagonal = index.row() == index.column();
    const double fraction = m_max > 0 ? double(n) / m_max : 0.0;
    switch (role) {
    case Qt::DisplayRole:
        return n;
    case Qt::TextAlignmentRole:
        return int(Qt::AlignCenter);
    case Qt::BackgroundRole:
        return diagonal ? QColor(0xe6, 0xe6, 0xe6) : heatColour(fraction);
    case Qt::ForegroundRole:
        return diagonal ? QColor(Qt::black) : heatTextColour(fraction);
    case Qt::FontRole: {
        QFont f;
        f.setItalic(diagonal);
        return f;
    }
    case Qt::ToolTipRole: {
        const QString a = m_names.value(m_instruments[index.row()]);
        const QString b = m_names.value(m_instruments[index.column()]);
        if (diagonal)
            return m_by == overview::CountBy::Labels
                    ? tr("%1 labelled present: %n clip(s). Click to list them.", nullptr, n).arg(a)
                    : tr("%1 scored at or above its threshold: %n clip(s). Click to list them.",
                         nullptr, n)
                              .arg(a);
        return m_by == overview::CountBy::Labels
                ? tr("%1 and %2 both labelled present: %n clip(s). Click to list them.", nullptr,
                     n)
                          .arg(a, b)
                : tr("%1 and %2 both scored at or above their thresholds: %n clip(s). Click to "
                     "list them.",
                     nullptr, n)
                          .arg(a, b);
    }
    default:
        return {};
    }
}

QVariant CoOccurrenceModel::headerData(int section, Qt::Orientation, int role) const
{
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
        return m_names.value(instrumentAt(section));
    return {};
}

} // namespace timbre::widgets
