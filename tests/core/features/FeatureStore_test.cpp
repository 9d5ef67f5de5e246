// SPDX-License-Identifier: GPL-3.0-or-later
// FeatureStore: file layout under <library>/features, write / open through the store, staleness
// against the audio file's size, mtime and content hash and against the extractor's id,
// version and dimension, removal, and disk use per extractor key.
#include "core/features/FeatureStore.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace timbre::features;

namespace {

ExtractorInfo testExtractor(int version = 1, int dimension = 8)
{
    ExtractorInfo info;
    info.id = QStringLiteral("probe");
    info.version = version;
    info.dimension = dimension;
    return info;
}

FeatureMatrix matrix(int rows, int cols, float base)
{
    FeatureMatrix m;
    m.rows = rows;
    m.cols = cols;
    for (int i = 0; i < rows * cols; ++i)
        m.values.push_back(base + float(i) / 8.0f); // exact in float16 for small i
    return m;
}

bool writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

bool setMtime(const QString &path, qint64 ms)
{
    QFile f(path);
    return f.open(QIODevice::ReadWrite)
            && f.setFileTime(QDateTime::fromMSecsSinceEpoch(ms), QFileDevice::FileModificationTime);
}

// What the catalog would hold for the file now. The scanner's ContentHash lives in
// core/library; a SHA-1 of the bytes stands in for it here.
SourceStamp stampOf(const QString &path)
{
    SourceStamp s;
    const QFileInfo info(path);
    s.size = info.size();
    s.mtimeMs = info.fileTime(QFileDevice::FileModificationTime).toMSecsSinceEpoch();
    QFile f(path);
    if (f.open(QIODevice::ReadOnly))
        s.contentHash = QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha1);
    return s;
}

} // namespace

class FeatureStoreTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir *m_dir = nullptr;
    FeatureStore *m_store = nullptr;
    QString m_audio;

private Q_SLOTS:
    void init();
    void cleanup();
    void layout();
    void writeAndOpen();
    void refusesBadWrites();
    void freshUntilTheAudioChanges();
    void staleOnNewExtractorVersionOrDimension();
    void missingAndUnreadableAreStale();
    void diskUsagePerExtractor();
    void leftoversAreRemovedWhenOld();
    void removeFilesAndExtractors();
};

void FeatureStoreTest::init()
{
    m_dir = new QTemporaryDir;
    QVERIFY(m_dir->isValid());
    m_store = new FeatureStore(m_dir->filePath(QStringLiteral("lib/features")));
    m_audio = m_dir->filePath(QStringLiteral("song.flac"));
    QVERIFY(writeBytes(m_audio, QByteArray(5000, 'a')));
    QVERIFY(setMtime(m_audio, 1700000000000));
}

void FeatureStoreTest::cleanup()
{
    delete m_store;
    delete m_dir;
}

void FeatureStoreTest::layout()
{
    QCOMPARE(FeatureStore::relativePath(12345, QStringLiteral("melstat-v1")),
             QStringLiteral("melstat-v1/012/12345.tfeat"));
    QCOMPARE(FeatureStore::relativePath(7, QStringLiteral("melstat-v1")),
             QStringLiteral("melstat-v1/000/7.tfeat"));
    QCOMPARE(FeatureStore::relativePath(2000000, QStringLiteral("x-v2")),
             QStringLiteral("x-v2/2000/2000000.tfeat"));
    QCOMPARE(m_store->path(7, QStringLiteral("melstat-v1")),
             m_dir->filePath(QStringLiteral("lib/features/melstat-v1/000/7.tfeat")));
    QVERIFY(FeatureStore::isValidKey(QStringLiteral("melstat-v1")));
    QVERIFY(FeatureStore::isValidKey(QStringLiteral("vggish_2.1-v3")));
    QVERIFY(!FeatureStore::isValidKey(QString()));
    QVERIFY(!FeatureStore::isValidKey(QStringLiteral("..")));
    QVERIFY(!FeatureStore::isValidKey(QStringLiteral(".hidden-v1")));
    QVERIFY(!FeatureStore::isValidKey(QStringLiteral("a/b-v1")));
    QVERIFY(!FeatureStore::isValidKey(QStringLiteral("a b-v1")));
}

