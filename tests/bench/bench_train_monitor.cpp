// SPDX-License-Identifier: GPL-3.0-or-later
// What the per-epoch held-out metrics of a train job cost (docs/ARCHITECTURE.md §6: the
// training panel's test F1 / AUROC curves): the same warm-started Mean Teacher retrain of a
// 1000-track library (bench_retrain's setup) with TrainJobOptions::heldoutEveryEpoch off and
// on, in alternating rounds so that a change in the machine's load hits both alike. Timed: the
// wall time from the start of training to the last epoch's record (the records' "seconds"),
// i.e. the training loop with the test clips scored and evaluated after every epoch, and the
// records delivered to the job's handle.
//   build/tests/bench/bench_train_monitor --benchmark_counters_tabular=true
#include "core/jobs/Job.h"
#include "core/jobs/TrainJob.h"
#include "core/library/Library.h"
#include "core/library/ModelStore.h"
#include "tests/support/PlantedLibrary.h"

#include "core/jobs/JobThreads.h"
#include <QCoreApplication>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace timbre;

namespace {

struct Run
{
    QVariantMap result;
    QList<QVariantMap> records;
    QString error;
};

Run runJob(std::unique_ptr<jobs::JobWorker> worker)
{
    timbre::jobs::JobThreads jobThreads;
    jobs::Job job(std::move(worker));
    Run run;
    QObject::connect(&job, &jobs::Job::recordReported,
                     [&run](const QVariantMap &record) { run.records << record; });
    job.startAsync(&jobThreads);
    while (!job.isDone())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    QCoreApplication::processEvents();
    if (job.state() != jobs::JobState::Finished)
        run.error = job.errorText().isEmpty() ? QStringLiteral("not finished") : job.errorText();
    run.result = job.result();
    return run;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
}

void BM_RetrainMonitorOverhead(benchmark::State &state)
{
    const int tracks = int(state.range(0));
    const int rounds = int(state.range(1));
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
    jobs::TrainJobOptions starter;
    starter.libraryFolder = (*lib)->folder();
    starter.kind = QStringLiteral("mt");
    starter.epochs = 30;
    starter.threads = 2;
    const Run first = runJob(std::make_unique<jobs::TrainJob>(starter));
    if (!first.error.isEmpty()) {
        state.SkipWithError(qPrintable(first.error));
        return;
    }
    const QString parent = first.result.value(QStringLiteral("modelId")).toString();
    for (auto _ : state) {
        std::vector<double> off, on; // seconds per epoch
        double aurocOn = 0;
        int epochs = 0;
        for (int round = 0; round < rounds; ++round) {
            for (const bool monitored : {false, true}) {
                jobs::TrainJobOptions retrain;
                retrain.libraryFolder = (*lib)->folder();
                retrain.kind = QStringLiteral("mt");
                retrain.warmStart = parent;
                retrain.threads = 2;
                retrain.activation = QStringLiteral("never");
                retrain.heldoutEveryEpoch = monitored;
                const Run run = runJob(std::make_unique<jobs::TrainJob>(retrain));
                if (!run.error.isEmpty() || run.records.isEmpty()) {
                    state.SkipWithError(qPrintable(run.error));
                    return;
                }
                const QVariantMap last = run.records.last();
                epochs = last.value(QStringLiteral("epoch")).toInt();
                const double perEpoch = last.value(QStringLiteral("seconds")).toDouble() / epochs;
                (monitored ? on : off).push_back(perEpoch);
                if (monitored)
                    aurocOn = last.value(QStringLiteral("heldout"))
                                      .toMap()
                                      .value(QStringLiteral("auroc"))
                                      .toDouble();
                std::fprintf(stderr, "round %d, held-out metrics %s: %d epochs, %.1f ms/epoch\n",
                             round, monitored ? "on " : "off", epochs, 1000 * perEpoch);
            }
        }
        const double offMs = 1000 * median(off);
        const double onMs = 1000 * median(on);
        state.SetIterationTime(median(on) * epochs);
        state.counters["epochs"] = epochs;
        state.counters["off_ms_per_epoch"] = offMs;
        state.counters["on_ms_per_epoch"] = onMs;
        state.counters["overhead_ms_per_epoch"] = onMs - offMs;
        state.counters["overhead_pct"] = offMs > 0 ? 100.0 * (onMs - offMs) / offMs : 0.0;
        state.counters["heldout_auroc"] = aurocOn;
        state.counters["test_clips"] = first.result.value(QStringLiteral("testBags")).toDouble();
    }
}

} // namespace

BENCHMARK(BM_RetrainMonitorOverhead)
        ->Args({1000, 5})
        ->Iterations(1)
        ->UseManualTime()
        ->Unit(benchmark::kMillisecond);

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
