// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/compare/ComparisonTableModel.h"

#include "widgets/compare/VersionColours.h"

#include <cmath>
#include <limits>

namespace timbre::widgets {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
using Table = eval::LibraryEvaluationTable;
// The order of core/eval's table and of the CLI: F1, AUROC, AP, then precision and recall.
constexpr Table::Metric kMetrics[]
        = {Table::F1, Table::Auroc, Table::AveragePrecision, Table::Precision, Table::Recall};

std::array<double, Table::MetricCount> valuesOf(const eval::InstrumentMetrics &m)
{
    std::array<double, Table::MetricCount> v {};
    v[Table::F1] = m.f1;
    v[Table::Auroc] = m.auroc;
    v[Table::AveragePrecision] = m.averagePrecision;
    v[Table::Precision] = m.precision;
    v[Table::Recall] = m.recall;
    return v;
}

std::array<double, Table::MetricCount> overallOf(const eval::MetricsReport &r)
{
    std::array<double, Table::MetricCount> v {};
    v[Table::F1] = r.f1;
    v[Table::Auroc] = r.auroc;
    v[Table::AveragePrecision] = r.meanAveragePrecision;
    v[Table::Precision] = r.precision;
    v[Table::Recall] = r.recall;
    return v;
}

std::array<double, Table::MetricCount> undefined()
{
    std::array<double, Table::MetricCount> v {};
    v.fill(kNaN);
    return v;
}

} // namespace

ComparisonTableModel::ComparisonTableModel(QObject *parent) : QAbstractTableModel(parent) { }

QString ComparisonTableModel::metricName(Metric metric)
{
    switch (metric) {
    case Table::F1:
        return tr("F1");
    case Table::Auroc:
        return tr("AUROC");
    case Table::AveragePrecision:
        return tr("AP");
    case Table::Precision:
        return tr("Precision");
    case Table::Recall:
        return tr("Recall");
    case Table::MetricCount:
        break;
    }
    return {};
}

void ComparisonTableModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_versions.clear();
    m_clips = 0;
    endResetModel();
}

void ComparisonTableModel::setEvaluation(const eval::LibraryEvaluation &evaluation,
                                         const QHash<QString, QString> &names)
{
    beginResetModel();
    m_rows.clear();
    m_versions.clear();
    m_clips = evaluation.clipIds.size();
    for (const eval::ModelEvaluation &m : evaluation.models)
        m_versions << m.name;
    if (!evaluation.models.empty()) {
        // Rows as LibraryEvaluationTable has them: the first version's instruments, then the
        // overall means; a later version's instrument is found by name (taxonomies grow).
        const eval::MetricsReport &first = evaluation.models.front().report;
        for (const eval::InstrumentMetrics &i : first.instruments) {
            Row row;
            row.key = i.name;
            row.name = names.value(i.name, i.name);
            row.observed = i.observed;
            row.positives = i.positives;
            for (const eval::ModelEvaluation &m : evaluation.models) {
                auto values = undefined();
                for (const eval::InstrumentMetrics &other : m.report.instruments)
                    if (other.name == i.name)
                        values = valuesOf(other);
                row.values.push_back(values);
            }
            m_rows.push_back(std::move(row));
        }
        Row overall;
        overall.name = tr("overall");
        overall.observed = first.observedLabels;
        for (const eval::InstrumentMetrics &i : first.instruments)
            overall.positives += i.positives;
        for (const eval::ModelEvaluation &m : evaluation.models)
            overall.values.push_back(overallOf(m.report));
        m_rows.push_back(std::move(overall));
    }
    endResetModel();
}

QString ComparisonTableModel::instrumentKey(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? m_rows[size_t(row)].key : QString();
}

QString ComparisonTableModel::instrumentName(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? m_rows[size_t(row)].name : QString();
}

qint64 ComparisonTableModel::observed(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? m_rows[size_t(row)].observed : 0;
}

int ComparisonTableModel::metricsPerBlock() const
{
    const int versions = versionCount();
    return versions + (versions >= 2 ? 1 : 0);
}

int ComparisonTableModel::column(Metric metric, int version) const
{
    for (int k = 0; k < Table::MetricCount; ++k)
        if (kMetrics[k] == metric)
            return kFixedColumns + k * metricsPerBlock() + version;
    return -1;
}

double ComparisonTableModel::value(int row, Metric metric, int version) const
{
    if (row < 0 || row >= int(m_rows.size()) || metric < 0 || metric >= Table::MetricCount)
        return kNaN;
    const Row &r = m_rows[size_t(row)];
    if (version == versionCount() && versionCount() >= 2)
        return r.values[1][size_t(metric)] - r.values[0][size_t(metric)]; // NaN when either is
    if (version < 0 || version >= versionCount())
        return kNaN;
    return r.values[size_t(version)][size_t(metric)];
}

int ComparisonTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ComparisonTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || m_versions.isEmpty()
            ? 0
            : kFixedColumns + Table::MetricCount * metricsPerBlock();
}

QString ComparisonTableModel::whyUndefined(const Row &row, Metric metric) const
{
    if (row.key.isEmpty())
        return row.observed == 0 ? tr("No evaluated clip has a known label.") : QString();
    if (row.observed == 0)
        return tr("No evaluated clip has a known label of %1.").arg(row.name);
    if (metric == Table::Auroc && row.positives == 0)
        return tr("AUROC needs clips labelled present and absent; no clip has %1 labelled present.")
                .arg(row.name);
    if (metric == Table::Auroc && row.positives == row.observed)
        return tr("AUROC needs clips labelled present and absent; every known label of %1 is "
                  "present.")
                .arg(row.name);
    if (metric == Table::AveragePrecision && row.positives == 0)
        return tr("AP needs clips labelled present; no clip has %1 labelled present.")
                .arg(row.name);
    return tr("This version has no output for %1.").arg(row.name);
}

QStringList ComparisonTableModel::undefinedReasons() const
{
    QStringList reasons;
    if (!m_rows.empty() && m_rows.back().observed == 0)
        return {tr("None of the %n evaluated clip(s) has a known label, so no metric is "
                   "defined. Label some of them, or compare on all clips.",
                   nullptr, int(m_clips))};
    // Instruments nobody labelled on these clips: one sentence for all of them.
    QStringList unlabelled;
    for (const Row &row : m_rows)
        if (!row.key.isEmpty() && row.observed == 0)
            unlabelled << row.name;
    if (!unlabelled.isEmpty())
        reasons << tr("No evaluated clip has a known label of %1.")
                           .arg(unlabelled.join(QStringLiteral(", ")));
    for (int r = 0; r < int(m_rows.size()); ++r) {
        if (m_rows[size_t(r)].observed == 0)
            continue;
        for (const Metric metric : kMetrics)
            for (int v = 0; v < versionCount(); ++v)
                if (std::isnan(value(r, metric, v))) {
                    const QString why = whyUndefined(m_rows[size_t(r)], metric);
                    if (!why.isEmpty() && !reasons.contains(why))
                        reasons << why;
                }
    }
    return reasons;
}

QVariant ComparisonTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const Row &r = m_rows[size_t(index.row())];
    const int col = index.column();
    if (role == Qt::TextAlignmentRole)
        return col == 0 ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                        : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (col < kFixedColumns) {
        if (role == Qt::ToolTipRole && col == 0)
            return r.key;
        if (role != Qt::DisplayRole && role != Qt::UserRole)
            return {};
        if (col == 0)
            return role == Qt::UserRole ? QVariant(r.key) : QVariant(r.name);
        return col == 1 ? r.observed : r.positives;
    }
    const int block = metricsPerBlock();
    const int k = (col - kFixedColumns) / block;
    const int version = (col - kFixedColumns) % block;
    if (k >= Table::MetricCount)
        return {};
    const Metric metric = kMetrics[k];
    const double v = value(index.row(), metric, version);
    const bool difference = version == versionCount();
    switch (role) {
    case Qt::DisplayRole:
        return Table::percentText(v, difference);
    case Qt::UserRole:
        return v;
    case Qt::ToolTipRole:
        return std::isnan(v) && !difference ? whyUndefined(r, metric) : QVariant();
    case Qt::ForegroundRole:
        return difference ? QVariant() : QVariant(versionColour(version).darker(130));
    default:
        return {};
    }
}

QVariant ComparisonTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    if (section == 0)
        return tr("Instrument");
    if (section == 1)
        return role == Qt::ToolTipRole ? QVariant(tr("Known labels on the evaluated clips"))
                                       : QVariant(tr("Labels"));
    if (section == 2)
        return role == Qt::ToolTipRole ? QVariant(tr("Labels that say present"))
                                       : QVariant(tr("Positives"));
    const int block = metricsPerBlock();
    const int k = (section - kFixedColumns) / block;
    const int version = (section - kFixedColumns) % block;
    if (k >= Table::MetricCount)
        return {};
    const QString metric = metricName(kMetrics[k]);
    if (version == versionCount())
        return role == Qt::ToolTipRole
                ? QVariant(tr("%1 of %2 minus %1 of %3")
                                   .arg(metric, m_versions.value(1), m_versions.value(0)))
                : QVariant(QStringLiteral("Δ%1").arg(metric));
    return QStringLiteral("%1 %2").arg(metric, m_versions.value(version));
}

} // namespace timbre::widgets
