// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QAbstractTableModel>

namespace timbre::jobs {
class JobRunner;
}

namespace timbre::widgets {

// The jobs panel's rows: one per job of a JobRunner, in the runner's (submission) order.
// Lives on the GUI thread next to the runner and only reads it; the runner's row signals
// (jobAdded / jobChanged / jobRemoved) arrive at most ~10 times a second per job, throttled
// on the worker side, so a dataChanged per signal never floods the view.
class JobListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TitleColumn, StateColumn, ProgressColumn, EtaColumn, StageColumn, ColumnCount };
    enum Role {
        JobIdRole = Qt::UserRole + 1, // quint64
        StateRole, // int(jobs::JobState)
        FractionRole, // double in [0, 1]; -1 while the total is unknown
        DoneRole, // qint64
        TotalRole, // qint64, -1 = unknown
        EtaSecondsRole, // double, -1 = unknown
    };

    explicit JobListModel(jobs::JobRunner *runner, QObject *parent = nullptr);

    jobs::JobRunner *runner() const { return m_runner; }
    quint64 jobIdAt(int row) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // "1:05" / "1:02:03"; empty for an unknown (negative) time.
    static QString formatEta(double seconds);

private:
    jobs::JobRunner *m_runner;
    int m_rows = 0; // rows announced to the views (the runner has already changed when it signals)
};

} // namespace timbre::widgets
