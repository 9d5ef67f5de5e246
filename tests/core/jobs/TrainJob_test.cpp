// SPDX-License-Identifier: GPL-3.0-or-later
// TrainJob (docs/ARCHITECTURE.md §5; docs/METHOD.md §9.3): training on a library's clips, model
// versions in the catalog and incremental Mean Teacher retraining. The loop it must show: label
// edits -> warm-started retrain -> a new version whose parent is the old one and whose label
// snapshot is newer -> predictions refreshed; and a test-marked clip never reaches training.
#include "core/jobs/Job.h"
#include "core/jobs/JobRunner.h"
#include "core/jobs/PredictJob.h"
#include "core/jobs/TrainJob.h"
#include "core/library/ModelStore.h"
#include "core/library/PredictionStore.h"

#include "support/PlantedLibrary.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace timbre;
using namespace timbre::jobs;

namespace {

struct Ran
{
    JobState state = JobState::Queued;
    QVariantMap result;
    QString error;
    QStringList log;
};

Ran runBlocking(std::unique_ptr<JobWorker> worker, int timeoutMs = 300000)
{
    JobRunner runner;
    Job *job = runner.enqueue(std::move(worker));
    Ran ran;
    if (!runner.waitForAllBlocking(timeoutMs)) {
        ran.error = QStringLiteral("timed out");
        return ran;
    }
    ran.state = job->state();
    ran.result = job->result();
    ran.error = job->errorText();
    ran.log = job->logLines();
    return ran;
}

QJsonObject parseObject(const QString &json)
{
    return QJsonDocument::fromJson(json.toUtf8()).object();
}

double testAuroc(const library::ModelRecord &m)
{
    return parseObject(m.metricsJson)
            .value(QStringLiteral("test"))
            .toObject()
            .value(QStringLiteral("overall"))
            .toObject()
            .value(QStringLiteral("auroc"))
            .toDouble(-1.0);
}

library::ModelRecord modelById(const library::Library &lib, qint64 id)
{
    auto found = lib.models().findById(id);
    return found && *found ? **found : library::ModelRecord();
}

// Files in the models folder, hidden ones (the staging files) included.
QStringList modelFiles(const library::Library &lib)
{
    return QDir(lib.modelsPath())
            .entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

} // namespace

class TrainJobTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_folder;
    std::unique_ptr<library::Library> m_lib;
    testing::PlantedLibrary m_planted;
    QSet<qint64> m_testClips;
    QSet<qint64> m_trainableClips;
    library::ModelRecord m_scratch; // from trainFromScratch
    double m_scratchSeconds = 0;

    TrainJobOptions options(const QString &kind) const
    {
        TrainJobOptions o;
        o.libraryFolder = m_folder;
        o.kind = kind;
        o.threads = 1;
        o.seed = 5;
        o.overrides = {{QStringLiteral("extra"), QVariantMap {{QStringLiteral("hidden"), 32}}}};
        return o;
    }

    library::ModelRecord model(qint64 id) const { return modelById(*m_lib, id); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_folder = m_dir.filePath(QStringLiteral("lib"));
        auto opened = library::Library::open(m_folder);
        QVERIFY2(opened, qPrintable(opened.error().message));
        m_lib = opened.take();
        testing::PlantedLibraryOptions o;
        o.tracks = 120;
        o.instancesPerTrack = 20;
        o.instruments = 4;
        o.labelledFraction = 0.5;
        o.testFraction = 0.25;
        // Strong enough for 90 training clips: with 1.5 (one noise standard deviation and a
        // half) the attention model memorises the 128-d noise of so few clips instead.
        o.signal = 5.0f;
        o.seed = 11;
        m_planted = testing::makePlantedLibrary(*m_lib, o);
        QVERIFY2(m_planted.error.isEmpty(), qPrintable(m_planted.error));
        auto clips = m_lib->clips().list();
        QVERIFY(clips);
        for (const library::ClipRecord &c : *clips)
            (c.isTest ? m_testClips : m_trainableClips).insert(c.id);
        QCOMPARE(m_testClips.size(), 30);
        QCOMPARE(m_trainableClips.size(), 90);
    }