void FeatureStoreTest::writeAndOpen()
{
    const ExtractorInfo info = testExtractor();
    const FeatureMatrix m = matrix(10, 8, -3.0f);
    FeatureFileHeader written;
    const FeatureFileError e = m_store->write(42, info, m, 0.5, stampOf(m_audio),
                                              FeatureEncoding::Float16, &written);
    QVERIFY2(e.ok(), qPrintable(e.message));
    QVERIFY(QFile::exists(m_store->path(42, info.key())));
    QCOMPARE(written.rows, 10);

    FeatureFileReader reader;
    const FeatureFileError opened = m_store->open(42, info.key(), &reader);
    QVERIFY2(opened.ok(), qPrintable(opened.message));
    QCOMPARE(reader.header().meta.extractorKey(), info.key());
    QCOMPARE(reader.header().meta.instanceHopS, 0.5);
    QCOMPARE(reader.header().checksumHex(), written.checksumHex());
    QVERIFY(reader.toMatrix().values == m.values);

    // Rewriting replaces the file; a reader that still has the old one mapped keeps it.
    const FeatureMatrix m2 = matrix(4, 8, 1.0f);
    QVERIFY(m_store->write(42, info, m2, 0.5, stampOf(m_audio), FeatureEncoding::UInt8).ok());
    QCOMPARE(reader.rows(), 10);
    QVERIFY(reader.toMatrix().values == m.values);
    FeatureFileReader fresh;
    QVERIFY(m_store->open(42, info.key(), &fresh).ok());
    QCOMPARE(fresh.rows(), 4);
    QCOMPARE(fresh.header().encoding, FeatureEncoding::UInt8);

    QCOMPARE(m_store->open(43, info.key(), &fresh).code, FeatureFileError::NotFound);
    QVERIFY(!fresh.isOpen());
}

void FeatureStoreTest::refusesBadWrites()
{
    const SourceStamp stamp = stampOf(m_audio);
    FeatureFileError e = m_store->write(1, testExtractor(1, 16), matrix(3, 8, 0), 0.5, stamp);
    QCOMPARE(e.code, FeatureFileError::InvalidArgument);
    QVERIFY2(e.message.contains(QLatin1String("16-dimensional")), qPrintable(e.message));

    ExtractorInfo escaping = testExtractor();
    escaping.id = QStringLiteral("../../etc");
    QCOMPARE(m_store->write(1, escaping, matrix(3, 8, 0), 0.5, stamp).code,
             FeatureFileError::InvalidArgument);
    QCOMPARE(m_store->write(0, testExtractor(), matrix(3, 8, 0), 0.5, stamp).code,
             FeatureFileError::InvalidArgument);
    FeatureMatrix failed = matrix(0, 0, 0);
    failed.error
            = timbre::audio::AudioError::make(timbre::audio::AudioErrorCode::NotAudio, m_audio);
    QCOMPARE(m_store->write(1, testExtractor(), failed, 0.5, stamp).code,
             FeatureFileError::InvalidArgument);
    QCOMPARE(m_store->diskUsage().size(), 0);
}

