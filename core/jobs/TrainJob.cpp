// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/jobs/TrainJob.h"

#include "core/jobs/JobParameters.h"
#include "core/jobs/TrainSteps.h"

#include "models/api/ModelKinds.h"
#include "models/api/TrainConfig.h"

#include <algorithm>

namespace timbre::jobs {

namespace {

const QString kLibrary = QStringLiteral("libraryFolder");
const QString kKind = QStringLiteral("kind");
const QString kWarmStart = QStringLiteral("warmStart");
const QString kEpochs = QStringLiteral("epochs");
const QString kThreads = QStringLiteral("threads");
const QString kSeed = QStringLiteral("seed");
const QString kOverrides = QStringLiteral("overrides");
const QString kActivate = QStringLiteral("activate");
const QString kNote = QStringLiteral("note");
const QString kExtractor = QStringLiteral("extractorKey");
const QString kActivation = QStringLiteral("activation");
const QString kHeldoutEveryEpoch = QStringLiteral("heldoutEveryEpoch");

} // namespace

TrainJob::TrainJob(TrainJobOptions options) : m_options(std::move(options)) { }

QString TrainJob::title() const
{
    if (m_options.warmStart.isEmpty())
        return QStringLiteral("Train %1").arg(m_options.kind);
    return QStringLiteral("Retrain %1 from %2")
            .arg(m_options.kind,
                 m_options.warmStart == QLatin1String("active")
                         ? QStringLiteral("the active model")
                         : QStringLiteral("model %1").arg(m_options.warmStart));
}

const JobParameters<TrainJobOptions> &TrainJob::parameterFields()
{
    using O = TrainJobOptions;
    static const auto fields = JobParameters<O>()
                                       .field(kLibrary, &O::libraryFolder)
                                       .field(kKind, &O::kind)
                                       .field(kWarmStart, &O::warmStart)
                                       .field(kEpochs, &O::epochs)
                                       .field(kThreads, &O::threads)
                                       .field(kSeed, &O::seed)
                                       .field(kOverrides, &O::overrides)
                                       .field(kActivate, &O::activate)
                                       .field(kActivation, &O::activation)
                                       .field(kHeldoutEveryEpoch, &O::heldoutEveryEpoch)
                                       .field(kNote, &O::note)
                                       .field(kExtractor, &O::extractorKey);
    return fields;
}

QVariantMap TrainJob::parameters() const
{
    return parameterFields().toMap(m_options);
}

TrainJobOptions TrainJob::optionsFrom(const QVariantMap &p)
{
    return parameterFields().fromMap(p);
}

void TrainJob::warmStartConfig(models::TrainConfig *c, int trainBags, int epochs)
{
    c->epochs = std::max(1, epochs);
    c->consistencyRampEpochs = 0;
    c->lrRampUpEpochs = 0;
    c->lrRampDownEpochs = 0;
    c->lrHalvingEpochs = 0;
    c->validationFraction = 0.0;
    c->earlyStoppingPatience = 0;
    const models::ModelKind *kind = models::findModelKind(c->modelKind);
    if (kind && kind->teacher) {
        const int batch = std::max(1, c->batchSize);
        const double steps
                = double(c->epochs) * double((std::max(1, trainBags) + batch - 1) / batch);
        const double horizonAlpha = 1.0 - 3.0 / steps;
        // Bounded by the kind's default, not the parent's: a parent that was itself warm-started
        // carries its own lowered alpha.
        const double top = models::TrainConfig::defaultsFor(c->modelKind).emaDecay;
        c->emaDecay = std::clamp(horizonAlpha, std::min(0.9, top), top);
    }
}

JobOutcome TrainJob::run(JobContext &context)
{
    TrainRun run(context, m_options, m_trainingSet);
    using Step = StepResult (*)(TrainRun &);
    for (const Step step : {checkOptions, openLibrary, resolveParent, resolveExtractor, loadClips,
                            buildConfig, trainStaged, registerTrained}) {
        if (StepResult stop = step(run))
            return *stop;
    }
    activate(run);
    return finalOutcome(run);
}

} // namespace timbre::jobs