    void parametersRoundTrip()
    {
        TrainJobOptions o = options(QStringLiteral("att"));
        o.warmStart = QStringLiteral("active");
        o.epochs = 7;
        o.seed = 18446744073709551557ULL; // needs all 64 bits
        o.activate = false;
        o.activation = QStringLiteral("if-better");
        o.heldoutEveryEpoch = false;
        o.note = QStringLiteral("a note");
        o.extractorKey = QStringLiteral("melstat-v1");
        const TrainJobOptions back = TrainJob::optionsFrom(TrainJob(o).parameters());
        QCOMPARE(back.libraryFolder, o.libraryFolder);
        QCOMPARE(back.kind, o.kind);
        QCOMPARE(back.warmStart, o.warmStart);
        QCOMPARE(back.epochs, o.epochs);
        QCOMPARE(back.threads, o.threads);
        QCOMPARE(back.seed, o.seed);
        QCOMPARE(back.overrides, o.overrides);
        QCOMPARE(back.activate, o.activate);
        QCOMPARE(back.activation, o.activation);
        QCOMPARE(back.heldoutEveryEpoch, o.heldoutEveryEpoch);
        QCOMPARE(back.note, o.note);
        QCOMPARE(back.extractorKey, o.extractorKey);
    }

    void trainFromScratch()
    {
        const qint64 snapshot = *m_lib->labels().latestBatchId();
        QVERIFY(snapshot > 0);
        TrainJobOptions o = options(QStringLiteral("mt"));
        o.epochs = 0; // Mean Teacher's default from scratch (200)
        o.note = QStringLiteral("first");
        auto job = std::make_unique<TrainJob>(o);
        QStringList seen;
        job->setTrainingSetHook([&seen](const models::BagSet &bags) {
            for (const std::string &key : bags.keys)
                seen << QString::fromStdString(key);
        });
        const Ran ran = runBlocking(std::move(job));
        QVERIFY2(ran.state == JobState::Finished, qPrintable(ran.error));

        // Mean Teacher trains on every non-test clip, labelled or not, and on no test clip.
        QSet<qint64> seenIds;
        for (const QString &key : seen)
            seenIds.insert(key.toLongLong());
        QCOMPARE(seen.size(), m_trainableClips.size());
        QCOMPARE(seenIds, m_trainableClips);
        QVERIFY(!seenIds.intersects(m_testClips));
        QCOMPARE(ran.result.value(QStringLiteral("trainBags")).toInt(), m_trainableClips.size());
        QVERIFY(ran.result.value(QStringLiteral("labelledBags")).toInt() < m_trainableClips.size());
        QCOMPARE(ran.result.value(QStringLiteral("testBags")).toInt(), m_testClips.size());

        const qint64 id = ran.result.value(QStringLiteral("modelId")).toLongLong();
        QVERIFY(id > 0);
        m_scratch = model(id);
        QCOMPARE(m_scratch.id, id);
        QCOMPARE(m_scratch.kind, QStringLiteral("mt"));
        QCOMPARE(m_scratch.parentId, 0);
        QCOMPARE(m_scratch.labelSnapshot, snapshot);
        QCOMPARE(m_scratch.extractorId, QStringLiteral("melstat"));
        QCOMPARE(m_scratch.extractorVersion, 1);
        QCOMPARE(m_scratch.note, QStringLiteral("first"));
        QVERIFY(m_scratch.active);
        QVERIFY(m_scratch.createdMs > 0);
        QVERIFY(m_scratch.name.startsWith(QStringLiteral("mt-")));
        // The checkpoint lies inside the library's models folder, named after the model.
        QCOMPARE(m_scratch.checkpointFile, m_scratch.name + QStringLiteral(".ckpt"));
        const QString checkpoint = QDir(m_lib->modelsPath()).filePath(m_scratch.checkpointFile);
        QVERIFY(QFileInfo(checkpoint).isFile());
        QCOMPARE(ran.result.value(QStringLiteral("checkpoint")).toString(), checkpoint);
        QCOMPARE(modelFiles(*m_lib), QStringList {m_scratch.checkpointFile});
        // Hyper-parameters as TrainConfig JSON, with the override.
        const QJsonObject hp = parseObject(m_scratch.hyperParametersJson);
        QCOMPARE(hp.value(QStringLiteral("modelKind")).toString(), QStringLiteral("mt"));
        QCOMPARE(hp.value(QStringLiteral("epochs")).toInt(), 200);
        QCOMPARE(hp.value(QStringLiteral("extra"))
                         .toObject()
                         .value(QStringLiteral("hidden"))
                         .toInt(),
                 32);
        // Test metrics as `timbre evaluate` reports them: overall and per instrument.
        const QJsonObject metrics = parseObject(m_scratch.metricsJson);
        QCOMPARE(metrics.value(QStringLiteral("test_bags")).toInt(), 30);
        const QJsonObject testMetrics = metrics.value(QStringLiteral("test")).toObject();
        QVERIFY(testMetrics.value(QStringLiteral("instruments")).toArray().size() >= 4);
        for (const char *key : {"auroc", "f1", "precision", "recall", "mAP"})
            QVERIFY2(testMetrics.value(QStringLiteral("overall"))
                             .toObject()
                             .contains(QLatin1String(key)),
                     key);
        const double auroc = testAuroc(m_scratch);
        QVERIFY2(auroc > 0.8, qPrintable(QString::number(auroc))); // planted signal: far above 0.5
        QCOMPARE(ran.result.value(QStringLiteral("testAuroc")).toDouble(), auroc);
        m_scratchSeconds = ran.result.value(QStringLiteral("seconds")).toDouble();
        qInfo("scratch: test AUROC %.4f F1 %.4f, %.2f s", auroc,
              ran.result.value(QStringLiteral("testF1")).toDouble(), m_scratchSeconds);
    }

