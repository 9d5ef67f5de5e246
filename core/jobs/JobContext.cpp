#include "core/jobs/JobContext.h"

#include "core/jobs/Job.h"

#include <QMetaObject>

namespace timbre::jobs {

void JobControl::post(std::function<void(Job *)> call)
{
    QMutexLocker lock(&handleMutex);
    if (!handle)
        return;
    Job *target = handle;
    QMetaObject::invokeMethod(
            target, [target, call = std::move(call)] { call(target); }, Qt::QueuedConnection);
}

JobContext::JobContext(std::shared_ptr<JobControl> control, int progressIntervalMs)
    : m_control(std::move(control)), m_throttle(progressIntervalMs)
{
    m_last.state = JobState::Running;
}

bool JobContext::isCancelled() const
{
    return m_control->cancelRequested.load(std::memory_order_relaxed);
}

bool JobContext::checkpoint()
{
    if (isCancelled())
        return false;
    if (!m_control->suspendRequested.load(std::memory_order_acquire))
        return true;
    JobProgress suspended = m_last;
    suspended.state = JobState::Suspended;
    m_control->post([suspended](Job *job) { job->deliverProgress(suspended); });
    {
        QMutexLocker lock(&m_control->mutex);
        while (m_control->suspendRequested.load(std::memory_order_acquire) && !isCancelled())
            m_control->wake.wait(&m_control->mutex, 200);
    }
    if (isCancelled())
        return false;
    const JobProgress resumed = m_last;
    m_control->post([resumed](Job *job) { job->deliverProgress(resumed); });
    return true;
}

void JobContext::noteProgress(const JobProgress &progress)
{
    m_last = progress;
    m_last.state = JobState::Running;
}

void JobContext::reportProgress(const JobProgress &progress)
{
    noteProgress(progress);
    if (!m_throttle.tryAcquire())
        return;
    ++m_sent;
    const JobProgress copy = m_last;
    m_control->post([copy](Job *job) { job->deliverProgress(copy); });
}

void JobContext::log(const QString &line)
{
    m_control->post([line](Job *job) { job->deliverLog(line); });
}

} // namespace timbre::jobs
