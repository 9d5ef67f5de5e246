// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/jobs/JobRunner.h"

#include "core/jobs/Job.h"
#include "core/jobs/JobRecorder.h"
#include "core/jobs/JobWorker.h"

#include <algorithm>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QThread>

namespace timbre::jobs {

JobRunner::JobRunner(int maxConcurrentJobs, QObject *parent) : QObject(parent)
{
    m_general.capacity = qMax(1, maxConcurrentJobs);
    m_training.capacity = 1;
    m_recordThread.setObjectName(QStringLiteral("job recorder"));
    m_recordContext = new QObject;
    m_recordContext->moveToThread(&m_recordThread);
    m_recordThread.start(QThread::LowPriority);
}

JobRunner::~JobRunner()
{
    cancelAll();
    m_general.threads.waitForDone();
    m_training.threads.waitForDone();
    qDeleteAll(m_recorders);
    // Every write handed to the record thread lands before it stops (events run in order).
    QMetaObject::invokeMethod(m_recordContext, [] {}, Qt::BlockingQueuedConnection);
    m_recordThread.quit();
    m_recordThread.wait();
    delete m_recordContext;
    qDeleteAll(m_jobs);
}

JobRunner::Lane &JobRunner::laneOf(const Job *job)
{
    return m_entries.value(job).training ? m_training : m_general;
}

Job *JobRunner::enqueue(std::unique_ptr<JobWorker> worker, int priority)
{
    Job *job = new Job(std::move(worker));
    Entry entry;
    entry.priority = priority;
    entry.training = job->kind() == QLatin1String("train");
    m_entries.insert(job, entry);
    m_jobs.append(job);
    if (!m_libraryFolder.isEmpty())
        m_recorders.insert(job, new JobRecorder(m_libraryFolder, job, priority, &m_recordThread));
    connect(job, &Job::progressChanged, this, [this, job] { onJobChanged(job); });
    connect(job, &Job::logLine, this, [this, job] { onJobChanged(job); });
    connect(job, &Job::finished, this, [this, job] { onJobDone(job); });
    connect(job, &Job::cancelled, this, [this, job] { onJobDone(job); });
    connect(job, &Job::error, this, [this, job] { onJobDone(job); });
    Q_EMIT jobAdded(int(m_jobs.size()) - 1);
    schedule();
    return job;
}

void JobRunner::start(Job *job)
{
    Entry &entry = m_entries[job];
    entry.started = true;
    entry.occupiesSlot = true;
    Lane &lane = entry.training ? m_training : m_general;
    ++lane.running;
    job->startAsync(&lane.threads);
}

void JobRunner::schedule()
{
    if (m_queuePaused)
        return;
    for (Lane *lane : {&m_general, &m_training}) {
        while (lane->running < lane->capacity) {
            Job *best = nullptr;
            int bestPriority = 0;
            for (Job *job : std::as_const(m_jobs)) {
                const Entry &e = m_entries[job];
                if (e.started || e.held || &laneOf(job) != lane)
                    continue;
                if (!best || e.priority > bestPriority) {
                    best = job;
                    bestPriority = e.priority;
                }
            }
            if (!best)
                break;
            start(best);
        }
    }
}

void JobRunner::setQueuePaused(bool paused)
{
    m_queuePaused = paused;
    schedule();
}

bool JobRunner::pause(quint64 id)
{
    Job *target = job(id);
    if (!target || target->isDone())
        return false;
    Entry &e = m_entries[target];
    if (e.started)
        target->suspend();
    else
        e.held = true;
    onJobChanged(target);
    return true;
}

bool JobRunner::resume(quint64 id)
{
    Job *target = job(id);
    if (!target || target->isDone())
        return false;
    Entry &e = m_entries[target];
    if (e.started) {
        target->resume();
    } else {
        e.held = false;
        schedule();
    }
    onJobChanged(target);
    return true;
}

bool JobRunner::isHeld(quint64 id) const
{
    const Job *target = job(id);
    return target && m_entries.value(target).held;
}

bool JobRunner::isStarted(quint64 id) const
{
    const Job *target = job(id);
    return target && m_entries.value(target).started;
}

int JobRunner::priorityOf(quint64 id) const
{
    const Job *target = job(id);
    return target ? m_entries.value(target).priority : 0;
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
    // A queued job is started at once (beside the lane's running ones): its worker sees the
    // cancel before doing anything and reports the outcome.
    if (!m_entries.value(target).started) {
        Entry &e = m_entries[target];
        e.started = true;
        target->startAsync(&laneOf(target).threads);
    }
    return true;
}

void JobRunner::cancelAll()
{
    for (Job *job : std::as_const(m_jobs))
        cancel(job->id());
}

void JobRunner::removeFinished()
{
    for (int row = count() - 1; row >= 0; --row) {
        Job *job = m_jobs.at(row);
        if (!job->isDone())
            continue;
        m_jobs.removeAt(row);
        m_entries.remove(job);
        if (QObject *recorder = m_recorders.take(job))
            recorder->deleteLater();
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
    // Only jobs started by schedule() hold a lane slot; a cancelled queued one does not.
    Entry &e = m_entries[job];
    if (e.occupiesSlot) {
        e.occupiesSlot = false;
        Lane &lane = laneOf(job);
        lane.running = std::max(0, lane.running - 1);
    }
    onJobChanged(job);
    schedule();
    Q_EMIT jobDone(job->id(), job->state());
    if (activeCount() == 0)
        Q_EMIT allDone();
}

} // namespace timbre::jobs
