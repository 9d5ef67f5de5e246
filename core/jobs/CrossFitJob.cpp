// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/jobs/CrossFitJob.h"

#include "core/datasets/trainsets/LibraryBags.h"
#include "core/jobs/CancelWatcher.h"
#include "core/jobs/JobContext.h"
#include "core/jobs/JobLibrary.h"
#include "core/jobs/JobParameters.h"
#include "core/library/CatalogDatabase.h"
#include "core/library/HeldoutPredictionStore.h"
#include "core/library/Library.h"
#include "core/library/ModelStore.h"

#include "models/api/ModelKinds.h"
#include "models/api/Predictor.h"
#include "models/api/SeededOrder.h"
#include "models/api/TorchInfo.h"
#include "models/api/Training.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <random>

namespace timbre::jobs {

namespace {
const QString kLibrary = QStringLiteral("libraryFolder");
const QString kModel = QStringLiteral("modelId");
const QString kFolds = QStringLiteral("folds");
const QString kEpochs = QStringLiteral("epochs");
const QString kSeed = QStringLiteral("seed");
const QString kThreads = QStringLiteral("threads");

bool semiSupervised(const std::string &kind)
{
    const models::ModelKind *k = models::findModelKind(kind);
    return k && k->semiSupervised;
}

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
    QElapsedTimer timer;
    timer.start();
    const CrossFitOptions &o = m_options;
    if (o.folds < 2)
        return JobOutcome::failure(
                QStringLiteral("cross-fitting needs at least 2 folds, not %1").arg(o.folds));
    JobOutcome openFailed;
    const std::unique_ptr<library::Library> lib = openJobLibrary(o.libraryFolder, &openFailed);
    if (!lib)
        return openFailed;

    auto found = o.modelId > 0 ? lib->models().findById(o.modelId) : lib->models().active();
    if (!found)
        return JobOutcome::failure(found.error().message);
    if (!*found)
        return JobOutcome::failure(o.modelId > 0 ? QStringLiteral("%1: no model with id %2")
                                                           .arg(lib->folder())
                                                           .arg(o.modelId)
                                                 : QStringLiteral("%1: no active model (train "
                                                                  "one, or name a model)")
                                                           .arg(lib->folder()));
    const library::ModelRecord version = **found;
    const QString versionName = QStringLiteral("model %1 ('%2')").arg(version.id).arg(version.name);
    if (version.extractorId.isEmpty())
        return JobOutcome::failure(QStringLiteral("%1 names no extractor").arg(versionName));
    QString error;
    models::TrainConfig config = recipe(*lib, version, &error);
    if (!error.isEmpty())
        return JobOutcome::failure(error);
    if (o.epochs > 0)
        config.epochs = o.epochs;
    config.seed = o.seed;
    config.threads = o.threads;
    config.progressEverySteps = 1;
    config.extractorId = version.extractorId.toStdString();
    config.extractorVersion = version.extractorVersion;
    if (o.threads > 0)
        models::setTorchThreads(o.threads);

    JobProgress progress;
    progress.stage = QStringLiteral("loading");
    context.reportProgress(progress);
    const QString extractorKey
            = QStringLiteral("%1-v%2").arg(version.extractorId).arg(version.extractorVersion);
    datasets::LibraryBagOptions bagOptions;
    bagOptions.clips = datasets::LibraryBagOptions::Clips::Trainable;
    bagOptions.onlyLabelled = !semiSupervised(config.modelKind);
    const datasets::LibraryBags train = datasets::LibraryBags::load(*lib, extractorKey, bagOptions);
    if (!train.ok())
        return JobOutcome::failure(train.error);
    if (!train.skipped.isEmpty())
        context.log(QStringLiteral("%1 clips without current %2 features left out")
                            .arg(train.skipped.size())
                            .arg(extractorKey));
    config.labelSnapshot = std::to_string(train.labelSnapshot);

    // Labelled bags, their folds by track.
    const models::BagSet &bags = train.bags;
    const int classes = bags.numClasses;
    const auto isLabelled = [&bags, classes](int b) {
        const auto *observed = bags.observed.data() + size_t(b) * size_t(classes);
        return std::any_of(observed, observed + classes, [](uint8_t v) { return v != 0; });
    };
    QList<int> labelled;
    QList<qint64> labelledTracks;
    for (int b = 0; b < bags.numBags(); ++b) {
        if (isLabelled(b)) {
            labelled << b;
            labelledTracks << train.trackIds.at(b);
        }
    }
    const int tracks = int(QSet<qint64>(labelledTracks.begin(), labelledTracks.end()).size());
    if (tracks < o.folds)
        return JobOutcome::failure(
                QStringLiteral("%1: %2 folds need at least %2 labelled tracks with %3 features "
                               "outside the test clips; there are %4")
                        .arg(lib->folder())
                        .arg(o.folds)
                        .arg(extractorKey)
                        .arg(tracks));
    const QList<int> foldOf = foldsByTrack(labelledTracks, o.folds, o.seed);
    context.log(QStringLiteral("%1: %2 folds over %3 labelled clips of %4 tracks (%5 training "
                               "clips), %6, %7 epochs from scratch")
                        .arg(versionName)
                        .arg(o.folds)
                        .arg(labelled.size())
                        .arg(tracks)
                        .arg(bags.numBags())
                        .arg(QString::fromStdString(config.modelKind))
                        .arg(config.epochs));

