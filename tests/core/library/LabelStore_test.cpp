// SPDX-License-Identifier: GPL-3.0-or-later
// LabelStore: set / unset per (clip, instrument) with source, author, time; every change one
// history row under a batch; no-op edits write nothing; bulk edits are one batch; the training
// matrix and the counts per instrument.
#include "core/library/CatalogDatabase.h"
#include "core/library/ClipStore.h"
#include "core/library/LabelStore.h"
#include "core/library/Library.h"
#include "core/library/TrackStore.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace timbre::library;

namespace {

// A library with `n` tracks, each with its whole-track clip; returns the clip ids.
QList<qint64> addTracks(Library &lib, int n)
{
    QList<qint64> clips;
    for (int i = 0; i < n; ++i) {
        TrackRecord t;
        t.path = QStringLiteral("/music/track-%1.flac").arg(i);
        t.title = QStringLiteral("Track %1").arg(i);
        auto id = lib.tracks().upsert(t);
        if (!id)
            return {};
        auto clip = lib.clips().ensureWholeTrackClip(*id);
        if (!clip)
            return {};
        clips << *clip;
    }
    return clips;
}

int countRows(Library &lib, const QString &table)
{
    QSqlQuery q(lib.database().connection());
    q.exec(QStringLiteral("SELECT count(*) FROM %1").arg(table));
    q.next();
    return q.value(0).toInt();
}

} // namespace

class LabelStoreTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void setAndUnsetWritesHistory();
    void unchangedEditWritesNothing();
    void sourceChangeIsAChange();
    void unknownClipOrInstrumentIsRejectedAtomically();
    void bulkIsOneBatch();
    void labelsOfClipInTaxonomyOrder();
    void matrixHasObservedMaskAndSkipsTestClips();
    void countsPerInstrument();
    void stateNames();

private:
    QTemporaryDir *m_dir = nullptr;
    std::unique_ptr<Library> m_lib;
    QList<qint64> m_clips;
};

void LabelStoreTest::init()
{
    m_dir = new QTemporaryDir;
    auto lib = Library::open(m_dir->filePath(QStringLiteral("lib")));
    QVERIFY2(lib.ok(), qPrintable(lib.error().message));
    m_lib = lib.take();
    m_clips = addTracks(*m_lib, 6);
    QCOMPARE(m_clips.size(), 6);
}

void LabelStoreTest::cleanup()
{
    m_lib.reset();
    delete m_dir;
    m_dir = nullptr;
}

void LabelStoreTest::setAndUnsetWritesHistory()
{
    LabelStore &labels = m_lib->labels();
    const qint64 clip = m_clips[0];
    QCOMPARE(*labels.state(clip, QStringLiteral("violin")), LabelState::Unknown);

    auto r = labels.set(clip, QStringLiteral("violin"), LabelState::Present, LabelSource::User,
                        QStringLiteral("ana"), 1000);
    QVERIFY2(r.ok(), qPrintable(r.error().message));
    QVERIFY(r->batchId > 0);
    QCOMPARE(r->changes.size(), 1);
    QCOMPARE(*labels.state(clip, QStringLiteral("violin")), LabelState::Present);

    auto current = labels.labelsOfClip(clip);
    QVERIFY(current.ok());
    QCOMPARE(current->size(), 1);
    QCOMPARE(current->at(0).instrumentKey, QStringLiteral("violin"));
    QCOMPARE(current->at(0).source, LabelSource::User);
    QCOMPARE(current->at(0).author, QStringLiteral("ana"));
    QCOMPARE(current->at(0).timeMs, qint64(1000));

    QVERIFY(labels.set(clip, QStringLiteral("violin"), LabelState::Absent, LabelSource::User,
                       QStringLiteral("ben"), 2000)
                    .ok());
    QCOMPARE(*labels.state(clip, QStringLiteral("violin")), LabelState::Absent);
    QVERIFY(labels.set(clip, QStringLiteral("violin"), LabelState::Unknown, LabelSource::User,
                       QStringLiteral("ben"), 3000)
                    .ok());
    QCOMPARE(*labels.state(clip, QStringLiteral("violin")), LabelState::Unknown);
    QCOMPARE(countRows(*m_lib, QStringLiteral("label")), 0); // unknown = no row

    auto history = labels.history(clip);
    QVERIFY(history.ok());
    QCOMPARE(history->size(), 3);
    // newest first
    QCOMPARE(history->at(0).oldState, LabelState::Absent);
    QCOMPARE(history->at(0).newState, LabelState::Unknown);
    QCOMPARE(history->at(0).timeMs, qint64(3000));
    QCOMPARE(history->at(1).oldState, LabelState::Present);
    QCOMPARE(history->at(1).newState, LabelState::Absent);
    QCOMPARE(history->at(1).author, QStringLiteral("ben"));
    QCOMPARE(history->at(2).oldState, LabelState::Unknown);
    QCOMPARE(history->at(2).newState, LabelState::Present);
    QCOMPARE(history->at(2).author, QStringLiteral("ana"));
    QCOMPARE(history->at(2).instrumentKey, QStringLiteral("violin"));
    // three separate batches, each with one row
    QVERIFY(history->at(0).batchId != history->at(1).batchId);
    QCOMPARE(countRows(*m_lib, QStringLiteral("label_batch")), 3);
    auto batch = labels.batch(history->at(2).batchId);
    QVERIFY(batch.ok() && batch->has_value());
    QCOMPARE((*batch)->changeCount, 1);
    QCOMPARE((*batch)->kind, QStringLiteral("edit"));
    QVERIFY((*batch)->undoable);
    QCOMPARE(*labels.latestBatchId(), history->at(0).batchId);
}

