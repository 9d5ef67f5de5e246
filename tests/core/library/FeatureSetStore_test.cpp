// SPDX-License-Identifier: GPL-3.0-or-later
// FeatureSetStore: the catalog's feature_set rows are upserted by (track, extractor id,
// version) keeping their id, read back field for field, listed per track and per extractor,
// validated, and removed with their track.
#include "core/library/FeatureSetStore.h"
#include "core/library/Library.h"
#include "core/library/TrackStore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace timbre::library;

class FeatureSetStoreTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void upsertAndReadBack();
    void upsertReplacesKeepingId();
    void listsPerTrackAndExtractor();
    void refusesBadRows();
    void removal();

private:
    qint64 addTrack(const QString &path);
    FeatureSetRecord record(qint64 track, int version = 1) const;
    QTemporaryDir *m_dir = nullptr;
    std::unique_ptr<Library> m_lib;
    std::unique_ptr<FeatureSetStore> m_sets;
};

void FeatureSetStoreTest::init()
{
    m_dir = new QTemporaryDir;
    auto lib = Library::open(m_dir->filePath(QStringLiteral("lib")));
    QVERIFY2(lib.ok(), qPrintable(lib.error().message));
    m_lib = lib.take();
    m_sets = std::make_unique<FeatureSetStore>(m_lib->database());
}

void FeatureSetStoreTest::cleanup()
{
    m_sets.reset();
    m_lib.reset();
    delete m_dir;
}

qint64 FeatureSetStoreTest::addTrack(const QString &path)
{
    TrackRecord t;
    t.path = path;
    t.size = 1000;
    t.contentHash = QByteArray::fromHex("aabbcc");
    auto id = m_lib->tracks().upsert(t);
    return id ? *id : 0;
}

FeatureSetRecord FeatureSetStoreTest::record(qint64 track, int version) const
{
    FeatureSetRecord r;
    r.trackId = track;
    r.extractorId = QStringLiteral("melstat");
    r.extractorVersion = version;
    r.instanceHopS = 0.96;
    r.instanceCount = 31;
    r.dimension = 128;
    r.file = QStringLiteral("melstat-v%1/000/%2.tfeat").arg(version).arg(track);
    r.checksum = QStringLiteral("0123456789abcdef");
    r.contentHash = QByteArray::fromHex("aabbcc");
    r.createdMs = 1700000000000;
    return r;
}

void FeatureSetStoreTest::upsertAndReadBack()
{
    const qint64 track = addTrack(QStringLiteral("/m/a.flac"));
    QVERIFY(track > 0);
    auto id = m_sets->upsert(record(track));
    QVERIFY2(id.ok(), qPrintable(id.error().message));
    auto found = m_sets->find(track, QStringLiteral("melstat"), 1);
    QVERIFY(found.ok() && found->has_value());
    const FeatureSetRecord &r = **found;
    const FeatureSetRecord expected = record(track);
    QCOMPARE(r.id, *id);
    QCOMPARE(r.trackId, track);
    QCOMPARE(r.extractorId, expected.extractorId);
    QCOMPARE(r.extractorVersion, 1);
    QCOMPARE(r.instanceHopS, 0.96);
    QCOMPARE(r.instanceCount, 31);
    QCOMPARE(r.dimension, 128);
    QCOMPARE(r.file, expected.file);
    QCOMPARE(r.checksum, expected.checksum);
    QCOMPARE(r.contentHash, expected.contentHash);
    QCOMPARE(r.createdMs, expected.createdMs);

    auto none = m_sets->find(track, QStringLiteral("melstat"), 2);
    QVERIFY(none.ok() && !none->has_value());

    // No checksum or hash given: stored as '' and NULL, read back empty.
    FeatureSetRecord bare = record(track, 3);
    bare.checksum = QString();
    bare.contentHash.clear();
    bare.createdMs = 0;
    QVERIFY(m_sets->upsert(bare).ok());
    auto b = m_sets->find(track, QStringLiteral("melstat"), 3);
    QVERIFY(b.ok() && b->has_value());
    QVERIFY((*b)->checksum.isEmpty() && (*b)->contentHash.isEmpty());
    QVERIFY((*b)->createdMs > 0);
}

