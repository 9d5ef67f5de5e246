// SPDX-License-Identifier: GPL-3.0-or-later
// docs/RESULTS.md's worked example, done through the workbench's own objects: the main window,
// its review panel and label editor (keys), Library > Retrain Model, and the comparison of the
// new version with its parent.
//
//  1. The library's labels are the truth (the demo corpus labels every instrument of every
//     clip). Its trainable clips are degraded as a library really is: a share of the known
//     labels made unknown (missing) and a share of the present ones made absent (weak labels:
//     an instrument nobody tagged). Test clips keep every label.
//  2. A starter Mean Teacher is trained on the degraded labels (warm-started from the library's
//     first version when it has one, as scripts/demo.sh does), its predictions written, and its
//     held-out cross-fit scores made for the "likely label errors" queue.
//  3. In the window: the errors queue is walked with Q; where the truth differs from the shown
//     label, P or A corrects it — until half the corrections are made; then the uncertain queue
//     the same way, until kCorrections labels were corrected in all.
//  4. Library > Retrain Model (Mean Teacher, warm start from the active version); the window
//     refreshes the new version's predictions.
//  5. A control: the same retrain from the starter on the labels as they were before the walk
//     (what ten more epochs do without the corrections).
//  6. The three versions are evaluated on the test clips (core/eval, the numbers `timbre
//     evaluate --library --models A,B,C` prints) and printed, with the retrain's wall time.
//
// By default it runs on a planted library (tests/support/PlantedLibrary, 300 tracks) as a test
// of the whole loop. TIMBRE_WORKED_LIBRARY=<a copy of the demo library> runs it there
// (scripts/experiments/worked_example.sh), which is what RESULTS.md reports.
#include "app/gui/MainWindow.h"
#include "core/eval/LibraryEvaluation.h"
#include "core/jobs/CrossFitJob.h"
#include "core/jobs/Job.h"
#include "core/jobs/JobRunner.h"
#include "core/jobs/PredictJob.h"
#include "core/jobs/TrainJob.h"
#include "core/library/ClipStore.h"
#include "core/library/LabelStore.h"
#include "core/library/Library.h"
#include "core/library/ModelStore.h"
#include "support/PlantedLibrary.h"
#include "widgets/labels/LabelEditor.h"
#include "widgets/library/LibraryBrowser.h"
#include "widgets/review/ReviewPanel.h"
#include "widgets/settings/WorkbenchSettings.h"

#include "core/jobs/JobThreads.h"
#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QHash>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <random>

using namespace timbre;
using library::LabelState;

namespace {

constexpr int kCorrections = 50;

QString runJob(std::unique_ptr<jobs::JobWorker> worker, QVariantMap *result = nullptr)
{
    jobs::JobThreads jobThreads;
    jobs::Job job(std::move(worker));
    job.startAsync(&jobThreads);
    while (!job.isDone())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    if (result)
        *result = job.result();
    if (job.state() == jobs::JobState::Finished)
        return {};
    return job.errorText().isEmpty() ? QStringLiteral("not finished") : job.errorText();
}

QString cell(qint64 clip, const QString &key)
{
    return QString::number(clip) + QLatin1Char('/') + key;
}

struct Degraded
{
    QHash<QString, LabelState> truth; // cell -> the true label (trainable clips)
    int hidden = 0; // known labels made unknown
    int flipped = 0; // present labels made absent
    QString error;
};

// Reads the truth of the trainable clips and degrades their labels (one import batch).
Degraded degrade(const library::Library &lib, double hideFraction, double missFraction,
                 unsigned seed)
{
    Degraded out;
    auto clips = lib.clips().trainableClipIds();
    if (!clips) {
        out.error = clips.error().message;
        return out;
    }
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    QList<library::LabelEdit> edits;
    for (qint64 clip : std::as_const(*clips)) {
        auto labels = lib.labels().labelsOfClip(clip);
        if (!labels) {
            out.error = labels.error().message;
            return out;
        }
        for (const library::Label &l : std::as_const(*labels)) {
            if (l.state == LabelState::Unknown)
                continue;
            out.truth.insert(cell(clip, l.instrumentKey), l.state);
            if (u(rng) < hideFraction) {
                edits << library::LabelEdit {clip, l.instrumentKey, LabelState::Unknown};
                ++out.hidden;
            } else if (l.state == LabelState::Present && u(rng) < missFraction) {
                edits << library::LabelEdit {clip, l.instrumentKey, LabelState::Absent};
                ++out.flipped;
            }
        }
    }
    auto applied = lib.labels().apply(edits, library::LabelSource::Import,
                                      QStringLiteral("worked example: degraded"));
    if (!applied)
        out.error = applied.error().message;
    return out;
}

QString line(const eval::ModelEvaluation &m)
{
    const eval::MetricsReport &r = m.report;
    return QStringLiteral("%1: AUROC %2  F1 %3  P %4  R %5  mAP %6")
            .arg(m.name)
            .arg(100 * r.auroc, 0, 'f', 2)
            .arg(100 * r.f1, 0, 'f', 2)
            .arg(100 * r.precision, 0, 'f', 2)
            .arg(100 * r.recall, 0, 'f', 2)
            .arg(100 * r.meanAveragePrecision, 0, 'f', 2);
}

} // namespace

class WorkedExampleTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void correctFiftyLabelsRetrainAndCompare()
    {
        QTemporaryDir dir;
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope,
                           dir.filePath(QStringLiteral("settings")));
        widgets::WorkbenchSettings().save();
        const QString given = qEnvironmentVariable("TIMBRE_WORKED_LIBRARY");
        const QString folder = given.isEmpty() ? dir.filePath(QStringLiteral("lib")) : given;
        const quint64 seed = 7;

        // 1-2: the degraded library and its starter version.
        Degraded degraded;
        qint64 warmFrom = 0;
        {
            auto lib = library::Library::open(folder);
            QVERIFY(lib);
            if (given.isEmpty()) {
                testing::PlantedLibraryOptions o;
                o.tracks = 300;
                o.testFraction = 0.2;
                // Every instrument labelled on every clip, as in the demo corpus: an instrument
                // nobody planted would be unknown everywhere and fill the uncertain queue with
                // labels no truth can correct.
                auto keys = (*lib)->taxonomy().keys();
                QVERIFY(keys);
                o.instruments = int(keys->size());
                const testing::PlantedLibrary planted = testing::makePlantedLibrary(**lib, o);
                QVERIFY2(planted.error.isEmpty(), qPrintable(planted.error));
            }
            auto models = (*lib)->models().list();
            QVERIFY(models);
            if (!models->isEmpty())
                warmFrom = models->first().id;
            degraded = degrade(**lib, 0.4, 0.15, unsigned(seed));
            QVERIFY2(degraded.error.isEmpty(), qPrintable(degraded.error));
        }
        jobs::TrainJobOptions starter;
        starter.libraryFolder = folder;
        starter.kind = QStringLiteral("mt");
        starter.seed = seed;
        starter.note = QStringLiteral("worked example: starter on the degraded labels");
        if (warmFrom > 0) {
            starter.warmStart = QString::number(warmFrom);
            starter.epochs = 40;
        }
        QVariantMap starterResult;
        QString error = runJob(std::make_unique<jobs::TrainJob>(starter), &starterResult);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const qint64 versionA = starterResult.value(QStringLiteral("modelId")).toLongLong();
        jobs::PredictOptions predict;
        predict.libraryFolder = folder;
        error = runJob(std::make_unique<jobs::PredictJob>(predict));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        jobs::CrossFitOptions crossFit;
        crossFit.libraryFolder = folder;
        crossFit.seed = seed;
        error = runJob(std::make_unique<jobs::CrossFitJob>(crossFit));
        QVERIFY2(error.isEmpty(), qPrintable(error));

        // 3: the walk, in the window.
        gui::MainWindow window;
        window.resize(1600, 1000);
        window.show();
        QSignalSpy loaded(window.browser(), &widgets::LibraryBrowser::loaded);
        widgets::ReviewPanel *review = window.reviewPanel();
        QSignalSpy firstRanking(review, &widgets::ReviewPanel::queueReady);
        QVERIFY(window.openLibrary(folder));
        QVERIFY(loaded.wait(60000));
        // The default queue's first ranking, so that a late one cannot be mistaken for ours.
        QTRY_VERIFY_WITH_TIMEOUT(!firstRanking.isEmpty(), 60000);
        widgets::LabelEditor *editor = window.labelEditor();
        QSignalSpy editorLoaded(editor, &widgets::LabelEditor::loaded);
        QSignalSpy chosen(editor, &widgets::LabelEditor::queueClipChosen);
        int corrected = 0;
        int walked = 0;
        QHash<QString, int> correctedFrom; // queue -> corrections made from it
        QHash<QString, int> walkedIn;
        QList<library::LabelEdit> asDegraded; // the corrected labels as they were, for the control
        const QList<std::pair<review::QueueKind, QString>> queues
                = {{review::QueueKind::LabelErrors, QStringLiteral("errors")},
                   {review::QueueKind::Uncertain, QStringLiteral("uncertain")}};
        for (const auto &[kind, name] : queues) {
            QSignalSpy ready(review, &widgets::ReviewPanel::queueReady);
            review->setKind(kind);
            QVERIFY(ready.wait(120000));
            QVERIFY2(!review->entries().isEmpty(), qPrintable(review->statusText()));
            const int goal = name == QLatin1String("errors") ? kCorrections / 2 : kCorrections;
            // Q walks clips, and a clip ranked for two instruments is one stop.
            const int stops = int(ready.last().at(0).value<QList<qint64>>().size());
            for (int i = 0; i < stops && corrected < goal; ++i) {
                const int before = int(chosen.count());
                editorLoaded.clear();
                QTest::keyClick(editor, Qt::Key_Q);
                QCOMPARE(int(chosen.count()), before + 1);
                const qint64 clip = chosen.last().at(0).toLongLong();
                QTRY_VERIFY_WITH_TIMEOUT(!editorLoaded.isEmpty()
                                                 && editor->shown().clipIds
                                                         == QList<qint64>({clip}),
                                         10000);
                ++walked;
                ++walkedIn[name];
                const QString key = editor->currentInstrument();
                QCOMPARE(key, review->instrumentOfClip(clip));
                const auto truth = degraded.truth.constFind(cell(clip, key));
                if (truth == degraded.truth.constEnd())
                    continue; // a label the truth does not know either
                if (editor->shown().label(clip, key) == *truth)
                    continue; // the queue was wrong here: nothing to correct
                asDegraded << library::LabelEdit {clip, key, editor->shown().label(clip, key)};
                QTest::keyClick(editor,
                                *truth == LabelState::Present ? Qt::Key_P : Qt::Key_A);
                ++corrected;
                ++correctedFrom[name];
            }
        }
        QCOMPARE(corrected, kCorrections);
        QTRY_VERIFY_WITH_TIMEOUT(editor->saveState() == widgets::LabelEditor::SaveState::Saved,
                                 10000);
        {
            // The corrections are in the catalog.
            auto lib = library::Library::open(folder);
            QVERIFY(lib);
            int right = 0;
            for (auto it = degraded.truth.constBegin(); it != degraded.truth.constEnd(); ++it) {
                const qint64 clip = it.key().section(QLatin1Char('/'), 0, 0).toLongLong();
                auto s = (*lib)->labels().state(clip, it.key().section(QLatin1Char('/'), 1));
                QVERIFY(s);
                right += *s == *it ? 1 : 0;
            }
            const int wrongBefore = degraded.hidden + degraded.flipped;
            const int wrongAfter = int(degraded.truth.size()) - right;
            QCOMPARE(wrongAfter, wrongBefore - kCorrections);
        }

        // 4: Library > Retrain Model, and the refreshed predictions.
        QSignalSpy done(window.jobRunner(), &jobs::JobRunner::jobDone);
        QElapsedTimer wall;
        wall.start();
        jobs::Job *retrain = window.startTrain(true);
        QVERIFY(retrain);
        QTRY_VERIFY_WITH_TIMEOUT(retrain->isDone(), 600000);
        const double retrainS = wall.elapsed() / 1000.0;
        QCOMPARE(retrain->state(), jobs::JobState::Finished);
        const qint64 versionB = retrain->result().value(QStringLiteral("modelId")).toLongLong();
        QTRY_VERIFY_WITH_TIMEOUT(window.jobRunner()->activeCount() == 0, 600000);
        const double withPredictionsS = wall.elapsed() / 1000.0;
        {
            auto lib = library::Library::open(folder);
            QVERIFY(lib);
            auto b = (*lib)->models().findById(versionB);
            QVERIFY(b && *b);
            QCOMPARE((*b)->parentId, versionA);
        }

        // 4b, a control: the same retrain (warm start from the starter, the window's recipe and
        // seed) on the labels as they were before the walk, to tell what the corrections bought
        // from what ten more epochs do on their own.
        qint64 versionC = 0;
        {
            auto lib = library::Library::open(folder);
            QVERIFY(lib);
            auto restored = (*lib)->labels().apply(asDegraded, library::LabelSource::Import,
                                                   QStringLiteral("worked example: control"));
            QVERIFY2(restored, restored ? "" : qPrintable(restored.error().message));
            jobs::TrainJobOptions control;
            control.libraryFolder = folder;
            control.kind = QStringLiteral("mt");
            control.warmStart = QString::number(versionA);
            control.activation = QStringLiteral("never");
            control.note = QStringLiteral("worked example: control, no corrections");
            QVariantMap controlResult;
            error = runJob(std::make_unique<jobs::TrainJob>(control), &controlResult);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            versionC = controlResult.value(QStringLiteral("modelId")).toLongLong();
            QCOMPARE(controlResult.value(QStringLiteral("epochs")).toInt(),
                     retrain->result().value(QStringLiteral("epochs")).toInt());
        }

        // 6: the comparison on the test clips.
        auto lib = library::Library::open(folder);
        QVERIFY(lib);
        eval::LibraryEvaluationOptions options;
        options.modelIds = {versionA, versionB, versionC};
        const eval::LibraryEvaluation evaluation = eval::LibraryEvaluator::evaluate(**lib, options);
        QVERIFY2(evaluation.error.isEmpty(), qPrintable(evaluation.error));
        QCOMPARE(int(evaluation.models.size()), 3);
        qInfo("labels: %d known on trainable clips, %d hidden, %d present made absent",
              int(degraded.truth.size()), degraded.hidden, degraded.flipped);
        qInfo("walked %d queue entries (errors %d, uncertain %d) to correct %d labels (errors %d, "
              "uncertain %d)",
              walked, walkedIn.value(QStringLiteral("errors")),
              walkedIn.value(QStringLiteral("uncertain")), corrected,
              correctedFrom.value(QStringLiteral("errors")),
              correctedFrom.value(QStringLiteral("uncertain")));
        qInfo("retrain: %.1f s (job %.1f s, %d epochs), with the new predictions %.1f s",
              retrainS, retrain->result().value(QStringLiteral("seconds")).toDouble(),
              retrain->result().value(QStringLiteral("epochs")).toInt(), withPredictionsS);
        qInfo("test clips: %d", int(evaluation.clipIds.size()));
        qInfo("before  %s", qPrintable(line(evaluation.models.at(0))));
        qInfo("after   %s", qPrintable(line(evaluation.models.at(1))));
        qInfo("control %s", qPrintable(line(evaluation.models.at(2))));
        QVERIFY(evaluation.models.at(1).report.auroc > 0.5);
    }
};

QTEST_MAIN(WorkedExampleTest)
#include "WorkedExample_test.moc"