    void labelEditsThenIncrementalRetrain()
    {
        QVERIFY(m_scratch.id > 0);
        // The user labels unknown labels of some training clips (their planted truth).
        QList<library::LabelEdit> edits;
        for (int i = 0; i < m_planted.clipIds.size() && edits.size() < 20; ++i) {
            const qint64 clip = m_planted.clipIds.at(i);
            if (m_testClips.contains(clip))
                continue;
            for (int k = 0; k < m_planted.instrumentKeys.size(); ++k) {
                const QString key = m_planted.instrumentKeys.at(k);
                if (*m_lib->labels().state(clip, key) != library::LabelState::Unknown)
                    continue;
                edits << library::LabelEdit {clip, key,
                                             m_planted.truth[size_t(i)][size_t(k)]
                                                     ? library::LabelState::Present
                                                     : library::LabelState::Absent};
            }
        }
        QVERIFY(edits.size() >= 20);
        auto applied = m_lib->labels().apply(edits, library::LabelSource::User,
                                             QStringLiteral("tester"));
        QVERIFY2(applied, qPrintable(applied.error().message));
        QVERIFY(*m_lib->labels().changesAfter(m_scratch.labelSnapshot) > 0);

        TrainJobOptions o = options(QStringLiteral("mt"));
        o.overrides.clear(); // the architecture comes from the parent
        o.warmStart = QStringLiteral("active");
        const Ran ran = runBlocking(std::make_unique<TrainJob>(o));
        QVERIFY2(ran.state == JobState::Finished, qPrintable(ran.error));
        const library::ModelRecord child
                = model(ran.result.value(QStringLiteral("modelId")).toLongLong());
        QVERIFY(child.id > m_scratch.id);
        QCOMPARE(child.parentId, m_scratch.id);
        QCOMPARE(ran.result.value(QStringLiteral("parentId")).toLongLong(), m_scratch.id);
        QVERIFY(child.labelSnapshot > m_scratch.labelSnapshot);
        QCOMPARE(child.labelSnapshot, *m_lib->labels().latestBatchId());
        QVERIFY(*m_lib->labels().changesAfter(m_scratch.labelSnapshot) >= edits.size());
        QCOMPARE(*m_lib->labels().changesAfter(child.labelSnapshot), 0);
        QVERIFY(child.active);
        QVERIFY(!model(m_scratch.id).active);
        QVERIFY(child.name != m_scratch.name);
        QCOMPARE(modelFiles(*m_lib).size(), 2);

        // A warm start keeps the parent's architecture and runs the short schedule.
        const QJsonObject hp = parseObject(child.hyperParametersJson);
        QCOMPARE(hp.value(QStringLiteral("extra"))
                         .toObject()
                         .value(QStringLiteral("hidden"))
                         .toInt(),
                 32);
        QCOMPARE(hp.value(QStringLiteral("epochs")).toInt(), TrainJob::kWarmStartEpochs);
        QCOMPARE(hp.value(QStringLiteral("consistencyRampEpochs")).toInt(), 0);
        QCOMPARE(hp.value(QStringLiteral("validationFraction")).toDouble(), 0.0);
        QCOMPARE(hp.value(QStringLiteral("warmStartCheckpoint")).toString(),
                 m_scratch.checkpointFile);
        QCOMPARE(ran.result.value(QStringLiteral("epochs")).toInt(), TrainJob::kWarmStartEpochs);
        const double auroc = testAuroc(child);
        QVERIFY2(auroc > 0.8, qPrintable(QString::number(auroc)));
        qInfo("warm start: test AUROC %.4f F1 %.4f, %.2f s (scratch %.4f, %.2f s)", auroc,
              ran.result.value(QStringLiteral("testF1")).toDouble(),
              ran.result.value(QStringLiteral("seconds")).toDouble(), testAuroc(m_scratch),
              m_scratchSeconds);

        // Predictions refreshed: the new active version scores every clip.
        PredictOptions p;
        p.libraryFolder = m_folder;
        p.threads = 1;
        const Ran predicted = runBlocking(std::make_unique<PredictJob>(p));
        QVERIFY2(predicted.state == JobState::Finished, qPrintable(predicted.error));
        QCOMPARE(predicted.result.value(QStringLiteral("modelId")).toLongLong(), child.id);
        QCOMPARE(*m_lib->predictions().count(child.id),
                 qint64(120 * m_lib->taxonomy().keys()->size()));
    }

