// SPDX-License-Identifier: GPL-3.0-or-later
// Review queues (docs/REVIEW_QUEUES.md): ranking each queue on a catalog of 1 000 and 100 000
// clips. Fixture made in the program with SQL: one whole-track clip per track, albums of 10
// tracks, 20 instruments, two model versions (child active, parent) with a score for every clip
// and instrument (what `timbre predict --library` writes), ~3 % of the labels known and
// held-out scores for every labelled clip (what `timbre review --cross-fit` writes).
//   BM_RankQueue/<queue>/<clips>: ReviewQueue::rank end to end (catalog reads + ranking), the
//     call the GUI makes off its thread; limit 100.
//   BM_RankInMemory/<queue>/<clips>: QueueRanking alone over a loaded snapshot.
//   BM_LoadSnapshot/<clips>: ReviewSnapshot::load with one model's scores.
// Queues: 0 uncertain, 1 errors, 2 disagreement, 3 unlabelled (by uncertainty).
#include "core/library/CatalogDatabase.h"
#include "core/library/Library.h"
#include "core/library/ModelStore.h"
#include "core/review/QueueRanking.h"
#include "core/review/ReviewQueue.h"
#include "core/review/ReviewSnapshot.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QVariant>

#include <benchmark/benchmark.h>

#include <map>
#include <memory>

using namespace timbre;
using namespace timbre::review;

namespace {

struct Fixture
{
    QTemporaryDir dir;
    std::unique_ptr<library::Library> lib;
    qint64 child = 0;
    qint64 parent = 0;
    QString error;
};

bool exec(QSqlQuery &q, const QString &sql, QString *error)
{
    if (q.exec(sql))
        return true;
    *error = sql.left(60) + QStringLiteral(": ") + q.lastError().text();
    return false;
}

// One catalog per size, built once.
Fixture &fixture(int clips)
{
    static std::map<int, std::unique_ptr<Fixture>> made;
    auto &slot = made[clips];
    if (slot)
        return *slot;
    slot = std::make_unique<Fixture>();
    Fixture &f = *slot;
    auto opened = library::Library::open(f.dir.filePath(QStringLiteral("lib")));
    if (!opened) {
        f.error = opened.error().message;
        return f;
    }
    f.lib = opened.take();
    library::ModelRecord m;
    m.kind = QStringLiteral("mt");
    m.name = QStringLiteral("parent");
    f.parent = *f.lib->models().add(m);
    m.name = QStringLiteral("child");
    m.parentId = f.parent;
    f.child = *f.lib->models().add(m);
    f.lib->models().activate(f.child);
    QSqlDatabase db = f.lib->database().connection();
    QSqlQuery q(db);
    db.transaction();
    const QString n = QString::number(clips);
    const QStringList statements {
            QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE "
                           "i + 1 < %1) INSERT INTO track (path, artist, album, added_ms, "
                           "updated_ms) SELECT '/bench/' || i || '.flac', 'artist' || (i / 50), "
                           "'album' || (i / 10), 0, 0 FROM n")
                    .arg(n),
            QStringLiteral("INSERT INTO clip (track_id, created_ms) SELECT id, 0 FROM track"),
            QStringLiteral("INSERT INTO prediction (model_id, clip_id, instrument_id, score) "
                           "SELECT %1, c.id, i.id, (abs(random()) %% 1000000) / 1000000.0 FROM "
                           "clip c, instrument i")
                    .arg(f.child)
                    .replace(QStringLiteral("%%"), QStringLiteral("%")),
            QStringLiteral("INSERT INTO prediction (model_id, clip_id, instrument_id, score) "
                           "SELECT %1, clip_id, instrument_id, min(1.0, max(0.0, score + "
                           "((abs(random()) %% 1000) - 500) / 2000.0)) FROM prediction WHERE "
                           "model_id = %2")
                    .arg(f.parent)
                    .arg(f.child)
                    .replace(QStringLiteral("%%"), QStringLiteral("%")),
            QStringLiteral("INSERT INTO label (clip_id, instrument_id, value, source, time_ms) "
                           "SELECT c.id, i.id, abs(random()) %% 2, 'import', 0 FROM clip c, "
                           "instrument i WHERE abs(random()) %% 100 < 3")
                    .replace(QStringLiteral("%%"), QStringLiteral("%")),
            QStringLiteral("INSERT INTO heldout_prediction (model_id, clip_id, instrument_id, "
                           "score, fold) SELECT %1, p.clip_id, p.instrument_id, p.score, "
                           "p.clip_id %% 5 FROM prediction p WHERE p.model_id = %1 AND "
                           "p.clip_id IN (SELECT clip_id FROM label)")
                    .arg(f.child)
                    .replace(QStringLiteral("%%"), QStringLiteral("%")),
            QStringLiteral("INSERT INTO heldout_run (model_id, folds, finished_ms) VALUES (%1, 5, "
                           "1)")
                    .arg(f.child),
    };
    for (const QString &sql : statements)
        if (!exec(q, sql, &f.error)) {
            db.rollback();
            return f;
        }
    db.commit();
    // As PredictJob and CrossFitJob leave a catalog after writing scores.
    f.lib->database().checkpointAfterBulkWrite();
    return f;
}

