// SPDX-License-Identifier: GPL-3.0-or-later
// ClipStore: whole-track clips are idempotent, region clips are validated, test clips are
// left out of the trainable set; TrackStore basics the clips depend on (upsert by path, hash
// lookup, missing tracks keep their clips and labels).
#include "core/library/ClipStore.h"
#include "core/library/LabelStore.h"
#include "core/library/Library.h"
#include "core/library/TrackStore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace timbre::library;

class ClipStoreTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void wholeTrackClipIsIdempotent();
    void regionClips();
    void trainableSkipsTestClips();
    void keys();
    void trackUpsertAndLookup();
    void missingTrackKeepsClipsAndLabels();
    void batchUpsertIsAtomic();

private:
    qint64 addTrack(const QString &path, const QByteArray &hash = QByteArray());
    QTemporaryDir *m_dir = nullptr;
    std::unique_ptr<Library> m_lib;
};

void ClipStoreTest::init()
{
    m_dir = new QTemporaryDir;
    auto lib = Library::open(m_dir->filePath(QStringLiteral("lib")));
    QVERIFY2(lib.ok(), qPrintable(lib.error().message));
    m_lib = lib.take();
}

void ClipStoreTest::cleanup()
{
    m_lib.reset();
    delete m_dir;
}

qint64 ClipStoreTest::addTrack(const QString &path, const QByteArray &hash)
{
    TrackRecord t;
    t.path = path;
    t.contentHash = hash;
    t.durationS = 30;
    auto id = m_lib->tracks().upsert(t);
    return id ? *id : 0;
}

void ClipStoreTest::wholeTrackClipIsIdempotent()
{
    const qint64 track = addTrack(QStringLiteral("/m/a.mp3"));
    QVERIFY(track > 0);
    auto c1 = m_lib->clips().ensureWholeTrackClip(track);
    auto c2 = m_lib->clips().ensureWholeTrackClip(track);
    QVERIFY(c1.ok() && c2.ok());
    QCOMPARE(*c1, *c2);
    auto clip = m_lib->clips().findById(*c1);
    QVERIFY(clip.ok() && clip->has_value());
    QVERIFY((*clip)->isWholeTrack());
    QCOMPARE((*clip)->trackId, track);
    QCOMPARE(*m_lib->clips().wholeTrackClip(track), std::optional<qint64>(*c1));
    QCOMPARE(m_lib->clips().list()->size(), 1);
    QVERIFY(!m_lib->clips().ensureWholeTrackClip(987654).ok()); // no such track
}

void ClipStoreTest::regionClips()
{
    const qint64 track = addTrack(QStringLiteral("/m/b.mp3"));
    const qint64 whole = *m_lib->clips().ensureWholeTrackClip(track);
    auto late = m_lib->clips().addRegionClip(track, 20.0, 25.5);
    auto early = m_lib->clips().addRegionClip(track, 2.0, 4.0);
    QVERIFY(late.ok() && early.ok());
    QCOMPARE(m_lib->clips().addRegionClip(track, 5.0, 5.0).error().code,
             CatalogError::InvalidArgument);
    QCOMPARE(m_lib->clips().addRegionClip(track, -1.0, 5.0).error().code,
             CatalogError::InvalidArgument);
    auto clips = m_lib->clips().clipsOfTrack(track);
    QVERIFY(clips.ok());
    QCOMPARE(clips->size(), 3);
    QCOMPARE(clips->at(0).id, whole);
    QCOMPARE(clips->at(1).id, *early);
    QCOMPARE(clips->at(1).startS, 2.0);
    QCOMPARE(clips->at(1).endS, std::optional<double>(4.0));
    QCOMPARE(clips->at(2).id, *late);

    QVERIFY(m_lib->labels()
                    .set(*late, QStringLiteral("voice"), LabelState::Present, LabelSource::User,
                         QStringLiteral("ana"))
                    .ok());
    QVERIFY(m_lib->clips().removeRegionClip(*late).ok());
    QCOMPARE(m_lib->clips().clipsOfTrack(track)->size(), 2);
    QVERIFY(m_lib->labels().allLabels()->isEmpty()); // its labels went with it
    QCOMPARE(m_lib->clips().removeRegionClip(whole).code, CatalogError::InvalidArgument);
    QCOMPARE(m_lib->clips().removeRegionClip(*late).code, CatalogError::NotFound);
}

void ClipStoreTest::trainableSkipsTestClips()
{
    QList<qint64> clips;
    for (int i = 0; i < 5; ++i)
        clips << *m_lib->clips().ensureWholeTrackClip(addTrack(QStringLiteral("/m/%1.wav").arg(i)));
    QVERIFY(m_lib->clips().setTest({clips[1], clips[3]}, true).ok());
    QCOMPARE(*m_lib->clips().trainableClipIds(), (QList<qint64> {clips[0], clips[2], clips[4]}));
    QCOMPARE(*m_lib->clips().testClipIds(), (QList<qint64> {clips[1], clips[3]}));
    QVERIFY((*m_lib->clips().findById(clips[1]))->isTest);
    QVERIFY(m_lib->clips().setTest({clips[3]}, false).ok());
    QCOMPARE(*m_lib->clips().trainableClipIds(),
             (QList<qint64> {clips[0], clips[2], clips[3], clips[4]}));
    // all or nothing: an unknown id fails the whole call
    QCOMPARE(m_lib->clips().setTest({clips[0], 424242}, true).code, CatalogError::NotFound);
    QVERIFY(!(*m_lib->clips().findById(clips[0]))->isTest);
}