    void supervisedKindsTrainOnLabelledClipsOnly()
    {
        TrainJobOptions o = options(QStringLiteral("att"));
        o.epochs = 100;
        o.activate = false;
        QStringList seen;
        int unlabelled = 0;
        auto job = std::make_unique<TrainJob>(o);
        job->setTrainingSetHook([&](const models::BagSet &bags) {
            for (int b = 0; b < bags.numBags(); ++b) {
                const auto *observed = bags.observed.data() + size_t(b) * size_t(bags.numClasses);
                if (std::find(observed, observed + bags.numClasses, 1)
                    == observed + bags.numClasses)
                    ++unlabelled;
                seen << QString::fromStdString(bags.keys.at(size_t(b)));
            }
        });
        const Ran ran = runBlocking(std::move(job));
        QVERIFY2(ran.state == JobState::Finished, qPrintable(ran.error));
        QCOMPARE(unlabelled, 0);
        QVERIFY(!seen.isEmpty());
        for (const QString &key : seen)
            QVERIFY(!m_testClips.contains(key.toLongLong()));
        QCOMPARE(ran.result.value(QStringLiteral("trainBags")).toInt(), seen.size());
        QCOMPARE(ran.result.value(QStringLiteral("labelledBags")).toInt(), seen.size());
        const library::ModelRecord att
                = model(ran.result.value(QStringLiteral("modelId")).toLongLong());
        QVERIFY(!att.active); // activate = false
        QCOMPARE(att.parentId, 0);
        QVERIFY(testAuroc(att) > 0.8);

        // An ATT version warm-starts a Mean Teacher: student and teacher both start as the ATT
        // model, so three epochs keep its quality, where three from scratch have learned little.
        TrainJobOptions mt = options(QStringLiteral("mt"));
        mt.overrides.clear();
        mt.warmStart = QString::number(att.id);
        mt.epochs = 3;
        mt.activate = false;
        const Ran warm = runBlocking(std::make_unique<TrainJob>(mt));
        QVERIFY2(warm.state == JobState::Finished, qPrintable(warm.error));
        const library::ModelRecord child
                = model(warm.result.value(QStringLiteral("modelId")).toLongLong());
        QCOMPARE(child.parentId, att.id);
        QCOMPARE(child.kind, QStringLiteral("mt"));
        QCOMPARE(parseObject(child.hyperParametersJson)
                         .value(QStringLiteral("extra"))
                         .toObject()
                         .value(QStringLiteral("hidden"))
                         .toInt(),
                 32);
        TrainJobOptions scratch = options(QStringLiteral("mt"));
        scratch.epochs = 3;
        scratch.activate = false;
        const Ran cold = runBlocking(std::make_unique<TrainJob>(scratch));
        QVERIFY2(cold.state == JobState::Finished, qPrintable(cold.error));
        const double coldAuroc = cold.result.value(QStringLiteral("testAuroc")).toDouble();
        qInfo("ATT %.4f -> MT warm-started 3 epochs %.4f; MT from scratch 3 epochs %.4f",
              testAuroc(att), testAuroc(child), coldAuroc);
        QVERIFY(testAuroc(child) > testAuroc(att) - 0.05);
        QVERIFY(testAuroc(child) > coldAuroc + 0.1);
    }

