// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/jobs/JobContext.h"

#include "core/jobs/Job.h"

#include <QMetaObject>

#include <algorithm>
#include <chrono>

namespace timbre::jobs {

void JobControl::post(std::function<void(Job *)> call)
{
    std::lock_guard<std::mutex> lock(handleMutex);
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
        std::unique_lock<std::mutex> lock(m_control->mutex);
        while (m_control->suspendRequested.load(std::memory_order_acquire) && !isCancelled())
            m_control->wake.wait_for(lock, std::chrono::milliseconds(200));
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
    if (!m_clock.isValid()) {
        m_clock.start();
        m_clockStartDone = progress.done;
    }
    // The rate since the first report (which may come after a resumed job's finished part):
    // shown after a second's worth of evidence.
    const qint64 elapsedMs = m_clock.elapsed();
    const qint64 doneSince = progress.done - m_clockStartDone;
    if (m_last.etaSeconds < 0 && progress.total > 0 && doneSince > 0 && elapsedMs >= 1000) {
        const double perItem = elapsedMs / 1000.0 / double(doneSince);
        m_last.etaSeconds = perItem * double(std::max<qint64>(0, progress.total - progress.done));
    }
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

void JobContext::reportFailure(const QString &item, const QString &message)
{
    const QString line = message.contains(item) ? message : item + QStringLiteral(": ") + message;
    m_control->post([item, message, line](Job *job) {
        job->deliverLog(line);
        job->deliverFailure(item, message);
    });
}

void JobContext::reportRecord(const QVariantMap &record)
{
    m_control->post([record](Job *job) { job->deliverRecord(record); });
}

void JobContext::log(const QString &line)
{
    m_control->post([line](Job *job) { job->deliverLog(line); });
}

} // namespace timbre::jobs