void FeatureStoreTest::freshUntilTheAudioChanges()
{
    const ExtractorInfo info = testExtractor();
    const SourceStamp original = stampOf(m_audio);
    QVERIFY(m_store->write(5, info, matrix(2, 8, 0), 0.5, original).ok());
    FeatureStaleness s = m_store->staleness(5, info, stampOf(m_audio));
    QVERIFY2(!s.isStale(), qPrintable(s.message));
    QVERIFY(s.message.isEmpty());

    // Grown file.
    QVERIFY(writeBytes(m_audio, QByteArray(5001, 'a')));
    QVERIFY(setMtime(m_audio, original.mtimeMs));
    s = m_store->staleness(5, info, stampOf(m_audio));
    QCOMPARE(s.reason, FeatureStaleness::AudioSizeChanged);
    QVERIFY2(s.message.startsWith(m_store->path(5, info.key())), qPrintable(s.message));

    // Same bytes, touched.
    QVERIFY(writeBytes(m_audio, QByteArray(5000, 'a')));
    QVERIFY(setMtime(m_audio, original.mtimeMs + 1000));
    s = m_store->staleness(5, info, stampOf(m_audio));
    QCOMPARE(s.reason, FeatureStaleness::AudioMtimeChanged);

    // Same size and mtime, other content (a tag editor that restores the mtime).
    QByteArray edited(5000, 'a');
    edited[100] = 'b';
    QVERIFY(writeBytes(m_audio, edited));
    QVERIFY(setMtime(m_audio, original.mtimeMs));
    const SourceStamp now = stampOf(m_audio);
    QCOMPARE(now.size, original.size);
    QCOMPARE(now.mtimeMs, original.mtimeMs);
    s = m_store->staleness(5, info, now);
    QCOMPARE(s.reason, FeatureStaleness::AudioContentChanged);

    // Back to the original bytes and time: fresh again.
    QVERIFY(writeBytes(m_audio, QByteArray(5000, 'a')));
    QVERIFY(setMtime(m_audio, original.mtimeMs));
    QVERIFY(!m_store->staleness(5, info, stampOf(m_audio)).isStale());

    // A hash the scanner could not compute is never taken as a match.
    SourceStamp noHash = original;
    noHash.contentHash.clear();
    QCOMPARE(m_store->staleness(5, info, noHash).reason, FeatureStaleness::AudioContentChanged);
}

void FeatureStoreTest::staleOnNewExtractorVersionOrDimension()
{
    const SourceStamp stamp = stampOf(m_audio);
    QVERIFY(m_store->write(5, testExtractor(1), matrix(2, 8, 0), 0.5, stamp).ok());
    QVERIFY(!m_store->staleness(5, testExtractor(1), stamp).isStale());

    // Version 2 keys its files elsewhere: nothing there yet.
    FeatureStaleness s = m_store->staleness(5, testExtractor(2), stamp);
    QCOMPARE(s.reason, FeatureStaleness::Missing);
    QVERIFY(s.message.contains(QLatin1String("probe-v2")));

    // The file's own header says which extractor made it (a catalog row may point at it).
    FeatureFileHeader header;
    const QString v1File = m_store->path(5, QStringLiteral("probe-v1"));
    QVERIFY(FeatureFile::readHeader(v1File, &header).ok());
    s = FeatureStore::staleness(header, v1File, testExtractor(2), stamp);
    QCOMPARE(s.reason, FeatureStaleness::ExtractorChanged);
    QVERIFY2(s.message.contains(QLatin1String("probe-v1"))
                     && s.message.contains(QLatin1String("probe-v2")),
             qPrintable(s.message));
    ExtractorInfo renamed = testExtractor(1);
    renamed.id = QStringLiteral("other");
    QCOMPARE(FeatureStore::staleness(header, v1File, renamed, stamp).reason,
             FeatureStaleness::ExtractorChanged);
    QCOMPARE(m_store->staleness(5, testExtractor(1, 16), stamp).reason,
             FeatureStaleness::DimensionChanged);
}

void FeatureStoreTest::missingAndUnreadableAreStale()
{
    const ExtractorInfo info = testExtractor();
    const SourceStamp stamp = stampOf(m_audio);
    QCOMPARE(m_store->staleness(9, info, stamp).reason, FeatureStaleness::Missing);
    QVERIFY(m_store->write(9, info, matrix(2, 8, 0), 0.5, stamp).ok());
    QVERIFY(writeBytes(m_store->path(9, info.key()), QByteArray("garbage, not features")));
    const FeatureStaleness s = m_store->staleness(9, info, stamp);
    QCOMPARE(s.reason, FeatureStaleness::Unreadable);
    QVERIFY2(s.message.contains(QLatin1String("bad magic")), qPrintable(s.message));
}

