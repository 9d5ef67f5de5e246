// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/jobs/PredictSteps.h"

#include "core/jobs/JobContext.h"
#include "core/jobs/JobLibrary.h"
#include "core/jobs/Shard.h"
#include "core/library/CatalogDatabase.h"
#include "core/library/ClipStore.h"
#include "core/library/Library.h"
#include "core/library/MissingWork.h"
#include "core/library/PredictionStore.h"
#include "core/library/Taxonomy.h"

#include "models/api/TorchInfo.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>

#include <algorithm>

namespace timbre::jobs {

PredictRun::PredictRun(JobContext &context, const PredictOptions &options,
                       std::function<void(qint64)> chunkWritten)
    : context(context), options(options), chunkWritten(std::move(chunkWritten))
{
    timer.start();
}

PredictRun::~PredictRun() = default;

std::optional<JobOutcome> PredictRun::openLibrary()
{
    JobOutcome openFailed;
    lib = openJobLibrary(options.libraryFolder, &openFailed);
    if (!lib)
        return openFailed;
    return std::nullopt;
}

std::optional<JobOutcome> PredictRun::resolveModel()
{
    if (options.modelId > 0) {
        auto found = lib->models().findById(options.modelId);
        if (!found)
            return JobOutcome::failure(found.error().message);
        if (!*found)
            return JobOutcome::failure(QStringLiteral("%1: no model with id %2")
                                               .arg(lib->databasePath())
                                               .arg(options.modelId));
        model = **found;
    } else {
        auto active = lib->models().active();
        if (!active)
            return JobOutcome::failure(active.error().message);
        if (!*active)
            return JobOutcome::failure(
                    QStringLiteral("%1: no active model (activate one or name a model id)")
                            .arg(lib->databasePath()));
        model = **active;
    }
    modelName = QStringLiteral("model %1 ('%2')").arg(model->id).arg(model->name);
    return std::nullopt;
}

std::optional<JobOutcome> PredictRun::loadPredictor()
{
    checkpoint = QDir(lib->modelsPath()).filePath(model->checkpointFile);
    if (model->checkpointFile.isEmpty() || !QFileInfo(checkpoint).isFile())
        return JobOutcome::failure(
                QStringLiteral("%1: checkpoint %2 does not exist").arg(modelName, checkpoint));
    models::ModelError error;
    predictor = models::Predictor::load(checkpoint.toStdString(), &error);
    if (!predictor)
        return JobOutcome::failure(
                QStringLiteral("%1: %2").arg(modelName, QString::fromStdString(error.message)));
    if (options.threads > 0)
        models::setTorchThreads(options.threads);
    return std::nullopt;
}

std::optional<JobOutcome> PredictRun::checkClasses()
{
    // The scores are written under the checkpoint's class keys.
    for (const std::string &name : predictor->info().classNames)
        classKeys << QString::fromStdString(name);
    auto taxonomy = lib->taxonomy().keys();
    if (!taxonomy)
        return JobOutcome::failure(taxonomy.error().message);
    const QSet<QString> known(taxonomy->begin(), taxonomy->end());
    QStringList unknown;
    for (const QString &k : classKeys)
        if (!known.contains(k))
            unknown << k;
    if (classKeys.isEmpty())
        return JobOutcome::failure(
                QStringLiteral("%1: checkpoint %2 names no classes").arg(modelName, checkpoint));
    if (!unknown.isEmpty())
        return JobOutcome::failure(
                QStringLiteral("%1: checkpoint %2 has classes that are not instruments of the "
                               "library: %3")
                        .arg(modelName, checkpoint, unknown.join(QStringLiteral(", "))));
    return std::nullopt;
}

std::optional<JobOutcome> PredictRun::resolveExtractor()
{
    extractorId = model->extractorId;
    extractorVersion = model->extractorVersion;
    if (extractorId.isEmpty()) {
        extractorId = QString::fromStdString(predictor->info().extractorId);
        extractorVersion = predictor->info().extractorVersion;
    }
    if (extractorId.isEmpty())
        return JobOutcome::failure(
                QStringLiteral("%1: neither the catalog nor checkpoint %2 names an extractor")
                        .arg(modelName, checkpoint));
    extractorKey = QStringLiteral("%1-v%2").arg(extractorId).arg(extractorVersion);
    return std::nullopt;
}

std::optional<JobOutcome> PredictRun::loadClips()
{
    progress.stage = QStringLiteral("loading features");
    progress.total = -1;
    context.reportProgress(progress);
    datasets::LibraryBagOptions bagOptions;
    bagOptions.clips = datasets::LibraryBagOptions::Clips::All;
    const Shard shard {options.shardIndex, options.shardCount};
    if (!options.trackIds.isEmpty() || !shard.whole()) {
        part = options.trackIds.isEmpty()
                ? shard.text()
                : (shard.whole() ? QStringLiteral("tracks")
                                 : QStringLiteral("tracks %1").arg(shard.text()));
        const bool fromManifest = !options.trackIds.isEmpty();
        const QSet<qint64> dealt = shard.dealt(options.trackIds);
        auto clips = lib->clips().list();
        if (!clips)
            return JobOutcome::failure(clips.error().message);
        for (const library::ClipRecord &clip : *clips) {
            if (fromManifest ? dealt.contains(clip.trackId) : shard.holds(clip.trackId))
                bagOptions.clipIds.append(clip.id);
        }
        if (bagOptions.clipIds.isEmpty()) {
            // An empty list would mean every clip: this part has none to score.
            loaded.emplace();
            return std::nullopt;
        }
    }
    loaded.emplace(datasets::LibraryBags::load(*lib, extractorKey, bagOptions));
    if (!loaded->ok())
        return JobOutcome::failure(loaded->error);
    for (const QString &line : loaded->skipped)
        context.reportFailure(line.section(QStringLiteral(": "), 0, 0), line);
    const models::BagSet &bags = loaded->bags;
    if (bags.numBags() > 0 && bags.featureDim != predictor->info().featureDim)
        return JobOutcome::failure(
                QStringLiteral("%1: checkpoint %2 expects %3-d features, the %4 features are %5-d")
                        .arg(modelName, checkpoint)
                        .arg(predictor->info().featureDim)
                        .arg(extractorKey)
                        .arg(bags.featureDim));
    return std::nullopt;
}

std::optional<JobOutcome> PredictRun::beginOrResumeRun(QSet<qint64> *done)
{
    auto latest = lib->predictions().latestRun(model->id, part);
    if (!latest)
        return JobOutcome::failure(latest.error().message);
    if (*latest && (*latest)->finishedMs == 0) {
        auto committed = lib->predictions().clipsDoneInRun((*latest)->id, int(classKeys.size()),
                                                           extractorId, extractorVersion);
        if (!committed)
            return JobOutcome::failure(committed.error().message);
        runId = (*latest)->id;
        resumed = true;
        *done = std::move(*committed);
        return std::nullopt;
    }
    auto begun = lib->predictions().beginRun(model->id, part);
    if (!begun)
        return JobOutcome::failure(begun.error().message);
    runId = *begun;
    return std::nullopt;
}

JobOutcome PredictRun::scoreAndWrite()
{
    QSet<qint64> done;
    if (auto failed = beginOrResumeRun(&done))
        return *failed;

    const models::BagSet &bags = loaded->bags;
    const int total = bags.numBags();
    // The bags still to score, in clip order; the rest count as written at once.
    std::vector<int> todo;
    todo.reserve(size_t(total));
    for (int b = 0; b < total; ++b) {
        if (done.contains(loaded->clipIds.at(b)))
            ++reused;
        else
            todo.push_back(b);
    }
    written = reused;
    if (resumed)
        context.log(QStringLiteral("%1: resuming predict run %2, %3 of %4 clips already scored")
                            .arg(modelName)
                            .arg(runId)
                            .arg(reused)
                            .arg(total));
    const int remaining = int(todo.size());
    const int chunk = std::max(1, options.batchClips);
    const int classes = int(classKeys.size());
    progress.stage = QStringLiteral("predicting");
    progress.total = total;
    progress.done = written;
    progress.failed = loaded->skipped.size();
    QList<library::PredictionScore> scores;
    for (int first = 0; first < remaining; first += chunk) {
        if (!context.checkpoint())
            return JobOutcome::cancelled(summary());
        const int n = std::min(chunk, remaining - first);
        const std::vector<int> indices(todo.begin() + first, todo.begin() + first + n);
        const models::BagSet part = n == total ? bags : bags.subset(indices);
        models::ModelError error;
        const std::vector<models::BagPrediction> predictions
                = predictor->predict(part, 256, &error);
        if (predictions.size() != size_t(n))
            return JobOutcome::failure(QString::fromStdString(error.message), summary());
        scores.clear();
        scores.reserve(n * classes);
        for (int b = 0; b < n; ++b) {
            const qint64 clipId = loaded->clipIds.at(indices[size_t(b)]);
            for (int c = 0; c < classes; ++c)
                scores.append(
                        {clipId, classKeys.at(c), predictions[size_t(b)].clipScores[size_t(c)]});
        }
        const library::CatalogError e = lib->predictions().write(model->id, scores, runId);
        if (e.isError())
            return JobOutcome::failure(e.message, summary());
        written += n;
        progress.done = written;
        progress.currentItem = QStringLiteral("clip %1").arg(loaded->clipIds.at(indices.back()));
        context.reportProgress(progress);
        if (chunkWritten)
            chunkWritten(written);
    }
    const library::CatalogError finished = lib->predictions().finishRun(runId, written);
    if (finished.isError())
        return JobOutcome::failure(finished.message, summary());
    if (!part.isEmpty()) {
        if (auto failed = completeWholeRunIfDone())
            return *failed;
    }
    lib->database().checkpointAfterBulkWrite();
    context.log(QStringLiteral("%1: %2 clips scored (%3 of them before a resume), %4 skipped")
                        .arg(modelName)
                        .arg(written)
                        .arg(reused)
                        .arg(loaded->skipped.size()));
    return JobOutcome::success(summary());
}

std::optional<JobOutcome> PredictRun::completeWholeRunIfDone()
{
    auto missing = library::tracksMissingPredictions(
            lib->database(), model->id, int(classKeys.size()), extractorId, extractorVersion);
    if (!missing)
        return JobOutcome::failure(missing.error().message, summary());
    if (!missing->isEmpty())
        return std::nullopt;
    auto began = lib->predictions().shardRunsStartedMs(model->id);
    if (!began)
        return JobOutcome::failure(began.error().message, summary());
    auto scores = lib->predictions().count(model->id);
    if (!scores)
        return JobOutcome::failure(scores.error().message, summary());
    const qint64 clips = classKeys.isEmpty() ? 0 : *scores / classKeys.size();
    auto recorded = lib->predictions().recordWholeRun(model->id, *began, clips);
    if (!recorded)
        return JobOutcome::failure(recorded.error().message, summary());
    completedWhole = true;
    context.log(QStringLiteral("%1: no clip left to score; recorded whole run %2 (%3 clips)")
                        .arg(modelName)
                        .arg(*recorded)
                        .arg(clips));
    return std::nullopt;
}

QVariantMap PredictRun::summary() const
{
    return {{QStringLiteral("modelId"), model ? model->id : qint64(0)},
            {QStringLiteral("runId"), runId},
            {QStringLiteral("clips"), written},
            {QStringLiteral("reused"), reused},
            {QStringLiteral("resumed"), resumed},
            {QStringLiteral("part"), part},
            {QStringLiteral("completedWhole"), completedWhole},
            {QStringLiteral("skipped"), loaded ? qint64(loaded->skipped.size()) : qint64(0)},
            {QStringLiteral("seconds"), timer.elapsed() / 1000.0}};
}

} // namespace timbre::jobs
