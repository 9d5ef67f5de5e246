// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/jobs/JobFactory.h"

#include "core/jobs/CrossFitJob.h"
#include "core/jobs/ExtractJob.h"
#include "core/jobs/PredictJob.h"
#include "core/jobs/TrainJob.h"

namespace timbre::jobs {

std::unique_ptr<JobWorker> createJobWorker(const QString &kind, const QVariantMap &parameters,
                                           QString *error)
{
    if (parameters.value(QStringLiteral("library")).toString().isEmpty()
        && parameters.value(QStringLiteral("libraryFolder")).toString().isEmpty()) {
        *error = QStringLiteral("a %1 job without a library cannot be resumed").arg(kind);
        return nullptr;
    }
    if (kind == QLatin1String("extract"))
        return std::make_unique<ExtractJob>(ExtractJob::optionsFrom(parameters));
    // A training run starts over: its checkpoint is only registered when it finishes.
    if (kind == QLatin1String("train"))
        return std::make_unique<TrainJob>(TrainJob::optionsFrom(parameters));
    // Cross-fitting starts over too: its scores are only stored when every fold is done.
    if (kind == QLatin1String("crossfit"))
        return std::make_unique<CrossFitJob>(CrossFitJob::optionsFrom(parameters));
    if (kind == QLatin1String("predict"))
        return std::make_unique<PredictJob>(PredictJob::optionsFrom(parameters));
    *error = QStringLiteral("%1 jobs cannot be resumed; start them again").arg(kind);
    return nullptr;
}

} // namespace timbre::jobs
