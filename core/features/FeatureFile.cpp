// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/features/FeatureFile.h"

#include "core/features/Float16.h"
#include "core/features/XxHash64.h"
#include "core/util/SaveFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QtEndian>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstring>

namespace timbre::features {

namespace {

// Field offsets of the fixed header (see the layout table in FeatureFile.h).
enum Offset : int {
    kOffVersion = 8,
    kOffHeaderBytes = 12,
    kOffEncoding = 16,
    kOffRows = 20,
    kOffCols = 24,
    kOffExtractorVersion = 28,
    kOffHop = 32,
    kOffScale = 40,
    kOffOffset = 44,
    kOffSourceSize = 48,
    kOffSourceMtime = 56,
    kOffIdBytes = 64,
    kOffHashBytes = 66,
};

qint64 roundUp8(qint64 n)
{
    return (n + 7) & ~qint64(7);
}

template<typename T> void put(uchar *base, int offset, T value)
{
    qToLittleEndian<T>(value, base + offset);
}

template<typename T> T get(const uchar *base, int offset)
{
    return qFromLittleEndian<T>(base + offset);
}

// Floating-point fields go through their bit patterns so byte order is explicit.
void putDouble(uchar *base, int offset, double value)
{
    quint64 bits;
    std::memcpy(&bits, &value, sizeof bits);
    put<quint64>(base, offset, bits);
}

double getDouble(const uchar *base, int offset)
{
    const quint64 bits = get<quint64>(base, offset);
    double value;
    std::memcpy(&value, &bits, sizeof value);
    return value;
}

void putFloat(uchar *base, int offset, float value)
{
    quint32 bits;
    std::memcpy(&bits, &value, sizeof bits);
    put<quint32>(base, offset, bits);
}

float getFloat(const uchar *base, int offset)
{
    const quint32 bits = get<quint32>(base, offset);
    float value;
    std::memcpy(&value, &bits, sizeof value);
    return value;
}

FeatureFileError invalid(const QString &path, const QString &what)
{
    return FeatureFileError::make(FeatureFileError::InvalidArgument, path, what);
}

FeatureFileError badHeader(const QString &path, const QString &what)
{
    return FeatureFileError::make(FeatureFileError::BadHeader, path, what);
}

// OpenMIC's quantisation: the matrix's own range mapped onto 0..255.
FeatureFileError quantise(const QString &path, const float *values, qint64 count, uchar *out,
                          float *scale, float *offset)
{
    float lo = 0, hi = 0;
    for (qint64 i = 0; i < count; ++i) {
        if (!std::isfinite(values[i]))
            return invalid(path,
                           QStringLiteral("value %1 at index %2 cannot be stored as uint8 "
                                          "(use float16 for inf / nan)")
                                   .arg(double(values[i]))
                                   .arg(i));
        if (i == 0 || values[i] < lo)
            lo = values[i];
        if (i == 0 || values[i] > hi)
            hi = values[i];
    }
    // Quantise with the float scale the reader will use, so decode error stays <= scale / 2.
    *offset = lo;
    *scale = float((double(hi) - double(lo)) / 255.0);
    if (!std::isfinite(*scale))
        return invalid(path,
                       QStringLiteral("value range %1..%2 is too wide for uint8")
                               .arg(double(lo))
                               .arg(double(hi)));
    const double s = *scale;
    for (qint64 i = 0; i < count; ++i) {
        const double q = s > 0 ? std::nearbyint((double(values[i]) - lo) / s) : 0.0;
        out[i] = uchar(std::clamp(q, 0.0, 255.0));
    }
    return {};
}

} // namespace

QString FeatureFileHeader::checksumHex() const
{
    return QStringLiteral("%1").arg(checksum, 16, 16, QLatin1Char('0'));
}

FeatureFileError FeatureFile::encode(const QString &path, const FeatureFileMeta &meta,
                                     const float *values, int rows, int cols,
                                     FeatureEncoding encoding, QByteArray *out,
                                     FeatureFileHeader *header)
{
    if (rows < 0 || cols < 0 || (rows > 0 && cols == 0))
        return invalid(path, QStringLiteral("cannot store a %1 x %2 matrix").arg(rows).arg(cols));
    const qint64 count = qint64(rows) * cols;
    if (count > 0 && !values)
        return invalid(path, QStringLiteral("no values for a %1 x %2 matrix").arg(rows).arg(cols));
    if (encoding != FeatureEncoding::Float16 && encoding != FeatureEncoding::UInt8)
        return invalid(path, QStringLiteral("unknown encoding %1").arg(quint32(encoding)));
    if (!std::isfinite(meta.instanceHopS) || meta.instanceHopS < 0)
        return invalid(path,
                       QStringLiteral("instance hop %1 s is not a finite, non-negative "
                                      "number")
                               .arg(meta.instanceHopS));
    const QByteArray id = meta.extractorId.toUtf8();
    const QByteArray &hash = meta.source.contentHash;
    if (id.size() > kMaxStringBytes || hash.size() > kMaxStringBytes)
        return invalid(path,
                       QStringLiteral("extractor id or content hash longer than %1 bytes")
                               .arg(kMaxStringBytes));

    FeatureFileHeader h;
    h.formatVersion = kFormatVersion;
    h.encoding = encoding;
    h.rows = rows;
    h.cols = cols;
    h.meta = meta;
    h.payloadOffset = roundUp8(kFixedHeaderBytes + id.size() + hash.size());
    h.fileSize = h.payloadOffset + h.payloadBytes() + kChecksumBytes;

    QByteArray bytes(h.fileSize, '\0');
    uchar *base = reinterpret_cast<uchar *>(bytes.data());
    uchar *payload = base + h.payloadOffset;
    if (encoding == FeatureEncoding::UInt8) {
        const FeatureFileError e = quantise(path, values, count, payload, &h.scale, &h.offset);
        if (e.isError())
            return e;
    } else {
        for (qint64 i = 0; i < count; ++i)
            qToLittleEndian<quint16>(float16::fromFloat(values[i]), payload + 2 * i);
    }

    std::memcpy(base, kMagic, 8);
    put<quint32>(base, kOffVersion, h.formatVersion);
    put<quint32>(base, kOffHeaderBytes, quint32(h.payloadOffset));
    put<quint32>(base, kOffEncoding, quint32(encoding));
    put<quint32>(base, kOffRows, quint32(rows));
    put<quint32>(base, kOffCols, quint32(cols));
    put<qint32>(base, kOffExtractorVersion, meta.extractorVersion);
    putDouble(base, kOffHop, meta.instanceHopS);
    putFloat(base, kOffScale, h.scale);
    putFloat(base, kOffOffset, h.offset);
    put<qint64>(base, kOffSourceSize, meta.source.size);
    put<qint64>(base, kOffSourceMtime, meta.source.mtimeMs);
    put<quint16>(base, kOffIdBytes, quint16(id.size()));
    put<quint16>(base, kOffHashBytes, quint16(hash.size()));
    std::memcpy(base + kFixedHeaderBytes, id.constData(), size_t(id.size()));
    std::memcpy(base + kFixedHeaderBytes + id.size(), hash.constData(), size_t(hash.size()));

    const qint64 checked = h.fileSize - kChecksumBytes;
    h.checksum = xxHash64(base, size_t(checked));
    put<quint64>(base, int(checked), h.checksum);

    *out = std::move(bytes);
    if (header)
        *header = h;
    return {};
}

FeatureFileError FeatureFile::write(const QString &path, const FeatureFileMeta &meta,
                                    const float *values, int rows, int cols,
                                    FeatureEncoding encoding, FeatureFileHeader *written)
{
    QByteArray bytes;
    FeatureFileHeader header;
    FeatureFileError e = encode(path, meta, values, rows, cols, encoding, &bytes, &header);
    if (e.isError())
        return e;

    const QString folder = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(folder))
        return FeatureFileError::make(FeatureFileError::WriteFailed, path,
                                      QStringLiteral("cannot create folder %1").arg(folder));
    // QSaveFile (Qt 6.4 on Linux, seen with strace) writes an unnamed O_TMPFILE in the folder,
    // fdatasync()s it on commit() and then links it in (renaming over an existing file), so a
    // writer that dies before commit() leaves nothing behind and `path` untouched. Where
    // O_TMPFILE is missing it uses a named "<path>.XXXXXX" (FeatureStore::removeLeftovers).
    // The folder itself is not fsync'ed: after a power cut the rename may be lost, leaving the
    // old file, which is still whole.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return FeatureFileError::make(
                FeatureFileError::WriteFailed, path,
                QStringLiteral("cannot create a temporary file (%1)").arg(file.errorString()));
    if (file.write(bytes) != bytes.size()) {
        const QString why = file.errorString();
        file.cancelWriting();
        return FeatureFileError::make(FeatureFileError::WriteFailed, path,
                                      QStringLiteral("write failed (%1)").arg(why));
    }
    if (!util::commitSaveFile(file))
        return FeatureFileError::make(
                FeatureFileError::WriteFailed, path,
                QStringLiteral("cannot commit the file (%1)").arg(file.errorString()));
    if (written)
        *written = header;
    return {};
}

