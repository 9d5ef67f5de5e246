// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/features/FeatureStore.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace timbre::features {

namespace {
FeatureFileError invalid(const QString &path, const QString &what)
{
    return FeatureFileError::make(FeatureFileError::InvalidArgument, path, what);
}

FeatureStaleness stale(FeatureStaleness::Reason reason, const QString &path, const QString &what)
{
    return FeatureStaleness {reason, QStringLiteral("%1: %2").arg(path, what)};
}
} // namespace

FeatureStore::FeatureStore(const QString &root) : m_root(QDir::cleanPath(root)) { }

bool FeatureStore::isValidKey(const QString &extractorKey)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_-][A-Za-z0-9._-]*$"));
    return pattern.match(extractorKey).hasMatch();
}

QString FeatureStore::relativePath(qint64 trackId, const QString &extractorKey)
{
    const QString bucket
            = QString::number(trackId / kTracksPerBucket).rightJustified(3, QLatin1Char('0'));
    return QStringLiteral("%1/%2/%3%4")
            .arg(extractorKey, bucket, QString::number(trackId), FeatureFile::suffix());
}

QString FeatureStore::path(qint64 trackId, const QString &extractorKey) const
{
    return absolutePath(relativePath(trackId, extractorKey));
}

QString FeatureStore::absolutePath(const QString &relativePath) const
{
    return QDir(m_root).filePath(relativePath);
}

FeatureFileError FeatureStore::write(qint64 trackId, const ExtractorInfo &extractor,
                                     const FeatureMatrix &matrix, double instanceHopS,
                                     const SourceStamp &source, FeatureEncoding encoding,
                                     FeatureFileHeader *written) const
{
    const QString key = extractor.key();
    if (trackId <= 0 || !extractor.isValid() || !isValidKey(key))
        return invalid(m_root,
                       QStringLiteral("cannot store features of track %1 for extractor "
                                      "\"%2\"")
                               .arg(trackId)
                               .arg(key));
    const QString target = path(trackId, key);
    if (!matrix.ok())
        return invalid(
                target,
                QStringLiteral("the matrix carries an error (%1)").arg(matrix.error.toString()));
    if (matrix.rows > 0 && matrix.cols != extractor.dimension)
        return invalid(target,
                       QStringLiteral("%1 columns, but %2 is %3-dimensional")
                               .arg(matrix.cols)
                               .arg(key)
                               .arg(extractor.dimension));
    FeatureFileMeta meta;
    meta.extractorId = extractor.id;
    meta.extractorVersion = extractor.version;
    meta.instanceHopS = instanceHopS;
    meta.source = source;
    return FeatureFile::write(target, meta, matrix, encoding, written);
}

FeatureFileError FeatureStore::open(qint64 trackId, const QString &extractorKey,
                                    FeatureFileReader *reader) const
{
    if (!isValidKey(extractorKey))
        return invalid(m_root, QStringLiteral("\"%1\" is not an extractor key").arg(extractorKey));
    return reader->open(path(trackId, extractorKey));
}

FeatureStaleness FeatureStore::staleness(qint64 trackId, const ExtractorInfo &current,
                                         const SourceStamp &audio) const
{
    const QString file = path(trackId, current.key());
    FeatureFileHeader header;
    const FeatureFileError e = FeatureFile::readHeader(file, &header);
    if (e.code == FeatureFileError::NotFound)
        return stale(FeatureStaleness::Missing, file, QStringLiteral("no feature file"));
    if (e.isError())
        return FeatureStaleness {FeatureStaleness::Unreadable, e.message};
    return staleness(header, file, current, audio);
}

FeatureStaleness FeatureStore::staleness(const FeatureFileHeader &header, const QString &path,
                                         const ExtractorInfo &current, const SourceStamp &audio)
{
    using S = FeatureStaleness;
    const FeatureFileMeta &meta = header.meta;
    if (meta.extractorId != current.id || meta.extractorVersion != current.version)
        return stale(S::ExtractorChanged, path,
                     QStringLiteral("computed by %1, the extractor is now %2")
                             .arg(meta.extractorKey(), current.key()));
    if (header.rows > 0 && header.cols != current.dimension)
        return stale(S::DimensionChanged, path,
                     QStringLiteral("%1 columns, %2 now has %3")
                             .arg(header.cols)
                             .arg(current.key())
                             .arg(current.dimension));
    if (meta.source.size != audio.size)
        return stale(S::AudioSizeChanged, path,
                     QStringLiteral("audio was %1 bytes, is now %2")
                             .arg(meta.source.size)
                             .arg(audio.size));
    if (meta.source.mtimeMs != audio.mtimeMs)
        return stale(S::AudioMtimeChanged, path,
                     QStringLiteral("audio modified since (mtime %1 ms, now %2 ms)")
                             .arg(meta.source.mtimeMs)
                             .arg(audio.mtimeMs));
    // An empty hash (the scanner could not read the file) equals only an empty hash: when in
    // doubt, recompute.
    if (meta.source.contentHash != audio.contentHash)
        return stale(S::AudioContentChanged, path,
                     QStringLiteral("audio content hash changed (%1, now %2)")
                             .arg(QString::fromLatin1(meta.source.contentHash.toHex()),
                                  QString::fromLatin1(audio.contentHash.toHex())));
    return {};
}

bool FeatureStore::remove(qint64 trackId, const QString &extractorKey) const
{
    if (!isValidKey(extractorKey))
        return false;
    const QString file = path(trackId, extractorKey);
    return QFile::remove(file) || !QFileInfo::exists(file);
}

bool FeatureStore::removeExtractor(const QString &extractorKey) const
{
    if (!isValidKey(extractorKey))
        return false;
    QDir dir(absolutePath(extractorKey));
    return !dir.exists() || dir.removeRecursively();
}

int FeatureStore::removeLeftovers(qint64 minAgeMs) const
{
    const QDateTime cutoff = QDateTime::currentDateTimeUtc().addMSecs(-minAgeMs);
    int removed = 0;
    QDirIterator it(m_root, {QStringLiteral("*") + FeatureFile::suffix() + QStringLiteral(".*")},
                    QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        if (it.fileInfo().lastModified().toUTC() <= cutoff && QFile::remove(it.filePath()))
            ++removed;
    }
    return removed;
}

FeatureDiskUsage FeatureStore::diskUsage(const QString &extractorKey) const
{
    FeatureDiskUsage usage;
    if (!isValidKey(extractorKey))
        return usage;
    // Only finished files: a writer's temporary has another suffix.
    QDirIterator it(absolutePath(extractorKey), {QStringLiteral("*") + FeatureFile::suffix()},
                    QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        usage.bytes += it.fileInfo().size();
        ++usage.files;
    }
    return usage;
}

QMap<QString, FeatureDiskUsage> FeatureStore::diskUsage() const
{
    QMap<QString, FeatureDiskUsage> out;
    const QStringList keys = QDir(m_root).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &key : keys)
        if (isValidKey(key))
            out.insert(key, diskUsage(key));
    return out;
}

} // namespace timbre::features
