// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/eval/LibraryEvaluationTable.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QStringList>

#include <array>
#include <vector>

namespace timbre::widgets {

// The comparison's numbers for any number of versions: one row per instrument of the first
// version (and "overall" last, as core/eval's LibraryEvaluationTable and `timbre evaluate
// --library` have them), columns instrument, known labels, positives, then per metric (F1,
// AUROC, AP, precision, recall) one column per version and, with two or more, the difference
// second - first. Text as LibraryEvaluationTable writes it (percent, "—" when undefined);
// Qt::UserRole gives the raw value (NaN when undefined), Qt::ToolTipRole why it is undefined.
class ComparisonTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    using Metric = eval::LibraryEvaluationTable::Metric;
    static constexpr int kFixedColumns = 3;

    explicit ComparisonTableModel(QObject *parent = nullptr);

    // names: the user's instrument names by key (keys are shown where missing).
    void setEvaluation(const eval::LibraryEvaluation &evaluation,
                       const QHash<QString, QString> &names);
    void clear();

    int versionCount() const { return int(m_versions.size()); }
    QString versionName(int version) const { return m_versions.value(version); }
    // The instrument key of a row; empty for the overall row.
    QString instrumentKey(int row) const;
    QString instrumentName(int row) const;
    bool isOverallRow(int row) const { return row == int(m_rows.size()) - 1 && !m_rows.empty(); }
    // Known labels of the row's instrument on the evaluated clips (all instruments: overall).
    qint64 observed(int row) const;

    // The raw value of one version (NaN when undefined).
    double value(int row, Metric metric, int version) const;
    // Column of a version's metric; version == versionCount() is the difference column.
    int column(Metric metric, int version) const;
    // Sentences saying why the "—" cells are undefined (empty when none is).
    QStringList undefinedReasons() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static QString metricName(Metric metric);

private:
    struct Row
    {
        QString key; // empty = overall
        QString name;
        qint64 observed = 0;
        qint64 positives = 0;
        std::vector<std::array<double, eval::LibraryEvaluationTable::MetricCount>> values;
    };
    QString whyUndefined(const Row &row, Metric metric) const;
    int metricsPerBlock() const;

    std::vector<Row> m_rows;
    QStringList m_versions;
    qint64 m_clips = 0;
};

} // namespace timbre::widgets
