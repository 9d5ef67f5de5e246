// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/eval/LibraryEvaluation.h"

#include <QAbstractTableModel>
#include <QHash>

#include <vector>

namespace timbre::widgets {

// The clips where the first two compared versions disagree most (core/eval's disagreement
// lists), largest difference first: track, instrument, both versions' scores, their
// difference and the label (present, absent or unknown).
class DisagreementTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        TrackColumn,
        InstrumentColumn,
        ScoreAColumn,
        ScoreBColumn,
        DifferenceColumn,
        LabelColumn,
        ColumnCount
    };

    explicit DisagreementTableModel(QObject *parent = nullptr);

    void setDisagreements(std::vector<eval::Disagreement> rows, const QString &nameA,
                          const QString &nameB, const QHash<QString, QString> &instrumentNames);
    void clear();
    const eval::Disagreement &at(int row) const { return m_rows[size_t(row)]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::vector<eval::Disagreement> m_rows;
    QString m_nameA;
    QString m_nameB;
    QHash<QString, QString> m_names;
};

} // namespace timbre::widgets
