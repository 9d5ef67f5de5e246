// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/jobs/JobListModel.h"

#include "core/jobs/Job.h"
#include "core/jobs/JobRunner.h"
#include "widgets/jobs/JobTitles.h"

#include <cmath>

namespace timbre::widgets {

namespace {

QString stateText(jobs::JobState state)
{
    switch (state) {
    case jobs::JobState::Queued:
        return JobListModel::tr("Queued");
    case jobs::JobState::Running:
        return JobListModel::tr("Running");
    case jobs::JobState::Suspended:
        return JobListModel::tr("Paused");
    case jobs::JobState::Finished:
        return JobListModel::tr("Finished");
    case jobs::JobState::Cancelled:
        return JobListModel::tr("Cancelled");
    case jobs::JobState::Failed:
        return JobListModel::tr("Failed");
    }
    return QString();
}

} // namespace

JobListModel::JobListModel(jobs::JobRunner *runner, QObject *parent)
    : QAbstractTableModel(parent), m_runner(runner), m_rows(runner->count())
{
    // The runner signals after it changed its list: announce the row as inserted / removed
    // then, keeping m_rows as what the views were told so that rowCount() agrees with them.
    connect(runner, &jobs::JobRunner::jobAdded, this, [this](int row) {
        beginInsertRows(QModelIndex(), row, row);
        ++m_rows;
        endInsertRows();
    });
    connect(runner, &jobs::JobRunner::jobRemoved, this, [this](int row) {
        beginRemoveRows(QModelIndex(), row, row);
        --m_rows;
        endRemoveRows();
    });
    connect(runner, &jobs::JobRunner::jobChanged, this, [this](int row) {
        if (row >= 0 && row < m_rows)
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    });
}

quint64 JobListModel::jobIdAt(int row) const
{
    const jobs::Job *job = m_runner->jobAt(row);
    return job ? job->id() : 0;
}

int JobListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int JobListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString JobListModel::formatEta(double seconds)
{
    if (seconds < 0 || !std::isfinite(seconds))
        return QString();
    const qint64 total = qint64(std::ceil(seconds));
    const qint64 h = total / 3600;
    const qint64 m = (total / 60) % 60;
    const qint64 s = total % 60;
    if (h > 0)
        return QStringLiteral("%1:%2:%3")
                .arg(h)
                .arg(m, 2, 10, QLatin1Char('0'))
                .arg(s, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(m).arg(s, 2, 10, QLatin1Char('0'));
}

QVariant JobListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows)
        return QVariant();
    // jobAt() rather than info(): info() copies the whole log for every cell painted.
    const jobs::Job *job = m_runner->jobAt(index.row());
    if (!job)
        return QVariant();
    const jobs::JobProgress p = job->progress();
    switch (role) {
    case JobIdRole:
        return job->id();
    case StateRole:
        return int(p.state);
    case FractionRole:
        if (p.state == jobs::JobState::Finished)
            return 1.0;
        return p.total > 0 ? p.fraction() : -1.0;
    case DoneRole:
        return p.done;
    case TotalRole:
        return p.total;
    case EtaSecondsRole:
        return p.etaSeconds;
    case Qt::ToolTipRole:
        if (p.state == jobs::JobState::Failed)
            return job->errorText();
        return p.currentItem.isEmpty() ? JobTitles::title(*job) : p.currentItem;
    case Qt::DisplayRole:
        break;
    default:
        return QVariant();
    }
    switch (index.column()) {
    case TitleColumn:
        return JobTitles::title(*job);
    case StateColumn:
        return stateText(p.state);
    case ProgressColumn:
        if (p.total < 0)
            return p.done > 0 ? QString::number(p.done) : QString();
        if (p.failed > 0)
            return tr("%1 / %2 (%3 failed)").arg(p.done).arg(p.total).arg(p.failed);
        return tr("%1 / %2").arg(p.done).arg(p.total);
    case EtaColumn:
        return isFinalState(p.state) ? QString() : formatEta(p.etaSeconds);
    case StageColumn:
        if (p.state == jobs::JobState::Failed)
            return job->errorText();
        // The last stage of a finished job ("registering") would read as if it still were.
        return isFinalState(p.state) ? QString() : p.stage;
    default:
        return QVariant();
    }
}

QVariant JobListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TitleColumn:
        return tr("Job");
    case StateColumn:
        return tr("State");
    case ProgressColumn:
        return tr("Progress");
    case EtaColumn:
        return tr("ETA");
    case StageColumn:
        return tr("Stage");
    default:
        return QVariant();
    }
}

} // namespace timbre::widgets