void ClipStoreTest::keys()
{
    const qint64 track = addTrack(QStringLiteral("/m/k.wav"));
    auto region = m_lib->clips().addRegionClip(track, 0, 10, QStringLiteral("000046_3840"));
    QVERIFY(region.ok());
    QCOMPARE((*m_lib->clips().findByKey(QStringLiteral("000046_3840")))->id, *region);
    QCOMPARE(
            m_lib->clips().addRegionClip(track, 10, 20, QStringLiteral("000046_3840")).error().code,
            CatalogError::Conflict);
    const qint64 whole = *m_lib->clips().ensureWholeTrackClip(track);
    QCOMPARE(m_lib->clips().setKey(whole, QStringLiteral("000046_3840")).code,
             CatalogError::Conflict);
    QVERIFY(m_lib->clips().setKey(*region, QString()).ok());
    QVERIFY(m_lib->clips().setKey(whole, QStringLiteral("000046_3840")).ok());
    QCOMPARE((*m_lib->clips().findByKey(QStringLiteral("000046_3840")))->id, whole);
}

void ClipStoreTest::trackUpsertAndLookup()
{
    TrackStore &tracks = m_lib->tracks();
    TrackRecord t;
    t.path = QStringLiteral("/m/Ünïcödé – 東京.flac");
    t.size = 1234;
    t.mtimeMs = 1700000000000;
    t.contentHash = QByteArray::fromHex("00ff10");
    t.title = QStringLiteral("Tïtle");
    t.artist = QStringLiteral("Ärtist");
    t.year = 1999;
    t.durationS = 181.5;
    auto id = tracks.upsert(t);
    QVERIFY(id.ok());
    t.title = QStringLiteral("New title");
    auto again = tracks.upsert(t);
    QCOMPARE(*again, *id); // same path = same row
    QCOMPARE(*tracks.count(), qint64(1));
    auto found = tracks.findByPath(t.path);
    QVERIFY(found.ok() && found->has_value());
    QCOMPARE((*found)->title, QStringLiteral("New title"));
    QCOMPARE((*found)->artist, QStringLiteral("Ärtist"));
    QCOMPARE((*found)->size, qint64(1234));
    QCOMPARE((*found)->mtimeMs, qint64(1700000000000));
    QCOMPARE((*found)->durationS, 181.5);
    QCOMPARE((*found)->year, 1999);
    QVERIFY((*found)->addedMs > 0);
    auto byHash = tracks.findByHash(QByteArray::fromHex("00ff10"));
    QCOMPARE(byHash->size(), 1);
    QCOMPARE(byHash->at(0).id, *id);
    QVERIFY(tracks.findByHash(QByteArray::fromHex("00ff11"))->isEmpty());
    auto stamps = tracks.stamps();
    QCOMPARE(stamps->value(t.path).size, qint64(1234));
    QCOMPARE(stamps->value(t.path).id, *id);
}

void ClipStoreTest::missingTrackKeepsClipsAndLabels()
{
    const QByteArray hash = QByteArray::fromHex("abcdef");
    const qint64 track = addTrack(QStringLiteral("/m/old.wav"), hash);
    const qint64 clip = *m_lib->clips().ensureWholeTrackClip(track);
    QVERIFY(m_lib->labels()
                    .set(clip, QStringLiteral("cello"), LabelState::Present, LabelSource::User,
                         QStringLiteral("ana"))
                    .ok());
    QVERIFY(m_lib->tracks().markMissing({track}).ok());
    QCOMPARE(*m_lib->tracks().count(ScanState::Missing), qint64(1));
    QCOMPARE(*m_lib->labels().state(clip, QStringLiteral("cello")), LabelState::Present);

    // a file with the same content shows up elsewhere: the scanner moves the row
    addTrack(QStringLiteral("/m/other.wav"), hash);
    auto candidates = m_lib->tracks().findByHash(hash);
    QCOMPARE(candidates->size(), 2);
    QCOMPARE(candidates->at(0).id, track); // the missing one first
    TrackRecord moved = candidates->at(0);
    moved.path = QStringLiteral("/m/new.wav");
    moved.scanState = ScanState::Ok;
    QVERIFY(m_lib->tracks().updateById(moved).ok());
    QCOMPARE((*m_lib->tracks().findByPath(QStringLiteral("/m/new.wav")))->id, track);
    QCOMPARE(*m_lib->labels().state(clip, QStringLiteral("cello")), LabelState::Present);
    moved.path = QStringLiteral("/m/other.wav");
    QCOMPARE(m_lib->tracks().updateById(moved).code, CatalogError::Conflict);
    QCOMPARE(*m_lib->tracks().count(ScanState::Missing), qint64(0));
}

void ClipStoreTest::batchUpsertIsAtomic()
{
    TrackRecord ok;
    ok.path = QStringLiteral("/m/ok.wav");
    TrackRecord bad; // no path
    auto r = m_lib->tracks().upsertBatch({ok, bad});
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, CatalogError::InvalidArgument);
    QCOMPARE(*m_lib->tracks().count(), qint64(0));
    TrackRecord ok2;
    ok2.path = QStringLiteral("/m/ok2.wav");
    auto good = m_lib->tracks().upsertBatch({ok, ok2});
    QVERIFY(good.ok());
    QCOMPARE(good->size(), 2);
    QCOMPARE(m_lib->tracks().list()->size(), 2);
}

QTEST_GUILESS_MAIN(ClipStoreTest)
#include "ClipStore_test.moc"