    void cancelKeepsTheBestSoFar()
    {
        const QStringList filesBefore = modelFiles(*m_lib);
        const int modelsBefore = int(m_lib->models().list()->size());
        const qint64 activeBefore = (*m_lib->models().active())->id;

        TrainJobOptions o = options(QStringLiteral("mt"));
        o.epochs = 100000;
        JobRunner runner;
        Job *job = runner.enqueue(std::make_unique<TrainJob>(o));
        // Wait until it trains (a checkpoint of the best epoch is staged by then).
        QTRY_VERIFY_WITH_TIMEOUT(job->progress().stage == QLatin1String("epoch")
                                         && job->progress().done >= 3,
                                 60000);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(runner.cancel(job->id()));
        QVERIFY(job->waitBlocking(5000));
        // Training stops within a step; scoring and registering the kept epoch follow.
        QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
        QTRY_COMPARE(job->state(), JobState::Cancelled);
        // The best validation epoch so far is a new version, never the active one.
        QCOMPARE(int(m_lib->models().list()->size()), modelsBefore + 1);
        QCOMPARE((*m_lib->models().active())->id, activeBefore);
        const library::ModelRecord kept
                = model(job->result().value(QStringLiteral("modelId")).toLongLong());
        QVERIFY(!kept.active);
        QVERIFY2(kept.note.startsWith(QStringLiteral("cancelled at epoch ")),
                 qPrintable(kept.note));
        QVERIFY(job->result().value(QStringLiteral("keptEpoch")).toInt() >= 1);
        QCOMPARE(modelFiles(*m_lib).size(), filesBefore.size() + 1);
        QVERIFY(modelFiles(*m_lib).contains(kept.checkpointFile)); // no staging file is left
    }

    void refusesClearly()
    {
        // No features: the extract command is named.
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("bare"));
        {
            auto opened = library::Library::open(folder);
            QVERIFY(opened);
            const library::Library &lib = **opened;
            library::TrackRecord track;
            track.path = QStringLiteral("/nowhere/a.flac");
            track.size = 10;
            track.mtimeMs = 1;
            auto ids = lib.tracks().upsertBatch({track});
            QVERIFY(ids);
            auto clip = lib.clips().ensureWholeTrackClip(ids->first());
            QVERIFY(clip);
            QVERIFY(lib.labels().set(*clip, (*lib.taxonomy().keys()).first(),
                                     library::LabelState::Present, library::LabelSource::User,
                                     QStringLiteral("t")));
        }
        TrainJobOptions o;
        o.libraryFolder = folder;
        Ran ran = runBlocking(std::make_unique<TrainJob>(o));
        QCOMPARE(ran.state, JobState::Failed);
        QVERIFY2(ran.error.contains(QStringLiteral("timbre extract")), qPrintable(ran.error));
        QVERIFY2(ran.error.contains(QStringLiteral("melstat-v1")), qPrintable(ran.error));

