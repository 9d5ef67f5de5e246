// SPDX-License-Identifier: GPL-3.0-or-later
// Catalog benchmarks (docs/BENCHMARKS.md, "Catalog"): filter + sort of a 100 000-track library
// by one instrument's score in the browser model (target < 100 ms), and loading that table from
// the SQLite catalog.
//
//   build-catalog/tests/bench/bench_catalog --benchmark_min_time=1
#include "core/library/ClipStore.h"
#include "core/library/Library.h"
#include "core/library/ModelStore.h"
#include "core/library/PredictionStore.h"
#include "core/library/TrackStore.h"
#include "core/library/TrackTable.h"
#include "core/library/TrackTableModel.h"
#include "core/util/OpenMicClasses.h"

#include <QCoreApplication>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

#include <random>

using namespace timbre::library;

namespace {

constexpr int kTracks = 100000;

// A generated library: 100 000 tracks with tags, a score for each of the 20 OpenMIC
// instruments and ~3 % of the labels known (the shape of a corrected library).
TrackTable makeTable(int rows)
{
    std::mt19937 rng(2018);
    std::uniform_real_distribution<float> score(0.0f, 1.0f);
    std::uniform_int_distribution<int> pick(0, 999);
    const QStringList keys = timbre::openMicClasses();
    const QStringList artists = {QStringLiteral("Bach"),         QStringLiteral("Miles Davis"),
                                 QStringLiteral("Björk"),        QStringLiteral("Nina Simone"),
                                 QStringLiteral("Ravi Shankar"), QStringLiteral("Kraftwerk")};
    const QStringList genres
            = {QStringLiteral("classical"), QStringLiteral("jazz"), QStringLiteral("electronic"),
               QStringLiteral("folk"), QStringLiteral("rock")};
    TrackTable t;
    t.setInstruments(keys);
    t.reserve(rows);
    for (int i = 0; i < rows; ++i) {
        TrackTable::Row r;
        r.trackId = i + 1;
        r.clipId = i + 1;
        r.title = QStringLiteral("Track %1").arg(i);
        r.artist = artists[pick(rng) % artists.size()];
        r.album = QStringLiteral("Album %1").arg(i / 12);
        r.genre = genres[pick(rng) % genres.size()];
        r.path = QStringLiteral("/music/%1/%2/track-%3.flac").arg(r.artist, r.album).arg(i);
        r.year = 1950 + pick(rng) % 70;
        r.durationS = 60.0f + float(pick(rng) % 600);
        const int row = t.addRow(r);
        for (int k = 0; k < keys.size(); ++k) {
            t.setScore(row, k, score(rng));
            const int p = pick(rng);
            if (p < 15)
                t.setLabel(row, k, LabelState::Present);
            else if (p < 30)
                t.setLabel(row, k, LabelState::Absent);
        }
    }
    return t;
}

TrackTableModel &model()
{
    static TrackTableModel *m = [] {
        auto *created = new TrackTableModel;
        created->setTable(makeTable(kTracks));
        created->setInstrumentColumns(
                {QStringLiteral("violin"), QStringLiteral("piano"), QStringLiteral("voice")});
        return created;
    }();
    return *m;
}

void runFilterSort(benchmark::State &state, const QString &filter)
{
    TrackTableModel &m = model();
    const int violin = m.columnOfInstrument(QStringLiteral("violin"));
    for (auto _ : state) {
        m.sort(-1);
        if (m.setFilterText(filter).isError())
            state.SkipWithError("filter did not parse");
        m.sort(violin, Qt::DescendingOrder);
        benchmark::DoNotOptimize(m.rowCount());
    }
    state.counters["rows"] = m.totalRowCount();
    state.counters["visible"] = m.rowCount();
}

} // namespace

// The browser's headline case: "violin > 0.7 and unlabelled", sorted by violin score.
static void BM_FilterSortByScore(benchmark::State &state)
{
    runFilterSort(state, QStringLiteral("violin > 0.7 and unlabelled"));
}
BENCHMARK(BM_FilterSortByScore)->Unit(benchmark::kMillisecond);

// No filter: all 100 000 rows sorted by score.
static void BM_SortAllByScore(benchmark::State &state)
{
    runFilterSort(state, QString());
}
BENCHMARK(BM_SortAllByScore)->Unit(benchmark::kMillisecond);

// Text search over tags combined with a score condition.
static void BM_FilterTextAndScore(benchmark::State &state)
{
    runFilterSort(state, QStringLiteral("(jazz or artist:bach) and violin > 0.5"));
}
BENCHMARK(BM_FilterTextAndScore)->Unit(benchmark::kMillisecond);

// Most uncertain first, the active-learning order.
static void BM_SortByUncertainty(benchmark::State &state)
{
    TrackTableModel &m = model();
    m.setFilterText(QString());
    for (auto _ : state) {
        m.sortByUncertainty(QStringLiteral("violin"));
        benchmark::DoNotOptimize(m.rowCount());
    }
}
BENCHMARK(BM_SortByUncertainty)->Unit(benchmark::kMillisecond);

// Loading the browser table from a catalog of 100 000 tracks with 5 scored instruments
// (500 000 prediction rows) and ~3 % labels: what opening a large library costs once.
static void BM_LoadTableFromCatalog(benchmark::State &state)
{
    QTemporaryDir dir;
    auto lib = Library::open(dir.filePath(QStringLiteral("lib")));
    if (!lib) {
        state.SkipWithError(qPrintable(lib.error().message));
        return;
    }
    ModelRecord mr;
    mr.name = QStringLiteral("bench");
    mr.kind = QStringLiteral("att");
    const qint64 modelId = *(*lib)->models().add(mr);
    const TrackTable source = makeTable(kTracks);
    const QStringList scored
            = {QStringLiteral("violin"), QStringLiteral("piano"), QStringLiteral("voice"),
               QStringLiteral("guitar"), QStringLiteral("drums")};
    QList<TrackRecord> batch;
    QList<PredictionScore> scores;
    for (int i = 0; i < source.rowCount(); ++i) {
        const TrackTable::Row &r = source.row(i);
        TrackRecord t;
        t.path = r.path;
        t.title = r.title;
        t.artist = r.artist;
        t.album = r.album;
        t.genre = r.genre;
        t.year = r.year;
        t.durationS = r.durationS;
        batch << t;
        if (batch.size() == 5000 || i + 1 == source.rowCount()) {
            auto ids = (*lib)->tracks().upsertBatch(batch);
            if (!ids) {
                state.SkipWithError(qPrintable(ids.error().message));
                return;
            }
            for (int k = 0; k < ids->size(); ++k) {
                const qint64 clip = *(*lib)->clips().ensureWholeTrackClip(ids->at(k));
                const int row = i + 1 - int(ids->size()) + k;
                for (const QString &key : scored)
                    scores << PredictionScore {clip, key,
                                               source.score(row, source.instrumentIndex(key))};
            }
            batch.clear();
        }
    }
    if ((*lib)->predictions().write(modelId, scores).isError()) {
        state.SkipWithError("writing predictions failed");
        return;
    }
    for (auto _ : state) {
        auto table = TrackTable::load(**lib, modelId);
        if (!table) {
            state.SkipWithError(qPrintable(table.error().message));
            return;
        }
        benchmark::DoNotOptimize(table->rowCount());
    }
    state.counters["rows"] = kTracks;
}
BENCHMARK(BM_LoadTableFromCatalog)->Unit(benchmark::kMillisecond)->Iterations(3);

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
