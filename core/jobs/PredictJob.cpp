// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/jobs/PredictJob.h"

#include "core/datasets/trainsets/LibraryBags.h"
#include "core/jobs/JobContext.h"
#include "core/jobs/JobLibrary.h"
#include "core/jobs/JobParameters.h"
#include "core/library/CatalogDatabase.h"
#include "core/library/Library.h"
#include "core/library/ModelStore.h"
#include "core/library/PredictionStore.h"
#include "core/library/Taxonomy.h"

#include "models/api/Predictor.h"
#include "models/api/TorchInfo.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSet>

#include <algorithm>
#include <numeric>

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
    static const auto fields = JobParameters<PredictOptions>()
                                       .field(kLibrary, &PredictOptions::libraryFolder)
                                       .field(kModel, &PredictOptions::modelId)
                                       .field(kBatch, &PredictOptions::batchClips)
                                       .field(kThreads, &PredictOptions::threads);
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
    QElapsedTimer timer;
    timer.start();
    JobOutcome openFailed;
    const std::unique_ptr<library::Library> lib
            = openJobLibrary(m_options.libraryFolder, &openFailed);
    if (!lib)
        return openFailed;

    // The model: the one asked for, else the active one.
    std::optional<library::ModelRecord> model;
    if (m_options.modelId > 0) {
        auto found = lib->models().findById(m_options.modelId);
        if (!found)
            return JobOutcome::failure(found.error().message);
        if (!*found)
            return JobOutcome::failure(QStringLiteral("%1: no model with id %2")
                                               .arg(lib->databasePath())
                                               .arg(m_options.modelId));
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
    const QString modelName = QStringLiteral("model %1 ('%2')").arg(model->id).arg(model->name);

    const QString checkpoint = QDir(lib->modelsPath()).filePath(model->checkpointFile);
    if (model->checkpointFile.isEmpty() || !QFileInfo(checkpoint).isFile())
        return JobOutcome::failure(
                QStringLiteral("%1: checkpoint %2 does not exist").arg(modelName, checkpoint));
    models::ModelError error;
    const std::unique_ptr<models::Predictor> predictor
            = models::Predictor::load(checkpoint.toStdString(), &error);
    if (!predictor)
        return JobOutcome::failure(
                QStringLiteral("%1: %2").arg(modelName, QString::fromStdString(error.message)));
    if (m_options.threads > 0)
        models::setTorchThreads(m_options.threads);

    // The checkpoint's classes must all be instruments of the library: its scores are written
    // under those keys.
    QStringList classKeys;
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
    if (classKeys.isEmpty() || !unknown.isEmpty())
        return JobOutcome::failure(
                classKeys.isEmpty()
                        ? QStringLiteral("%1: checkpoint %2 names no classes")
                                  .arg(modelName, checkpoint)
                        : QStringLiteral("%1: checkpoint %2 has classes that are not instruments "
                                         "of the library: %3")
                                  .arg(modelName, checkpoint, unknown.join(QStringLiteral(", "))));

    QString extractorId = model->extractorId;
    int extractorVersion = model->extractorVersion;
    if (extractorId.isEmpty()) {
        extractorId = QString::fromStdString(predictor->info().extractorId);
        extractorVersion = predictor->info().extractorVersion;
    }
    if (extractorId.isEmpty())
        return JobOutcome::failure(
                QStringLiteral("%1: neither the catalog nor checkpoint %2 names an extractor")
                        .arg(modelName, checkpoint));
    const QString extractorKey = QStringLiteral("%1-v%2").arg(extractorId).arg(extractorVersion);

    JobProgress progress;
    progress.stage = QStringLiteral("loading features");
    progress.total = -1;
    context.reportProgress(progress);
    datasets::LibraryBagOptions bagOptions;
    bagOptions.clips = datasets::LibraryBagOptions::Clips::All;
    const datasets::LibraryBags loaded
            = datasets::LibraryBags::load(*lib, extractorKey, bagOptions);
    if (!loaded.ok())
        return JobOutcome::failure(loaded.error);
    for (const QString &line : loaded.skipped)
        context.reportFailure(line.section(QStringLiteral(": "), 0, 0), line);
    const models::BagSet &bags = loaded.bags;
    if (bags.numBags() > 0 && bags.featureDim != predictor->info().featureDim)
        return JobOutcome::failure(
                QStringLiteral("%1: checkpoint %2 expects %3-d features, the %4 features are %5-d")
                        .arg(modelName, checkpoint)
                        .arg(predictor->info().featureDim)
                        .arg(extractorKey)
                        .arg(bags.featureDim));

    auto runId = lib->predictions().beginRun(model->id);
    if (!runId)
        return JobOutcome::failure(runId.error().message);
    const auto summary = [&](qint64 clips) {
        return QVariantMap {{QStringLiteral("modelId"), model->id},
                            {QStringLiteral("runId"), *runId},
                            {QStringLiteral("clips"), clips},
                            {QStringLiteral("skipped"), qint64(loaded.skipped.size())},
                            {QStringLiteral("seconds"), timer.elapsed() / 1000.0}};
    };

    const int total = bags.numBags();
    const int chunk = std::max(1, m_options.batchClips);
    const int classes = int(classKeys.size());
    progress.stage = QStringLiteral("predicting");
    progress.total = total;
    progress.failed = loaded.skipped.size();
    qint64 written = 0;
    QList<library::PredictionScore> scores;
    for (int first = 0; first < total; first += chunk) {
        if (!context.checkpoint())
            return JobOutcome::cancelled(summary(written));
        const int n = std::min(chunk, total - first);
        std::vector<int> indices(static_cast<size_t>(n));
        std::iota(indices.begin(), indices.end(), first);
        const models::BagSet part = n == total ? bags : bags.subset(indices);
        const std::vector<models::BagPrediction> predictions
                = predictor->predict(part, 256, &error);
        if (predictions.size() != size_t(n))
            return JobOutcome::failure(QString::fromStdString(error.message), summary(written));
        scores.clear();
        scores.reserve(n * classes);
        for (int b = 0; b < n; ++b) {
            const qint64 clipId = loaded.clipIds.at(first + b);
            for (int c = 0; c < classes; ++c)
                scores.append(
                        {clipId, classKeys.at(c), predictions[size_t(b)].clipScores[size_t(c)]});
        }
        const library::CatalogError e = lib->predictions().write(model->id, scores);
        if (e.isError())
            return JobOutcome::failure(e.message, summary(written));
        written += n;
        progress.done = written;
        progress.currentItem = QStringLiteral("clip %1").arg(loaded.clipIds.at(first + n - 1));
        context.reportProgress(progress);
        if (m_chunkWritten)
            m_chunkWritten(written);
    }
    const library::CatalogError finished = lib->predictions().finishRun(*runId, written);
    if (finished.isError())
        return JobOutcome::failure(finished.message, summary(written));
    lib->database().checkpointAfterBulkWrite();
    context.log(QStringLiteral("%1: %2 clips scored, %3 skipped")
                        .arg(modelName)
                        .arg(written)
                        .arg(loaded.skipped.size()));
    return JobOutcome::success(summary(written));
}

} // namespace timbre::jobs
