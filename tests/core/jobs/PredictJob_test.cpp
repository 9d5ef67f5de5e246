// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/datasets/trainsets/LibraryBags.h"
#include "core/jobs/JobContext.h"
#include "core/jobs/PredictJob.h"
#include "core/jobs/Shard.h"
#include "core/library/CatalogDatabase.h"
#include "core/library/ClipStore.h"
#include "core/library/Library.h"
#include "core/library/MissingWork.h"
#include "core/library/ModelStore.h"
#include "core/library/PredictionStore.h"
#include "core/library/ShownScores.h"
#include "core/library/TrackStore.h"

#include "models/api/Predictor.h"
#include "support/PlantedLibrary.h"
#include "support/TrainedLibraryModel.h"

#include <QDateTime>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace timbre;
using timbre::jobs::JobOutcome;

namespace {

JobOutcome runPredict(const jobs::PredictOptions &options,
                      std::function<void(std::atomic<bool> *, qint64)> afterChunk = {})
{
    auto control = std::make_shared<jobs::JobControl>();
    jobs::JobContext context(control);
    jobs::PredictJob job(options);
    if (afterChunk)
        job.setChunkWrittenHook(
                [&](qint64 written) { afterChunk(&control->cancelRequested, written); });
    return job.run(context);
}

} // namespace

class PredictJobTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<library::Library> m_lib;
    testing::PlantedLibrary m_planted;
    testing::TrainedLibraryModel m_model;
    qint64 m_trackWithoutFeatures = 0;
    qint64 m_cancelledModel = 0; // its newest predict run was cancelled after one chunk
    qint64 m_cancelledRun = 0;
    int m_classes = 0;