const QueueKind kKinds[] = {QueueKind::Uncertain, QueueKind::LabelErrors, QueueKind::Disagreement,
                            QueueKind::Unlabelled};

QueueOptions benchOptions()
{
    QueueOptions o;
    o.limit = 100;
    o.unlabelledOrder = UnlabelledOrder::Uncertainty;
    return o;
}

void BM_RankQueue(benchmark::State &state)
{
    Fixture &f = fixture(int(state.range(1)));
    if (!f.error.isEmpty()) {
        state.SkipWithError(qPrintable(f.error));
        return;
    }
    const QueueKind kind = kKinds[state.range(0)];
    size_t entries = 0;
    for (auto _ : state) {
        auto ranked = ReviewQueue::rank(*f.lib, kind, benchOptions());
        if (!ranked) {
            state.SkipWithError(qPrintable(ranked.error().message));
            return;
        }
        entries = size_t(ranked->size());
        benchmark::DoNotOptimize(entries);
    }
    state.SetLabel(qPrintable(queueKindName(kind)));
    state.counters["entries"] = double(entries);
}

void BM_RankInMemory(benchmark::State &state)
{
    Fixture &f = fixture(int(state.range(1)));
    if (!f.error.isEmpty()) {
        state.SkipWithError(qPrintable(f.error));
        return;
    }
    const QueueKind kind = kKinds[state.range(0)];
    ReviewSnapshot::Request request;
    request.scoresOf = f.child;
    if (kind == QueueKind::Disagreement)
        request.otherScoresOf = f.parent;
    if (kind == QueueKind::LabelErrors)
        request.heldoutOf = f.child;
    auto snapshot = ReviewSnapshot::load(*f.lib, request);
    if (!snapshot) {
        state.SkipWithError(qPrintable(snapshot.error().message));
        return;
    }
    const QueueOptions o = benchOptions();
    for (auto _ : state) {
        QList<ReviewEntry> ranked;
        switch (kind) {
        case QueueKind::Uncertain:
            ranked = QueueRanking::uncertain(*snapshot, o);
            break;
        case QueueKind::LabelErrors:
            ranked = QueueRanking::labelErrors(*snapshot, o);
            break;
        case QueueKind::Disagreement:
            ranked = QueueRanking::disagreement(*snapshot, o);
            break;
        case QueueKind::Unlabelled:
            ranked = QueueRanking::unlabelled(*snapshot, o);
            break;
        }
        benchmark::DoNotOptimize(ranked.size());
    }
    state.SetLabel(qPrintable(queueKindName(kind)));
}

void BM_LoadSnapshot(benchmark::State &state)
{
    Fixture &f = fixture(int(state.range(0)));
    if (!f.error.isEmpty()) {
        state.SkipWithError(qPrintable(f.error));
        return;
    }
    ReviewSnapshot::Request request;
    request.scoresOf = f.child;
    for (auto _ : state) {
        auto snapshot = ReviewSnapshot::load(*f.lib, request);
        if (!snapshot) {
            state.SkipWithError(qPrintable(snapshot.error().message));
            return;
        }
        benchmark::DoNotOptimize(snapshot->rows());
    }
}

} // namespace

BENCHMARK(BM_RankQueue)
        ->ArgsProduct({{0, 1, 2, 3}, {1000, 100000}})
        ->Unit(benchmark::kMillisecond)
        ->MeasureProcessCPUTime()
        ->UseRealTime();
BENCHMARK(BM_RankInMemory)
        ->ArgsProduct({{0, 1, 2, 3}, {1000, 100000}})
        ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadSnapshot)->Arg(1000)->Arg(100000)->Unit(benchmark::kMillisecond);

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
