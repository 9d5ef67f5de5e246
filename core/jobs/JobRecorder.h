#pragma once
#include "core/jobs/JobProgress.h"

#include <QElapsedTimer>
#include <QObject>

#include <memory>

namespace timbre::library {
class Library;
}

namespace timbre::jobs {

class Job;

// Keeps a job's row in its library's `job` table (library::JobStore) in step with the job:
// created queued (with the worker's parameters, so it can be resumed), then running, progress
// at most once a second, every per-item failure, and the final state with the result. Lives on
// the job handle's thread and opens its own catalog connection there. A catalog that cannot be
// written is reported once on stderr-free terms: lastError(); the job itself runs on.
class JobRecorder : public QObject
{
    Q_OBJECT
public:
    JobRecorder(const QString &libraryFolder, Job *job, int priority = 0,
                QObject *parent = nullptr);
    ~JobRecorder() override;

    qint64 recordId() const { return m_recordId; } // 0 when the row could not be written
    QString lastError() const { return m_lastError; }

private:
    void onProgress(const JobProgress &progress);
    void onFailure(const QString &item, const QString &message);
    void onDone();
    void note(const QString &error);

    std::unique_ptr<library::Library> m_library;
    Job *m_job = nullptr;
    qint64 m_recordId = 0;
    QElapsedTimer m_sinceWrite;
    JobState m_lastState = JobState::Queued;
    QString m_lastError;
};

} // namespace timbre::jobs
