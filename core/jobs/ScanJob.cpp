// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/jobs/ScanJob.h"

#include "core/jobs/JobContext.h"
#include "core/jobs/JobLibrary.h"
#include "core/library/Library.h"

namespace timbre::jobs {

ScanJob::ScanJob(const QString &libraryFolder, library::ScanOptions options)
    : m_libraryFolder(libraryFolder), m_options(std::move(options))
{ }

QString ScanJob::title() const
{
    return QStringLiteral("Scan %1").arg(m_options.roots.join(QStringLiteral(", ")));
}

QVariantMap ScanJob::toVariantMap(const library::ScanResult &result)
{
    const library::ScanCounts &c = result.counts;
    return {{QStringLiteral("seen"), c.seen},
            {QStringLiteral("unchanged"), c.unchanged},
            {QStringLiteral("read"), c.read},
            {QStringLiteral("added"), c.added},
            {QStringLiteral("updated"), c.updated},
            {QStringLiteral("moved"), c.moved},
            {QStringLiteral("missing"), c.missing},
            {QStringLiteral("failed"), c.failed},
            {QStringLiteral("committed"), c.committed},
            {QStringLiteral("rootErrors"), result.rootErrors},
            {QStringLiteral("failures"), result.failures.mid(0, 100)}};
}

JobOutcome ScanJob::run(JobContext &context)
{
    JobOutcome openFailed;
    std::unique_ptr<library::Library> lib = openJobLibrary(m_libraryFolder, &openFailed);
    if (!lib)
        return openFailed;

    library::LibraryScanner scanner(lib->database(), m_options);
    library::LibraryScanner::Callbacks callbacks;
    callbacks.shouldContinue = [&context] { return context.checkpoint(); };
    callbacks.progress = [&context](const library::ScanStatus &status) {
        JobProgress progress;
        progress.stage = status.stage;
        progress.currentItem = status.currentPath;
        progress.done = status.counts.done();
        progress.total = status.counts.seen;
        progress.failed = status.counts.failed;
        context.reportProgress(progress);
    };
    callbacks.log = [&context](const QString &line) { context.log(line); };
    auto scanned = scanner.runBlocking(callbacks);
    if (!scanned)
        return JobOutcome::failure(scanned.error().message);
    const QVariantMap summary = toVariantMap(*scanned);
    for (const QString &failure : scanned->failures.mid(0, 100))
        context.log(failure);
    if (scanned->cancelled)
        return JobOutcome::cancelled(summary);
    return JobOutcome::success(summary);
}

} // namespace timbre::jobs
