#include "core/jobs/TrainJob.h"

#include "core/datasets/trainsets/LibraryBags.h"
#include "core/eval/ModelRunner.h"
#include "core/jobs/CancelWatcher.h"
#include "core/jobs/JobContext.h"
#include "core/jobs/TrainActivation.h"
#include "core/jobs/TrainRecords.h"
#include "core/library/Library.h"
#include "core/library/ModelStore.h"

#include "models/api/ModelKinds.h"
#include "models/api/Predictor.h"
#include "models/api/Training.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <optional>

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
    std::string error;
    const models::TrainConfig merged = models::TrainConfig::fromJson(
            QJsonDocument(json).toJson(QJsonDocument::Compact).toStdString(), &error);
    if (!error.empty())
        return QString::fromStdString(error);
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

QVariantMap TrainJob::parameters() const
{
    return {{kLibrary, m_options.libraryFolder},
            {kKind, m_options.kind},
            {kWarmStart, m_options.warmStart},
            {kEpochs, m_options.epochs},
            {kThreads, m_options.threads},
            // As text: the job table stores JSON, whose numbers cannot hold every 64-bit seed.
            {kSeed, QString::number(m_options.seed)},
            {kOverrides, m_options.overrides},
            {kActivate, m_options.activate},
            {kActivation, m_options.activation},
            {kHeldoutEveryEpoch, m_options.heldoutEveryEpoch},
            {kNote, m_options.note},
            {kExtractor, m_options.extractorKey}};
}

