// SPDX-License-Identifier: GPL-3.0-or-later
// The retrain loop end to end on a library of N tracks with cached features (goal,
// docs/ARCHITECTURE.md §9: an incremental Mean Teacher retrain of a 1000-track library after 50
// label edits, to a new active version with refreshed predictions, in at most 30 s on 2 cores).
//
// Setup (not timed): tests/support/PlantedLibrary (N tracks x 10 instances of 128-d melstat-
// shaped features, 4 planted instruments, 30 % of labels known, 20 % test clips), a starter MT
// trained from scratch and its predictions. Timed: 50 label edits → TrainJob warm-started from
// the active model (its defaults: TrainJob::kWarmStartEpochs) → PredictJob of the new active
// version; counters report each part.
//   build/tests/bench/bench_retrain --benchmark_counters_tabular=true
#include "core/jobs/Job.h"
#include "core/jobs/PredictJob.h"
#include "core/jobs/TrainJob.h"
#include "core/library/LabelStore.h"
#include "core/library/Library.h"
#include "core/library/ModelStore.h"
#include "tests/support/PlantedLibrary.h"

#include "core/jobs/JobThreads.h"
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

#include <cstdio>

using namespace timbre;

namespace {

QVariantMap runJob(std::unique_ptr<jobs::JobWorker> worker, QString *error)
{
    timbre::jobs::JobThreads jobThreads;
    jobs::Job job(std::move(worker));
    job.startAsync(&jobThreads);
    while (!job.isDone())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    if (job.state() != jobs::JobState::Finished)
        *error = job.errorText().isEmpty() ? QStringLiteral("not finished") : job.errorText();
    return job.result();
}

void BM_IncrementalRetrain(benchmark::State &state)
{
    const int tracks = int(state.range(0));
    QTemporaryDir dir;
    auto lib = library::Library::open(dir.filePath(QStringLiteral("lib")));
    testing::PlantedLibraryOptions o;
    o.tracks = tracks;
    o.labelledFraction = 0.3;
    o.testFraction = 0.2;
    const testing::PlantedLibrary planted = testing::makePlantedLibrary(**lib, o);
    if (!planted.error.isEmpty()) {
        state.SkipWithError(qPrintable(planted.error));
        return;
    }
    QString error;
    jobs::TrainJobOptions starter;
    starter.libraryFolder = (*lib)->folder();
    starter.kind = QStringLiteral("mt");
    starter.epochs = 30;
    starter.threads = 2;
    runJob(std::make_unique<jobs::TrainJob>(starter), &error);
    jobs::PredictOptions predict;
    predict.libraryFolder = (*lib)->folder();
    predict.threads = 2;
    if (error.isEmpty())
        runJob(std::make_unique<jobs::PredictJob>(predict), &error);
    if (!error.isEmpty()) {
        state.SkipWithError(qPrintable(error));
        return;
    }
    int round = 0;
    for (auto _ : state) {
        QElapsedTimer clock;
        clock.start();
        // 50 edits: flip labels of the first planted instrument on 50 trainable clips.
        QList<library::LabelEdit> edits;
        for (int i = 0; i < 50; ++i) {
            const int c = (round * 50 + i) % int(planted.clipIds.size() * 8 / 10);
            edits << library::LabelEdit {planted.clipIds.at(c), planted.instrumentKeys.at(1),
                                         planted.truth[size_t(c)][1] ? library::LabelState::Present
                                                                     : library::LabelState::Absent};
        }
        for (const library::LabelEdit &e : edits)
            (*lib)->labels().set(e.clipId, e.instrumentKey, e.state, library::LabelSource::User,
                                 QStringLiteral("bench"));
        const double editS = clock.nsecsElapsed() / 1e9;
        jobs::TrainJobOptions retrain;
        retrain.libraryFolder = (*lib)->folder();
        retrain.kind = QStringLiteral("mt");
        retrain.warmStart = QStringLiteral("active");
        retrain.threads = 2;
        const QVariantMap trained = runJob(std::make_unique<jobs::TrainJob>(retrain), &error);
        const double trainS = clock.nsecsElapsed() / 1e9 - editS;
        const QVariantMap predicted = runJob(std::make_unique<jobs::PredictJob>(predict), &error);
        const double totalS = clock.nsecsElapsed() / 1e9;
        if (!error.isEmpty()) {
            state.SkipWithError(qPrintable(error));
            return;
        }
        state.SetIterationTime(totalS);
        state.counters["edits_s"] = editS;
        state.counters["train_s"] = trainS;
        state.counters["predict_s"] = totalS - editS - trainS;
        state.counters["epochs"] = trained.value(QStringLiteral("epochs")).toDouble();
        state.counters["test_auroc"] = trained.value(QStringLiteral("testAuroc")).toDouble();
        state.counters["clips_scored"] = predicted.value(QStringLiteral("clips")).toDouble();
        std::fprintf(stderr,
                     "round %d: edits %.2f s, retrain %.2f s (%d epochs), predict %.2f s, total "
                     "%.2f s, test AUROC %.4f\n",
                     round, editS, trainS, trained.value(QStringLiteral("epochs")).toInt(),
                     totalS - editS - trainS, totalS,
                     trained.value(QStringLiteral("testAuroc")).toDouble());
        ++round;
    }
    auto active = (*lib)->models().active();
    state.counters["versions"] = double((*lib)->models().list()->size());
    state.counters["active_parent"]
            = active && active->has_value() ? double((*active)->parentId) : -1;
}

} // namespace

BENCHMARK(BM_IncrementalRetrain)
        ->Arg(1000)
        ->Iterations(3)
        ->UseManualTime()
        ->Unit(benchmark::kSecond);

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
