// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/jobs/JobProgress.h"

#include <QObject>

#include <functional>
#include <memory>

class QThread;

namespace timbre::jobs {

class Job;

// Keeps a job's row in its library's `job` table (library::JobStore) in step with the job:
// created queued (with the worker's parameters, so it can be resumed), then running, progress
// at most once a second, every per-item failure, and the final state with the result. Lives
// on the job handle's thread and takes what it records from the job there; a catalog that
// cannot be written is remembered (lastError()) and the job itself runs on.
//
// The catalog is opened and written on `writeThread`, or on the recorder's own thread when
// that is nullptr (the CLI: blocking writes are fine there). The workbench passes a thread of
// its own: opening a catalog and writing to one that a worker's transaction holds can take
// hundreds of milliseconds (SQLite's busy wait), which must never stall the GUI thread.
class JobRecorder : public QObject
{
    Q_OBJECT
public:
    JobRecorder(const QString &libraryFolder, Job *job, int priority = 0,
                QThread *writeThread = nullptr, QObject *parent = nullptr);
    // Writes already handed over still happen (on the write thread, in order).
    ~JobRecorder() override;

    // 0 until the row is written, and when it could not be (thread-safe).
    qint64 recordId() const;
    QString lastError() const; // thread-safe

private:
    class Writer;
    void post(std::function<void(Writer &)> write);

    Writer *m_writer = nullptr;
    bool m_async = false;
    JobState m_lastState = JobState::Queued;
    qint64 m_lastProgressMs = -1;
};

} // namespace timbre::jobs
