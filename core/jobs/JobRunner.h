// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/jobs/JobProgress.h"
#include "core/jobs/JobThreads.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QStringList>
#include <QThread>

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

// Scheduler on the GUI thread (Mixxx's TrackAnalysisScheduler). Two lanes, each its own thread
// pool: training jobs ("train") run on a single training thread, everything else (scan,
// extract, predict, evaluate) on the general lane, one job at a time by default so that jobs
// do not fight for the two cores (an extract job spreads its files over its own threads).
// The runner keeps queued jobs itself and starts the next one of a lane when the lane is free:
// highest priority first, then submission order; a held job or a paused queue starts nothing.
// Jobs stay listed in submission order (with their log) until removeFinished(), and their
// changes are re-announced by row, which is what a QAbstractListModel over it needs.
// With a library folder set, every job is recorded in that library's catalog (JobRecorder).
class JobRunner : public QObject
{
    Q_OBJECT
public:
    explicit JobRunner(int maxConcurrentJobs = 1, QObject *parent = nullptr);
    // Cancels every job and waits for the workers (each stops within its checkpoint interval).
    ~JobRunner() override;

    // Takes the worker, queues it, returns its handle (owned by the runner).
    Job *enqueue(std::unique_ptr<JobWorker> worker, int priority = 0);

    // Jobs enqueued from now on are recorded in this library's job table; empty = none.
    void setLibraryFolder(const QString &folder) { m_libraryFolder = folder; }
    QString libraryFolder() const { return m_libraryFolder; }

    // Pausing the queue starts no further job (running ones go on); resuming starts them.
    void setQueuePaused(bool paused);
    bool isQueuePaused() const { return m_queuePaused; }
    // Pause one job: a running job suspends at its next checkpoint, a queued one is held
    // back. False for an unknown or finished job.
    bool pause(quint64 id);
    bool resume(quint64 id);
    bool isHeld(quint64 id) const;
    bool isStarted(quint64 id) const;
    int priorityOf(quint64 id) const;

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
    struct Lane
    {
        JobThreads threads;
        int capacity = 1;
        int running = 0;
    };
    struct Entry
    {
        int priority = 0;
        bool started = false;
        bool held = false;
        bool training = false;
        bool occupiesSlot = false; // started by schedule(), counted in its lane's `running`
    };

    void onJobChanged(Job *job);
    void onJobDone(Job *job);
    void schedule();
    void start(Job *job);
    Lane &laneOf(const Job *job);

    Lane m_general;
    Lane m_training;
    QList<Job *> m_jobs;
    QHash<const Job *, Entry> m_entries;
    QHash<const Job *, QObject *> m_recorders;
    // The recorders write the catalog here, never on the runner's (the GUI's) thread.
    QThread m_recordThread;
    QObject *m_recordContext = nullptr; // lives on m_recordThread
    QString m_libraryFolder;
    bool m_queuePaused = false;
};

} // namespace timbre::jobs