    QStringList classKeys;
    for (const std::string &name : bags.classNames)
        classKeys << QString::fromStdString(name);
    QList<library::HeldoutScore> scores;
    std::atomic<bool> cancel {false};
    progress.total = qint64(o.folds) * config.epochs;
    const QDir modelsDir(lib->modelsPath());
    for (int fold = 0; fold < o.folds; ++fold) {
        if (!context.checkpoint())
            return JobOutcome::cancelled({{QStringLiteral("folds"), fold}});
        QSet<int> held;
        std::vector<int> heldBags, trainBags;
        for (int i = 0; i < labelled.size(); ++i)
            if (foldOf.at(i) == fold)
                held.insert(labelled.at(i));
        for (int b = 0; b < bags.numBags(); ++b)
            (held.contains(b) ? heldBags : trainBags).push_back(b);
        std::sort(heldBags.begin(), heldBags.end());
        // The recipe's validation split, drawn here from the fold's LABELLED training clips:
        // drawn from all of them, it can hold only unlabelled clips (Mean Teacher), whose
        // validation loss is undefined, and then no epoch is ever kept. Too few labelled
        // clips for two: no validation, the last epoch is kept.
        std::vector<int> validBags;
        if (config.validationFraction > 0.0) {
            std::vector<int> candidates;
            for (int b : trainBags)
                if (isLabelled(b))
                    candidates.push_back(b);
            const models::SeededSplit split
                    = models::seededSplit(int(candidates.size()), config.validationFraction,
                                          o.seed + 7919u * quint64(fold + 1));
            if (split.held.size() >= 2 && !split.kept.empty())
                for (int i : split.held)
                    validBags.push_back(candidates[size_t(i)]);
        }
        const QSet<int> validSet(validBags.begin(), validBags.end());
        std::vector<int> fitBags;
        for (int b : trainBags)
            if (!validSet.contains(b))
                fitBags.push_back(b);
        const models::BagSet foldTrain = bags.subset(fitBags);
        const models::BagSet foldValid = bags.subset(validBags);
        const models::BagSet foldHeld = bags.subset(heldBags);
        models::TrainConfig foldConfig = config;
        foldConfig.seed = o.seed + quint64(fold);
        if (validBags.empty())
            foldConfig.validationFraction = 0.0;
        const QString staged
                = modelsDir.filePath(QStringLiteral(".crossfit-%1-%2-%3.ckpt")
                                             .arg(version.id)
                                             .arg(fold)
                                             .arg(QDateTime::currentMSecsSinceEpoch()));
        foldConfig.outputCheckpoint = staged.toStdString();
        const auto cleanup = [&staged] {
            QFile::remove(staged);
            QFile::remove(staged + QStringLiteral(".tmp"));
        };
        progress.stage = QStringLiteral("fold %1/%2").arg(fold + 1).arg(o.folds);
        const qint64 before = qint64(fold) * config.epochs;
        progress.done = before;
        context.reportProgress(progress);
        models::TrainResult trained;
        {
            CancelWatcher watcher(context, cancel);
            trained = models::trainModel(
                    foldConfig, foldTrain, validBags.empty() ? nullptr : &foldValid,
                    [&](const models::EpochReport &r) {
                        if (!context.checkpoint()) {
                            cancel.store(true);
                            return;
                        }
                        progress.done = before + (r.partial ? r.epoch - 1 : r.epoch);
                        progress.currentItem = QStringLiteral("epoch %1").arg(r.epoch);
                        context.reportProgress(progress);
                    },
                    &cancel);
        }
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
        if (predicted.size() != heldBags.size())
            return JobOutcome::failure(QStringLiteral("fold %1: scoring the held-out clips: %2")
                                               .arg(fold + 1)
                                               .arg(QString::fromStdString(loadError.message)));
        for (size_t h = 0; h < heldBags.size(); ++h) {
            const qint64 clipId = train.clipIds.at(heldBags[h]);
            for (int c = 0; c < classes && c < int(predicted[h].clipScores.size()); ++c)
                scores.append({clipId, classKeys.at(c), predicted[h].clipScores[size_t(c)], fold});
        }
        context.log(QStringLiteral("fold %1/%2: trained on %3 clips, scored %4 held-out clips")
                            .arg(fold + 1)
                            .arg(o.folds)
                            .arg(trainBags.size())
                            .arg(heldBags.size()));
    }

    progress.stage = QStringLiteral("writing");
    progress.done = progress.total;
    context.reportProgress(progress);
    library::HeldoutRun run;
    run.modelId = version.id;
    run.folds = o.folds;
    run.labelSnapshot = train.labelSnapshot;
    run.clips = labelled.size();
    QJsonObject details {{QStringLiteral("kind"), QString::fromStdString(config.modelKind)},
                         {QStringLiteral("epochs"), config.epochs},
                         {QStringLiteral("seed"), QString::number(o.seed)},
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
    return JobOutcome::success({{QStringLiteral("modelId"), version.id},
                                {QStringLiteral("folds"), o.folds},
                                {QStringLiteral("clips"), qint64(labelled.size())},
                                {QStringLiteral("scores"), qint64(scores.size())},
                                {QStringLiteral("trainBags"), bags.numBags()},
                                {QStringLiteral("epochs"), config.epochs},
                                {QStringLiteral("seconds"), timer.elapsed() / 1000.0}});
}

} // namespace timbre::jobs