FeatureFileError FeatureFile::write(const QString &path, const FeatureFileMeta &meta,
                                    const FeatureMatrix &matrix, FeatureEncoding encoding,
                                    FeatureFileHeader *written)
{
    if (qint64(matrix.values.size()) != qint64(matrix.rows) * matrix.cols)
        return invalid(path,
                       QStringLiteral("matrix holds %1 values, not %2 x %3")
                               .arg(matrix.values.size())
                               .arg(matrix.rows)
                               .arg(matrix.cols));
    return write(path, meta, matrix.values.data(), matrix.rows, matrix.cols, encoding, written);
}

FeatureFileError FeatureFile::parseHeader(const uchar *data, qint64 available, qint64 fileSize,
                                          const QString &path, FeatureFileHeader *out)
{
    using E = FeatureFileError;
    // Magic first: a short file that is not ours is "not a feature file", not "truncated".
    if (available > 0 && std::memcmp(data, kMagic, size_t(qMin<qint64>(available, 8))) != 0)
        return E::make(E::BadMagic, path, QStringLiteral("not a feature file (bad magic)"));
    if (fileSize < kFixedHeaderBytes + kChecksumBytes || available < kFixedHeaderBytes)
        return E::make(E::Truncated, path,
                       QStringLiteral("truncated: %1 bytes, shorter than a header").arg(fileSize));

    FeatureFileHeader h;
    h.formatVersion = get<quint32>(data, kOffVersion);
    if (h.formatVersion != kFormatVersion)
        return E::make(E::UnknownVersion, path,
                       QStringLiteral("unknown format version %1 (this build reads version %2)")
                               .arg(h.formatVersion)
                               .arg(kFormatVersion));

    const quint32 encoding = get<quint32>(data, kOffEncoding);
    if (encoding != quint32(FeatureEncoding::Float16)
        && encoding != quint32(FeatureEncoding::UInt8))
        return badHeader(path, QStringLiteral("unknown encoding %1").arg(encoding));
    h.encoding = FeatureEncoding(encoding);

    const quint32 rows = get<quint32>(data, kOffRows);
    const quint32 cols = get<quint32>(data, kOffCols);
    if (rows > quint32(INT_MAX) || cols > quint32(INT_MAX) || (rows > 0 && cols == 0))
        return badHeader(path, QStringLiteral("impossible shape %1 x %2").arg(rows).arg(cols));
    h.rows = int(rows);
    h.cols = int(cols);

    const int idBytes = get<quint16>(data, kOffIdBytes);
    const int hashBytes = get<quint16>(data, kOffHashBytes);
    if (idBytes > kMaxStringBytes || hashBytes > kMaxStringBytes)
        return badHeader(path, QStringLiteral("extractor id or content hash length out of range"));
    h.payloadOffset = get<quint32>(data, kOffHeaderBytes);
    if (h.payloadOffset != roundUp8(kFixedHeaderBytes + idBytes + hashBytes))
        return badHeader(
                path,
                QStringLiteral("header length %1 does not match its fields").arg(h.payloadOffset));

    const qint64 expected = h.payloadOffset + h.payloadBytes() + kChecksumBytes;
    if (fileSize < expected)
        return E::make(E::Truncated, path,
                       QStringLiteral("truncated: %1 bytes, the header promises %2")
                               .arg(fileSize)
                               .arg(expected));
    if (fileSize > expected)
        return badHeader(
                path,
                QStringLiteral("%1 bytes, the header promises %2").arg(fileSize).arg(expected));
    if (available < h.payloadOffset)
        return E::make(E::Truncated, path, QStringLiteral("header could not be read whole"));
    h.fileSize = fileSize;

    h.scale = getFloat(data, kOffScale);
    h.offset = getFloat(data, kOffOffset);
    h.meta.instanceHopS = getDouble(data, kOffHop);
    if (!std::isfinite(h.scale) || !std::isfinite(h.offset) || !std::isfinite(h.meta.instanceHopS))
        return badHeader(path, QStringLiteral("scale, offset or hop is not a finite number"));
    h.meta.extractorVersion = get<qint32>(data, kOffExtractorVersion);
    h.meta.source.size = get<qint64>(data, kOffSourceSize);
    h.meta.source.mtimeMs = get<qint64>(data, kOffSourceMtime);
    const char *strings = reinterpret_cast<const char *>(data + kFixedHeaderBytes);
    h.meta.extractorId = QString::fromUtf8(strings, idBytes);
    h.meta.source.contentHash = QByteArray(strings + idBytes, hashBytes);
    if (available >= fileSize)
        h.checksum = get<quint64>(data, int(fileSize - kChecksumBytes));
    *out = h;
    return {};
}

