// SPDX-License-Identifier: GPL-3.0-or-later
// CrossFitJob (docs/METHOD.md §9.4): K-fold held-out scores of a model version on a planted
// library, folds grouped by track, the from-scratch recipe, and the end-to-end claim of the
// errors queue: a label planted wrong comes first once its clip is judged by models that never
// saw it.
#include "core/jobs/CrossFitJob.h"
#include "core/jobs/Job.h"
#include "core/jobs/JobRunner.h"
#include "core/library/HeldoutPredictionStore.h"
#include "core/library/ModelStore.h"
#include "core/review/ReviewQueue.h"

#include "support/PlantedLibrary.h"

#include "models/api/TrainConfig.h"

#include <QDir>
#include <QElapsedTimer>
#include <QHash>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace timbre;
using namespace timbre::jobs;

class CrossFitJobTest : public QObject
{
    Q_OBJECT

private:
    static constexpr int kTracks = 80;
    static constexpr int kTrainable = 64; // all labelled (every planted label is known)
    QTemporaryDir m_dir;
    QString m_folder;
    std::unique_ptr<library::Library> m_lib;
    testing::PlantedLibrary m_planted;
    qint64 m_model = 0;
    // The planted flips: (clip index, instrument index) whose label contradicts the features.
    QList<QPair<int, int>> m_flips;

    static models::TrainConfig smallRecipe(int epochs)
    {
        models::TrainConfig c = models::TrainConfig::defaultsFor("att");
        c.epochs = epochs;
        c.batchSize = 16;
        c.learningRate = 5e-3;
        c.validationFraction = 0.0;
        c.extra["hidden"] = 32;
        return c;
    }

    CrossFitOptions options() const
    {
        CrossFitOptions o;
        o.libraryFolder = m_folder;
        o.folds = 4;
        o.seed = 3;
        o.threads = 1;
        return o;
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
        o.tracks = kTracks;
        o.instancesPerTrack = 20;
        o.instruments = 3;
        o.testFraction = 0.2; // the last 16 clips: never trained on, never scored
        o.signal = 5.0f;
        o.seed = 21;
        m_planted = testing::makePlantedLibrary(*m_lib, o);
        QVERIFY2(m_planted.error.isEmpty(), qPrintable(m_planted.error));
        // Two labels flipped against the planted truth, one each way.
        int present = -1, absent = -1;
        for (int i = 0; i < kTrainable && (present < 0 || absent < 0); ++i) {
            if (m_planted.truth[size_t(i)][1] == 1 && present < 0)
                present = i;
            else if (m_planted.truth[size_t(i)][1] == 0 && absent < 0)
                absent = i;
        }
        QVERIFY(present >= 0 && absent >= 0);
        for (int i : {present, absent}) {
            const auto flipped = m_planted.truth[size_t(i)][1] ? library::LabelState::Absent
                                                               : library::LabelState::Present;
            QVERIFY(m_lib->labels().set(m_planted.clipIds.at(i), m_planted.instrumentKeys.at(1),
                                        flipped, library::LabelSource::User,
                                        QStringLiteral("test")));
            m_flips << qMakePair(i, 1);
        }
        // The version: an ATT whose stored recipe the folds reuse (the cross-fit never reads
        // its weights, so no checkpoint is needed).
        library::ModelRecord m;
        m.name = QStringLiteral("att");
        m.kind = QStringLiteral("att");
        m.extractorId = QStringLiteral("melstat");
        m.extractorVersion = 1;
        m.hyperParametersJson = QString::fromStdString(smallRecipe(60).toJson());
        auto id = m_lib->models().add(m);
        QVERIFY(id);
        m_model = *id;
        QVERIFY(m_lib->models().activate(m_model).ok());
    }

    void parametersRoundTrip()
    {
        CrossFitOptions o = options();
        o.modelId = 9;
        o.epochs = 12;
        o.seed = 18446744073709551557ULL;
        const CrossFitOptions back = CrossFitJob::optionsFrom(CrossFitJob(o).parameters());
        QCOMPARE(back.libraryFolder, o.libraryFolder);
        QCOMPARE(back.modelId, o.modelId);
        QCOMPARE(back.folds, o.folds);
        QCOMPARE(back.epochs, o.epochs);
        QCOMPARE(back.seed, o.seed);
        QCOMPARE(back.threads, o.threads);
    }

    void foldsGroupTracksAndCoverEveryFold()
    {
        const QList<qint64> tracks {5, 5, 6, 7, 7, 7, 8, 9, 10, 11};
        const QList<int> folds = CrossFitJob::foldsByTrack(tracks, 3, 1);
        QCOMPARE(folds.size(), tracks.size());
        QHash<qint64, int> foldOf;
        QSet<int> used;
        for (int i = 0; i < tracks.size(); ++i) {
            QVERIFY(folds.at(i) >= 0 && folds.at(i) < 3);
            if (foldOf.contains(tracks.at(i)))
                QCOMPARE(folds.at(i), foldOf.value(tracks.at(i))); // one track, one fold
            foldOf.insert(tracks.at(i), folds.at(i));
            used.insert(folds.at(i));
        }
        QCOMPARE(used.size(), 3);
        QCOMPARE(CrossFitJob::foldsByTrack(tracks, 3, 1), folds); // seeded
    }

