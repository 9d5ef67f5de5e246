// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/CatalogError.h"

#include <QList>
#include <QString>

#include <optional>

namespace timbre::library {

class CatalogDatabase;

// One row of `job`: a background job as persisted in the catalog (core/jobs writes it).
struct JobRecord
{
    qint64 id = 0;
    QString kind; // "scan", "extract", "train", "predict", "evaluate"
    QString title;
    QString parametersJson = QStringLiteral("{}"); // what it takes to run it again
    int priority = 0; // higher runs first
    QString state = QStringLiteral(
            "queued"); // queued running paused finished failed cancelled interrupted
    qint64 done = 0;
    qint64 total = 0;
    qint64 failed = 0;
    QString errorText;
    QString resultJson = QStringLiteral("{}");
    QString owner; // "<pid>@<host>" of the process running it
    qint64 createdMs = 0;
    qint64 startedMs = 0; // 0 = not started
    qint64 finishedMs = 0; // 0 = not finished

    bool isFinal() const;
};

struct JobFailure
{
    QString item; // a file path, a clip, ...
    QString message;
    qint64 timeMs = 0;
};

// The `job` and `job_failure` tables. Same threading rules as TrackStore: a job's worker
// writes its row through its own connection.
class JobStore
{
public:
    explicit JobStore(const CatalogDatabase &db);

    // "<pid>@<host>" of this process.
    static QString currentOwner();
    // Whether the process an owner string names may still be running. Owners on another host
    // cannot be checked from here: they are assumed alive (a shared library folder).
    static bool ownerAlive(const QString &owner);

    // Stores a new job (state as given, owner = this process); returns its id.
    CatalogResult<qint64> add(const JobRecord &job) const;
    // Moves the job to `state`; "running" stamps started_ms (first time), a final state
    // stamps finished_ms. errorText replaces the stored one when not null.
    CatalogError setState(qint64 jobId, const QString &state,
                          const QString &errorText = QString()) const;
    CatalogError setProgress(qint64 jobId, qint64 done, qint64 total, qint64 failed) const;
    CatalogError setResult(qint64 jobId, const QString &resultJson) const;
    CatalogError addFailure(qint64 jobId, const QString &item, const QString &message) const;

    CatalogResult<std::optional<JobRecord>> findById(qint64 jobId) const;
    // Newest first; limit <= 0 = all.
    CatalogResult<QList<JobRecord>> list(int limit = 0) const;
    // Jobs not in a final state (queued, running, paused, interrupted), oldest first.
    CatalogResult<QList<JobRecord>> unfinished() const;
    // Oldest first; limit <= 0 = all.
    CatalogResult<QList<JobFailure>> failures(qint64 jobId, int limit = 0) const;

    // Queued, running or paused jobs whose owner process is gone (same host, pid not alive,
    // or another pid on this host that no longer exists) become "interrupted". Returns how many.
    CatalogResult<int> markInterrupted() const;

    static bool isFinalState(const QString &state);

private:
    const CatalogDatabase &m_db;
};

} // namespace timbre::library
