// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/jobs/CrossFitJob.h"

#include "core/datasets/trainsets/LibraryBags.h"
#include "core/jobs/CrossFitSteps.h"
#include "core/jobs/JobContext.h"
#include "core/jobs/JobLibrary.h"
#include "core/jobs/JobParameters.h"
#include "core/library/Library.h"
#include "core/library/ModelStore.h"

#include "models/api/ModelKinds.h"
#include "models/api/Predictor.h"
#include "models/api/SeededOrder.h"

#include <QDir>
#include <QHash>
#include <QSet>

#include <algorithm>

namespace timbre::jobs {

namespace {
const QString kLibrary = QStringLiteral("libraryFolder");
const QString kModel = QStringLiteral("modelId");
const QString kFolds = QStringLiteral("folds");
const QString kEpochs = QStringLiteral("epochs");
const QString kSeed = QStringLiteral("seed");
const QString kThreads = QStringLiteral("threads");

bool trainedFromScratch(const models::TrainConfig &c)
{
    return c.fineTune == "scratch" && c.warmStartCheckpoint.empty();
}
} // namespace

CrossFitJob::CrossFitJob(CrossFitOptions options) : m_options(std::move(options)) { }

QString CrossFitJob::title() const
{
    return m_options.modelId > 0
            ? QStringLiteral("Cross-fit model %1 (%2 folds)")
                      .arg(m_options.modelId)
                      .arg(m_options.folds)
            : QStringLiteral("Cross-fit the active model (%1 folds)").arg(m_options.folds);
}

const JobParameters<CrossFitOptions> &CrossFitJob::parameterFields()
{
    static const auto fields = JobParameters<CrossFitOptions>()
                                       .field(kLibrary, &CrossFitOptions::libraryFolder)
                                       .field(kModel, &CrossFitOptions::modelId)
                                       .field(kFolds, &CrossFitOptions::folds)
                                       .field(kEpochs, &CrossFitOptions::epochs)
                                       .field(kSeed, &CrossFitOptions::seed)
                                       .field(kThreads, &CrossFitOptions::threads);
    return fields;
}

QVariantMap CrossFitJob::parameters() const
{
    return parameterFields().toMap(m_options);
}

CrossFitOptions CrossFitJob::optionsFrom(const QVariantMap &p)
{
    return parameterFields().fromMap(p);
}

models::TrainConfig CrossFitJob::recipe(const library::Library &lib,
                                        const library::ModelRecord &version, QString *error)
{
    models::ModelError parseError;
    const models::TrainConfig own
            = models::TrainConfig::fromJson(version.hyperParametersJson.toStdString(), &parseError);
    if (parseError.isError()) {
        *error = QStringLiteral("model %1 ('%2'): stored hyper-parameters: %3")
                         .arg(version.id)
                         .arg(version.name, QString::fromStdString(parseError.message));
        return {};
    }
    const std::string kind = version.kind.toStdString();
    models::TrainConfig config = models::TrainConfig::defaultsFor(kind);
    // The nearest from-scratch ancestor (the version itself included) of the same kind.
    QSet<qint64> seen;
    for (std::optional<library::ModelRecord> m = version; m && !seen.contains(m->id);) {
        seen.insert(m->id);
        models::ModelError e;
        const models::TrainConfig c
                = models::TrainConfig::fromJson(m->hyperParametersJson.toStdString(), &e);
        if (e.ok() && c.modelKind == kind && trainedFromScratch(c)) {
            config = c;
            break;
        }
        if (m->parentId <= 0)
            break;
        auto parent = lib.models().findById(m->parentId);
        m = parent ? *parent : std::nullopt;
    }
    config.modelKind = kind;
    config.extra = own.extra; // the version's architecture
    config.fineTune = "scratch";
    config.warmStartCheckpoint.clear();
    config.parentModel.clear();
    return config;
}

QList<int> CrossFitJob::foldsByTrack(const QList<qint64> &trackIds, int folds, quint64 seed)
{
    QList<qint64> tracks;
    QSet<qint64> seen;
    for (qint64 t : trackIds)
        if (!seen.contains(t)) {
            seen.insert(t);
            tracks << t;
        }
    std::sort(tracks.begin(), tracks.end()); // the shuffle must not depend on bag order
    std::vector<qint64> order(tracks.begin(), tracks.end());
    std::mt19937_64 rng(seed);
    models::seededShuffle(order, rng);
    tracks = QList<qint64>(order.begin(), order.end());
    QHash<qint64, int> foldOf;
    for (int i = 0; i < tracks.size(); ++i)
        foldOf.insert(tracks.at(i), i % std::max(1, folds));
    QList<int> out;
    out.reserve(trackIds.size());
    for (qint64 t : trackIds)
        out << foldOf.value(t);
    return out;
}

JobOutcome CrossFitJob::run(JobContext &context)
{
    CrossFitRun run(context, m_options);
    for (auto step :
         {&CrossFitRun::checkOptions, &CrossFitRun::openLibrary, &CrossFitRun::resolveVersion,
          &CrossFitRun::buildRecipe, &CrossFitRun::loadClips, &CrossFitRun::assignFolds}) {
        if (std::optional<JobOutcome> end = (run.*step)())
            return *end;
    }
    for (int fold = 0; fold < m_options.folds; ++fold) {
        if (std::optional<JobOutcome> end = run.runFold(fold))
            return *end;
    }
    return run.storeScores();
}

} // namespace timbre::jobs
