#include "core/jobs/JobRunner.h"

#include "core/jobs/Job.h"
#include "core/jobs/JobWorker.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QThread>

namespace timbre::jobs {

JobRunner::JobRunner(int maxConcurrentJobs, QObject *parent) : QObject(parent)
{
    m_pool.setMaxThreadCount(qMax(1, maxConcurrentJobs));
    m_pool.setObjectName(QStringLiteral("JobRunner"));
}

JobRunner::~JobRunner()
{
    cancelAll();
    m_pool.waitForDone();
    qDeleteAll(m_jobs);
}

Job *JobRunner::enqueue(std::unique_ptr<JobWorker> worker)
{
    Job *job = new Job(std::move(worker));
    m_jobs.append(job);
    connect(job, &Job::progressChanged, this, [this, job] { onJobChanged(job); });
    connect(job, &Job::logLine, this, [this, job] { onJobChanged(job); });
    connect(job, &Job::finished, this, [this, job] { onJobDone(job); });
    connect(job, &Job::cancelled, this, [this, job] { onJobDone(job); });
    connect(job, &Job::error, this, [this, job] { onJobDone(job); });
    Q_EMIT jobAdded(int(m_jobs.size()) - 1);
    job->startAsync(&m_pool);
    return job;
}

JobInfo JobRunner::info(int row) const
{
    JobInfo info;
    const Job *job = jobAt(row);
    if (!job)
        return info;
    info.id = job->id();
    info.kind = job->kind();
    info.title = job->title();
    info.progress = job->progress();
    info.log = job->logLines();
    info.errorText = job->errorText();
    return info;
}

QList<JobInfo> JobRunner::snapshot() const
{
    QList<JobInfo> rows;
    for (int row = 0; row < count(); ++row)
        rows.append(info(row));
    return rows;
}

int JobRunner::rowOf(quint64 id) const
{
    for (int row = 0; row < count(); ++row) {
        if (m_jobs.at(row)->id() == id)
            return row;
    }
    return -1;
}

Job *JobRunner::job(quint64 id) const
{
    return jobAt(rowOf(id));
}

Job *JobRunner::jobAt(int row) const
{
    return row >= 0 && row < count() ? m_jobs.at(row) : nullptr;
}

int JobRunner::activeCount() const
{
    int active = 0;
    for (const Job *job : m_jobs) {
        if (!job->isDone())
            ++active;
    }
    return active;
}

bool JobRunner::cancel(quint64 id)
{
    Job *target = job(id);
    if (!target || target->isDone())
        return false;
    target->cancel();
    return true;
}

void JobRunner::cancelAll()
{
    for (Job *job : std::as_const(m_jobs))
        job->cancel();
}

void JobRunner::removeFinished()
{
    for (int row = count() - 1; row >= 0; --row) {
        Job *job = m_jobs.at(row);
        if (!job->isDone())
            continue;
        m_jobs.removeAt(row);
        Q_EMIT jobRemoved(row);
        job->deleteLater();
    }
}

bool JobRunner::waitForAllBlocking(int msecs)
{
    QDeadlineTimer deadline(msecs < 0 ? QDeadlineTimer::Forever : QDeadlineTimer(msecs));
    while (activeCount() > 0) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        if (activeCount() > 0)
            QThread::msleep(5);
    }
    return true;
}

void JobRunner::onJobChanged(Job *job)
{
    const int row = m_jobs.indexOf(job);
    if (row >= 0)
        Q_EMIT jobChanged(row);
}

void JobRunner::onJobDone(Job *job)
{
    onJobChanged(job);
    Q_EMIT jobDone(job->id(), job->state());
    if (activeCount() == 0)
        Q_EMIT allDone();
}

} // namespace timbre::jobs
