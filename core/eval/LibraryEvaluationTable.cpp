// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/eval/LibraryEvaluationTable.h"

#include <cmath>
#include <limits>

namespace timbre::eval {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void fill(double *into, const InstrumentMetrics &m)
{
    into[LibraryEvaluationTable::F1] = m.f1;
    into[LibraryEvaluationTable::Auroc] = m.auroc;
    into[LibraryEvaluationTable::AveragePrecision] = m.averagePrecision;
    into[LibraryEvaluationTable::Precision] = m.precision;
    into[LibraryEvaluationTable::Recall] = m.recall;
}

void fillOverall(double *into, const MetricsReport &r)
{
    into[LibraryEvaluationTable::F1] = r.f1;
    into[LibraryEvaluationTable::Auroc] = r.auroc;
    into[LibraryEvaluationTable::AveragePrecision] = r.meanAveragePrecision;
    into[LibraryEvaluationTable::Precision] = r.precision;
    into[LibraryEvaluationTable::Recall] = r.recall;
}

void fillNaN(double *into)
{
    for (int i = 0; i < LibraryEvaluationTable::MetricCount; ++i)
        into[i] = kNaN;
}

} // namespace

LibraryEvaluationTable::LibraryEvaluationTable(QObject *parent) : QAbstractTableModel(parent) { }

QString LibraryEvaluationTable::metricName(Metric metric)
{
    static const char *names[] = {"F1", "AUROC", "AP", "P", "R"};
    return QString::fromLatin1(names[metric]);
}

void LibraryEvaluationTable::setEvaluation(const LibraryEvaluation &evaluation)
{
    beginResetModel();
    m_rows.clear();
    m_nameA.clear();
    m_nameB.clear();
    if (!evaluation.models.empty()) {
        const ModelEvaluation &A = evaluation.models[0];
        const ModelEvaluation *B = evaluation.models.size() > 1 ? &evaluation.models[1] : nullptr;
        m_nameA = A.name;
        m_nameB = B ? B->name : QString();
        for (const InstrumentMetrics &m : A.report.instruments) {
            Row row;
            row.instrument = m.name;
            row.observed = m.observed;
            row.positives = m.positives;
            fill(row.a, m);
            fillNaN(row.b);
            if (B)
                for (const InstrumentMetrics &other : B->report.instruments)
                    if (other.name == m.name)
                        fill(row.b, other);
            m_rows.push_back(row);
        }
        Row overall;
        overall.instrument = tr("overall");
        overall.observed = A.report.observedLabels;
        for (const InstrumentMetrics &m : A.report.instruments)
            overall.positives += m.positives;
        fillOverall(overall.a, A.report);
        fillNaN(overall.b);
        if (B)
            fillOverall(overall.b, B->report);
        m_rows.push_back(overall);
    }
    endResetModel();
}

int LibraryEvaluationTable::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LibraryEvaluationTable::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : 3 + 3 * MetricCount;
}

double LibraryEvaluationTable::value(int row, Metric metric, Side side) const
{
    if (row < 0 || row >= int(m_rows.size()))
        return kNaN;
    const Row &r = m_rows[size_t(row)];
    switch (side) {
    case SideA:
        return r.a[metric];
    case SideB:
        return r.b[metric];
    case SideDifference:
        return r.b[metric] - r.a[metric]; // NaN when either is
    }
    return kNaN;
}

QVariant LibraryEvaluationTable::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const Row &r = m_rows[size_t(index.row())];
    const int col = index.column();
    if (role == Qt::TextAlignmentRole)
        return col == 0 ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                        : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::UserRole)
        return {};
    if (col == 0)
        return r.instrument;
    if (col == 1)
        return r.observed;
    if (col == 2)
        return r.positives;
    const int k = col - 3;
    const double v = value(index.row(), Metric(k % MetricCount), Side(k / MetricCount));
    if (role == Qt::UserRole)
        return v;
    return percentText(v, k / MetricCount == SideDifference);
}

QString LibraryEvaluationTable::percentText(double value, bool signedValue)
{
    if (std::isnan(value))
        return QStringLiteral("—");
    return (signedValue && value > 0 ? QStringLiteral("+") : QString())
            + QString::number(100.0 * value, 'f', 2);
}

QVariant LibraryEvaluationTable::headerData(int section, Qt::Orientation orientation,
                                            int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section == 0)
        return tr("instrument");
    if (section == 1)
        return tr("labels");
    if (section == 2)
        return tr("positives");
    const int k = section - 3;
    const QString metric = metricName(Metric(k % MetricCount));
    switch (Side(k / MetricCount)) {
    case SideA:
        return QStringLiteral("%1 %2").arg(metric, m_nameA);
    case SideB:
        return QStringLiteral("%1 %2").arg(metric, m_nameB);
    case SideDifference:
        return QStringLiteral("Δ%1").arg(metric);
    }
    return {};
}

} // namespace timbre::eval
