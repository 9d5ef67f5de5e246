// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QString>
#include <QVariantMap>

namespace timbre::jobs {

class JobContext;

// How a worker's run ended. A value, never an exception: exceptions do not cross threads.
struct JobOutcome
{
    enum class Status { Succeeded, Cancelled, Failed };
    Status status = Status::Succeeded;
    QVariantMap result; // summary for the receiver (counts, paths...)
    QString errorText; // Failed only; names the file or step that failed

    static JobOutcome success(const QVariantMap &result = {});
    static JobOutcome cancelled(const QVariantMap &partial = {});
    static JobOutcome failure(const QString &text, const QVariantMap &partial = {});
};

// The work of a job, run on a worker thread (Mixxx's WorkerThread::doRun()). It owns
// everything it touches while running; it talks to the outside only through the context:
// checkpoint() between blocks of work (honours suspend and cancel), reportProgress()
// (throttled and queued to the job's handle), log(). A worker that opens a database opens
// its own connection on its own thread.
class JobWorker
{
public:
    virtual ~JobWorker();
    virtual QString kind() const = 0; // "scan", "extract", "train"...
    virtual QString title() const = 0; // for the jobs panel
    virtual JobOutcome run(JobContext &context) = 0;
    // What it takes to create this worker again (JobFactory), persisted with the job so an
    // interrupted one can be resumed after a restart. Empty = cannot be resumed.
    virtual QVariantMap parameters() const { return {}; }
};

} // namespace timbre::jobs
