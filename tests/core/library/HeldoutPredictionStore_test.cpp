// SPDX-License-Identifier: GPL-3.0-or-later
// HeldoutPredictionStore (schema 3): cross-fitted scores are replaced whole, a failed replace
// keeps the previous ones, and they go with their model.
#include "core/library/ClipStore.h"
#include "core/library/HeldoutPredictionStore.h"
#include "core/library/Library.h"
#include "core/library/ModelStore.h"
#include "core/library/TrackStore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace timbre::library;

class HeldoutPredictionStoreTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void replaceReadAndKeepOnFailure()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto opened = Library::open(dir.filePath(QStringLiteral("lib")));
        QVERIFY2(opened, qPrintable(opened.error().message));
        const Library &lib = **opened;
        TrackRecord track;
        track.path = QStringLiteral("/a.flac");
        auto trackId = lib.tracks().upsert(track);
        QVERIFY(trackId);
        auto clip = lib.clips().ensureWholeTrackClip(*trackId);
        QVERIFY(clip);
        ModelRecord m;
        m.name = QStringLiteral("m");
        m.kind = QStringLiteral("att");
        auto model = lib.models().add(m);
        QVERIFY(model);

        QCOMPARE(*lib.heldoutPredictions().count(*model), 0);
        QVERIFY(!lib.heldoutPredictions().run(*model)->has_value());
        HeldoutRun run;
        run.modelId = *model;
        run.folds = 5;
        run.labelSnapshot = 3;
        run.clips = 1;
        run.detailsJson = QStringLiteral("{\"epochs\":7}");
        const QList<HeldoutScore> first {{*clip, QStringLiteral("violin"), 0.25f, 4},
                                         {*clip, QStringLiteral("piano"), 0.75f, 4}};
        QVERIFY(lib.heldoutPredictions().replace(run, first).ok());
        auto read = lib.heldoutPredictions().scores(*model);
        QVERIFY(read);
        QCOMPARE(read->size(), 2);
        // Taxonomy order: piano before violin.
        QCOMPARE(read->at(0).instrumentKey, QStringLiteral("piano"));
        QCOMPARE(read->at(0).score, 0.75f);
        QCOMPARE(read->at(0).fold, 4);
        auto stored = lib.heldoutPredictions().run(*model);
        QVERIFY(stored && stored->has_value());
        QCOMPARE((*stored)->folds, 5);
        QCOMPARE((*stored)->labelSnapshot, 3);
        QCOMPARE((*stored)->detailsJson, run.detailsJson);
        QVERIFY((*stored)->finishedMs > 0);

        // A replace that fails half-way keeps the earlier scores whole.
        HeldoutRun second = run;
        second.folds = 3;
        const CatalogError bad
                = lib.heldoutPredictions().replace(second,
                                                   {{*clip, QStringLiteral("piano"), 0.1f, 0},
                                                    {*clip, QStringLiteral("nonesuch"), 0.2f, 0}});
        QCOMPARE(bad.code, CatalogError::NotFound);
        QVERIFY(bad.message.contains(QStringLiteral("nonesuch")));
        QCOMPARE(*lib.heldoutPredictions().count(*model), 2);
        QCOMPARE((*lib.heldoutPredictions().run(*model))->folds, 5);
        QCOMPARE(lib.heldoutPredictions().scores(*model)->at(0).score, 0.75f);

        // A model that does not exist.
        HeldoutRun orphan = run;
        orphan.modelId = *model + 100;
        QCOMPARE(lib.heldoutPredictions().replace(orphan, {}).code, CatalogError::NotFound);

        // A successful replace drops what the earlier run wrote.
        QVERIFY(lib.heldoutPredictions()
                        .replace(second, {{*clip, QStringLiteral("drums"), 0.5f, 1}})
                        .ok());
        QCOMPARE(*lib.heldoutPredictions().count(*model), 1);
        QCOMPARE((*lib.heldoutPredictions().run(*model))->folds, 3);

        // Removing the model removes its held-out scores.
        QVERIFY(lib.models().remove(*model).ok());
        QCOMPARE(*lib.heldoutPredictions().count(*model), 0);
        QVERIFY(!lib.heldoutPredictions().run(*model)->has_value());
    }
};

QTEST_GUILESS_MAIN(HeldoutPredictionStoreTest)
#include "HeldoutPredictionStore_test.moc"
