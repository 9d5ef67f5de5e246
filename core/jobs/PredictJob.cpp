// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/jobs/PredictJob.h"

#include "core/jobs/JobParameters.h"
#include "core/jobs/PredictSteps.h"

#include <optional>

namespace timbre::jobs {

namespace {
const QString kLibrary = QStringLiteral("libraryFolder");
const QString kModel = QStringLiteral("modelId");
const QString kBatch = QStringLiteral("batchClips");
const QString kThreads = QStringLiteral("threads");
} // namespace

PredictJob::PredictJob(PredictOptions options) : m_options(std::move(options)) { }

QString PredictJob::title() const
{
    return m_options.modelId > 0 ? QStringLiteral("Predict with model %1").arg(m_options.modelId)
                                 : QStringLiteral("Predict with the active model");
}

const JobParameters<PredictOptions> &PredictJob::parameterFields()
{
    static const auto fields
            = JobParameters<PredictOptions>()
                      .field(kLibrary, &PredictOptions::libraryFolder)
                      .field(kModel, &PredictOptions::modelId)
                      .field(kBatch, &PredictOptions::batchClips)
                      .field(kThreads, &PredictOptions::threads)
                      .field(QStringLiteral("trackIds"), &PredictOptions::trackIds)
                      .field(QStringLiteral("shardIndex"), &PredictOptions::shardIndex)
                      .field(QStringLiteral("shardCount"), &PredictOptions::shardCount);
    return fields;
}

QVariantMap PredictJob::parameters() const
{
    return parameterFields().toMap(m_options);
}

PredictOptions PredictJob::optionsFrom(const QVariantMap &parameters)
{
    return parameterFields().fromMap(parameters);
}

JobOutcome PredictJob::run(JobContext &context)
{
    PredictRun run(context, m_options, m_chunkWritten);
    for (auto step :
         {&PredictRun::openLibrary, &PredictRun::resolveModel, &PredictRun::loadPredictor,
          &PredictRun::checkClasses, &PredictRun::resolveExtractor, &PredictRun::loadClips}) {
        if (std::optional<JobOutcome> end = (run.*step)())
            return *end;
    }
    return run.scoreAndWrite();
}

} // namespace timbre::jobs
