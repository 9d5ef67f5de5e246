// SPDX-License-Identifier: GPL-3.0-or-later
// TrainJob's telemetry: one record per finished epoch with losses, schedule and
// held-out metrics, stored with the version as its history; a cancel that keeps what was
// trained; the version's "labels seen" counts; the activation policy.
#include "core/datasets/trainsets/LibraryBags.h"
#include "core/jobs/Job.h"
#include "core/jobs/JobRunner.h"
#include "core/jobs/TrainActivation.h"
#include "core/jobs/TrainJob.h"
#include "core/library/JobStore.h"
#include "core/library/ModelStore.h"

#include "models/api/Predictor.h"

#include "support/PlantedLibrary.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <cmath>
#include <limits>

using namespace timbre;
using namespace timbre::jobs;

namespace {

struct Ran
{
    JobState state = JobState::Queued;
    QVariantMap result;
    QString error;
    QList<QVariantMap> received; // recordReported, in order
    QList<QVariantMap> kept; // Job::records() at the end
};

Ran runBlocking(std::unique_ptr<JobWorker> worker, const QString &recordInto = {})
{
    JobRunner runner;
    runner.setLibraryFolder(recordInto);
    Job *job = runner.enqueue(std::move(worker));
    Ran ran;
    QObject::connect(job, &Job::recordReported,
                     [&ran](const QVariantMap &record) { ran.received << record; });
    if (!runner.waitForAllBlocking(300000)) {
        ran.error = QStringLiteral("timed out");
        return ran;
    }
    ran.state = job->state();
    ran.result = job->result();
    ran.error = job->errorText();
    ran.kept = job->records();
    return ran;
}

QList<QVariantMap> finishedEpochs(const QList<QVariantMap> &records)
{
    QList<QVariantMap> out;
    for (const QVariantMap &r : records)
        if (!r.value(QStringLiteral("partial")).toBool())
            out << r;
    return out;
}

double number(const QVariantMap &map, const QString &key)
{
    return map.value(key).toDouble();
}

// Equal as the catalog keeps them: numbers by value (NaN equal to NaN), maps and lists by item.
bool sameValue(const QVariant &a, const QVariant &b, QString *where)
{
    if (a.typeId() == QMetaType::QVariantMap || b.typeId() == QMetaType::QVariantMap) {
        const QVariantMap ma = a.toMap();
        const QVariantMap mb = b.toMap();
        if (ma.keys() != mb.keys()) {
            *where = QStringLiteral("keys %1 vs %2")
                             .arg(ma.keys().join(QLatin1Char(',')),
                                  mb.keys().join(QLatin1Char(',')));
            return false;
        }
        for (auto it = ma.constBegin(); it != ma.constEnd(); ++it)
            if (!sameValue(it.value(), mb.value(it.key()), where)) {
                *where = it.key() + QLatin1Char('/') + *where;
                return false;
            }
        return true;
    }
    if (a.typeId() == QMetaType::QVariantList || b.typeId() == QMetaType::QVariantList) {
        const QVariantList la = a.toList();
        const QVariantList lb = b.toList();
        if (la.size() != lb.size()) {
            *where = QStringLiteral("list sizes");
            return false;
        }
        for (int i = 0; i < la.size(); ++i)
            if (!sameValue(la.at(i), lb.at(i), where))
                return false;
        return true;
    }
    if (a.typeId() == QMetaType::QString || b.typeId() == QMetaType::QString
        || a.typeId() == QMetaType::Bool || b.typeId() == QMetaType::Bool) {
        if (a == b)
            return true;
        *where = a.toString() + QStringLiteral(" vs ") + b.toString();
        return false;
    }
    const double x = a.toDouble();
    const double y = b.toDouble();
    if ((std::isnan(x) && std::isnan(y)) || x == y)
        return true;
    *where = QString::number(x, 'g', 17) + QStringLiteral(" vs ") + QString::number(y, 'g', 17);
    return false;
}

double storedTestAuroc(const library::ModelRecord &m)
{
    return TrainActivation::storedTestAuroc(m);
}

} // namespace

class TrainJobTelemetryTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_folder;
    std::unique_ptr<library::Library> m_lib;
    int m_labelledTestClips = 0;
    int m_instruments = 0;
    QStringList m_planted;
    qint64 m_parentId = 0; // an ATT version, from recordsPerEpochAndStoredHistory

    TrainJobOptions options(const QString &kind, int epochs) const
    {
        TrainJobOptions o;
        o.libraryFolder = m_folder;
        o.kind = kind;
        o.epochs = epochs;
        o.threads = 1;
        o.seed = 3;
        o.overrides = {{QStringLiteral("extra"), QVariantMap {{QStringLiteral("hidden"), 32}}}};
        return o;
    }

    library::ModelRecord model(qint64 id) const
    {
        auto found = m_lib->models().findById(id);
        return found && *found ? **found : library::ModelRecord();
    }

    QStringList modelFiles() const
    {
        return QDir(m_lib->modelsPath())
                .entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_folder = m_dir.filePath(QStringLiteral("lib"));
        auto opened = library::Library::open(m_folder);
        QVERIFY2(opened, qPrintable(opened.error().message));
        m_lib = opened.take();
        testing::PlantedLibraryOptions o;
        o.tracks = 80;
        o.instruments = 4;
        o.labelledFraction = 0.6;
        o.testFraction = 0.25;
        o.signal = 5.0f;
        o.seed = 7;
        const testing::PlantedLibrary planted = testing::makePlantedLibrary(*m_lib, o);
        QVERIFY2(planted.error.isEmpty(), qPrintable(planted.error));
        m_planted = planted.instrumentKeys;
        m_instruments = int(m_lib->taxonomy().keys()->size());
        datasets::LibraryBagOptions testClips;
        testClips.clips = datasets::LibraryBagOptions::Clips::Test;
        const datasets::LibraryBags test
                = datasets::LibraryBags::load(*m_lib, QStringLiteral("melstat-v1"), testClips);
        QVERIFY(test.ok());
        QCOMPARE(test.bags.numBags(), 20);
        m_labelledTestClips = test.labelledBags();
        QVERIFY(m_labelledTestClips > 10);
    }

    void recordsPerEpochAndStoredHistory()
    {
        // No validation split: the last epoch is the version, so its record's held-out metrics
        // are the version's test metrics (scored again from the checkpoint by core/eval).
        TrainJobOptions o = options(QStringLiteral("att"), 120);
        o.overrides.insert(QStringLiteral("validationFraction"), 0.0);
        qint64 knownLabels = 0;
        int labelledClips = 0;
        int trainClips = 0;
        auto job = std::make_unique<TrainJob>(o);
        job->setTrainingSetHook([&](const models::BagSet &bags) {
            trainClips = bags.numBags();
            for (int b = 0; b < bags.numBags(); ++b) {
                int known = 0;
                for (int k = 0; k < bags.numClasses; ++k)
                    known += bags.observed[size_t(b) * size_t(bags.numClasses) + size_t(k)];
                knownLabels += known;
                labelledClips += known > 0 ? 1 : 0;
            }
        });
        const Ran ran = runBlocking(std::move(job));
        QVERIFY2(ran.state == JobState::Finished, qPrintable(ran.error));
        const QList<QVariantMap> epochs = finishedEpochs(ran.received);
        QCOMPARE(epochs.size(), 120);
        QCOMPARE(ran.kept.size(), ran.received.size()); // the handle keeps what it sent
        for (int i = 0; i < epochs.size(); ++i) {
            const QVariantMap &r = epochs.at(i);
            QCOMPARE(r.value(QStringLiteral("type")).toString(), QStringLiteral("epoch"));
            QCOMPARE(r.value(QStringLiteral("epoch")).toInt(), i + 1);
            QCOMPARE(r.value(QStringLiteral("epochs")).toInt(), 120);
            QVERIFY(r.value(QStringLiteral("seconds")).toDouble() > 0);
            if (i > 0)
                QVERIFY(number(r, QStringLiteral("seconds"))
                        >= number(epochs.at(i - 1), QStringLiteral("seconds")));
            const QVariantMap losses = r.value(QStringLiteral("losses")).toMap();
            for (const char *key : {"bce", "total"})
                QVERIFY2(std::isfinite(number(losses, QLatin1String(key)))
                                 && number(losses, QLatin1String(key)) >= 0,
                         key);
            QVERIFY(!losses.contains(QStringLiteral("consistency"))); // not Mean Teacher
            QCOMPARE(number(r, QStringLiteral("consistencyWeight")), 0.0);
            QVERIFY(number(r, QStringLiteral("learningRate")) > 0);
            QCOMPARE(r.value(QStringLiteral("validated")).toBool(), false);
            QVERIFY(std::isnan(number(r, QStringLiteral("validationLoss"))));
            QCOMPARE(r.value(QStringLiteral("improved")).toBool(), false);
            const QVariantMap heldout = r.value(QStringLiteral("heldout")).toMap();
            QCOMPARE(heldout.value(QStringLiteral("set")).toString(), QStringLiteral("test"));
            QCOMPARE(heldout.value(QStringLiteral("clips")).toInt(), m_labelledTestClips);
            for (const char *key : {"precision", "recall", "f1", "auroc", "map"}) {
                const double v = number(heldout, QLatin1String(key));
                QVERIFY2(v >= 0.0 && v <= 1.0, qPrintable(QStringLiteral("%1 %2").arg(key).arg(v)));
            }
            const QVariantList perInstrument = r.value(QStringLiteral("perInstrument")).toList();
            QCOMPARE(perInstrument.size(), m_instruments);
            for (const QVariant &item : perInstrument) {
                const QVariantMap m = item.toMap();
                const bool planted
                        = m_planted.contains(m.value(QStringLiteral("instrument")).toString());
                // Planted instruments have labelled test clips, the others none (NaN).
                QCOMPARE(std::isfinite(number(m, QStringLiteral("f1"))), planted);
                if (planted)
                    QVERIFY(m.value(QStringLiteral("positives")).toInt() > 0);
            }
        }
        // Learning on a planted signal: the loss falls, held-out AUROC ends high.
        const QVariantMap first = epochs.first();
        const QVariantMap last = epochs.last();
        QVERIFY(number(last.value(QStringLiteral("losses")).toMap(), QStringLiteral("bce"))
                < number(first.value(QStringLiteral("losses")).toMap(), QStringLiteral("bce")));
        const double lastAuroc
                = number(last.value(QStringLiteral("heldout")).toMap(), QStringLiteral("auroc"));
        const double firstAuroc
                = number(first.value(QStringLiteral("heldout")).toMap(), QStringLiteral("auroc"));
        qInfo("held-out AUROC: epoch 1 %.4f, epoch %d %.4f", firstAuroc, int(epochs.size()),
              lastAuroc);
        QVERIFY2(lastAuroc > 0.8 && lastAuroc > firstAuroc + 0.1,
                 qPrintable(QString::number(lastAuroc)));

        const qint64 id = ran.result.value(QStringLiteral("modelId")).toLongLong();
        const library::ModelRecord version = model(id);
        QCOMPARE(version.id, id);
        // The last epoch's held-out AUROC is the version's test AUROC (core/eval on the same
        // clips, scores from the trainer's net vs from the loaded checkpoint).
        QVERIFY2(std::abs(storedTestAuroc(version) - lastAuroc) < 1e-5,
                 qPrintable(
                         QStringLiteral("%1 vs %2").arg(storedTestAuroc(version)).arg(lastAuroc)));
        QCOMPARE(ran.result.value(QStringLiteral("keptEpoch")).toInt(), 120);

        // The stored history is what was received, epoch by epoch.
        auto history = m_lib->models().history(id);
        QVERIFY(history.ok());
        QCOMPARE(history->size(), epochs.size());
        for (int i = 0; i < epochs.size(); ++i) {
            QString where;
            QVERIFY2(sameValue(history->at(i), epochs.at(i), &where),
                     qPrintable(QStringLiteral("epoch %1: %2").arg(i + 1).arg(where)));
        }

        // What the version learned from.
        const QJsonObject metrics = QJsonDocument::fromJson(version.metricsJson.toUtf8()).object();
        QVERIFY(knownLabels > 0);
        QCOMPARE(metrics.value(QStringLiteral("labels_seen")).toInteger(), knownLabels);
        QCOMPARE(metrics.value(QStringLiteral("labelled_clips")).toInt(), labelledClips);
        QCOMPARE(metrics.value(QStringLiteral("train_clips")).toInt(), trainClips);
        QCOMPARE(labelledClips, trainClips); // ATT trains on labelled clips only
        QVERIFY(version.active); // "always", the default
        m_parentId = id;
    }

    void meanTeacherRecordsConsistency()
    {
        // From scratch with its validation split: the consistency weight ramps up, the
        // validation loss is there and the improved epochs are the checkpoint's.
        TrainJobOptions o = options(QStringLiteral("mt"), 6);
        o.activate = false;
        o.heldoutEveryEpoch = false; // and the held-out metrics are then NaN
        const Ran ran = runBlocking(std::make_unique<TrainJob>(o));
        QVERIFY2(ran.state == JobState::Finished, qPrintable(ran.error));
        const QList<QVariantMap> epochs = finishedEpochs(ran.received);
        QCOMPARE(epochs.size(), 6);
        double lastWeight = -1;
        int lastImproved = 0;
        for (const QVariantMap &r : epochs) {
            const QVariantMap losses = r.value(QStringLiteral("losses")).toMap();
            QVERIFY(std::isfinite(number(losses, QStringLiteral("consistency"))));
            const double w = number(r, QStringLiteral("consistencyWeight"));
            QVERIFY(w > lastWeight); // the sigmoid ramp of docs/METHOD.md §6.2, still rising
            lastWeight = w;
            QVERIFY(r.value(QStringLiteral("validated")).toBool());
            QVERIFY(std::isfinite(number(r, QStringLiteral("validationLoss"))));
            if (r.value(QStringLiteral("improved")).toBool())
                lastImproved = r.value(QStringLiteral("epoch")).toInt();
            const QVariantMap heldout = r.value(QStringLiteral("heldout")).toMap();
            QCOMPARE(heldout.value(QStringLiteral("clips")).toInt(), 0);
            QVERIFY(std::isnan(number(heldout, QStringLiteral("auroc"))));
        }
        QVERIFY(lastImproved >= 1);
        QCOMPARE(ran.result.value(QStringLiteral("keptEpoch")).toInt(), lastImproved);
        QCOMPARE(ran.result.value(QStringLiteral("active")).toBool(), false);
        QVERIFY(ran.result.value(QStringLiteral("activationReason"))
                        .toString()
                        .contains(QStringLiteral("not activated")));
    }

    void cancelAfterEpochsKeepsTheLastFinished()
    {
        QVERIFY(m_parentId > 0);
        const qint64 activeBefore = (*m_lib->models().active())->id;
        const int modelsBefore = int(m_lib->models().list()->size());
        // A warm start (no validation): the last finished epoch is kept.
        TrainJobOptions o = options(QStringLiteral("mt"), 100000);
        o.warmStart = QString::number(m_parentId);
        JobRunner runner;
        runner.setLibraryFolder(m_folder); // the job table records the cancelled run
        Job *job = runner.enqueue(std::make_unique<TrainJob>(o));
        QList<QVariantMap> received;
        connect(job, &Job::recordReported, this, [&](const QVariantMap &r) {
            received << r;
            if (finishedEpochs(received).size() == 3)
                job->cancel();
        });
        QVERIFY(runner.waitForAllBlocking(120000));
        QCOMPARE(job->state(), JobState::Cancelled);
        const QVariantMap result = job->result();
        const int finished = int(finishedEpochs(received).size());
        QVERIFY(finished >= 3);
        QCOMPARE(result.value(QStringLiteral("epochs")).toInt(), finished);
        QCOMPARE(result.value(QStringLiteral("keptEpoch")).toInt(), finished);
        const qint64 id = result.value(QStringLiteral("modelId")).toLongLong();
        QVERIFY(id > 0);
        const library::ModelRecord kept = model(id);
        QCOMPARE(kept.name, result.value(QStringLiteral("name")).toString());
        QCOMPARE(kept.parentId, m_parentId);
        QCOMPARE(kept.note, QStringLiteral("cancelled at epoch %1 of 100000").arg(finished));
        QVERIFY(!kept.active);
        QCOMPARE((*m_lib->models().active())->id, activeBefore);
        QCOMPARE(int(m_lib->models().list()->size()), modelsBefore + 1);
        QCOMPARE(result.value(QStringLiteral("active")).toBool(), false);
        // Scored like a finished version, and its history is the finished epochs.
        QVERIFY(storedTestAuroc(kept) > 0.8);
        QCOMPARE(m_lib->models().history(id)->size(), finished);
        // The checkpoint loads and holds the last finished epoch.
        const QString path = QDir(m_lib->modelsPath()).filePath(kept.checkpointFile);
        models::ModelError error;
        QVERIFY2(models::Predictor::load(path.toStdString(), &error), error.message.c_str());
        models::CheckpointInfo info;
        QVERIFY(models::Predictor::readInfo(path.toStdString(), &info, &error));
        const QJsonObject checkpointMetrics
                = QJsonDocument::fromJson(QByteArray::fromStdString(info.metricsJson)).object();
        QCOMPARE(checkpointMetrics.value(QStringLiteral("bestEpoch")).toInt(), finished);
        QVERIFY(checkpointMetrics.value(QStringLiteral("cancelled")).toBool());
        QCOMPARE(info.kind, std::string("mt"));
        // No staging file is left.
        for (const QString &file : modelFiles())
            QVERIFY2(!file.startsWith(QLatin1Char('.')), qPrintable(file));
        // The job table has the cancelled run with its result.
        QTRY_VERIFY_WITH_TIMEOUT(
                [&] {
                    auto jobs = m_lib->jobs().list();
                    return jobs && !jobs->isEmpty()
                            && jobs->first().state == QLatin1String("cancelled");
                }(),
                10000);
        const library::JobRecord row = m_lib->jobs().list()->first();
        QCOMPARE(row.kind, QStringLiteral("train"));
        const QJsonObject stored = QJsonDocument::fromJson(row.resultJson.toUtf8()).object();
        QCOMPARE(stored.value(QStringLiteral("modelId")).toInteger(), id);
        QCOMPARE(stored.value(QStringLiteral("keptEpoch")).toInt(), finished);
    }

    void cancelWithValidationKeepsTheBest()
    {
        const int modelsBefore = int(m_lib->models().list()->size());
        TrainJobOptions o = options(QStringLiteral("mt"), 100000);
        JobRunner runner;
        Job *job = runner.enqueue(std::make_unique<TrainJob>(o));
        QList<QVariantMap> received;
        connect(job, &Job::recordReported, this, [&](const QVariantMap &r) {
            received << r;
            if (finishedEpochs(received).size() == 4)
                job->cancel();
        });
        QVERIFY(runner.waitForAllBlocking(120000));
        QCOMPARE(job->state(), JobState::Cancelled);
        const QList<QVariantMap> epochs = finishedEpochs(received);
        int best = 0;
        for (const QVariantMap &r : epochs)
            if (r.value(QStringLiteral("improved")).toBool())
                best = r.value(QStringLiteral("epoch")).toInt();
        QVERIFY(best >= 1);
        const QVariantMap result = job->result();
        QCOMPARE(result.value(QStringLiteral("keptEpoch")).toInt(), best);
        const library::ModelRecord kept
                = model(result.value(QStringLiteral("modelId")).toLongLong());
        QVERIFY(kept.id > 0);
        QVERIFY(!kept.active);
        QCOMPARE(kept.parentId, 0);
        QVERIFY(kept.note.startsWith(
                QStringLiteral("cancelled at epoch %1 of 100000").arg(epochs.size())));
        QCOMPARE(int(m_lib->models().list()->size()), modelsBefore + 1);
    }

    void cancelBeforeTheFirstEpochRegistersNothing()
    {
        const QStringList filesBefore = modelFiles();
        const int modelsBefore = int(m_lib->models().list()->size());
        std::atomic<Job *> handle {nullptr};
        TrainJobOptions o = options(QStringLiteral("mt"), 50);
        auto worker = std::make_unique<TrainJob>(o);
        // Cancelled on the worker thread just before the trainer starts.
        worker->setTrainingSetHook([&handle](const models::BagSet &) {
            if (Job *job = handle.load())
                job->cancel();
        });
        JobRunner runner;
        Job *job = runner.enqueue(std::move(worker));
        handle.store(job);
        QList<QVariantMap> received;
        connect(job, &Job::recordReported, this, [&](const QVariantMap &r) { received << r; });
        QVERIFY(runner.waitForAllBlocking(60000));
        QCOMPARE(job->state(), JobState::Cancelled);
        QVERIFY(received.isEmpty());
        QCOMPARE(job->result().value(QStringLiteral("modelId")).toLongLong(), 0);
        QCOMPARE(job->result().value(QStringLiteral("epochs")).toInt(), 0);
        QCOMPARE(int(m_lib->models().list()->size()), modelsBefore);
        QCOMPARE(modelFiles(), filesBefore);
    }

    void activationPolicies()
    {
        QVERIFY(m_parentId > 0);
        QVERIFY(!m_lib->models().activate(m_parentId).isError());
        const library::ModelRecord parent = model(m_parentId);
        const QString parentMetrics = parent.metricsJson;
        const auto withStoredAuroc = [&](double auroc) {
            QJsonObject metrics = QJsonDocument::fromJson(parentMetrics.toUtf8()).object();
            QJsonObject test = metrics.value(QStringLiteral("test")).toObject();
            QJsonObject overall = test.value(QStringLiteral("overall")).toObject();
            overall.insert(QStringLiteral("auroc"), auroc);
            test.insert(QStringLiteral("overall"), overall);
            metrics.insert(QStringLiteral("test"), test);
            return !m_lib->models()
                            .setMetrics(m_parentId,
                                        QString::fromUtf8(QJsonDocument(metrics).toJson()))
                            .isError();
        };

        // "never": registered, not active.
        TrainJobOptions o = options(QStringLiteral("att"), 3);
        o.activation = QStringLiteral("never");
        Ran ran = runBlocking(std::make_unique<TrainJob>(o));
        QVERIFY2(ran.state == JobState::Finished, qPrintable(ran.error));
        QVERIFY(!ran.result.value(QStringLiteral("active")).toBool());
        QVERIFY(!model(ran.result.value(QStringLiteral("modelId")).toLongLong()).active);
        QCOMPARE((*m_lib->models().active())->id, m_parentId);

        // "if-better" against an active version that claims a perfect test AUROC: kept.
        QVERIFY(withStoredAuroc(1.0));
        o.activation = QStringLiteral("if-better");
        ran = runBlocking(std::make_unique<TrainJob>(o));
        QVERIFY2(ran.state == JobState::Finished, qPrintable(ran.error));
        QVERIFY(!ran.result.value(QStringLiteral("active")).toBool());
        QVERIFY2(ran.result.value(QStringLiteral("activationReason"))
                         .toString()
                         .contains(QStringLiteral("not higher")),
                 qPrintable(ran.result.value(QStringLiteral("activationReason")).toString()));
        QCOMPARE((*m_lib->models().active())->id, m_parentId);

        // ... and against one that is worse: the new version becomes active.
        QVERIFY(withStoredAuroc(0.1));
        ran = runBlocking(std::make_unique<TrainJob>(o));
        QVERIFY2(ran.state == JobState::Finished, qPrintable(ran.error));
        const qint64 better = ran.result.value(QStringLiteral("modelId")).toLongLong();
        QVERIFY(ran.result.value(QStringLiteral("active")).toBool());
        QCOMPARE((*m_lib->models().active())->id, better);
        QVERIFY(ran.result.value(QStringLiteral("activationReason"))
                        .toString()
                        .contains(QStringLiteral("higher")));

        // activate = false wins over the policy; an unknown policy is refused.
        o.activation = QStringLiteral("always");
        o.activate = false;
        ran = runBlocking(std::make_unique<TrainJob>(o));
        QVERIFY(!ran.result.value(QStringLiteral("active")).toBool());
        QCOMPARE((*m_lib->models().active())->id, better);
        o.activate = true;
        o.activation = QStringLiteral("sometimes");
        ran = runBlocking(std::make_unique<TrainJob>(o));
        QCOMPARE(ran.state, JobState::Failed);
        QVERIFY2(ran.error.contains(QStringLiteral("sometimes")), qPrintable(ran.error));
    }

    void activationDecisions()
    {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        library::ModelRecord active;
        active.name = QStringLiteral("old");
        active.metricsJson = QStringLiteral("{\"test\":{\"overall\":{\"auroc\":0.8}}}");
        QCOMPARE(TrainActivation::storedTestAuroc(active), 0.8);
        QVERIFY(TrainActivation::decide(QStringLiteral("always"), nan, active).activate);
        QVERIFY(!TrainActivation::decide(QStringLiteral("never"), 0.99, active).activate);
        QVERIFY(TrainActivation::decide(QStringLiteral("if-better"), 0.81, active).activate);
        QVERIFY(!TrainActivation::decide(QStringLiteral("if-better"), 0.8, active).activate);
        QVERIFY(!TrainActivation::decide(QStringLiteral("if-better"), nan, active).activate);
        QVERIFY(TrainActivation::decide(QStringLiteral("if-better"), nan, std::nullopt).activate);
        // A starter model's metrics are of another corpus: nothing to compare with here.
        active.metricsJson = QStringLiteral("{\"test_overall\":{\"auroc\":0.9}}");
        QVERIFY(std::isnan(TrainActivation::storedTestAuroc(active)));
        const ActivationDecision d
                = TrainActivation::decide(QStringLiteral("if-better"), 0.7, active);
        QVERIFY(d.activate);
        QVERIFY(d.reason.contains(QStringLiteral("old")));
    }

    void parametersRoundTrip()
    {
        TrainJobOptions o = options(QStringLiteral("mt"), 4);
        o.activation = QStringLiteral("if-better");
        o.heldoutEveryEpoch = false;
        const TrainJobOptions back = TrainJob::optionsFrom(TrainJob(o).parameters());
        QCOMPARE(back.activation, o.activation);
        QCOMPARE(back.heldoutEveryEpoch, false);
        QCOMPARE(back.activate, true);
        // Parameters stored before the policy existed: today's behaviour.
        QVariantMap old = TrainJob(o).parameters();
        old.remove(QStringLiteral("activation"));
        old.remove(QStringLiteral("heldoutEveryEpoch"));
        QCOMPARE(TrainJob::optionsFrom(old).activation, QStringLiteral("always"));
        QCOMPARE(TrainJob::optionsFrom(old).heldoutEveryEpoch, true);
    }
};

QTEST_GUILESS_MAIN(TrainJobTelemetryTest)
#include "TrainJobTelemetry_test.moc"
