// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/jobs/TrainSteps.h"

#include "core/jobs/JobContext.h"
#include "core/jobs/JobLibrary.h"
#include "core/jobs/TrainRecords.h"
#include "core/library/Library.h"
#include "core/modelling/ModelsFolderRecovery.h"

#include "models/api/ModelKinds.h"
#include "models/api/Training.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <atomic>

namespace timbre::jobs {

namespace {

// Mid-epoch records at most this often: enough for a live curve, few enough to keep.
constexpr qint64 kPartialRecordMs = 500;

const QString kDefaultExtractor = QStringLiteral("melstat-v1");

// Kinds that learn from bags of instance features (models/api/ModelKinds.h); the strong-label
// nets need 1 s patches.
QStringList bagKinds()
{
    QStringList keys;
    for (const std::string &key : models::bagKindKeys())
        keys << QString::fromStdString(key);
    return keys;
}
// Kinds that use clips without labels as unlabelled data.
bool semiSupervised(const QString &kind)
{
    const models::ModelKind *k = models::findModelKind(kind.toStdString());
    return k && k->semiSupervised;
}

// Keys of the TrainConfig JSON that the job sets itself; an override of them is refused.
const QStringList kManagedKeys
        = {QStringLiteral("modelKind"),        QStringLiteral("warmStartCheckpoint"),
           QStringLiteral("outputCheckpoint"), QStringLiteral("extractorId"),
           QStringLiteral("extractorVersion"), QStringLiteral("labelSnapshot"),
           QStringLiteral("parentModel"),      QStringLiteral("fineTune")};

// Applies the options' overrides to config through its JSON form. Empty on success.
QString applyOverrides(const QVariantMap &overrides, models::TrainConfig *config)
{
    if (overrides.isEmpty())
        return {};
    QJsonObject json
            = QJsonDocument::fromJson(QByteArray::fromStdString(config->toJson())).object();
    for (auto it = overrides.constBegin(); it != overrides.constEnd(); ++it) {
        if (kManagedKeys.contains(it.key()))
            return QStringLiteral("training option \"%1\" is set by the job, not by an override")
                    .arg(it.key());
        if (!json.contains(it.key()))
            return QStringLiteral("unknown training option \"%1\"").arg(it.key());
        if (it.key() == QLatin1String("extra")) {
            if (it.value().typeId() != QMetaType::QVariantMap)
                return QStringLiteral("training option \"extra\" must be a map of numbers");
            QJsonObject extra = json.value(it.key()).toObject();
            const QVariantMap more = it.value().toMap();
            for (auto e = more.constBegin(); e != more.constEnd(); ++e)
                extra.insert(e.key(), QJsonValue::fromVariant(e.value()));
            json.insert(it.key(), extra);
        } else {
            json.insert(it.key(), QJsonValue::fromVariant(it.value()));
        }
    }
    models::ModelError error;
    const models::TrainConfig merged = models::TrainConfig::fromJson(
            QJsonDocument(json).toJson(QJsonDocument::Compact).toStdString(), &error);
    if (error.isError())
        return QString::fromStdString(error.message);
    *config = merged;
    return {};
}

// "<id>-v<version>" split; false when it is not such a key.
bool splitExtractorKey(const QString &key, QString *id, int *version)
{
    const int dash = key.lastIndexOf(QStringLiteral("-v"));
    if (dash <= 0)
        return false;
    bool ok = false;
    *version = key.mid(dash + 2).toInt(&ok);
    *id = key.left(dash);
    return ok && *version > 0;
}

void removeStaged(const QString &path)
{
    QFile::remove(path);
    QFile::remove(path + QStringLiteral(".tmp"));
}

QString epochLine(const models::EpochReport &r, int epochs)
{
    QString line = QStringLiteral("epoch %1/%2").arg(r.epoch).arg(epochs);
    for (const auto &[name, value] : r.trainLosses)
        line += QStringLiteral(" %1 %2").arg(QString::fromStdString(name)).arg(value, 0, 'f', 4);
    if (r.validated)
        line += QStringLiteral(" val %1%2")
                        .arg(r.validationLoss, 0, 'f', 4)
                        .arg(r.improved ? QStringLiteral(" *") : QString());
    line += QStringLiteral(" %1 s").arg(r.seconds, 0, 'f', 1);
    return line;
}

// Stores the trained checkpoint `staged` under a free name "<baseName>[-N].ckpt" in the
// library's models folder and adds the version's row with its history. Fills record's name
// and checkpoint file and *finalPath; returns the model id, or 0 with *error (the staged file
// is then the caller's to remove; a renamed one is removed here).
qint64 registerVersion(const library::Library &lib, const QString &staged, const QString &baseName,
                       models::TrainConfig stored, const QList<QVariantMap> &history,
                       library::ModelRecord *record, QString *finalPath, QString *error)
{
    const QDir modelsDir(lib.modelsPath());
    for (int attempt = 1; attempt <= 1000; ++attempt) {
        const QString name
                = attempt == 1 ? baseName : QStringLiteral("%1-%2").arg(baseName).arg(attempt);
        auto taken = lib.models().findByName(name);
        if (!taken) {
            *error = taken.error().message;
            return 0;
        }
        const QString file = name + QStringLiteral(".ckpt");
        const QString path = modelsDir.filePath(file);
        if (*taken || QFileInfo::exists(path))
            continue;
        if (!QFile::rename(staged, path))
            continue; // taken in between, or not writable: the next name tells which
        stored.outputCheckpoint = file.toStdString();
        record->name = name;
        record->checkpointFile = file;
        record->hyperParametersJson = QString::fromStdString(stored.toJson());
        auto added = lib.models().add(*record, history);
        if (added) {
            *finalPath = path;
            return *added;
        }
        QFile::remove(path);
        if (added.error().code != library::CatalogError::Conflict) {
            *error = added.error().message;
            return 0;
        }
    }
    *error = QStringLiteral("%1: could not store the checkpoint as %2.ckpt (or a numbered variant)")
                     .arg(modelsDir.path(), baseName);
    return 0;
}

} // namespace

TrainRun::TrainRun(JobContext &context, const TrainJobOptions &options,
                   std::function<void(const models::BagSet &)> trainingSetHook)
    : context(context), options(options), trainingSetHook(std::move(trainingSetHook))
{
    timer.start();
}

TrainRun::~TrainRun() = default;

StepResult checkOptions(TrainRun &run)
{
    const TrainJobOptions &o = run.options;
    if (!bagKinds().contains(o.kind))
        return JobOutcome::failure(
                QStringLiteral("model kind \"%1\" cannot train on library clips (one of %2)")
                        .arg(o.kind, bagKinds().join(QStringLiteral(", "))));
    if (!TrainActivation::isPolicy(o.activation))
        return JobOutcome::failure(
                QStringLiteral("activation \"%1\" is not one of %2")
                        .arg(o.activation, TrainActivation::policies().join(QStringLiteral(", "))));
    return std::nullopt;
}

StepResult openLibrary(TrainRun &run)
{
    JobOutcome openFailed;
    run.lib = openJobLibrary(run.options.libraryFolder, &openFailed);
    if (!run.lib)
        return openFailed;
    // What an earlier train job or import left when it was killed: its staging file goes, a
    // finished but unregistered checkpoint becomes a version (ModelsFolderRecovery.h).
    const modelling::ModelsFolderRecovery recovered = modelling::recoverModelsFolder(*run.lib);
    for (const QString &line : recovered.messages)
        run.context.log(line);
    return std::nullopt;
}

StepResult resolveParent(TrainRun &run)
{
    const TrainJobOptions &o = run.options;
    if (o.warmStart.isEmpty())
        return std::nullopt;
    const library::Library &lib = *run.lib;
    bool isId = false;
    const qint64 id = o.warmStart.toLongLong(&isId);
    auto found = o.warmStart == QLatin1String("active")
            ? lib.models().active()
            : (isId ? lib.models().findById(id) : lib.models().findByName(o.warmStart));
    if (!found)
        return JobOutcome::failure(found.error().message);
    if (!*found)
        return JobOutcome::failure(
                o.warmStart == QLatin1String("active")
                        ? QStringLiteral("%1: no active model to warm-start from (train one "
                                         "from scratch first)")
                                  .arg(lib.folder())
                        : QStringLiteral("%1: no model '%2' to warm-start from")
                                  .arg(lib.folder(), o.warmStart));
    run.parent = **found;
    const library::ModelRecord &parent = *run.parent;
    run.parentCheckpoint = QDir(lib.modelsPath()).filePath(parent.checkpointFile);
    if (parent.checkpointFile.isEmpty() || !QFileInfo(run.parentCheckpoint).isFile())
        return JobOutcome::failure(QStringLiteral("model %1 ('%2'): checkpoint %3 does not exist")
                                           .arg(parent.id)
                                           .arg(parent.name, run.parentCheckpoint));
    models::ModelError error;
    if (!models::Predictor::readInfo(run.parentCheckpoint.toStdString(), &run.parentInfo, &error))
        return JobOutcome::failure(QString::fromStdString(error.message));
    return std::nullopt;
}

StepResult resolveExtractor(TrainRun &run)
{
    QString key = run.options.extractorKey;
    if (run.parent && !run.parent->extractorId.isEmpty()) {
        const library::ModelRecord &parent = *run.parent;
        const QString parentKey
                = QStringLiteral("%1-v%2").arg(parent.extractorId).arg(parent.extractorVersion);
        if (key.isEmpty())
            key = parentKey;
        else if (key != parentKey)
            return JobOutcome::failure(
                    QStringLiteral("model %1 ('%2') was trained on %3 features, not %4: train "
                                   "from scratch to change the extractor")
                            .arg(parent.id)
                            .arg(parent.name, parentKey, key));
    }
    if (key.isEmpty())
        key = kDefaultExtractor;
    if (!splitExtractorKey(key, &run.extractorId, &run.extractorVersion))
        return JobOutcome::failure(
                QStringLiteral("%1: not an extractor key (<id>-v<version>)").arg(key));
    run.extractorKey = key;
    return std::nullopt;
}

StepResult loadClips(TrainRun &run)
{
    const TrainJobOptions &o = run.options;
    const library::Library &lib = *run.lib;
    JobContext &context = run.context;
    run.progress.stage = QStringLiteral("loading");
    context.reportProgress(run.progress);
    if (!context.checkpoint())
        return JobOutcome::cancelled();
    datasets::LibraryBagOptions trainOptions;
    trainOptions.clips = datasets::LibraryBagOptions::Clips::Trainable;
    trainOptions.onlyLabelled = !semiSupervised(o.kind);
    run.train = datasets::LibraryBags::load(lib, run.extractorKey, trainOptions);
    const datasets::LibraryBags &train = run.train;
    if (!train.ok())
        return JobOutcome::failure(train.error);
    const QString extractHint
            = QStringLiteral("run `timbre extract %1%2` first")
                      .arg(lib.folder(),
                           run.extractorId == QLatin1String("melstat")
                                   ? QString()
                                   : QStringLiteral(" --extractor %1").arg(run.extractorId));
    if (train.bags.numBags() == 0) {
        if (!train.skipped.isEmpty())
            return JobOutcome::failure(
                    QStringLiteral("%1: no clip to train on has current %2 features (%3 without): "
                                   "%4")
                            .arg(lib.folder(), run.extractorKey)
                            .arg(train.skipped.size())
                            .arg(extractHint));
        return JobOutcome::failure(
                semiSupervised(o.kind)
                        ? QStringLiteral("%1: no clips to train on (test clips are never trained "
                                         "on): scan some audio first")
                                  .arg(lib.folder())
                        : QStringLiteral("%1: no labelled clips to train on (test clips are never "
                                         "trained on): label some clips first")
                                  .arg(lib.folder()));
    }
    run.labelledBags = train.labelledBags();
    if (run.labelledBags == 0)
        return JobOutcome::failure(
                QStringLiteral("%1: none of the %2 clips with %3 features has a label (test clips "
                               "are never trained on): label some clips first")
                        .arg(lib.folder())
                        .arg(train.bags.numBags())
                        .arg(run.extractorKey));
    if (!train.skipped.isEmpty()) {
        context.log(QStringLiteral("%1 clips without current %2 features left out (%3), e.g. %4")
                            .arg(train.skipped.size())
                            .arg(run.extractorKey, extractHint, train.skipped.first()));
    }
    if (!context.checkpoint())
        return JobOutcome::cancelled();
    datasets::LibraryBagOptions testOptions;
    testOptions.clips = datasets::LibraryBagOptions::Clips::Test;
    run.test = datasets::LibraryBags::load(lib, run.extractorKey, testOptions);
    datasets::LibraryBags &test = run.test;
    if (!test.ok())
        return JobOutcome::failure(test.error);
    if (!test.skipped.isEmpty())
        context.log(QStringLiteral("%1 test clips without current %2 features are not scored")
                            .arg(test.skipped.size())
                            .arg(run.extractorKey));
    if (test.bags.numBags() == 0) {
        // Scored as an empty set: the metrics are then undefined (NaN), not an error.
        test.bags.featureDim = train.bags.featureDim;
        test.bags.numClasses = train.bags.numClasses;
        test.bags.classNames = train.bags.classNames;
        test.bags.bagOffsets = {0};
    }
    context.log(QStringLiteral("%1 on %2 clips (%3 labelled), %4 test clips, %5 features, label "
                               "snapshot %6%7")
                        .arg(o.kind)
                        .arg(train.bags.numBags())
                        .arg(run.labelledBags)
                        .arg(test.bags.numBags())
                        .arg(run.extractorKey)
                        .arg(train.labelSnapshot)
                        .arg(run.parent ? QStringLiteral(", warm start from model %1 ('%2')")
                                                  .arg(run.parent->id)
                                                  .arg(run.parent->name)
                                        : QString()));
    return std::nullopt;
}

StepResult buildConfig(TrainRun &run)
{
    const TrainJobOptions &o = run.options;
    // The kind's defaults from scratch; a warm start inherits its parent's (architecture above
    // all) and then warmStartConfig's changes; the overrides come last.
    models::TrainConfig config = models::TrainConfig::defaultsFor(o.kind.toStdString());
    if (run.parent) {
        models::ModelError error;
        const models::TrainConfig inherited
                = models::TrainConfig::fromJson(run.parentInfo.hyperParametersJson, &error);
        if (error.isError())
            return JobOutcome::failure(QStringLiteral("%1: %2").arg(
                    run.parentCheckpoint, QString::fromStdString(error.message)));
        if (inherited.modelKind == config.modelKind)
            config = inherited;
        else
            config.extra = inherited.extra; // e.g. an ATT parent's width for a Mean Teacher
        TrainJob::warmStartConfig(&config, run.train.bags.numBags(),
                                  o.epochs > 0 ? o.epochs : TrainJob::kWarmStartEpochs);
    } else if (o.epochs > 0) {
        config.epochs = o.epochs;
    }
    config.seed = o.seed;
    config.threads = o.threads;
    if (const QString e = applyOverrides(o.overrides, &config); !e.isEmpty())
        return JobOutcome::failure(e);
    config.modelKind = o.kind.toStdString();
    config.extractorId = run.extractorId.toStdString();
    config.extractorVersion = run.extractorVersion;
    config.labelSnapshot = std::to_string(run.train.labelSnapshot);
    config.progressEverySteps = 1; // suspend and progress between steps
    config.fineTune = run.parent ? "all" : "scratch";
    config.warmStartCheckpoint = run.parent ? run.parentCheckpoint.toStdString() : std::string();
    config.parentModel = run.parent ? run.parent->name.toStdString() : std::string();

    // Trained into a hidden staging file; renamed to its name only once it is complete.
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    run.baseName = o.kind + QLatin1Char('-') + stamp;
    run.staged = modelling::stagingCheckpointPath(*run.lib, run.baseName);
    config.outputCheckpoint = run.staged.toStdString();
    run.config = config;
    return std::nullopt;
}

StepResult trainStaged(TrainRun &run)
{
    JobContext &context = run.context;
    if (run.trainingSetHook)
        run.trainingSetHook(run.train.bags);
    if (!context.checkpoint())
        return JobOutcome::cancelled({{QStringLiteral("epochs"), 0},
                                      {QStringLiteral("modelId"), 0},
                                      {QStringLiteral("keptEpoch"), 0}});

    modelling::ModelRunner::TrainOptions runOptions;
    runOptions.config = run.config;
    runOptions.cancel = context.cancelFlag();
    run.plannedEpochs = run.config.epochs;
    const int plannedEpochs = run.plannedEpochs;
    const bool monitored = run.options.heldoutEveryEpoch && labelledBagCount(run.test.bags) > 0;
    runOptions.testEveryEpoch = monitored;
    JobProgress &progress = run.progress;
    progress.stage = QStringLiteral("epoch");
    progress.total = plannedEpochs;
    progress.done = 0;
    context.reportProgress(progress);
    QElapsedTimer wall;
    QElapsedTimer sinceRecord;
    runOptions.progress = [&](const models::EpochReport &r) {
        const double seconds = wall.elapsed() / 1000.0;
        if (!r.partial) {
            // Before the cancel check: a finished epoch is reported and stored even when a
            // cancel arrives now, as its weights may be the ones kept.
            const QVariantMap record
                    = epochRecord(r, plannedEpochs, seconds, monitored ? &run.test.bags : nullptr,
                                  QStringLiteral("test"));
            run.history << record;
            context.reportRecord(record);
            sinceRecord.restart();
            context.log(epochLine(r, plannedEpochs));
        } else if (sinceRecord.elapsed() >= kPartialRecordMs) {
            context.reportRecord(partialEpochRecord(r, plannedEpochs, seconds));
            sinceRecord.restart();
        }
        // Waits while the job is suspended; once cancelled, the trainer sees the job's flag.
        if (!context.checkpoint())
            return;
        progress.done = r.partial ? r.epoch - 1 : r.epoch;
        progress.currentItem = QStringLiteral("epoch %1").arg(r.epoch);
        context.reportProgress(progress);
    };
    run.data.source = run.lib->folder();
    run.data.train = &run.train.bags;
    run.data.test = &run.test.bags;
    wall.start();
    sinceRecord.start();
    run.outcome = modelling::ModelRunner::train(runOptions, run.data);
    const models::TrainResult &training = run.outcome.training;
    run.epochsRun = int(training.history.size());
    run.cancelled = training.cancelled || context.isCancelled();
    if (!run.cancelled && !run.outcome.ok) {
        removeStaged(run.staged);
        return JobOutcome::failure(run.outcome.error.isEmpty() ? QStringLiteral("training failed")
                                                               : run.outcome.error);
    }
    run.keptEpoch = training.checkpointEpoch > 0 ? training.checkpointEpoch
                                                 : (run.outcome.ok ? training.bestEpoch : 0);
    const QVariantMap nothingKept = {{QStringLiteral("epochs"), run.epochsRun},
                                     {QStringLiteral("modelId"), 0},
                                     {QStringLiteral("keptEpoch"), 0}};
    if (run.cancelled && (run.keptEpoch < 1 || !QFileInfo(run.staged).isFile())) {
        removeStaged(run.staged);
        return JobOutcome::cancelled(nothingKept);
    }
    if (run.cancelled && !run.outcome.ok) {
        // Training stopped before the test clips were scored: score what was kept, as the
        // finished run would have (the metrics are the version's like any other's).
        progress.stage = QStringLiteral("scoring");
        context.reportProgress(progress);
        const modelling::RunOutcome scored
                = modelling::ModelRunner::evaluate(run.staged, run.data, run.options.threads);
        if (!scored.ok) {
            context.log(QStringLiteral("the checkpoint of epoch %1 could not be scored, nothing "
                                       "registered: %2")
                                .arg(run.keptEpoch)
                                .arg(scored.error));
            removeStaged(run.staged);
            return JobOutcome::cancelled(nothingKept);
        }
        run.outcome.test = scored.test;
        run.outcome.report = scored.report;
    }
    return std::nullopt;
}

StepResult registerTrained(TrainRun &run)
{
    const TrainJobOptions &o = run.options;
    // A unique name, the file renamed to it, the row added with its history (and the file
    // removed again if the row cannot be).
    run.progress.stage = QStringLiteral("registering");
    run.progress.done = run.cancelled ? run.epochsRun : run.progress.total;
    run.context.reportProgress(run.progress);
    QJsonObject metrics = run.outcome.report.value(QStringLiteral("metrics")).toObject();
    metrics.insert(QStringLiteral("test_bags"), run.test.bags.numBags());
    metrics.insert(QStringLiteral("labels_seen"), double(knownLabelCount(run.train.bags)));
    metrics.insert(QStringLiteral("labelled_clips"), run.labelledBags);
    metrics.insert(QStringLiteral("train_clips"), run.train.bags.numBags());
    models::TrainConfig stored = run.config; // as the catalog shows it: paths relative
    stored.warmStartCheckpoint
            = run.parent ? run.parent->checkpointFile.toStdString() : std::string();
    library::ModelRecord &record = run.record;
    record.kind = o.kind;
    record.parentId = run.parent ? run.parent->id : 0;
    record.extractorId = run.extractorId;
    record.extractorVersion = run.extractorVersion;
    record.labelSnapshot = run.train.labelSnapshot;
    record.metricsJson = QString::fromUtf8(QJsonDocument(metrics).toJson(QJsonDocument::Compact));
    record.note = o.note;
    if (run.cancelled) {
        const QString cancelNote = QStringLiteral("cancelled at epoch %1 of %2")
                                           .arg(run.epochsRun)
                                           .arg(run.plannedEpochs);
        record.note = o.note.isEmpty() ? cancelNote : cancelNote + QStringLiteral("; ") + o.note;
    }
    QString registerError;
    run.modelId = registerVersion(*run.lib, run.staged, run.baseName, stored, run.history, &record,
                                  &run.finalPath, &registerError);
    if (run.modelId == 0) {
        removeStaged(run.staged);
        return JobOutcome::failure(registerError);
    }
    return std::nullopt;
}

void activate(TrainRun &run)
{
    const eval::MetricsReport &m = run.outcome.test;
    run.activation = {false, QStringLiteral("not activated: the run was cancelled")};
    if (!run.cancelled) {
        auto active = run.lib->models().active();
        if (!active) {
            run.activation
                    = {false, QStringLiteral("not activated: %1").arg(active.error().message)};
        } else {
            run.activation = TrainActivation::decide(run.options.activate ? run.options.activation
                                                                          : QStringLiteral("never"),
                                                     m.auroc, *active);
        }
    }
    if (run.activation.activate) {
        const library::CatalogError e = run.lib->models().activate(run.modelId);
        if (e.isError())
            run.activation = {false, QStringLiteral("not activated: %1").arg(e.message)};
        else
            run.isActive = true;
    }
    run.context.log(QStringLiteral("model %1 '%2' stored (epoch %3 of %4): test %5; %6")
                            .arg(run.modelId)
                            .arg(run.record.name)
                            .arg(run.keptEpoch)
                            .arg(run.epochsRun)
                            .arg(modelling::ModelRunner::summaryLine(m), run.activation.reason));
}

JobOutcome finalOutcome(const TrainRun &run)
{
    const eval::MetricsReport &m = run.outcome.test;
    const QVariantMap result = {{QStringLiteral("modelId"), run.modelId},
                                {QStringLiteral("name"), run.record.name},
                                {QStringLiteral("kind"), run.options.kind},
                                {QStringLiteral("parentId"), run.record.parentId},
                                {QStringLiteral("labelSnapshot"), run.record.labelSnapshot},
                                {QStringLiteral("checkpoint"), run.finalPath},
                                {QStringLiteral("active"), run.isActive},
                                {QStringLiteral("activationReason"), run.activation.reason},
                                {QStringLiteral("epochs"), run.epochsRun},
                                {QStringLiteral("bestEpoch"), run.outcome.training.bestEpoch},
                                {QStringLiteral("keptEpoch"), run.keptEpoch},
                                {QStringLiteral("note"), run.record.note},
                                {QStringLiteral("seconds"), run.timer.elapsed() / 1000.0},
                                {QStringLiteral("trainBags"), run.train.bags.numBags()},
                                {QStringLiteral("labelledBags"), run.labelledBags},
                                {QStringLiteral("testBags"), run.test.bags.numBags()},
                                {QStringLiteral("skipped"), int(run.train.skipped.size())},
                                {QStringLiteral("testAuroc"), m.auroc},
                                {QStringLiteral("testF1"), m.f1},
                                {QStringLiteral("testPrecision"), m.precision},
                                {QStringLiteral("testRecall"), m.recall},
                                {QStringLiteral("testMap"), m.meanAveragePrecision}};
    return run.cancelled ? JobOutcome::cancelled(result) : JobOutcome::success(result);
}

} // namespace timbre::jobs
