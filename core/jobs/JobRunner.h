#pragma once
#include "core/jobs/JobProgress.h"

#include <QList>
#include <QObject>
#include <QStringList>
#include <QThreadPool>

#include <memory>

namespace timbre::jobs {

class Job;
class JobWorker;

// One row of the runner's list, as a jobs panel shows it.
struct JobInfo
{
    quint64 id = 0;
    QString kind;
    QString title;
    JobProgress progress;
    QStringList log;
    QString errorText;
};

// Scheduler on the GUI thread (Mixxx's TrackAnalysisScheduler): queues jobs on its own
// thread pool (one job at a time by default, so a scan and a training run do not fight for
// the two cores), keeps them in submission order and re-announces their changes by row, which
// is what a QAbstractListModel over it needs. Finished jobs stay listed (with their log) until
// removeFinished().
class JobRunner : public QObject
{
    Q_OBJECT
public:
    explicit JobRunner(int maxConcurrentJobs = 1, QObject *parent = nullptr);
    // Cancels every job and waits for the workers (each stops within its checkpoint interval).
    ~JobRunner() override;

    // Takes the worker, queues it, returns its handle (owned by the runner).
    Job *enqueue(std::unique_ptr<JobWorker> worker);

    int count() const { return int(m_jobs.size()); }
    JobInfo info(int row) const;
    QList<JobInfo> snapshot() const;
    int rowOf(quint64 id) const;
    Job *job(quint64 id) const;
    Job *jobAt(int row) const;
    int activeCount() const; // queued, running or suspended

    bool cancel(quint64 id);
    void cancelAll();
    void removeFinished();

    // Spins the calling thread's event loop until every job is done or `msecs` passed
    // (for the CLI and tests; the GUI listens to allDone instead).
    bool waitForAllBlocking(int msecs = -1);

Q_SIGNALS:
    void jobAdded(int row);
    void jobChanged(int row);
    void jobRemoved(int row);
    void jobDone(quint64 id, timbre::jobs::JobState state);
    void allDone();

private:
    void onJobChanged(Job *job);
    void onJobDone(Job *job);

    QThreadPool m_pool;
    QList<Job *> m_jobs;
};

} // namespace timbre::jobs
