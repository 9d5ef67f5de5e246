// SPDX-License-Identifier: GPL-3.0-or-later
// Reads inside a CatalogReadSnapshot see one committed state: a label another Library writes
// meanwhile (a second annotator) is committed at once, not held up, and shows only after the
// snapshot ends. On SQLite and (the _postgres variant) on a server.
#include "core/library/CatalogDatabase.h"
#include "core/library/CatalogReadSnapshot.h"
#include "core/library/ClipStore.h"
#include "core/library/LabelCommandLog.h"
#include "core/library/LabelStore.h"
#include "core/library/Library.h"
#include "core/library/TrackStore.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

using namespace timbre::library;

class CatalogReadSnapshotTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsOneStateWhileOthersWrite()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("lib"));
        auto reader = Library::open(folder);
        QVERIFY2(reader, qPrintable(reader.error().message));
        TrackRecord t;
        t.path = QStringLiteral("/nowhere/s.flac");
        const qint64 clip = *(*reader)->clips().ensureWholeTrackClip(
                (*reader)->tracks().upsertBatch({t})->first());
        auto writer = Library::open(folder, Library::OpenMode::ExistingOnly);
        QVERIFY(writer);
        const QString violin = QStringLiteral("violin");
        {
            const CatalogReadSnapshot snapshot((*reader)->database());
            QVERIFY(snapshot.active());
            QCOMPARE(*(*reader)->labels().state(clip, violin), LabelState::Unknown);
            // Another client labels meanwhile: committed without waiting for the reader.
            QElapsedTimer took;
            took.start();
            QVERIFY((*writer)->labelLog().setLabel(clip, violin, LabelState::Present,
                                                   QStringLiteral("ben")));
            QVERIFY2(took.elapsed() < 2000, "the writer waited for the reader");
            QCOMPARE(*(*writer)->labels().state(clip, violin), LabelState::Present);
            // The reader still sees the state it started from.
            QCOMPARE(*(*reader)->labels().state(clip, violin), LabelState::Unknown);
            QCOMPARE((*reader)->labels().latestBatchId().valueOr(-1), 0);
            // Nested: no second transaction.
            const CatalogReadSnapshot inner((*reader)->database());
            QVERIFY(!inner.active());
        }
        QCOMPARE(*(*reader)->labels().state(clip, violin), LabelState::Present);
    }
};

QTEST_GUILESS_MAIN(CatalogReadSnapshotTest)
#include "CatalogReadSnapshot_test.moc"