TrainJobOptions TrainJob::optionsFrom(const QVariantMap &p)
{
    TrainJobOptions o;
    o.libraryFolder = p.value(kLibrary).toString();
    o.kind = p.value(kKind, o.kind).toString();
    o.warmStart = p.value(kWarmStart).toString();
    o.epochs = p.value(kEpochs, 0).toInt();
    o.threads = p.value(kThreads, 0).toInt();
    o.seed = p.value(kSeed, QStringLiteral("0")).toString().toULongLong();
    o.overrides = p.value(kOverrides).toMap();
    o.activate = p.value(kActivate, true).toBool();
    o.activation = p.value(kActivation, o.activation).toString();
    o.heldoutEveryEpoch = p.value(kHeldoutEveryEpoch, true).toBool();
    o.note = p.value(kNote).toString();
    o.extractorKey = p.value(kExtractor).toString();
    return o;
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
    if (c->modelKind == "mt") {
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
    QElapsedTimer timer;
    timer.start();
    const TrainJobOptions &o = m_options;
    if (!bagKinds().contains(o.kind))
        return JobOutcome::failure(
                QStringLiteral("model kind \"%1\" cannot train on library clips (one of %2)")
                        .arg(o.kind, bagKinds().join(QStringLiteral(", "))));
    if (!TrainActivation::isPolicy(o.activation))
        return JobOutcome::failure(
                QStringLiteral("activation \"%1\" is not one of %2")
                        .arg(o.activation, TrainActivation::policies().join(QStringLiteral(", "))));
    auto opened = library::Library::open(o.libraryFolder, library::Library::OpenMode::ExistingOnly);
    if (!opened)
        return JobOutcome::failure(opened.error().message);
    const std::unique_ptr<library::Library> lib = opened.take();
    const QDir modelsDir(lib->modelsPath());

    // The parent: the model to warm-start from.
    std::optional<library::ModelRecord> parent;
    QString parentCheckpoint;
    models::CheckpointInfo parentInfo;
    if (!o.warmStart.isEmpty()) {
        bool isId = false;
        const qint64 id = o.warmStart.toLongLong(&isId);
        auto found = o.warmStart == QLatin1String("active")
                ? lib->models().active()
                : (isId ? lib->models().findById(id) : lib->models().findByName(o.warmStart));
        if (!found)
            return JobOutcome::failure(found.error().message);
        if (!*found)
            return JobOutcome::failure(
                    o.warmStart == QLatin1String("active")
                            ? QStringLiteral("%1: no active model to warm-start from (train one "
                                             "from scratch first)")
                                      .arg(lib->folder())
                            : QStringLiteral("%1: no model '%2' to warm-start from")
                                      .arg(lib->folder(), o.warmStart));
        parent = **found;
        parentCheckpoint = modelsDir.filePath(parent->checkpointFile);
        if (parent->checkpointFile.isEmpty() || !QFileInfo(parentCheckpoint).isFile())
            return JobOutcome::failure(
                    QStringLiteral("model %1 ('%2'): checkpoint %3 does not exist")
                            .arg(parent->id)
                            .arg(parent->name, parentCheckpoint));
        std::string error;
        if (!models::Predictor::readInfo(parentCheckpoint.toStdString(), &parentInfo, &error))
            return JobOutcome::failure(QString::fromStdString(error));
    }

    // The features: the parent's extractor unless asked otherwise.
    QString extractorKey = o.extractorKey;
    if (parent && !parent->extractorId.isEmpty()) {
        const QString parentKey
                = QStringLiteral("%1-v%2").arg(parent->extractorId).arg(parent->extractorVersion);
        if (extractorKey.isEmpty())
            extractorKey = parentKey;
        else if (extractorKey != parentKey)
            return JobOutcome::failure(
                    QStringLiteral("model %1 ('%2') was trained on %3 features, not %4: train "
                                   "from scratch to change the extractor")
                            .arg(parent->id)
                            .arg(parent->name, parentKey, extractorKey));
    }
    if (extractorKey.isEmpty())
        extractorKey = kDefaultExtractor;
    QString extractorId;
    int extractorVersion = 0;
    if (!splitExtractorKey(extractorKey, &extractorId, &extractorVersion))
        return JobOutcome::failure(
                QStringLiteral("%1: not an extractor key (<id>-v<version>)").arg(extractorKey));

    // The data: trainable clips (never the test ones) and, separately, the test clips.
    JobProgress progress;
    progress.stage = QStringLiteral("loading");
    context.reportProgress(progress);
    if (!context.checkpoint())
        return JobOutcome::cancelled();
    datasets::LibraryBagOptions trainOptions;
    trainOptions.clips = datasets::LibraryBagOptions::Clips::Trainable;
    trainOptions.onlyLabelled = !semiSupervised(o.kind);
    const datasets::LibraryBags train
            = datasets::LibraryBags::load(*lib, extractorKey, trainOptions);
    if (!train.ok())
        return JobOutcome::failure(train.error);
    const QString extractHint
            = QStringLiteral("run `timbre extract %1%2` first")
                      .arg(lib->folder(),
                           extractorId == QLatin1String("melstat")
                                   ? QString()
                                   : QStringLiteral(" --extractor %1").arg(extractorId));
    if (train.bags.numBags() == 0) {
        if (!train.skipped.isEmpty())
            return JobOutcome::failure(
                    QStringLiteral("%1: no clip to train on has current %2 features (%3 without): "
                                   "%4")
                            .arg(lib->folder(), extractorKey)
                            .arg(train.skipped.size())
                            .arg(extractHint));
        return JobOutcome::failure(
                semiSupervised(o.kind)
                        ? QStringLiteral("%1: no clips to train on (test clips are never trained "
                                         "on): scan some audio first")
                                  .arg(lib->folder())
                        : QStringLiteral("%1: no labelled clips to train on (test clips are never "
                                         "trained on): label some clips first")
                                  .arg(lib->folder()));
    }
    const int labelledBags = train.labelledBags();
    if (labelledBags == 0)
        return JobOutcome::failure(
                QStringLiteral("%1: none of the %2 clips with %3 features has a label (test clips "
                               "are never trained on): label some clips first")
                        .arg(lib->folder())
                        .arg(train.bags.numBags())
                        .arg(extractorKey));
    if (!train.skipped.isEmpty()) {
        context.log(QStringLiteral("%1 clips without current %2 features left out (%3), e.g. %4")
                            .arg(train.skipped.size())
                            .arg(extractorKey, extractHint, train.skipped.first()));
    }
    if (!context.checkpoint())
        return JobOutcome::cancelled();
    datasets::LibraryBagOptions testOptions;
    testOptions.clips = datasets::LibraryBagOptions::Clips::Test;
    datasets::LibraryBags test = datasets::LibraryBags::load(*lib, extractorKey, testOptions);
    if (!test.ok())
        return JobOutcome::failure(test.error);
    if (!test.skipped.isEmpty())
        context.log(QStringLiteral("%1 test clips without current %2 features are not scored")
                            .arg(test.skipped.size())
                            .arg(extractorKey));
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
                        .arg(labelledBags)
                        .arg(test.bags.numBags())
                        .arg(extractorKey)
                        .arg(train.labelSnapshot)
                        .arg(parent ? QStringLiteral(", warm start from model %1 ('%2')")
                                              .arg(parent->id)
                                              .arg(parent->name)
                                    : QString()));

    // The configuration: the kind's defaults from scratch; a warm start inherits its parent's
    // (architecture above all) and then warmStartConfig's changes; the overrides come last.
    models::TrainConfig config = models::TrainConfig::defaultsFor(o.kind.toStdString());
    if (parent) {
        std::string error;
        const models::TrainConfig inherited
                = models::TrainConfig::fromJson(parentInfo.hyperParametersJson, &error);
        if (!error.empty())
            return JobOutcome::failure(
                    QStringLiteral("%1: %2").arg(parentCheckpoint, QString::fromStdString(error)));
        if (inherited.modelKind == config.modelKind)
            config = inherited;
        else
            config.extra = inherited.extra; // e.g. an ATT parent's width for a Mean Teacher
        warmStartConfig(&config, train.bags.numBags(), o.epochs > 0 ? o.epochs : kWarmStartEpochs);
    } else if (o.epochs > 0) {
        config.epochs = o.epochs;
    }
    config.seed = o.seed;
    config.threads = o.threads;
    if (const QString e = applyOverrides(o.overrides, &config); !e.isEmpty())
        return JobOutcome::failure(e);
    config.modelKind = o.kind.toStdString();
    config.extractorId = extractorId.toStdString();
    config.extractorVersion = extractorVersion;
    config.labelSnapshot = std::to_string(train.labelSnapshot);
    config.progressEverySteps = 1; // suspend and progress between steps
    config.fineTune = parent ? "all" : "scratch";
    config.warmStartCheckpoint = parent ? parentCheckpoint.toStdString() : std::string();
    config.parentModel = parent ? parent->name.toStdString() : std::string();

    // Trained into a hidden staging file; renamed to its name only once it is complete.
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    const QString baseName = o.kind + QLatin1Char('-') + stamp;
    const QString staged = modelsDir.filePath(QStringLiteral(".%1-%2.training.ckpt")
                                                      .arg(baseName)
                                                      .arg(QDateTime::currentMSecsSinceEpoch()));
    config.outputCheckpoint = staged.toStdString();

    if (m_trainingSet)
        m_trainingSet(train.bags);
    if (!context.checkpoint())
        return JobOutcome::cancelled({{QStringLiteral("epochs"), 0},
                                      {QStringLiteral("modelId"), 0},
                                      {QStringLiteral("keptEpoch"), 0}});

    std::atomic<bool> cancel {false};
    eval::ModelRunner::TrainOptions runOptions;
    runOptions.config = config;
    runOptions.cancel = &cancel;
    const int plannedEpochs = config.epochs;
    const int heldoutClips = labelledBagCount(test.bags);
    const bool monitored = o.heldoutEveryEpoch && heldoutClips > 0;
    runOptions.testEveryEpoch = monitored;
    progress.stage = QStringLiteral("epoch");
    progress.total = plannedEpochs;
    progress.done = 0;
    context.reportProgress(progress);
    QList<QVariantMap> history; // the finished epochs' records, stored with the version
    QElapsedTimer wall;
    QElapsedTimer sinceRecord;
    runOptions.progress = [&](const models::EpochReport &r) {
        const double seconds = wall.elapsed() / 1000.0;
        if (!r.partial) {
            // Before the cancel check: a finished epoch is reported and stored even when a
            // cancel arrives now, as its weights may be the ones kept.
            const QVariantMap record
                    = epochRecord(r, plannedEpochs, seconds, monitored ? &test.bags : nullptr,
                                  QStringLiteral("test"));
            history << record;
            context.reportRecord(record);
            sinceRecord.restart();
            context.log(epochLine(r, plannedEpochs));
        } else if (sinceRecord.elapsed() >= kPartialRecordMs) {
            context.reportRecord(partialEpochRecord(r, plannedEpochs, seconds));
            sinceRecord.restart();
        }
        if (!context.checkpoint()) {
            cancel.store(true);
            return;
        }
        progress.done = r.partial ? r.epoch - 1 : r.epoch;
        progress.currentItem = QStringLiteral("epoch %1").arg(r.epoch);
        context.reportProgress(progress);
    };
    eval::RunData data;
    data.source = lib->folder();
    data.train = &train.bags;
    data.test = &test.bags;
    eval::RunOutcome outcome;
    {
        CancelWatcher watcher(context, cancel);
        wall.start();
        sinceRecord.start();
        outcome = eval::ModelRunner::train(runOptions, data);
    }
    const models::TrainResult &training = outcome.training;
    const int epochsRun = int(training.history.size());
    const bool cancelled = training.cancelled || context.isCancelled();
    if (!cancelled && !outcome.ok) {
        removeStaged(staged);
        return JobOutcome::failure(outcome.error.isEmpty() ? QStringLiteral("training failed")
                                                           : outcome.error);
    }
    const int keptEpoch = training.checkpointEpoch > 0 ? training.checkpointEpoch
                                                       : (outcome.ok ? training.bestEpoch : 0);
    const QVariantMap nothingKept = {{QStringLiteral("epochs"), epochsRun},
                                     {QStringLiteral("modelId"), 0},
                                     {QStringLiteral("keptEpoch"), 0}};
    if (cancelled && (keptEpoch < 1 || !QFileInfo(staged).isFile())) {
        removeStaged(staged);
        return JobOutcome::cancelled(nothingKept);
    }
    if (cancelled && !outcome.ok) {
        // Training stopped before the test clips were scored: score what was kept, as the
        // finished run would have (the metrics are the version's like any other's).
        progress.stage = QStringLiteral("scoring");
        context.reportProgress(progress);
        const eval::RunOutcome scored = eval::ModelRunner::evaluate(staged, data, o.threads);
        if (!scored.ok) {
            context.log(QStringLiteral("the checkpoint of epoch %1 could not be scored, nothing "
                                       "registered: %2")
                                .arg(keptEpoch)
                                .arg(scored.error));
            removeStaged(staged);
            return JobOutcome::cancelled(nothingKept);
        }
        outcome.test = scored.test;
        outcome.report = scored.report;
    }

    // Register: a unique name, the file renamed to it, the row added with its history (and the
    // file removed again if the row cannot be), then activated as the policy says.
    progress.stage = QStringLiteral("registering");
    progress.done = cancelled ? epochsRun : progress.total;
    context.reportProgress(progress);
    QJsonObject metrics = outcome.report.value(QStringLiteral("metrics")).toObject();
    metrics.insert(QStringLiteral("test_bags"), test.bags.numBags());
    metrics.insert(QStringLiteral("labels_seen"), double(knownLabelCount(train.bags)));
    metrics.insert(QStringLiteral("labelled_clips"), labelledBags);
    metrics.insert(QStringLiteral("train_clips"), train.bags.numBags());
    models::TrainConfig stored = config; // as the catalog shows it: paths relative, no staging
    stored.warmStartCheckpoint = parent ? parent->checkpointFile.toStdString() : std::string();
    library::ModelRecord record;
    record.kind = o.kind;
    record.parentId = parent ? parent->id : 0;
    record.extractorId = extractorId;
    record.extractorVersion = extractorVersion;
    record.labelSnapshot = train.labelSnapshot;
    record.metricsJson = QString::fromUtf8(QJsonDocument(metrics).toJson(QJsonDocument::Compact));
    record.note = o.note;
    if (cancelled) {
        const QString cancelNote
                = QStringLiteral("cancelled at epoch %1 of %2").arg(epochsRun).arg(plannedEpochs);
        record.note = o.note.isEmpty() ? cancelNote : cancelNote + QStringLiteral("; ") + o.note;
    }
    QString finalPath;
    QString registerError;
    const qint64 modelId = registerVersion(*lib, staged, baseName, stored, history, &record,
                                           &finalPath, &registerError);
    if (modelId == 0) {
        removeStaged(staged);
        return JobOutcome::failure(registerError);
    }

    const eval::MetricsReport &m = outcome.test;
    ActivationDecision activation {false, QStringLiteral("not activated: the run was cancelled")};
    if (!cancelled) {
        auto active = lib->models().active();
        if (!active) {
            activation = {false, QStringLiteral("not activated: %1").arg(active.error().message)};
        } else {
            activation = TrainActivation::decide(
                    o.activate ? o.activation : QStringLiteral("never"), m.auroc, *active);
        }
    }
    bool isActive = false;
    if (activation.activate) {
        const library::CatalogError e = lib->models().activate(modelId);
        if (e.isError())
            activation = {false, QStringLiteral("not activated: %1").arg(e.message)};
        else
            isActive = true;
    }
    context.log(QStringLiteral("model %1 '%2' stored (epoch %3 of %4): test %5; %6")
                        .arg(modelId)
                        .arg(record.name)
                        .arg(keptEpoch)
                        .arg(epochsRun)
                        .arg(eval::ModelRunner::summaryLine(m), activation.reason));

    const QVariantMap result = {{QStringLiteral("modelId"), modelId},
                                {QStringLiteral("name"), record.name},
                                {QStringLiteral("kind"), o.kind},
                                {QStringLiteral("parentId"), record.parentId},
                                {QStringLiteral("labelSnapshot"), record.labelSnapshot},
                                {QStringLiteral("checkpoint"), finalPath},
                                {QStringLiteral("active"), isActive},
                                {QStringLiteral("activationReason"), activation.reason},
                                {QStringLiteral("epochs"), epochsRun},
                                {QStringLiteral("bestEpoch"), training.bestEpoch},
                                {QStringLiteral("keptEpoch"), keptEpoch},
                                {QStringLiteral("note"), record.note},
                                {QStringLiteral("seconds"), timer.elapsed() / 1000.0},
                                {QStringLiteral("trainBags"), train.bags.numBags()},
                                {QStringLiteral("labelledBags"), labelledBags},
                                {QStringLiteral("testBags"), test.bags.numBags()},
                                {QStringLiteral("skipped"), int(train.skipped.size())},
                                {QStringLiteral("testAuroc"), m.auroc},
                                {QStringLiteral("testF1"), m.f1},
                                {QStringLiteral("testPrecision"), m.precision},
                                {QStringLiteral("testRecall"), m.recall},
                                {QStringLiteral("testMap"), m.meanAveragePrecision}};
    return cancelled ? JobOutcome::cancelled(result) : JobOutcome::success(result);
}

} // namespace timbre::jobs
