// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/eval/LibraryEvaluation.h"

#include <QAbstractTableModel>

namespace timbre::eval {

// Per-instrument metrics of two evaluated models side by side, for a comparison view: one row
// per instrument of the first model (and an "overall" row last), columns instrument, observed
// labels, positives, then F1, AUROC, AP, precision and recall of model A, of model B and
// their difference B - A. DisplayRole gives percent text ("—" where undefined), Qt::UserRole
// the raw value (NaN where undefined). With one model the B and difference columns are empty.
class LibraryEvaluationTable : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Metric { F1, Auroc, AveragePrecision, Precision, Recall, MetricCount };
    enum Side { SideA, SideB, SideDifference };

    explicit LibraryEvaluationTable(QObject *parent = nullptr);

    void setEvaluation(const LibraryEvaluation &evaluation);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // The column of a metric for one side (for views that colour or sort by it).
    static int column(Metric metric, Side side) { return 3 + int(side) * MetricCount + metric; }
    // The raw value shown at (row, column(metric, side)).
    double value(int row, Metric metric, Side side) const;
    // A metric as this table (and `timbre evaluate --library`) writes it: percent with two
    // decimals, "—" when undefined; a difference gets its sign.
    static QString percentText(double value, bool signedValue = false);
    // "F1", "AUROC", "AP", "P", "R": the short names the headers use.
    static QString metricName(Metric metric);

private:
    struct Row
    {
        QString instrument;
        qint64 observed = 0;
        qint64 positives = 0;
        double a[MetricCount];
        double b[MetricCount];
    };
    std::vector<Row> m_rows;
    QString m_nameA;
    QString m_nameB;
};

} // namespace timbre::eval
