// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/JobStarter.h"

#include "core/jobs/ExtractJob.h"
#include "core/jobs/Job.h"
#include "core/jobs/JobFactory.h"
#include "core/jobs/JobRunner.h"
#include "core/jobs/PredictJob.h"
#include "core/jobs/ScanJob.h"
#include "core/jobs/TrainJob.h"
#include "core/library/Library.h"
#include "models/api/ModelKinds.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace timbre::gui::JobStarter {

std::unique_ptr<jobs::JobWorker> scan(const QString &libraryFolder, const QStringList &roots,
                                      const widgets::WorkbenchSettings &settings)
{
    library::ScanOptions options;
    options.roots = roots;
    options.readerThreads = settings.threads;
    return std::make_unique<jobs::ScanJob>(libraryFolder, options);
}

std::unique_ptr<jobs::JobWorker> extract(const QString &libraryFolder,
                                         const widgets::WorkbenchSettings &settings)
{
    jobs::ExtractOptions options;
    options.libraryFolder = libraryFolder;
    options.extractorId = settings.extractorId;
    options.threads = settings.threads;
    return std::make_unique<jobs::ExtractJob>(options);
}

std::unique_ptr<jobs::JobWorker> train(const QString &libraryFolder, bool warmStart,
                                       const widgets::WorkbenchSettings &settings)
{
    jobs::TrainJobOptions options;
    options.libraryFolder = libraryFolder;
    options.kind = QString::fromLatin1(models::defaultLibraryKind());
    options.warmStart = warmStart ? QStringLiteral("active") : QString();
    options.threads = settings.threads;
    options.activation = settings.activation;
    options.activate = settings.activation != QLatin1String("never");
    options.note = warmStart
            ? QCoreApplication::translate("JobStarter", "retrained in the workbench")
            : QCoreApplication::translate("JobStarter", "trained in the workbench");
    return std::make_unique<jobs::TrainJob>(options);
}

std::unique_ptr<jobs::JobWorker> predict(const QString &libraryFolder,
                                         const widgets::WorkbenchSettings &settings,
                                         qint64 modelId)
{
    jobs::PredictOptions options;
    options.libraryFolder = libraryFolder;
    options.modelId = modelId;
    options.threads = settings.threads;
    return std::make_unique<jobs::PredictJob>(options);
}

library::CatalogResult<QList<library::JobRecord>>
interruptedBlocking(const library::Library &library)
{
    auto marked = library.jobs().markInterrupted();
    if (!marked)
        return marked.error();
    auto pending = library.jobs().unfinished();
    if (!pending)
        return pending.error();
    QList<library::JobRecord> out;
    for (const library::JobRecord &job : *pending) {
        if (job.state == QLatin1String("interrupted"))
            out << job;
    }
    return out;
}

QStringList resume(jobs::JobRunner &runner, const library::Library &library,
                   const QList<library::JobRecord> &interrupted)
{
    QStringList problems;
    for (const library::JobRecord &record : interrupted) {
        QString error;
        const QVariantMap parameters
                = QJsonDocument::fromJson(record.parametersJson.toUtf8()).object().toVariantMap();
        std::unique_ptr<jobs::JobWorker> worker
                = jobs::createJobWorker(record.kind, parameters, &error);
        if (!worker) {
            problems
                    << QCoreApplication::translate("JobStarter", "%1: %2").arg(record.title, error);
            continue;
        }
        const jobs::Job *job = runner.enqueue(std::move(worker), record.priority);
        library.jobs().setState(
                record.id, QStringLiteral("cancelled"),
                QStringLiteral("interrupted; resumed in the workbench as %1").arg(job->title()));
    }
    return problems;
}

} // namespace timbre::gui::JobStarter
