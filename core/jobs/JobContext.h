// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/jobs/JobProgress.h"
#include "core/jobs/ProgressThrottle.h"

#include <QElapsedTimer>
#include <QVariantMap>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>

namespace timbre::jobs {

class Job;

// Flags shared by a job's handle (GUI thread) and its worker (Mixxx: atomic stop/suspend
// checked between blocks). Kept alive by both sides through a shared_ptr.
// The handle pointer is cleared by the handle's destructor under handleMutex, so a worker
// that outlives its handle (queued, or finishing after a cancel) posts into nothing.
struct JobControl
{
    std::atomic<bool> cancelRequested {false};
    std::atomic<bool> suspendRequested {false};
    // Standard locks rather than QMutex: ThreadSanitizer sees them whole (Debian's Qt is not
    // instrumented; docs/RELIABILITY.md §2).
    std::mutex mutex;
    std::condition_variable wake;

    std::mutex handleMutex;
    Job *handle = nullptr;

    std::atomic<bool> workerDone {false};
    std::condition_variable doneCondition; // with mutex

    // Runs `call(handle)` on the handle's thread, later, if the handle still exists.
    void post(std::function<void(Job *)> call);
};

// What a running worker sees of its job. Lives on the worker thread; every call that
// reaches the handle is a queued invocation, so the worker never blocks on the receiver.
class JobContext
{
public:
    explicit JobContext(std::shared_ptr<JobControl> control, int progressIntervalMs = 100);

    bool isCancelled() const;
    // The job's own cancel flag, for work that polls a flag rather than calling checkpoint()
    // (the trainers read it before every optimiser step): set once by Job::cancel, never reset.
    const std::atomic<bool> *cancelFlag() const { return &m_control->cancelRequested; }
    // Between blocks of work: waits while suspended, returns false once cancelled.
    bool checkpoint();
    // Throttled to one report per interval; the state is set to Running.
    void reportProgress(const JobProgress &progress);
    // Remembered as the last progress without sending it (sent with the outcome).
    void noteProgress(const JobProgress &progress);
    const JobProgress &lastProgress() const { return m_last; }
    void log(const QString &line);
    // A structured record of the work (a training epoch's losses and metrics, ...): queued to
    // the handle in order with progress and log lines, never throttled or dropped
    // (Job::recordReported, Job::records).
    void reportRecord(const QVariantMap &record);
    // One item of a batch failed (a file that would not decode, ...): logged, delivered to the
    // handle (Job::itemFailed) and persisted by the runner; the batch goes on.
    void reportFailure(const QString &item, const QString &message);
    // Reports sent so far (for tests of the rate bound).
    int reportsSent() const { return m_sent; }

private:
    std::shared_ptr<JobControl> m_control;
    ProgressThrottle m_throttle;
    JobProgress m_last;
    QElapsedTimer m_clock; // since the first report, for the ETA
    qint64 m_clockStartDone = 0;
    int m_sent = 0;
};

} // namespace timbre::jobs