void LabelStoreTest::unchangedEditWritesNothing()
{
    LabelStore &labels = m_lib->labels();
    QVERIFY(labels.set(m_clips[1], QStringLiteral("piano"), LabelState::Present, LabelSource::User,
                       QStringLiteral("ana"))
                    .ok());
    auto again = labels.set(m_clips[1], QStringLiteral("piano"), LabelState::Present,
                            LabelSource::User, QStringLiteral("ana"));
    QVERIFY(again.ok());
    QCOMPARE(again->batchId, qint64(0));
    QVERIFY(again->changes.isEmpty());
    auto unknown = labels.set(m_clips[2], QStringLiteral("piano"), LabelState::Unknown,
                              LabelSource::User, QStringLiteral("ana"));
    QVERIFY(unknown.ok());
    QCOMPARE(unknown->batchId, qint64(0));
    QCOMPARE(countRows(*m_lib, QStringLiteral("label_history")), 1);
    QCOMPARE(countRows(*m_lib, QStringLiteral("label_batch")), 1);
}

void LabelStoreTest::sourceChangeIsAChange()
{
    LabelStore &labels = m_lib->labels();
    QVERIFY(labels.set(m_clips[1], QStringLiteral("drums"), LabelState::Present,
                       LabelSource::Import, QStringLiteral("openmic"))
                    .ok());
    auto confirmed = labels.set(m_clips[1], QStringLiteral("drums"), LabelState::Present,
                                LabelSource::User, QStringLiteral("ana"));
    QVERIFY(confirmed.ok());
    QVERIFY(confirmed->batchId > 0);
    auto current = labels.labelsOfClip(m_clips[1]);
    QCOMPARE(current->at(0).source, LabelSource::User);
    auto importBatch = labels.batch(confirmed->batchId - 1);
    QVERIFY(importBatch.ok() && importBatch->has_value());
    QCOMPARE((*importBatch)->source, LabelSource::Import);
    QVERIFY(!(*importBatch)->undoable); // imports are recorded, not undoable
}

void LabelStoreTest::unknownClipOrInstrumentIsRejectedAtomically()
{
    LabelStore &labels = m_lib->labels();
    auto badKey = labels.apply({{m_clips[0], QStringLiteral("guitar"), LabelState::Present},
                                {m_clips[1], QStringLiteral("theremin"), LabelState::Present}},
                               LabelSource::User, QStringLiteral("ana"));
    QVERIFY(!badKey.ok());
    QCOMPARE(badKey.error().code, CatalogError::NotFound);
    QVERIFY(badKey.error().message.contains(QLatin1String("theremin")));
    auto badClip = labels.set(999999, QStringLiteral("guitar"), LabelState::Present,
                              LabelSource::User, QStringLiteral("ana"));
    QCOMPARE(badClip.error().code, CatalogError::NotFound);
    // the first, valid edit of the failed batch was rolled back with it
    QCOMPARE(*labels.state(m_clips[0], QStringLiteral("guitar")), LabelState::Unknown);
    QCOMPARE(countRows(*m_lib, QStringLiteral("label_history")), 0);
    QCOMPARE(countRows(*m_lib, QStringLiteral("label_batch")), 0);
}

void LabelStoreTest::bulkIsOneBatch()
{
    LabelStore &labels = m_lib->labels();
    // one of the five already has the target state: it is skipped, not re-recorded
    QVERIFY(labels.set(m_clips[3], QStringLiteral("cello"), LabelState::Absent, LabelSource::User,
                       QStringLiteral("ana"))
                    .ok());
    auto r = labels.setOnClips(QStringLiteral("cello"), m_clips.mid(0, 5), LabelState::Absent,
                               LabelSource::User, QStringLiteral("ana"));
    QVERIFY(r.ok());
    QCOMPARE(r->changes.size(), 4);
    auto rows = labels.historyOfBatch(r->batchId);
    QVERIFY(rows.ok());
    QCOMPARE(rows->size(), 4);
    for (const LabelHistoryEntry &e : *rows) {
        QCOMPARE(e.batchId, r->batchId);
        QCOMPARE(e.newState, LabelState::Absent);
        QCOMPARE(e.oldState, LabelState::Unknown);
    }
    for (int i = 0; i < 5; ++i)
        QCOMPARE(*labels.state(m_clips[i], QStringLiteral("cello")), LabelState::Absent);
    QCOMPARE(*labels.state(m_clips[5], QStringLiteral("cello")), LabelState::Unknown);
}

