// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QString>
#include <QVariantList>

namespace timbre::widgets {

// The per-instrument held-out metrics of one epoch (a training record's "perInstrument": P, R,
// F1, AUROC, AP, positives), one row per instrument. Undefined values (NaN, null) show as a
// dash and sort below every number.
class InstrumentMetricsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Instrument, Precision, Recall, F1, Auroc, Ap, Positives, ColumnCount };
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit InstrumentMetricsModel(QObject *parent = nullptr);

    // A record's "perInstrument" list; `epoch` is the epoch it belongs to (0 = none).
    void setMetrics(const QVariantList &perInstrument, int epoch);
    // Display names by instrument key (the taxonomy's); a key without one shows as itself.
    void setInstrumentNames(const QHash<QString, QString> &names);
    int epoch() const { return m_epoch; }
    // The value of a metric column (NaN when undefined).
    double value(int row, Column column) const;
    QString instrumentKey(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Row
    {
        QString key;
        double values[5] = {0, 0, 0, 0, 0}; // precision, recall, f1, auroc, ap
        int positives = -1; // -1 = not given
    };
    QList<Row> m_rows;
    QHash<QString, QString> m_names;
    int m_epoch = 0;
};

// A record's number: NaN when the value is missing, null (JSON's stand-in for NaN) or not one.
double recordNumber(const QVariant &value);

} // namespace timbre::widgets