FeatureFileError FeatureFile::readHeader(const QString &path, FeatureFileHeader *out)
{
    QFile file(path);
    if (!file.exists())
        return FeatureFileError::make(FeatureFileError::NotFound, path,
                                      QStringLiteral("no such file"));
    if (!file.open(QIODevice::ReadOnly))
        return FeatureFileError::make(FeatureFileError::OpenFailed, path,
                                      QStringLiteral("cannot open (%1)").arg(file.errorString()));
    const qint64 size = file.size();
    const QByteArray head = file.read(roundUp8(kFixedHeaderBytes + 2 * kMaxStringBytes));
    FeatureFileHeader h;
    FeatureFileError e = parseHeader(reinterpret_cast<const uchar *>(head.constData()), head.size(),
                                     size, path, &h);
    if (e.isError())
        return e;
    // The stored checksum, for the catalog; verifying it needs the whole file (the reader).
    QByteArray trailer;
    if (file.seek(size - kChecksumBytes))
        trailer = file.read(kChecksumBytes);
    if (trailer.size() != kChecksumBytes)
        return FeatureFileError::make(
                FeatureFileError::Truncated, path,
                QStringLiteral("cannot read the checksum (%1)").arg(file.errorString()));
    h.checksum = qFromLittleEndian<quint64>(trailer.constData());
    *out = h;
    return {};
}

} // namespace timbre::features