private Q_SLOTS:
    void initTestCase()
    {
        auto lib = library::Library::open(m_dir.filePath(QStringLiteral("lib")));
        QVERIFY2(lib.ok(), qPrintable(lib.error().message));
        m_lib = lib.take();
        testing::PlantedLibraryOptions o;
        o.tracks = 40;
        o.labelledFraction = 0.7;
        o.testFraction = 0.25;
        m_planted = testing::makePlantedLibrary(*m_lib, o);
        QVERIFY2(m_planted.error.isEmpty(), qPrintable(m_planted.error));
        // A clip whose track has no features: skipped, not fatal.
        library::TrackRecord bare;
        bare.path = QStringLiteral("/planted/no-features.flac");
        bare.size = 1;
        auto track = m_lib->tracks().upsert(bare);
        QVERIFY(track.ok());
        m_trackWithoutFeatures = *track;
        QVERIFY(m_lib->clips().ensureWholeTrackClip(*track).ok());
        m_model = testing::trainLibraryModel(*m_lib, {});
        QVERIFY2(m_model.error.isEmpty(), qPrintable(m_model.error));
        m_classes = int(m_lib->taxonomy().keys()->size());
    }

    void scoresEveryClipAsThePredictorDoes()
    {
        jobs::PredictOptions options;
        options.libraryFolder = m_lib->folder();
        options.batchClips = 16; // 40 clips: chunks of 16, 16, 8
        const JobOutcome outcome = runPredict(options);
        QVERIFY2(outcome.status == JobOutcome::Status::Succeeded, qPrintable(outcome.errorText));
        QCOMPARE(outcome.result.value(QStringLiteral("modelId")).toLongLong(), m_model.id);
        QCOMPARE(outcome.result.value(QStringLiteral("clips")).toLongLong(), 40);
        QCOMPARE(outcome.result.value(QStringLiteral("skipped")).toLongLong(), 1);
        QCOMPARE(*m_lib->predictions().count(m_model.id), qint64(40) * m_classes);

        auto run = m_lib->predictions().latestRun(m_model.id);
        QVERIFY(run.ok() && run->has_value());
        QVERIFY((*run)->finishedMs > 0);
        QCOMPARE((*run)->clips, 40);
        QCOMPARE((*run)->id, outcome.result.value(QStringLiteral("runId")).toLongLong());

        // The same numbers as the Predictor on the library's bags (test clips included).
        datasets::LibraryBagOptions all;
        all.clips = datasets::LibraryBagOptions::Clips::All;
        const datasets::LibraryBags bags
                = datasets::LibraryBags::load(*m_lib, QStringLiteral("melstat-v1"), all);
        QCOMPARE(bags.bags.numBags(), 40);
        models::ModelError error;
        auto predictor = models::Predictor::load(m_model.checkpoint.toStdString(), &error);
        QVERIFY2(predictor, error.message.c_str());
        const auto expected = predictor->predict(bags.bags, 256, &error);
        QCOMPARE(int(expected.size()), 40);
        for (int b = 0; b < 40; ++b) {
            auto stored = m_lib->predictions().scoresOfClip(m_model.id, bags.clipIds.at(b));
            QVERIFY(stored.ok());
            QCOMPARE(int(stored->size()), m_classes);
            for (int c = 0; c < m_classes; ++c) {
                QCOMPARE(stored->at(c).instrumentKey,
                         QString::fromStdString(predictor->info().classNames[size_t(c)]));
                QVERIFY(qAbs(stored->at(c).score - expected[size_t(b)].clipScores[size_t(c)])
                        < 1e-5f);
            }
        }
        // The planted instruments are learnt: present clips score higher than absent ones.
        auto first = m_lib->predictions().scoresOfInstrument(m_model.id,
                                                             m_planted.instrumentKeys.at(0));
        QVERIFY(first.ok());
        double present = 0, absent = 0;
        int nPresent = 0, nAbsent = 0;
        for (int t = 0; t < 40; ++t) {
            const float s = first->value(m_planted.clipIds.at(t), -1.0f);
            QVERIFY(s >= 0.0f);
            if (m_planted.truth[size_t(t)][0]) {
                present += s;
                ++nPresent;
            } else {
                absent += s;
                ++nAbsent;
            }
        }
        QVERIFY(nPresent > 0 && nAbsent > 0);
        QVERIFY2(present / nPresent > absent / nAbsent + 0.3,
                 qPrintable(
                         QStringLiteral("%1 vs %2").arg(present / nPresent).arg(absent / nAbsent)));
    }

    void cancelKeepsWholeChunksAndLeavesTheRunUnfinished()
    {
        auto second = testing::trainLibraryModel(
                *m_lib, {QStringLiteral("second"), "att", 5, 3e-3, 2, false});
        QVERIFY2(second.error.isEmpty(), qPrintable(second.error));
        jobs::PredictOptions options;
        options.libraryFolder = m_lib->folder();
        options.modelId = second.id;
        options.batchClips = 7;
        qint64 seen = 0;
        const JobOutcome outcome
                = runPredict(options, [&seen](std::atomic<bool> *cancel, qint64 n) {
                      seen = n;
                      *cancel = true; // after the first chunk
                  });
        QVERIFY(outcome.status == JobOutcome::Status::Cancelled);
        QCOMPARE(seen, 7);
        QCOMPARE(outcome.result.value(QStringLiteral("clips")).toLongLong(), 7);
        QCOMPARE(*m_lib->predictions().count(second.id), qint64(7) * m_classes);
        auto run = m_lib->predictions().latestRun(second.id);
        QVERIFY(run.ok() && run->has_value());
        QCOMPARE((*run)->finishedMs, 0);
        m_cancelledModel = second.id;
        m_cancelledRun = (*run)->id;
    }

    void missingOrCorruptCheckpointFailsNamingTheFile()
    {
        library::ModelRecord missing;
        missing.name = QStringLiteral("missing");
        missing.kind = QStringLiteral("att");
        missing.extractorId = QStringLiteral("melstat");
        missing.extractorVersion = 1;
        missing.checkpointFile = QStringLiteral("nowhere.ckpt");
        auto id = m_lib->models().add(missing);
        QVERIFY(id.ok());
        jobs::PredictOptions options;
        options.libraryFolder = m_lib->folder();
        options.modelId = *id;
        JobOutcome outcome = runPredict(options);
        QVERIFY(outcome.status == JobOutcome::Status::Failed);
        QVERIFY2(outcome.errorText.contains(QStringLiteral("nowhere.ckpt"))
                         && outcome.errorText.contains(QStringLiteral("does not exist")),
                 qPrintable(outcome.errorText));
        QCOMPARE(*m_lib->predictions().count(*id), 0);

        QFile garbage(QDir(m_lib->modelsPath()).filePath(QStringLiteral("garbage.ckpt")));
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write("not a checkpoint at all");
        garbage.close();
        missing.name = QStringLiteral("garbage");
        missing.checkpointFile = QStringLiteral("garbage.ckpt");
        id = m_lib->models().add(missing);
        QVERIFY(id.ok());
        options.modelId = *id;
        outcome = runPredict(options);
        QVERIFY(outcome.status == JobOutcome::Status::Failed);
        QVERIFY2(outcome.errorText.contains(QStringLiteral("garbage.ckpt")),
                 qPrintable(outcome.errorText));

        options.modelId = 987654;
        outcome = runPredict(options);
        QVERIFY(outcome.status == JobOutcome::Status::Failed);
        QVERIFY2(outcome.errorText.contains(QStringLiteral("987654")),
                 qPrintable(outcome.errorText));
    }

    void shownScoresFollowTheActiveModel()
    {
        // The first model is active and has a finished run: fresh.
        auto shown = library::shownScores(*m_lib);
        QVERIFY(shown.ok());
        QCOMPARE(shown->modelId, m_model.id);
        QCOMPARE(shown->activeModelId, m_model.id);
        QVERIFY(!shown->stale);

        // A new active model without a run: the old scores, marked stale.
        auto third = testing::trainLibraryModel(*m_lib,
                                                {QStringLiteral("third"), "att", 3, 3e-3, 3, true});
        QVERIFY2(third.error.isEmpty(), qPrintable(third.error));
        shown = library::shownScores(*m_lib);
        QVERIFY(shown.ok());
        QCOMPARE(shown->activeModelId, third.id);
        QCOMPARE(shown->modelId, m_model.id);
        QVERIFY(shown->stale);
        QVERIFY(!shown->activeRunUnfinished);

        // Once it has predicted: its own, fresh.
        jobs::PredictOptions options;
        options.libraryFolder = m_lib->folder();
        const JobOutcome outcome = runPredict(options);
        QVERIFY2(outcome.status == JobOutcome::Status::Succeeded, qPrintable(outcome.errorText));
        shown = library::shownScores(*m_lib);
        QVERIFY(shown.ok());
        QCOMPARE(shown->modelId, third.id);
        QCOMPARE(shown->runId, outcome.result.value(QStringLiteral("runId")).toLongLong());
        QVERIFY(!shown->stale);
    }

    // After shownScoresFollowTheActiveModel: the run it finishes becomes the newest one.
    void resumedRunScoresOnlyWhatTheCancelledRunDidNot()
    {
        QVERIFY(m_cancelledRun > 0);
        // One clip the cancelled run scored has had its features written again since: its
        // stored score may be stale, so the resumed run scores it again.
        auto firstChunk = m_lib->predictions().clipsDoneInRun(m_cancelledRun, m_classes,
                                                              QStringLiteral("melstat"), 1);
        QVERIFY(firstChunk.ok());
        QCOMPARE(firstChunk->size(), 7);
        const qint64 refreshedClip = *firstChunk->begin();
        {
            QSqlQuery q(m_lib->database().connection());
            q.prepare(QStringLiteral("UPDATE feature_set SET created_ms = ? WHERE track_id = "
                                     "(SELECT track_id FROM clip WHERE id = ?)"));
            q.addBindValue(QDateTime::currentMSecsSinceEpoch() + 60000);
            q.addBindValue(refreshedClip);
            QVERIFY(q.exec());
            QCOMPARE(q.numRowsAffected(), 1);
        }
        jobs::PredictOptions options;
        options.libraryFolder = m_lib->folder();
        options.modelId = m_cancelledModel;
        options.batchClips = 7;
        QList<qint64> seen;
        const JobOutcome outcome
                = runPredict(options, [&seen](std::atomic<bool> *, qint64 n) { seen.append(n); });
        QVERIFY2(outcome.status == JobOutcome::Status::Succeeded, qPrintable(outcome.errorText));
        QCOMPARE(outcome.result.value(QStringLiteral("runId")).toLongLong(), m_cancelledRun);
        QVERIFY(outcome.result.value(QStringLiteral("resumed")).toBool());
        QCOMPARE(outcome.result.value(QStringLiteral("reused")).toLongLong(), 6);
        QCOMPARE(outcome.result.value(QStringLiteral("clips")).toLongLong(), 40);
        // 34 clips left in chunks of 7: the first report counts the 6 kept ones.
        QCOMPARE(seen, (QList<qint64> {13, 20, 27, 34, 40}));
        auto run = m_lib->predictions().latestRun(m_cancelledModel);
        QVERIFY(run.ok() && run->has_value());
        QCOMPARE((*run)->id, m_cancelledRun);
        QVERIFY((*run)->finishedMs > 0);
        QCOMPARE((*run)->clips, 40);
        QCOMPARE(*m_lib->predictions().count(m_cancelledModel), qint64(40) * m_classes);
        auto all = m_lib->predictions().clipsDoneInRun(m_cancelledRun, m_classes,
                                                       QStringLiteral("melstat"), 1);
        QVERIFY(all.ok());
        QCOMPARE(all->size(), 39); // every clip but the refreshed one predates the run

        // A finished run is not resumed: the next predict begins a run of its own.
        const JobOutcome again = runPredict(options);
        QVERIFY(again.status == JobOutcome::Status::Succeeded);
        QVERIFY(again.result.value(QStringLiteral("runId")).toLongLong() > m_cancelledRun);
        QCOMPARE(again.result.value(QStringLiteral("reused")).toLongLong(), 0);
        QVERIFY(!again.result.value(QStringLiteral("resumed")).toBool());
    }

    // Three shard tasks score disjoint parts whose union is every clip; each resumes only its
    // own run; the one that leaves nothing unscored records the whole run the browser counts.
    void shardsScoreTheirTracksAndTheLastRecordsTheWholeRun()
    {
        testing::TrainedLibraryModelOptions o;
        o.name = QStringLiteral("sharded");
        o.epochs = 5;
        o.activate = false;
        const testing::TrainedLibraryModel model = testing::trainLibraryModel(*m_lib, o);
        QVERIFY2(model.error.isEmpty(), qPrintable(model.error));
        auto clips = m_lib->clips().list();
        QVERIFY(clips.ok());
        {
            // An earlier test dated one track's features into the future; none is here.
            QSqlQuery q(m_lib->database().connection());
            q.prepare(QStringLiteral("UPDATE feature_set SET created_ms = ?"));
            q.addBindValue(QDateTime::currentMSecsSinceEpoch() - 10000);
            QVERIFY(q.exec());
        }
        const auto missing = [&] {
            return library::tracksMissingPredictions(m_lib->database(), model.id, m_classes,
                                                     QStringLiteral("melstat"), 1);
        };
        QCOMPARE(missing()->size(), 40); // every track with features; not the bare one

        jobs::PredictOptions options;
        options.libraryFolder = m_lib->folder();
        options.modelId = model.id;
        options.batchClips = 4;
        options.shardCount = 3;
        // Shard 1 is cancelled after its first chunk, then shard 0 runs: it begins a run of its
        // own rather than continuing shard 1's.
        options.shardIndex = 1;
        const JobOutcome cancelled
                = runPredict(options, [](std::atomic<bool> *cancel, qint64) { *cancel = true; });
        QVERIFY(cancelled.status == JobOutcome::Status::Cancelled);
        const qint64 shard1Run = cancelled.result.value(QStringLiteral("runId")).toLongLong();
        QCOMPARE(cancelled.result.value(QStringLiteral("part")).toString(), QStringLiteral("1/3"));

        qint64 scored = 0;
        for (int i : {0, 1, 2}) {
            options.shardIndex = i;
            const JobOutcome outcome = runPredict(options);
            QVERIFY2(outcome.status == JobOutcome::Status::Succeeded,
                     qPrintable(outcome.errorText));
            const QVariantMap &r = outcome.result;
            QCOMPARE(r.value(QStringLiteral("resumed")).toBool(), i == 1);
            if (i == 1) {
                QCOMPARE(r.value(QStringLiteral("runId")).toLongLong(), shard1Run);
                QCOMPARE(r.value(QStringLiteral("reused")).toLongLong(), 4);
            }
            // This shard's clips are exactly those of its tracks.
            qint64 expected = 0;
            for (const library::ClipRecord &c : *clips) {
                if (c.trackId != m_trackWithoutFeatures && jobs::Shard {i, 3}.holds(c.trackId))
                    ++expected;
            }
            QVERIFY(expected > 0);
            QCOMPARE(r.value(QStringLiteral("clips")).toLongLong(), expected);
            scored += expected;
            const bool last = i == 2;
            QCOMPARE(r.value(QStringLiteral("completedWhole")).toBool(), last);
            auto whole = m_lib->predictions().latestRun(model.id);
            QVERIFY(whole.ok());
            QCOMPARE(whole->has_value(), last);
            QCOMPARE(missing()->isEmpty(), last);
        }
        QCOMPARE(scored, qint64(40));
        QCOMPARE(*m_lib->predictions().count(model.id), qint64(40) * m_classes);
        auto whole = m_lib->predictions().latestRun(model.id);
        QVERIFY((*whole)->finishedMs > 0);
        QCOMPARE((*whole)->clips, qint64(40));
        QCOMPARE((*whole)->shard, QString());
        auto shardRun = m_lib->predictions().latestRun(model.id, QStringLiteral("1/3"));
        QCOMPARE((*shardRun)->id, shard1Run);

        // A clip whose features are newer than the run that scored it is missing again, and a
        // predict of just its track (a retry manifest) scores it alone.
        const qint64 track = clips->first().trackId;
        QSqlQuery q(m_lib->database().connection());
        q.prepare(QStringLiteral("UPDATE feature_set SET created_ms = ? WHERE track_id = ?"));
        q.addBindValue(QDateTime::currentMSecsSinceEpoch() + 60000);
        q.addBindValue(track);
        QVERIFY(q.exec());
        QCOMPARE(missing()->size(), 1);
        QCOMPARE(missing()->first().trackId, track);
        jobs::PredictOptions retry;
        retry.libraryFolder = m_lib->folder();
        retry.modelId = model.id;
        retry.trackIds = {track};
        const JobOutcome again = runPredict(retry);
        QVERIFY2(again.status == JobOutcome::Status::Succeeded, qPrintable(again.errorText));
        QCOMPARE(again.result.value(QStringLiteral("part")).toString(), QStringLiteral("tracks"));
        QCOMPARE(again.result.value(QStringLiteral("clips")).toLongLong(), qint64(1));
        // Still missing: its features stay newer than any run begun now (they are dated a
        // minute ahead), so the run is not recorded as whole either.
        QVERIFY(!again.result.value(QStringLiteral("completedWhole")).toBool());
    }

    void parametersRoundTrip()
    {
        jobs::PredictOptions o;
        o.libraryFolder = QStringLiteral("/x");
        o.modelId = 5;
        o.batchClips = 33;
        o.threads = 2;
        o.trackIds = {3, 9};
        o.shardIndex = 2;
        o.shardCount = 5;
        const jobs::PredictOptions back
                = jobs::PredictJob::optionsFrom(jobs::PredictJob(o).parameters());
        QCOMPARE(back.libraryFolder, o.libraryFolder);
        QCOMPARE(back.modelId, o.modelId);
        QCOMPARE(back.batchClips, o.batchClips);
        QCOMPARE(back.threads, o.threads);
        QCOMPARE(back.trackIds, o.trackIds);
        QCOMPARE(back.shardIndex, 2);
        QCOMPARE(back.shardCount, 5);
    }
};

QTEST_GUILESS_MAIN(PredictJobTest)
#include "PredictJob_test.moc"