void FeatureStoreTest::diskUsagePerExtractor()
{
    const SourceStamp stamp = stampOf(m_audio);
    QCOMPARE(m_store->diskUsage().size(), 0);
    for (qint64 track : {1, 2, 1500}) // two buckets
        QVERIFY(m_store->write(track, testExtractor(1), matrix(int(track % 7) + 1, 8, 0), 0.5,
                               stamp)
                        .ok());
    QVERIFY(m_store->write(1, testExtractor(2, 4), matrix(3, 4, 0), 0.5, stamp).ok());
    // A writer's leftover temporary and other files are not features.
    QVERIFY(writeBytes(m_store->path(1, QStringLiteral("probe-v1")) + QStringLiteral(".x1Yz2a"),
                       QByteArray(999, 'z')));

    qint64 v1Bytes = 0;
    for (qint64 track : {1, 2, 1500})
        v1Bytes += QFileInfo(m_store->path(track, QStringLiteral("probe-v1"))).size();
    const QMap<QString, FeatureDiskUsage> usage = m_store->diskUsage();
    QCOMPARE(usage.keys(),
             (QList<QString> {QStringLiteral("probe-v1"), QStringLiteral("probe-v2")}));
    QCOMPARE(usage.value(QStringLiteral("probe-v1")).files, 3);
    QCOMPARE(usage.value(QStringLiteral("probe-v1")).bytes, v1Bytes);
    QCOMPARE(usage.value(QStringLiteral("probe-v2")).files, 1);
    QCOMPARE(usage.value(QStringLiteral("probe-v2")).bytes,
             QFileInfo(m_store->path(1, QStringLiteral("probe-v2"))).size());
    QVERIFY(m_store->diskUsage(QStringLiteral("probe-v1"))
            == usage.value(QStringLiteral("probe-v1")));
    QCOMPARE(m_store->diskUsage(QStringLiteral("absent-v1")).files, 0);
}

void FeatureStoreTest::leftoversAreRemovedWhenOld()
{
    const SourceStamp stamp = stampOf(m_audio);
    QVERIFY(m_store->write(1, testExtractor(1), matrix(2, 8, 0), 0.5, stamp).ok());
    const QString finished = m_store->path(1, QStringLiteral("probe-v1"));
    const QString old = finished + QStringLiteral(".aB3dE9");
    const QString recent = m_store->path(2, QStringLiteral("probe-v1")) + QStringLiteral(".Zz9yX8");
    QVERIFY(writeBytes(old, QByteArray(10, 'o')));
    QVERIFY(setMtime(old, QDateTime::currentMSecsSinceEpoch() - 3600 * 1000));
    QVERIFY(writeBytes(recent, QByteArray(10, 'r')));
    QCOMPARE(m_store->removeLeftovers(), 1);
    QVERIFY(!QFile::exists(old));
    QVERIFY(QFile::exists(recent)); // may belong to a writer that is still running
    QVERIFY(QFile::exists(finished));
    QCOMPARE(m_store->removeLeftovers(0), 1);
    QVERIFY(!QFile::exists(recent));
    QVERIFY(QFile::exists(finished));
}

void FeatureStoreTest::removeFilesAndExtractors()
{
    const SourceStamp stamp = stampOf(m_audio);
    QVERIFY(m_store->write(1, testExtractor(1), matrix(2, 8, 0), 0.5, stamp).ok());
    QVERIFY(m_store->write(2, testExtractor(1), matrix(2, 8, 0), 0.5, stamp).ok());
    QVERIFY(m_store->write(1, testExtractor(2), matrix(2, 8, 0), 0.5, stamp).ok());
    QVERIFY(m_store->remove(1, QStringLiteral("probe-v1")));
    QVERIFY(!QFile::exists(m_store->path(1, QStringLiteral("probe-v1"))));
    QVERIFY(m_store->remove(1, QStringLiteral("probe-v1"))); // already gone: fine
    QCOMPARE(m_store->diskUsage(QStringLiteral("probe-v1")).files, 1);
    QVERIFY(!m_store->remove(1, QStringLiteral("../probe-v1")));

    QVERIFY(m_store->removeExtractor(QStringLiteral("probe-v1")));
    QVERIFY(!QDir(m_store->absolutePath(QStringLiteral("probe-v1"))).exists());
    QCOMPARE(m_store->diskUsage().keys(), QList<QString> {QStringLiteral("probe-v2")});
    QVERIFY(!m_store->removeExtractor(QStringLiteral("..")));
    QVERIFY(QDir(m_store->root()).exists());
}

QTEST_GUILESS_MAIN(FeatureStoreTest)
#include "FeatureStore_test.moc"
