// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/features/FeatureFileError.h"
#include "core/features/FeatureMatrix.h"

#include <QByteArray>
#include <QString>

namespace timbre::features {

// How the payload stores each value. Float16 keeps ~3 significant digits over any range
// (relative error <= 2^-11); UInt8 is OpenMIC-2018's shipping format: q in 0..255 with
// value = offset + scale * q, offset = the matrix minimum and scale = (max - min) / 255, so
// the error is at most scale / 2 but inf / nan cannot be stored.
enum class FeatureEncoding : quint32 { Float16 = 1, UInt8 = 2 };

// The audio file a feature file was computed from, as the catalog's track row records it
// (TrackRecord size / mtimeMs / contentHash). A change in any field makes the file stale.
struct SourceStamp
{
    qint64 size = 0;
    qint64 mtimeMs = 0;
    QByteArray contentHash;

    bool operator==(const SourceStamp &o) const
    {
        return size == o.size && mtimeMs == o.mtimeMs && contentHash == o.contentHash;
    }
    bool operator!=(const SourceStamp &o) const { return !(*this == o); }
};

// What the writer is told about a matrix besides its values.
struct FeatureFileMeta
{
    QString extractorId;
    int extractorVersion = 0;
    double instanceHopS = 0; // seconds between instance starts
    SourceStamp source;

    // "<id>-v<version>", as ExtractorInfo::key().
    QString extractorKey() const
    {
        return extractorId + QStringLiteral("-v") + QString::number(extractorVersion);
    }
};

// Everything a file's header (and trailer) says.
struct FeatureFileHeader
{
    quint32 formatVersion = 0;
    FeatureEncoding encoding = FeatureEncoding::Float16;
    int rows = 0;
    int cols = 0;
    float scale = 1; // UInt8 only: value = offset + scale * q
    float offset = 0;
    FeatureFileMeta meta;
    qint64 payloadOffset = 0; // header bytes, a multiple of 8
    qint64 fileSize = 0;
    quint64 checksum = 0; // XXH64 of bytes [0, payload end)

    qint64 bytesPerValue() const { return encoding == FeatureEncoding::UInt8 ? 1 : 2; }
    qint64 payloadBytes() const { return qint64(rows) * cols * bytesPerValue(); }
    // 16 lower-case hex digits, as the catalog's feature_set.checksum stores it.
    QString checksumHex() const;
};

// One track's [instances x dim] matrix on disk: a self-describing, checksummed file.
//
// Layout (all integers and floats little-endian):
//   offset  bytes  field
//        0      8  magic "TMBRFEAT"
//        8      4  u32 format version (1)
//       12      4  u32 header bytes H = payload offset (multiple of 8)
//       16      4  u32 encoding (1 float16, 2 uint8)
//       20      4  u32 rows (instances)
//       24      4  u32 cols (dimension)
//       28      4  i32 extractor version
//       32      8  f64 instance hop, seconds
//       40      4  f32 scale   (uint8: value = offset + scale * q; float16: 1)
//       44      4  f32 offset  (float16: 0)
//       48      8  i64 audio file size, bytes
//       56      8  i64 audio file mtime, ms since the epoch
//       64      2  u16 n = extractor id bytes (UTF-8)
//       66      2  u16 m = content hash bytes
//       68      n  extractor id
//     68+n      m  content hash
//   68+n+m    ...  zero padding up to H
//        H      P  payload, row-major: rows * cols * (2 float16 | 1 uint8)
//      H+P      8  u64 XXH64 (seed 0) of bytes [0, H+P)
//
// A later format version may add header fields before H; readers refuse versions they do not
// know rather than guess.
class FeatureFile
{
public:
    static constexpr char kMagic[9] = "TMBRFEAT";
    static constexpr quint32 kFormatVersion = 1;
    static constexpr qint64 kFixedHeaderBytes = 68;
    static constexpr qint64 kChecksumBytes = 8;
    static constexpr int kMaxStringBytes = 1024; // extractor id, content hash

    static QString suffix() { return QStringLiteral(".tfeat"); }

    // Writes the file atomically: the bytes go to a temporary file in the same folder (QSaveFile),
    // which is flushed to disk and then renamed (linked) over `path`. A writer that dies at any
    // point leaves either the previous file or no file at `path`, never a partial one; a reader
    // that has the old file mapped keeps reading the old bytes. Creates missing parent folders.
    // `written` (optional) receives the header as stored, checksum included.
    static FeatureFileError write(const QString &path, const FeatureFileMeta &meta,
                                  const float *values, int rows, int cols, FeatureEncoding encoding,
                                  FeatureFileHeader *written = nullptr);
    static FeatureFileError write(const QString &path, const FeatureFileMeta &meta,
                                  const FeatureMatrix &matrix, FeatureEncoding encoding,
                                  FeatureFileHeader *written = nullptr);

    // The file's bytes as write() stores them (the tests corrupt copies of these).
    static FeatureFileError encode(const QString &path, const FeatureFileMeta &meta,
                                   const float *values, int rows, int cols,
                                   FeatureEncoding encoding, QByteArray *out,
                                   FeatureFileHeader *header = nullptr);

    // Reads and checks only the header (magic, version, field sizes, file length), not the
    // payload or checksum: cheap enough for a staleness check over a whole library.
    static FeatureFileError readHeader(const QString &path, FeatureFileHeader *out);

    // Parses the header at `data` (`available` bytes of a file of `fileSize` bytes) with the
    // checks readHeader() makes; `path` is for messages. Does not verify the checksum.
    static FeatureFileError parseHeader(const uchar *data, qint64 available, qint64 fileSize,
                                        const QString &path, FeatureFileHeader *out);
};

} // namespace timbre::features