    void recipeComesFromTheFromScratchAncestor()
    {
        // A warm-started child (10 epochs, fine-tune all) of a from-scratch parent (60 epochs):
        // the folds train 60 epochs from scratch, with the child's width.
        library::ModelRecord child;
        child.name = QStringLiteral("child");
        child.kind = QStringLiteral("att");
        child.parentId = m_model;
        models::TrainConfig c = smallRecipe(10);
        c.fineTune = "all";
        c.warmStartCheckpoint = "att.ckpt";
        c.extra["hidden"] = 48;
        child.hyperParametersJson = QString::fromStdString(c.toJson());
        auto id = m_lib->models().add(child);
        QVERIFY(id);
        child.id = *id;
        QString error;
        const models::TrainConfig r = CrossFitJob::recipe(*m_lib, child, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(r.epochs, 60);
        QCOMPARE(r.fineTune, std::string("scratch"));
        QVERIFY(r.warmStartCheckpoint.empty());
        QCOMPARE(r.extraOr("hidden", 0), 48.0);
        QVERIFY(m_lib->models().remove(child.id).ok());
    }

    void crossFitFindsThePlantedFlips()
    {
        JobRunner runner;
        Job *job = runner.enqueue(std::make_unique<CrossFitJob>(options()));
        QVERIFY(runner.waitForAllBlocking(600000));
        QVERIFY2(job->state() == JobState::Finished, qPrintable(job->errorText()));
        const QVariantMap result = job->result();
        QCOMPARE(result.value(QStringLiteral("folds")).toInt(), 4);
        QCOMPARE(result.value(QStringLiteral("clips")).toInt(), kTrainable);
        QCOMPARE(result.value(QStringLiteral("epochs")).toInt(), 60);

        auto scores = m_lib->heldoutPredictions().scores(m_model);
        QVERIFY(scores);
        QCOMPARE(scores->size(), kTrainable * 20); // every instrument of the taxonomy
        QSet<qint64> testClips;
        for (int i = kTrainable; i < kTracks; ++i)
            testClips.insert(m_planted.clipIds.at(i));
        QHash<qint64, int> foldOfClip;
        for (const library::HeldoutScore &s : *scores) {
            QVERIFY(!testClips.contains(s.clipId));
            QVERIFY(s.fold >= 0 && s.fold < 4);
            foldOfClip.insert(s.clipId, s.fold);
        }
        QCOMPARE(foldOfClip.size(), kTrainable);
        auto run = m_lib->heldoutPredictions().run(m_model);
        QVERIFY(run && run->has_value());
        QCOMPARE((*run)->folds, 4);
        QCOMPARE((*run)->clips, kTrainable);
        QVERIFY((*run)->detailsJson.contains(QStringLiteral("scratch")));

        // The errors queue: both planted flips first, nothing unknown anywhere.
        auto errors = review::ReviewQueue::rank(*m_lib, review::QueueKind::LabelErrors, {});
        QVERIFY2(errors, qPrintable(errors.error().message));
        QVERIFY2(errors->size() >= 2, qPrintable(QString::number(errors->size())));
        QSet<qint64> flipped;
        for (const auto &f : m_flips)
            flipped.insert(m_planted.clipIds.at(f.first));
        QString top;
        for (int i = 0; i < std::min<int>(5, int(errors->size())); ++i)
            top += QStringLiteral("%1/%2/%3 ")
                           .arg(errors->at(i).clipId)
                           .arg(errors->at(i).instrumentKey)
                           .arg(errors->at(i).score);
        QVERIFY2(flipped.contains(errors->at(0).clipId), qPrintable(top));
        QVERIFY2(flipped.contains(errors->at(1).clipId), qPrintable(top));
        QCOMPARE(errors->at(0).instrumentKey, m_planted.instrumentKeys.at(1));
        for (const review::ReviewEntry &e : *errors)
            QVERIFY(e.currentLabel != library::LabelState::Unknown);
    }

    void cancelKeepsTheEarlierScores()
    {
        const qint64 before = *m_lib->heldoutPredictions().count(m_model);
        QVERIFY(before > 0);
        CrossFitOptions o = options();
        o.epochs = 100000; // would run for a long time
        JobRunner runner;
        Job *job = runner.enqueue(std::make_unique<CrossFitJob>(o));
        QTRY_VERIFY_WITH_TIMEOUT(job->progress().stage.startsWith(QStringLiteral("fold")), 60000);
        QTRY_VERIFY_WITH_TIMEOUT(job->progress().done > 0, 60000);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(runner.cancel(job->id()));
        QVERIFY(job->waitBlocking(5000));
        QVERIFY(clock.elapsed() < 5000);
        QTRY_VERIFY(job->state() == JobState::Cancelled);
        QCOMPARE(*m_lib->heldoutPredictions().count(m_model), before);
        QCOMPARE((*m_lib->heldoutPredictions().run(m_model))->folds, 4);
        const QStringList left
                = QDir(m_lib->modelsPath())
                          .entryList({QStringLiteral(".crossfit-*")}, QDir::Files | QDir::Hidden);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(QLatin1Char(' '))));
    }

    void tooFewTracksOrFoldsIsAClearError()
    {
        CrossFitOptions one = options();
        one.folds = 1;
        JobRunner runner;
        Job *a = runner.enqueue(std::make_unique<CrossFitJob>(one));
        CrossFitOptions many = options();
        many.folds = kTrainable + 1;
        Job *b = runner.enqueue(std::make_unique<CrossFitJob>(many));
        QVERIFY(runner.waitForAllBlocking(60000));
        QVERIFY(a->state() == JobState::Failed);
        QVERIFY(a->errorText().contains(QStringLiteral("at least 2 folds")));
        QVERIFY(b->state() == JobState::Failed);
        QVERIFY2(b->errorText().contains(QStringLiteral("there are %1").arg(kTrainable)),
                 qPrintable(b->errorText()));
    }
};

QTEST_GUILESS_MAIN(CrossFitJobTest)
#include "CrossFitJob_test.moc"