void LabelStoreTest::labelsOfClipInTaxonomyOrder()
{
    LabelStore &labels = m_lib->labels();
    QVERIFY(labels.apply({{m_clips[0], QStringLiteral("voice"), LabelState::Present},
                          {m_clips[0], QStringLiteral("accordion"), LabelState::Absent},
                          {m_clips[0], QStringLiteral("guitar"), LabelState::Present}},
                         LabelSource::User, QStringLiteral("ana"))
                    .ok());
    auto l = labels.labelsOfClip(m_clips[0]);
    QVERIFY(l.ok());
    QCOMPARE(l->size(), 3);
    QCOMPARE(l->at(0).instrumentKey, QStringLiteral("accordion"));
    QCOMPARE(l->at(1).instrumentKey, QStringLiteral("guitar"));
    QCOMPARE(l->at(2).instrumentKey, QStringLiteral("voice"));
    QCOMPARE(l->at(0).state, LabelState::Absent);
}

void LabelStoreTest::matrixHasObservedMaskAndSkipsTestClips()
{
    LabelStore &labels = m_lib->labels();
    QVERIFY(labels.apply({{m_clips[0], QStringLiteral("violin"), LabelState::Present},
                          {m_clips[0], QStringLiteral("piano"), LabelState::Absent},
                          {m_clips[2], QStringLiteral("accordion"), LabelState::Present},
                          {m_clips[4], QStringLiteral("voice"), LabelState::Present}},
                         LabelSource::Import, QStringLiteral("csv"))
                    .ok());
    QVERIFY(m_lib->clips().setTest({m_clips[4]}, true).ok());

    auto m = labels.matrix();
    QVERIFY(m.ok());
    QCOMPARE(m->columns(), 20);
    QCOMPARE(m->rows(), 5); // clip 4 is a test clip
    QVERIFY(!m->clipIds.contains(m_clips[4]));
    const int violin = int(m->instrumentKeys.indexOf(QStringLiteral("violin")));
    const int piano = int(m->instrumentKeys.indexOf(QStringLiteral("piano")));
    const int accordion = int(m->instrumentKeys.indexOf(QStringLiteral("accordion")));
    QCOMPARE(accordion, 0);
    const int row0 = int(m->clipIds.indexOf(m_clips[0]));
    const int row2 = int(m->clipIds.indexOf(m_clips[2]));
    QVERIFY(m->isObserved(row0, violin));
    QCOMPARE(m->value(row0, violin), 1.0f);
    QVERIFY(m->isObserved(row0, piano));
    QCOMPARE(m->value(row0, piano), 0.0f);
    QVERIFY(!m->isObserved(row0, accordion));
    QVERIFY(m->isObserved(row2, accordion));
    int observed = 0;
    for (quint8 o : m->observed)
        observed += o;
    QCOMPARE(observed, 3);

    auto labelled = labels.matrix(false, true);
    QCOMPARE(labelled->rows(), 2);
    auto withTest = labels.matrix(true, true);
    QCOMPARE(withTest->rows(), 3);
}

void LabelStoreTest::countsPerInstrument()
{
    LabelStore &labels = m_lib->labels();
    QVERIFY(labels.setOnClips(QStringLiteral("bass"), m_clips.mid(0, 3), LabelState::Present,
                              LabelSource::User, QStringLiteral("ana"))
                    .ok());
    QVERIFY(labels.setOnClips(QStringLiteral("bass"), m_clips.mid(3, 2), LabelState::Absent,
                              LabelSource::User, QStringLiteral("ana"))
                    .ok());
    QVERIFY(labels.set(m_clips[0], QStringLiteral("flute"), LabelState::Absent, LabelSource::User,
                       QStringLiteral("ana"))
                    .ok());
    auto counts = labels.countsPerInstrument();
    QVERIFY(counts.ok());
    QCOMPARE(counts->size(), 20);
    for (const InstrumentLabelCount &c : *counts) {
        if (c.instrumentKey == QLatin1String("bass")) {
            QCOMPARE(c.present, 3);
            QCOMPARE(c.absent, 2);
        } else if (c.instrumentKey == QLatin1String("flute")) {
            QCOMPARE(c.present, 0);
            QCOMPARE(c.absent, 1);
        } else {
            QCOMPARE(c.present + c.absent, 0);
        }
    }
}

void LabelStoreTest::stateNames()
{
    QCOMPARE(labelStateFromName(QStringLiteral("present")), std::optional(LabelState::Present));
    QCOMPARE(labelStateFromName(QStringLiteral("0")), std::optional(LabelState::Absent));
    QCOMPARE(labelStateFromName(QStringLiteral("")), std::optional(LabelState::Unknown));
    QVERIFY(!labelStateFromName(QStringLiteral("maybe")));
    QCOMPARE(labelSourceFromName(labelSourceName(LabelSource::AcceptedPrediction)),
             std::optional(LabelSource::AcceptedPrediction));
    QVERIFY(!labelSourceFromName(QStringLiteral("robot")));
}

QTEST_GUILESS_MAIN(LabelStoreTest)
#include "LabelStore_test.moc"