void FeatureSetStoreTest::upsertReplacesKeepingId()
{
    const qint64 track = addTrack(QStringLiteral("/m/a.flac"));
    auto first = m_sets->upsert(record(track));
    QVERIFY(first.ok());
    FeatureSetRecord changed = record(track);
    changed.instanceCount = 40;
    changed.checksum = QStringLiteral("fedcba9876543210");
    changed.contentHash = QByteArray::fromHex("ddeeff");
    auto second = m_sets->upsert(changed);
    QVERIFY2(second.ok(), qPrintable(second.error().message));
    QCOMPARE(*second, *first);
    auto rows = m_sets->ofTrack(track);
    QVERIFY(rows.ok());
    QCOMPARE(rows->size(), 1);
    QCOMPARE(rows->first().instanceCount, 40);
    QCOMPARE(rows->first().checksum, QStringLiteral("fedcba9876543210"));
    QCOMPARE(rows->first().contentHash, QByteArray::fromHex("ddeeff"));
}

void FeatureSetStoreTest::listsPerTrackAndExtractor()
{
    const qint64 a = addTrack(QStringLiteral("/m/a.flac"));
    const qint64 b = addTrack(QStringLiteral("/m/b.flac"));
    QVERIFY(m_sets->upsert(record(b, 1)).ok());
    QVERIFY(m_sets->upsert(record(a, 2)).ok());
    QVERIFY(m_sets->upsert(record(a, 1)).ok());

    auto ofA = m_sets->ofTrack(a);
    QVERIFY(ofA.ok());
    QCOMPARE(ofA->size(), 2);
    QCOMPARE(ofA->at(0).extractorVersion, 1);
    QCOMPARE(ofA->at(1).extractorVersion, 2);

    auto v1 = m_sets->ofExtractor(QStringLiteral("melstat"), 1);
    QVERIFY(v1.ok());
    QCOMPARE(v1->size(), 2);
    QCOMPARE(v1->at(0).trackId, a);
    QCOMPARE(v1->at(1).trackId, b);
}

void FeatureSetStoreTest::refusesBadRows()
{
    const qint64 track = addTrack(QStringLiteral("/m/a.flac"));
    auto missing = m_sets->upsert(record(track + 100));
    QCOMPARE(missing.error().code, CatalogError::NotFound);

    for (const QString &file :
         {QString(), QStringLiteral("/abs/1.tfeat"), QStringLiteral("../outside.tfeat"),
          QStringLiteral("a/../../b"), QStringLiteral("a//b"), QStringLiteral("C:/x")}) {
        FeatureSetRecord r = record(track);
        r.file = file;
        QCOMPARE(m_sets->upsert(r).error().code, CatalogError::InvalidArgument);
    }
    FeatureSetRecord noId = record(track);
    noId.extractorId.clear();
    QCOMPARE(m_sets->upsert(noId).error().code, CatalogError::InvalidArgument);
    FeatureSetRecord badVersion = record(track, 0);
    QCOMPARE(m_sets->upsert(badVersion).error().code, CatalogError::InvalidArgument);
    FeatureSetRecord badHop = record(track);
    badHop.instanceHopS = -1;
    QCOMPARE(m_sets->upsert(badHop).error().code, CatalogError::InvalidArgument);
    QVERIFY(m_sets->ofTrack(track)->isEmpty());
    QVERIFY(FeatureSetStore::isValidFile(QStringLiteral("melstat-v1/000/7.tfeat")));
}

void FeatureSetStoreTest::removal()
{
    const qint64 a = addTrack(QStringLiteral("/m/a.flac"));
    const qint64 b = addTrack(QStringLiteral("/m/b.flac"));
    QVERIFY(m_sets->upsert(record(a, 1)).ok());
    QVERIFY(m_sets->upsert(record(a, 2)).ok());
    QVERIFY(m_sets->upsert(record(b, 1)).ok());

    QVERIFY(m_sets->remove(a, QStringLiteral("melstat"), 2).ok());
    QVERIFY(m_sets->remove(a, QStringLiteral("melstat"), 2).ok()); // nothing left: not an error
    QCOMPARE(m_sets->ofTrack(a)->size(), 1);

    auto removed = m_sets->removeExtractor(QStringLiteral("melstat"), 1);
    QVERIFY(removed.ok());
    QCOMPARE(*removed, 2);
    QVERIFY(m_sets->ofExtractor(QStringLiteral("melstat"), 1)->isEmpty());

    QVERIFY(m_sets->upsert(record(b, 1)).ok());
    QVERIFY(m_lib->tracks().remove(b).ok());
    QVERIFY(m_sets->ofTrack(b)->isEmpty()); // ON DELETE CASCADE
}

QTEST_GUILESS_MAIN(FeatureSetStoreTest)
#include "FeatureSetStore_test.moc"
