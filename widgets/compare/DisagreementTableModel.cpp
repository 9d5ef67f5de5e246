// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/compare/DisagreementTableModel.h"

#include <QFileInfo>
#include <QLocale>

namespace timbre::widgets {

DisagreementTableModel::DisagreementTableModel(QObject *parent) : QAbstractTableModel(parent) { }

void DisagreementTableModel::setDisagreements(std::vector<eval::Disagreement> rows,
                                              const QString &nameA, const QString &nameB,
                                              const QHash<QString, QString> &instrumentNames)
{
    beginResetModel();
    m_rows = std::move(rows);
    m_nameA = nameA;
    m_nameB = nameB;
    m_names = instrumentNames;
    endResetModel();
}

void DisagreementTableModel::clear()
{
    setDisagreements({}, QString(), QString(), {});
}

int DisagreementTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DisagreementTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DisagreementTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const eval::Disagreement &d = m_rows[size_t(index.row())];
    if (role == Qt::TextAlignmentRole)
        return index.column() <= InstrumentColumn || index.column() == LabelColumn
                ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == TrackColumn)
        return d.trackPath;
    if (role == Qt::UserRole) {
        switch (index.column()) {
        case TrackColumn:
            return d.trackId;
        case InstrumentColumn:
            return d.instrument;
        case ScoreAColumn:
            return double(d.scoreA);
        case ScoreBColumn:
            return double(d.scoreB);
        case DifferenceColumn:
            return d.difference;
        case LabelColumn:
            return d.label;
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    const QLocale locale;
    switch (index.column()) {
    case TrackColumn:
        return d.trackPath.isEmpty() ? tr("track %1").arg(d.trackId)
                                     : QFileInfo(d.trackPath).fileName();
    case InstrumentColumn:
        return m_names.value(d.instrument, d.instrument);
    case ScoreAColumn:
        return locale.toString(double(d.scoreA), 'f', 3);
    case ScoreBColumn:
        return locale.toString(double(d.scoreB), 'f', 3);
    case DifferenceColumn:
        return locale.toString(d.difference, 'f', 3);
    case LabelColumn:
        return d.label == 1 ? tr("present") : d.label == 0 ? tr("absent") : tr("unknown");
    default:
        return {};
    }
}

QVariant DisagreementTableModel::headerData(int section, Qt::Orientation orientation,
                                            int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TrackColumn:
        return tr("Track");
    case InstrumentColumn:
        return tr("Instrument");
    case ScoreAColumn:
        return tr("Score %1").arg(m_nameA);
    case ScoreBColumn:
        return tr("Score %1").arg(m_nameB);
    case DifferenceColumn:
        return tr("Difference");
    case LabelColumn:
        return tr("Label");
    default:
        return {};
    }
}

} // namespace timbre::widgets
