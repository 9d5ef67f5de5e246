// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/training/InstrumentMetricsModel.h"

#include <QLocale>
#include <QVariantMap>

#include <cmath>
#include <limits>

namespace timbre::widgets {

namespace {
const char *const kMetricKeys[] = {"precision", "recall", "f1", "auroc", "ap"};
} // namespace

double recordNumber(const QVariant &value)
{
    bool ok = false;
    const double d = value.toDouble(&ok);
    return ok && value.typeId() != QMetaType::QString ? d : std::numeric_limits<double>::quiet_NaN();
}

InstrumentMetricsModel::InstrumentMetricsModel(QObject *parent) : QAbstractTableModel(parent) { }

void InstrumentMetricsModel::setMetrics(const QVariantList &perInstrument, int epoch)
{
    QList<Row> rows;
    rows.reserve(perInstrument.size());
    for (const QVariant &v : perInstrument) {
        const QVariantMap m = v.toMap();
        Row r;
        r.key = m.value(QStringLiteral("instrument")).toString();
        for (int i = 0; i < 5; ++i)
            r.values[i] = recordNumber(m.value(QLatin1String(kMetricKeys[i])));
        bool ok = false;
        const int positives = m.value(QStringLiteral("positives")).toInt(&ok);
        r.positives = ok ? positives : -1;
        rows << r;
    }
    m_epoch = epoch;
    if (rows.size() == m_rows.size()) {
        // Same instruments every epoch: change the values in place (no reset, keeps the
        // view's sorting and selection).
        m_rows = rows;
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

void InstrumentMetricsModel::setInstrumentNames(const QHash<QString, QString> &names)
{
    m_names = names;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, Instrument), index(rowCount() - 1, Instrument));
}

double InstrumentMetricsModel::value(int row, Column column) const
{
    if (row < 0 || row >= m_rows.size())
        return std::numeric_limits<double>::quiet_NaN();
    const Row &r = m_rows.at(row);
    if (column == Positives)
        return r.positives < 0 ? std::numeric_limits<double>::quiet_NaN() : r.positives;
    if (column >= Precision && column <= Ap)
        return r.values[column - Precision];
    return std::numeric_limits<double>::quiet_NaN();
}

QString InstrumentMetricsModel::instrumentKey(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).key : QString();
}

int InstrumentMetricsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int InstrumentMetricsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant InstrumentMetricsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &r = m_rows.at(index.row());
    const Column column = Column(index.column());
    if (column == Instrument) {
        if (role == Qt::DisplayRole || role == SortRole)
            return m_names.value(r.key, r.key);
        if (role == Qt::ToolTipRole)
            return r.key;
        return {};
    }
    const double v = value(index.row(), column);
    switch (role) {
    case Qt::DisplayRole:
        if (std::isnan(v))
            return QStringLiteral("–");
        return column == Positives ? QLocale().toString(int(v)) : QLocale().toString(v, 'f', 3);
    case SortRole:
        return std::isnan(v) ? -1.0 : v;
    case Qt::TextAlignmentRole:
        return int(Qt::AlignRight | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant InstrumentMetricsModel::headerData(int section, Qt::Orientation orientation,
                                            int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Precision:
            return tr("Precision, macro over the present and absent class (threshold 0.5)");
        case Recall:
            return tr("Recall, macro over the present and absent class (threshold 0.5)");
        case F1:
            return tr("F1, macro over the present and absent class (threshold 0.5)");
        case Auroc:
            return tr("Area under the ROC curve");
        case Ap:
            return tr("Average precision");
        case Positives:
            return tr("Held-out clips labelled present");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Instrument:
        return tr("Instrument");
    case Precision:
        return tr("P");
    case Recall:
        return tr("R");
    case F1:
        return tr("F1");
    case Auroc:
        return tr("AUROC");
    case Ap:
        return tr("AP");
    case Positives:
        return tr("Positives");
    default:
        return {};
    }
}

} // namespace timbre::widgets
