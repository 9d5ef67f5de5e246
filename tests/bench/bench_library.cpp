// SPDX-License-Identifier: GPL-3.0-or-later
// Library core (docs/BENCHMARKS.md, "Library core: predict and attention"): the predict job's
// path over a 1000-track library from cached features (open the catalog, load the checkpoint,
// LibraryBags over every clip, predict, write the scores in transactions of 512 clips), in
// tracks/s, for an ATT and a Mean Teacher checkpoint; and the on-demand attention of one
// 10-minute track (625 instances of 128-d) once the model is loaded, with and without the
// feature file read, on one thread. The libraries are planted (tests/support/PlantedLibrary.h) in a
// temporary folder; the checkpoints are trained there for a few epochs (their quality does not
// matter).
#include "core/inference/TrackAttention.h"
#include "core/features/FeatureFileReader.h"
#include "core/features/FeatureStore.h"
#include "core/jobs/JobContext.h"
#include "core/jobs/PredictJob.h"

#include "models/api/TorchInfo.h"

#include "tests/support/PlantedLibrary.h"
#include "tests/support/TrainedLibraryModel.h"

#include <benchmark/benchmark.h>

#include <QTemporaryDir>

#include <cstdio>
#include <memory>

using namespace timbre;

namespace {

constexpr int kTracks = 1000;
constexpr int kThreads = 2;

struct BenchLibrary
{
    QTemporaryDir dir;
    std::unique_ptr<library::Library> lib;
    testing::PlantedLibrary planted;
    qint64 attId = 0;
    qint64 mtId = 0;
    bool ok = false;
};

BenchLibrary &libraryOfTracks()
{
    static BenchLibrary b;
    static bool made = false;
    if (made)
        return b;
    made = true;
    auto lib = library::Library::open(b.dir.filePath(QStringLiteral("lib")));
    if (!lib) {
        std::fprintf(stderr, "%s\n", qPrintable(lib.error().message));
        return b;
    }
    b.lib = lib.take();
    testing::PlantedLibraryOptions o;
    o.tracks = kTracks;
    o.testFraction = 0.2;
    b.planted = testing::makePlantedLibrary(*b.lib, o);
    const auto att
            = testing::trainLibraryModel(*b.lib, {QStringLiteral("att"), "att", 3, 3e-3, 1, true});
    const auto mt
            = testing::trainLibraryModel(*b.lib, {QStringLiteral("mt"), "mt", 3, 3e-3, 1, false});
    if (!b.planted.error.isEmpty() || !att.error.isEmpty() || !mt.error.isEmpty()) {
        std::fprintf(stderr, "setup: %s %s %s\n", qPrintable(b.planted.error),
                     qPrintable(att.error), qPrintable(mt.error));
        return b;
    }
    b.attId = att.id;
    b.mtId = mt.id;
    b.ok = true;
    return b;
}

void BM_PredictLibrary(benchmark::State &state)
{
    BenchLibrary &b = libraryOfTracks();
    if (!b.ok) {
        state.SkipWithError("setup failed");
        return;
    }
    jobs::PredictOptions options;
    options.libraryFolder = b.lib->folder();
    options.modelId = state.range(0) == 0 ? b.attId : b.mtId;
    options.threads = kThreads;
    for (auto _ : state) {
        auto control = std::make_shared<jobs::JobControl>();
        jobs::JobContext context(control);
        jobs::PredictJob job(options);
        const jobs::JobOutcome outcome = job.run(context);
        if (outcome.status != jobs::JobOutcome::Status::Succeeded
            || outcome.result.value(QStringLiteral("clips")).toInt() != kTracks) {
            state.SkipWithError(qPrintable(outcome.errorText));
            return;
        }
    }
    state.SetLabel(state.range(0) == 0 ? "att" : "mt");
    state.counters["tracks/s"]
            = benchmark::Counter(double(kTracks) * state.iterations(), benchmark::Counter::kIsRate);
}

struct LongTrack
{
    QTemporaryDir dir;
    std::unique_ptr<library::Library> lib;
    qint64 trackId = 0;
    qint64 modelId = 0;
    bool ok = false;
};

LongTrack &tenMinuteTrack()
{
    static LongTrack t;
    static bool made = false;
    if (made)
        return t;
    made = true;
    BenchLibrary &b = libraryOfTracks();
    auto lib = library::Library::open(t.dir.filePath(QStringLiteral("long")));
    if (!b.ok || !lib)
        return t;
    t.lib = lib.take();
    testing::PlantedLibraryOptions o;
    o.tracks = 1;
    o.instancesPerTrack = 625;
    const testing::PlantedLibrary planted = testing::makePlantedLibrary(*t.lib, o);
    library::ModelRecord record;
    record.name = QStringLiteral("att");
    record.kind = QStringLiteral("att");
    record.extractorId = QStringLiteral("melstat");
    record.extractorVersion = 1;
    record.checkpointFile = QDir(b.lib->modelsPath()).filePath(QStringLiteral("att.ckpt"));
    auto id = t.lib->models().add(record);
    if (!planted.error.isEmpty() || !id)
        return t;
    t.trackId = planted.trackIds.at(0);
    t.modelId = *id;
    t.ok = true;
    return t;
}

void BM_TrackAttention(benchmark::State &state)
{
    LongTrack &t = tenMinuteTrack();
    if (!t.ok) {
        state.SkipWithError("setup failed");
        return;
    }
    // One small bag: more threads only add OpenMP barriers (and spin under load).
    models::setTorchThreads(1);
    inference::TrackAttention attention(*t.lib);
    if (!attention.compute(t.trackId, t.modelId).ok()) { // loads the model
        state.SkipWithError("compute failed");
        return;
    }
    const bool fromFile = state.range(0) == 0;
    std::vector<float> features;
    if (!fromFile) {
        features::FeatureFileReader reader;
        const features::FeatureStore store(t.lib->featuresPath());
        reader.open(store.absolutePath(
                features::FeatureStore::relativePath(t.trackId, QStringLiteral("melstat-v1"))));
        features = reader.decodeRows(0, reader.rows());
    }
    for (auto _ : state) {
        const inference::TrackAttentionResult r = fromFile
                ? attention.compute(t.trackId, t.modelId)
                : attention.computeFromFeatures(t.modelId, features.data(), 625, 128, 0.96);
        if (r.instances != 625) {
            state.SkipWithError(qPrintable(r.error));
            return;
        }
        benchmark::DoNotOptimize(r.attention.data());
    }
    state.SetLabel(fromFile ? "catalog + feature file + model" : "model only");
}

} // namespace

BENCHMARK(BM_PredictLibrary)
        ->Arg(0)
        ->Arg(1)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime()
        ->MinTime(2.0);
BENCHMARK(BM_TrackAttention)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

BENCHMARK_MAIN();
