// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/jobs/JobProgress.h"

#include <QList>
#include <QObject>
#include <QStringList>
#include <QVariantMap>

#include <memory>

namespace timbre::jobs {

class JobThreads;
class JobWorker;
struct JobControl;
struct JobOutcome;

// The handle of one background job. Lives on the thread that created it (the GUI thread);
// its worker runs on a thread of its own (JobThreads). Everything the worker reports arrives here
// as queued invocations, in order, and is re-emitted as signals: progressChanged at most ~10 times
// a second (throttled on the worker side), then exactly one of finished / error / cancelled.
// Destroying the handle cancels the worker; a worker still running finishes on its own
// and reports into nothing.
class Job : public QObject
{
    Q_OBJECT
public:
    explicit Job(std::unique_ptr<JobWorker> worker, QObject *parent = nullptr);
    ~Job() override;

    quint64 id() const { return m_id; }
    QString kind() const { return m_kind; }
    QString title() const { return m_title; }
    JobState state() const { return m_progress.state; }
    JobProgress progress() const { return m_progress; }
    QStringList logLines() const { return m_log; }
    // Every record the worker reported (JobContext::reportRecord), oldest first, so a view
    // attached late can replay them; the last kMaxRecords are kept.
    QList<QVariantMap> records() const { return m_records; }
    QVariantMap result() const { return m_result; }
    QString errorText() const { return m_errorText; }
    QVariantMap parameters() const;
    bool isDone() const { return isFinalState(m_progress.state); }

    // Starts the worker on a thread of its own from `threads`. Once only.
    void startAsync(JobThreads *threads);
    // Thread-safe requests, honoured by the worker at its next checkpoint.
    void cancel();
    void suspend();
    void resume();
    bool isCancelRequested() const;
    // Blocks until the worker has returned (true) or `msecs` passed (false); -1 = forever.
    // Does not deliver the queued signals: process events afterwards for those.
    bool waitBlocking(int msecs = -1) const;

    static constexpr int kMaxLogLines = 2000;
    static constexpr int kMaxRecords = 10000;

Q_SIGNALS:
    void stateChanged(timbre::jobs::JobState state);
    void progressChanged(const timbre::jobs::JobProgress &progress);
    void logLine(const QString &line);
    // One record as the worker reported it, in order with progressChanged and logLine.
    void recordReported(const QVariantMap &record);
    void itemFailed(const QString &item, const QString &message);
    void finished(const QVariantMap &result);
    void error(const QString &text);
    void cancelled(const QVariantMap &partialResult);

private:
    friend class JobContext;
    static void runWorker(const std::shared_ptr<JobWorker> &worker,
                          const std::shared_ptr<JobControl> &control);
    void deliverProgress(const JobProgress &progress);
    void deliverLog(const QString &line);
    void deliverRecord(const QVariantMap &record);
    void deliverFailure(const QString &item, const QString &message);
    void deliverOutcome(const JobOutcome &outcome, const JobProgress &last);

    const quint64 m_id;
    QString m_kind;
    QString m_title;
    std::shared_ptr<JobWorker> m_worker;
    std::shared_ptr<JobControl> m_control;
    JobProgress m_progress;
    QStringList m_log;
    QList<QVariantMap> m_records;
    QVariantMap m_result;
    QString m_errorText;
    bool m_started = false;
};

} // namespace timbre::jobs
