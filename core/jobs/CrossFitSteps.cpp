// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/jobs/CrossFitSteps.h"

#include "core/jobs/JobContext.h"
#include "core/jobs/JobLibrary.h"
#include "core/library/CatalogDatabase.h"
#include "core/library/Library.h"

#include "models/api/ModelKinds.h"
#include "models/api/Predictor.h"
#include "models/api/SeededOrder.h"
#include "models/api/TorchInfo.h"
#include "models/api/Training.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>
#include <atomic>

namespace timbre::jobs {

CrossFitRun::CrossFitRun(JobContext &context, const CrossFitOptions &options)
    : context(context), options(options)
{
    timer.start();
}

CrossFitRun::~CrossFitRun() = default;

std::optional<JobOutcome> CrossFitRun::checkOptions()
{
    if (options.folds < 2)
        return JobOutcome::failure(
                QStringLiteral("cross-fitting needs at least 2 folds, not %1").arg(options.folds));
    return std::nullopt;
}

std::optional<JobOutcome> CrossFitRun::openLibrary()
{
    JobOutcome openFailed;
    lib = openJobLibrary(options.libraryFolder, &openFailed);
    if (!lib)
        return openFailed;
    return std::nullopt;
}

std::optional<JobOutcome> CrossFitRun::resolveVersion()
{
    auto found = options.modelId > 0 ? lib->models().findById(options.modelId)
                                     : lib->models().active();
    if (!found)
        return JobOutcome::failure(found.error().message);
    if (!*found)
        return JobOutcome::failure(options.modelId > 0
                                           ? QStringLiteral("%1: no model with id %2")
                                                     .arg(lib->folder())
                                                     .arg(options.modelId)
                                           : QStringLiteral("%1: no active model (train one, "
                                                            "or name a model)")
                                                     .arg(lib->folder()));
    version = **found;
    versionName = QStringLiteral("model %1 ('%2')").arg(version->id).arg(version->name);
    if (version->extractorId.isEmpty())
        return JobOutcome::failure(QStringLiteral("%1 names no extractor").arg(versionName));
    return std::nullopt;
}

std::optional<JobOutcome> CrossFitRun::buildRecipe()
{
    QString error;
    config = CrossFitJob::recipe(*lib, *version, &error);
    if (!error.isEmpty())
        return JobOutcome::failure(error);
    if (options.epochs > 0)
        config.epochs = options.epochs;
    config.seed = options.seed;
    config.threads = options.threads;
    config.progressEverySteps = 1;
    config.extractorId = version->extractorId.toStdString();
    config.extractorVersion = version->extractorVersion;
    if (options.threads > 0)
        models::setTorchThreads(options.threads);
    return std::nullopt;
}

std::optional<JobOutcome> CrossFitRun::loadClips()
{
    progress.stage = QStringLiteral("loading");
    context.reportProgress(progress);
    extractorKey
            = QStringLiteral("%1-v%2").arg(version->extractorId).arg(version->extractorVersion);
    const models::ModelKind *kind = models::findModelKind(config.modelKind);
    datasets::LibraryBagOptions bagOptions;
    bagOptions.clips = datasets::LibraryBagOptions::Clips::Trainable;
    bagOptions.onlyLabelled = !(kind && kind->semiSupervised);
    loaded.emplace(datasets::LibraryBags::load(*lib, extractorKey, bagOptions));
    if (!loaded->ok())
        return JobOutcome::failure(loaded->error);
    if (!loaded->skipped.isEmpty())
        context.log(QStringLiteral("%1 clips without current %2 features left out")
                            .arg(loaded->skipped.size())
                            .arg(extractorKey));
    config.labelSnapshot = std::to_string(loaded->labelSnapshot);
    for (const std::string &name : loaded->bags.classNames)
        classKeys << QString::fromStdString(name);
    return std::nullopt;
}

bool CrossFitRun::isLabelled(int bag) const
{
    const models::BagSet &bags = loaded->bags;
    const auto *observed = bags.observed.data() + size_t(bag) * size_t(bags.numClasses);
    return std::any_of(observed, observed + bags.numClasses, [](uint8_t v) { return v != 0; });
}

std::optional<JobOutcome> CrossFitRun::assignFolds()
{
    const models::BagSet &bags = loaded->bags;
    QList<qint64> labelledTracks;
    for (int b = 0; b < bags.numBags(); ++b) {
        if (isLabelled(b)) {
            labelled << b;
            labelledTracks << loaded->trackIds.at(b);
        }
    }
    const int tracks = int(QSet<qint64>(labelledTracks.begin(), labelledTracks.end()).size());
    if (tracks < options.folds)
        return JobOutcome::failure(
                QStringLiteral("%1: %2 folds need at least %2 labelled tracks with %3 features "
                               "outside the test clips; there are %4")
                        .arg(lib->folder())
                        .arg(options.folds)
                        .arg(extractorKey)
                        .arg(tracks));
    foldOf = CrossFitJob::foldsByTrack(labelledTracks, options.folds, options.seed);
    context.log(QStringLiteral("%1: %2 folds over %3 labelled clips of %4 tracks (%5 training "
                               "clips), %6, %7 epochs from scratch")
                        .arg(versionName)
                        .arg(options.folds)
                        .arg(labelled.size())
                        .arg(tracks)
                        .arg(bags.numBags())
                        .arg(QString::fromStdString(config.modelKind))
                        .arg(config.epochs));
    progress.total = qint64(options.folds) * config.epochs;
    return std::nullopt;
}

CrossFitRun::FoldBags CrossFitRun::foldBags(int fold) const
{
    const models::BagSet &bags = loaded->bags;
    QSet<int> held;
    for (int i = 0; i < labelled.size(); ++i)
        if (foldOf.at(i) == fold)
            held.insert(labelled.at(i));
    FoldBags f;
    std::vector<int> trainBags;
    for (int b = 0; b < bags.numBags(); ++b)
        (held.contains(b) ? f.held : trainBags).push_back(b);
    // The recipe's validation split, drawn here from the fold's LABELLED training clips: drawn
    // from all of them, it can hold only unlabelled clips (Mean Teacher), whose validation loss
    // is undefined, and then no epoch is ever kept. Too few labelled clips for two: no
    // validation, the last epoch is kept.
    if (config.validationFraction > 0.0) {
        std::vector<int> candidates;
        for (int b : trainBags)
            if (isLabelled(b))
                candidates.push_back(b);
        const models::SeededSplit split
                = models::seededSplit(int(candidates.size()), config.validationFraction,
                                      options.seed + 7919u * quint64(fold + 1));
        if (split.held.size() >= 2 && !split.kept.empty())
            for (int i : split.held)
                f.validation.push_back(candidates[size_t(i)]);
    }
    const QSet<int> validSet(f.validation.begin(), f.validation.end());
    for (int b : trainBags)
        if (!validSet.contains(b))
            f.fit.push_back(b);
    return f;
}

std::optional<JobOutcome> CrossFitRun::runFold(int fold)
{
    if (!context.checkpoint())
        return JobOutcome::cancelled({{QStringLiteral("folds"), fold}});
    const models::BagSet &bags = loaded->bags;
    const FoldBags f = foldBags(fold);
    const models::BagSet foldTrain = bags.subset(f.fit);
    const models::BagSet foldValid = bags.subset(f.validation);
    const models::BagSet foldHeld = bags.subset(f.held);
    models::TrainConfig foldConfig = config;
    foldConfig.seed = options.seed + quint64(fold);
    if (f.validation.empty())
        foldConfig.validationFraction = 0.0;
    const QString staged = QDir(lib->modelsPath())
                                   .filePath(QStringLiteral(".crossfit-%1-%2-%3.ckpt")
                                                     .arg(version->id)
                                                     .arg(fold)
                                                     .arg(QDateTime::currentMSecsSinceEpoch()));
    foldConfig.outputCheckpoint = staged.toStdString();
    const auto cleanup = [&staged] {
        QFile::remove(staged);
        QFile::remove(staged + QStringLiteral(".tmp"));
    };
    progress.stage = QStringLiteral("fold %1/%2").arg(fold + 1).arg(options.folds);
    const qint64 before = qint64(fold) * config.epochs;
    progress.done = before;
    context.reportProgress(progress);
    models::TrainResult trained;
    trained = models::trainModel(
            foldConfig, foldTrain, f.validation.empty() ? nullptr : &foldValid,
            [&](const models::EpochReport &r) {
                // Waits while the job is suspended; once cancelled, the trainer sees the flag.
                if (!context.checkpoint())
                    return;
                progress.done = before + (r.partial ? r.epoch - 1 : r.epoch);
                progress.currentItem = QStringLiteral("epoch %1").arg(r.epoch);
                context.reportProgress(progress);
            },
            context.cancelFlag());
    if (trained.cancelled || context.isCancelled()) {
        cleanup();
        return JobOutcome::cancelled({{QStringLiteral("folds"), fold}});
    }
    if (!trained.ok) {
        cleanup();
        return JobOutcome::failure(QStringLiteral("fold %1: %2")
                                           .arg(fold + 1)
                                           .arg(QString::fromStdString(trained.error)));
    }
    models::ModelError loadError;
    const std::unique_ptr<models::Predictor> predictor
            = models::Predictor::load(staged.toStdString(), &loadError);
    const std::vector<models::BagPrediction> predicted = predictor
            ? predictor->predict(foldHeld, 256, &loadError)
            : std::vector<models::BagPrediction>();
    cleanup();
    if (predicted.size() != f.held.size())
        return JobOutcome::failure(QStringLiteral("fold %1: scoring the held-out clips: %2")
                                           .arg(fold + 1)
                                           .arg(QString::fromStdString(loadError.message)));
    const int classes = bags.numClasses;
    for (size_t h = 0; h < f.held.size(); ++h) {
        const qint64 clipId = loaded->clipIds.at(f.held[h]);
        for (int c = 0; c < classes && c < int(predicted[h].clipScores.size()); ++c)
            scores.append({clipId, classKeys.at(c), predicted[h].clipScores[size_t(c)], fold});
    }
    context.log(QStringLiteral("fold %1/%2: trained on %3 clips, scored %4 held-out clips")
                        .arg(fold + 1)
                        .arg(options.folds)
                        .arg(f.fit.size() + f.validation.size())
                        .arg(f.held.size()));
    return std::nullopt;
}

JobOutcome CrossFitRun::storeScores()
{
    progress.stage = QStringLiteral("writing");
    progress.done = progress.total;
    context.reportProgress(progress);
    library::HeldoutRun run;
    run.modelId = version->id;
    run.folds = options.folds;
    run.labelSnapshot = loaded->labelSnapshot;
    run.clips = labelled.size();
    QJsonObject details {{QStringLiteral("kind"), QString::fromStdString(config.modelKind)},
                         {QStringLiteral("epochs"), config.epochs},
                         {QStringLiteral("seed"), QString::number(options.seed)},
                         {QStringLiteral("start"), QStringLiteral("scratch")},
                         {QStringLiteral("extractor"), extractorKey},
                         {QStringLiteral("groupedBy"), QStringLiteral("track")}};
    run.detailsJson = QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact));
    const library::CatalogError written = lib->heldoutPredictions().replace(run, scores);
    if (written.isError())
        return JobOutcome::failure(written.message);
    lib->database().checkpointAfterBulkWrite();
    context.log(QStringLiteral("%1: %2 held-out scores of %3 clips stored")
                        .arg(versionName)
                        .arg(scores.size())
                        .arg(labelled.size()));
    return JobOutcome::success({{QStringLiteral("modelId"), version->id},
                                {QStringLiteral("folds"), options.folds},
                                {QStringLiteral("clips"), qint64(labelled.size())},
                                {QStringLiteral("scores"), qint64(scores.size())},
                                {QStringLiteral("trainBags"), loaded->bags.numBags()},
                                {QStringLiteral("epochs"), config.epochs},
                                {QStringLiteral("seconds"), timer.elapsed() / 1000.0}});
}

} // namespace timbre::jobs
