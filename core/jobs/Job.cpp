// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/jobs/Job.h"

#include "core/jobs/JobContext.h"
#include "core/jobs/JobThreads.h"
#include "core/jobs/JobWorker.h"

#include <chrono>
#include <exception>

namespace timbre::jobs {

namespace {

std::atomic<quint64> g_nextJobId {1};

void registerMetaTypes()
{
    static const bool done = [] {
        qRegisterMetaType<timbre::jobs::JobProgress>();
        qRegisterMetaType<timbre::jobs::JobState>();
        return true;
    }();
    Q_UNUSED(done);
}

} // namespace

// Runs the worker, turning anything it throws into a Failed outcome: nothing escapes the
// job's thread, and the handle always hears exactly one outcome.
void Job::runWorker(const std::shared_ptr<JobWorker> &worker,
                    const std::shared_ptr<JobControl> &control)
{
    JobContext context(control);
    JobOutcome outcome;
    if (control->cancelRequested.load()) {
        outcome = JobOutcome::cancelled();
    } else {
        JobProgress running;
        running.state = JobState::Running;
        control->post([running](Job *job) { job->deliverProgress(running); });
        try {
            outcome = worker->run(context);
        } catch (const std::exception &e) {
            outcome = JobOutcome::failure(
                    QStringLiteral("%1 job failed: %2")
                            .arg(worker->kind(), QString::fromUtf8(e.what())));
        } catch (...) {
            outcome = JobOutcome::failure(
                    QStringLiteral("%1 job failed with an unknown exception").arg(worker->kind()));
        }
        if (outcome.status == JobOutcome::Status::Succeeded && control->cancelRequested.load())
            outcome.status = JobOutcome::Status::Cancelled;
    }
    const JobProgress last = context.lastProgress();
    control->post([outcome, last](Job *job) { job->deliverOutcome(outcome, last); });
    std::lock_guard<std::mutex> lock(control->mutex);
    control->workerDone.store(true);
    control->doneCondition.notify_all();
}

Job::Job(std::unique_ptr<JobWorker> worker, QObject *parent)
    : QObject(parent), m_id(g_nextJobId.fetch_add(1)), m_worker(std::move(worker)),
      m_control(std::make_shared<JobControl>())
{
    registerMetaTypes();
    if (m_worker) {
        m_kind = m_worker->kind();
        m_title = m_worker->title();
    }
    m_control->handle = this;
}

Job::~Job()
{
    cancel();
    std::lock_guard<std::mutex> lock(m_control->handleMutex);
    m_control->handle = nullptr;
}

void Job::startAsync(JobThreads *threads)
{
    if (m_started)
        return;
    m_started = true;
    if (!m_worker) {
        JobOutcome outcome = JobOutcome::failure(QStringLiteral("job has no worker"));
        deliverOutcome(outcome, m_progress);
        m_control->workerDone.store(true);
        return;
    }
    std::shared_ptr<JobWorker> worker = m_worker;
    std::shared_ptr<JobControl> control = m_control;
    threads->start([worker, control] { runWorker(worker, control); });
}

void Job::cancel()
{
    m_control->cancelRequested.store(true);
    std::lock_guard<std::mutex> lock(m_control->mutex);
    m_control->wake.notify_all();
}

void Job::suspend()
{
    m_control->suspendRequested.store(true, std::memory_order_release);
}

void Job::resume()
{
    m_control->suspendRequested.store(false, std::memory_order_release);
    std::lock_guard<std::mutex> lock(m_control->mutex);
    m_control->wake.notify_all();
}

bool Job::isCancelRequested() const
{
    return m_control->cancelRequested.load();
}

bool Job::waitBlocking(int msecs) const
{
    if (!m_started)
        return false;
    std::unique_lock<std::mutex> lock(m_control->mutex);
    const auto done = [this] { return m_control->workerDone.load(); };
    if (msecs < 0) {
        m_control->doneCondition.wait(lock, done);
        return true;
    }
    return m_control->doneCondition.wait_for(lock, std::chrono::milliseconds(msecs), done);
}

void Job::deliverProgress(const JobProgress &progress)
{
    if (isDone())
        return;
    const JobState before = m_progress.state;
    m_progress = progress;
    if (before != m_progress.state)
        Q_EMIT stateChanged(m_progress.state);
    Q_EMIT progressChanged(m_progress);
}

void Job::deliverLog(const QString &line)
{
    m_log.append(line);
    if (m_log.size() > kMaxLogLines)
        m_log.removeFirst();
    Q_EMIT logLine(line);
}

void Job::deliverRecord(const QVariantMap &record)
{
    m_records.append(record);
    if (m_records.size() > kMaxRecords)
        m_records.removeFirst();
    Q_EMIT recordReported(record);
}

QVariantMap Job::parameters() const
{
    return m_worker ? m_worker->parameters() : QVariantMap();
}

void Job::deliverFailure(const QString &item, const QString &message)
{
    Q_EMIT itemFailed(item, message);
}

void Job::deliverOutcome(const JobOutcome &outcome, const JobProgress &last)
{
    if (isDone())
        return;
    m_progress = last;
    m_result = outcome.result;
    switch (outcome.status) {
    case JobOutcome::Status::Succeeded:
        m_progress.state = JobState::Finished;
        break;
    case JobOutcome::Status::Cancelled:
        m_progress.state = JobState::Cancelled;
        break;
    case JobOutcome::Status::Failed:
        m_progress.state = JobState::Failed;
        m_errorText = outcome.errorText;
        deliverLog(outcome.errorText);
        break;
    }
    Q_EMIT progressChanged(m_progress);
    Q_EMIT stateChanged(m_progress.state);
    switch (outcome.status) {
    case JobOutcome::Status::Succeeded:
        Q_EMIT finished(m_result);
        break;
    case JobOutcome::Status::Cancelled:
        Q_EMIT cancelled(m_result);
        break;
    case JobOutcome::Status::Failed:
        Q_EMIT error(m_errorText);
        break;
    }
}

} // namespace timbre::jobs
