// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/jobs/JobWorker.h"
#include "core/library/LibraryScanner.h"

namespace timbre::jobs {

// The library scan as a background job: opens its own catalog connection to the library
// folder on the worker thread (so the job never shares a QSqlDatabase across threads and
// does not depend on the lifetime of the GUI's Library object) and runs LibraryScanner.
//
// Progress: stage, current path, done = unchanged + read, total = files seen so far,
// failed = unreadable files. Result map keys: seen, unchanged, read, added, updated, moved,
// missing, failed, committed (qint64), rootErrors, failures (QStringList, failures capped
// at 100). Cancelled: the partial batch is discarded, earlier batches stay.
class ScanJob : public JobWorker
{
public:
    ScanJob(const QString &libraryFolder, library::ScanOptions options);

    QString kind() const override { return QStringLiteral("scan"); }
    QString title() const override;
    JobOutcome run(JobContext &context) override;

    static QVariantMap toVariantMap(const library::ScanResult &result);

private:
    QString m_libraryFolder;
    library::ScanOptions m_options;
};

} // namespace timbre::jobs
