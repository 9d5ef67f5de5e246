// SPDX-License-Identifier: GPL-3.0-or-later
// The instrumentation overview's counting (docs/BENCHMARKS.md, "Instrumentation overview"):
// InstrumentationStats::loadBlocking over a generated 100 000-track library (20 instruments,
// 3 of every 20 labels known, every clip scored for every instrument: 2 000 000 scores), with
// and without the model's scores, and one album's activity grid. The library is made once in
// a temporary folder by tests/support/OverviewLibrary.h (its making is not timed).
#include "core/overview/AlbumActivity.h"
#include "core/overview/InstrumentationStats.h"

#include "tests/support/OverviewLibrary.h"

#include <benchmark/benchmark.h>

#include <QElapsedTimer>
#include <QTemporaryDir>

#include <cstdio>
#include <memory>

using namespace timbre;

namespace {

constexpr int kTracks = 100000;

struct BenchLibrary
{
    QTemporaryDir dir;
    std::unique_ptr<library::Library> lib;
    testing::OverviewLibrary made;
    bool ok = false;
};

BenchLibrary &library100k()
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
    testing::OverviewLibraryOptions o;
    o.tracks = kTracks;
    o.instruments = 20;
    o.labelModulus = 20;
    QElapsedTimer timer;
    timer.start();
    b.made = testing::makeOverviewLibrary(*b.lib, o);
    if (!b.made.error.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(b.made.error));
        return b;
    }
    std::fprintf(stderr, "library of %d tracks made in %.1f s\n", kTracks,
                 timer.elapsed() / 1000.0);
    b.ok = true;
    return b;
}

void BM_OverviewStats(benchmark::State &state)
{
    BenchLibrary &b = library100k();
    if (!b.ok) {
        state.SkipWithError("no library");
        return;
    }
    const qint64 model = state.range(0) ? b.made.modelId : 0;
    int clips = 0;
    for (auto _ : state) {
        auto stats = overview::InstrumentationStats::loadBlocking(*b.lib, model);
        if (!stats) {
            state.SkipWithError(qPrintable(stats.error().message));
            return;
        }
        clips = stats->clips;
        benchmark::DoNotOptimize(stats->presentPairs.data());
    }
    state.counters["clips"] = clips;
}
BENCHMARK(BM_OverviewStats)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->Iterations(5);

void BM_AlbumActivity(benchmark::State &state)
{
    BenchLibrary &b = library100k();
    if (!b.ok) {
        state.SkipWithError("no library");
        return;
    }
    for (auto _ : state) {
        auto a = overview::AlbumActivity::loadBlocking(*b.lib, QStringLiteral("Album 4000"),
                                                       b.made.modelId);
        if (!a || a->trackCount() != 12) {
            state.SkipWithError("album");
            return;
        }
        benchmark::DoNotOptimize(a->scores.data());
    }
}
BENCHMARK(BM_AlbumActivity)->Unit(benchmark::kMillisecond)->Iterations(20);

} // namespace

BENCHMARK_MAIN();