        // No active model to warm-start from.
        o.warmStart = QStringLiteral("active");
        ran = runBlocking(std::make_unique<TrainJob>(o));
        QCOMPARE(ran.state, JobState::Failed);
        QVERIFY2(ran.error.contains(QStringLiteral("no active model")), qPrintable(ran.error));

        // Not a library; a kind that cannot train on clips; an unknown override.
        o = options(QStringLiteral("mt"));
        o.libraryFolder = dir.filePath(QStringLiteral("absent"));
        ran = runBlocking(std::make_unique<TrainJob>(o));
        QCOMPARE(ran.state, JobState::Failed);
        QVERIFY(!QFileInfo::exists(o.libraryFolder));
        o = options(QStringLiteral("cnn"));
        ran = runBlocking(std::make_unique<TrainJob>(o));
        QCOMPARE(ran.state, JobState::Failed);
        QVERIFY2(ran.error.contains(QStringLiteral("cnn")), qPrintable(ran.error));
        o = options(QStringLiteral("mt"));
        o.overrides = {{QStringLiteral("learningRat"), 0.1}};
        ran = runBlocking(std::make_unique<TrainJob>(o));
        QCOMPARE(ran.state, JobState::Failed);
        QVERIFY2(ran.error.contains(QStringLiteral("learningRat")), qPrintable(ran.error));
        o.overrides = {};
        o.warmStart = QStringLiteral("9999");
        ran = runBlocking(std::make_unique<TrainJob>(o));
        QCOMPARE(ran.state, JobState::Failed);
        QVERIFY2(ran.error.contains(QStringLiteral("9999")), qPrintable(ran.error));
    }

    // Not a test: the measurement behind TrainJob::warmStartConfig's defaults (docs/RESULTS.md,
    // "Training on the library"). Skipped unless TIMBRE_WARM_START_PROBE is set, e.g.
    //   TIMBRE_WARM_START_PROBE=3 build/tests/test_core_jobs_TrainJob warmStartProbe
    // (the value is the planted signal). A 1000-track planted library, a Mean Teacher trained
    // from scratch (200 epochs), then 50 label edits (unknown labels of training clips set to
    // their planted truth) and warm-started retrains with the defaults and with one setting
    // changed each: test AUROC, and how far the new version's scores are from the 50 new labels.
    void warmStartProbe()
    {
        if (!qEnvironmentVariableIsSet("TIMBRE_WARM_START_PROBE"))
            QSKIP("a measurement, run on request (TIMBRE_WARM_START_PROBE=<signal>)");
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("probe"));
        auto opened = library::Library::open(folder);
        QVERIFY(opened);
        const library::Library &lib = **opened;
        testing::PlantedLibraryOptions po;
        po.tracks = 1000;
        po.labelledFraction = 0.5;
        po.testFraction = 0.25;
        po.signal = qEnvironmentVariable("TIMBRE_WARM_START_PROBE").toFloat();
        const testing::PlantedLibrary planted = testing::makePlantedLibrary(lib, po);
        QVERIFY2(planted.error.isEmpty(), qPrintable(planted.error));
        const int trainable = po.tracks - int(po.tracks * po.testFraction + 0.5);

        TrainJobOptions o;
        o.libraryFolder = folder;
        o.threads = 1;
        const Ran parent = runBlocking(std::make_unique<TrainJob>(o));
        QVERIFY2(parent.state == JobState::Finished, qPrintable(parent.error));
        const qint64 parentId = parent.result.value(QStringLiteral("modelId")).toLongLong();

        QList<library::LabelEdit> edits;
        QList<QPair<int, int>> edited; // (clip index, instrument index)
        for (int i = 0; i < trainable && edits.size() < 50; ++i) {
            for (int k = 0; k < po.instruments && edits.size() < 50; ++k) {
                const QString key = planted.instrumentKeys.at(k);
                if (*lib.labels().state(planted.clipIds.at(i), key) != library::LabelState::Unknown)
                    continue;
                edits << library::LabelEdit {planted.clipIds.at(i), key,
                                             planted.truth[size_t(i)][size_t(k)]
                                                     ? library::LabelState::Present
                                                     : library::LabelState::Absent};
                edited << qMakePair(i, k);
            }
        }
        QVERIFY(lib.labels().apply(edits, library::LabelSource::User, QStringLiteral("probe")));
        // Mean |score - new label| over the edited labels, with a version's predictions.
        const auto editError = [&](qint64 modelId) {
            PredictOptions p;
            p.libraryFolder = folder;
            p.modelId = modelId;
            p.threads = 1;
            if (runBlocking(std::make_unique<PredictJob>(p)).state != JobState::Finished)
                return -1.0;
            double sum = 0;
            for (const auto &[i, k] : edited) {
                const auto scores = *lib.predictions().scoresOfClip(modelId, planted.clipIds.at(i));
                for (const library::PredictionScore &s : scores)
                    if (s.instrumentKey == planted.instrumentKeys.at(k))
                        sum += std::abs(s.score - float(planted.truth[size_t(i)][size_t(k)]));
            }
            return sum / edited.size();
        };
        const auto auroc = [&](qint64 modelId) { return testAuroc(modelById(lib, modelId)); };
        qInfo("signal %.1f, parent: test AUROC %.4f, edit error %.4f, %.1f s", po.signal,
              auroc(parentId), editError(parentId),
              parent.result.value(QStringLiteral("seconds")).toDouble());

        const QList<QPair<QString, QVariantMap>> variants {
                {QStringLiteral("defaults"), {}},
                {QStringLiteral("learningRate 5e-4"), {{QStringLiteral("learningRate"), 5e-4}}},
                {QStringLiteral("learningRate 2.5e-4"), {{QStringLiteral("learningRate"), 2.5e-4}}},
                {QStringLiteral("emaDecay 0.999 (thesis)"), {{QStringLiteral("emaDecay"), 0.999}}},
                {QStringLiteral("emaDecay 0.99"), {{QStringLiteral("emaDecay"), 0.99}}},
                {QStringLiteral("consistency ramp restarted (100)"),
                 {{QStringLiteral("consistencyRampEpochs"), 100}}},
                {QStringLiteral("consistencyWeight 0"), {{QStringLiteral("consistencyWeight"), 0}}},
                {QStringLiteral("consistencyWeight 10"),
                 {{QStringLiteral("consistencyWeight"), 10}}},
                {QStringLiteral("epochs 20"), {{QStringLiteral("epochs"), 20}}},
        };
        for (const auto &[name, overrides] : variants) {
            TrainJobOptions w = o;
            w.warmStart = QString::number(parentId);
            w.activate = false;
            w.overrides = overrides;
            if (overrides.contains(QStringLiteral("epochs"))) {
                w.epochs = overrides.value(QStringLiteral("epochs")).toInt();
                w.overrides.remove(QStringLiteral("epochs"));
            }
            const Ran r = runBlocking(std::make_unique<TrainJob>(w));
            QVERIFY2(r.state == JobState::Finished, qPrintable(r.error));
            const qint64 id = r.result.value(QStringLiteral("modelId")).toLongLong();
            const QJsonObject hp = parseObject(modelById(lib, id).hyperParametersJson);
            qInfo("%-34s lr %.2g ema %.4f: test AUROC %.4f, edit error %.4f, %.2f s",
                  qPrintable(name), hp.value(QStringLiteral("learningRate")).toDouble(),
                  hp.value(QStringLiteral("emaDecay")).toDouble(), auroc(id), editError(id),
                  r.result.value(QStringLiteral("seconds")).toDouble());
        }
    }
};

QTEST_GUILESS_MAIN(TrainJobTest)
#include "TrainJob_test.moc"
