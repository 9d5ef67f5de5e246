// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/CatalogError.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

class QSqlQuery;

namespace timbre::library {

class CatalogDatabase;

// One row of `feature_set`: where a track's features for one extractor version live in the
// feature store (features::FeatureStore) and what they were computed from.
struct FeatureSetRecord
{
    qint64 id = 0; // 0 = not stored yet
    qint64 trackId = 0;
    QString extractorId;
    int extractorVersion = 0;
    double instanceHopS = 0;
    int instanceCount = 0; // rows of the matrix
    int dimension = 0; // columns
    QString file; // relative to <library>/features/, '/'-separated
    QString checksum; // the file's XXH64 as 16 hex digits (FeatureFileHeader::checksumHex)
    QByteArray contentHash; // the audio's content hash the features were computed from
    qint64 createdMs = 0; // set by the store on every upsert when 0
};

// The `feature_set` table: one row per (track, extractor id, extractor version). Same threading
// and transaction rules as TrackStore. The files themselves are the feature store's business;
// this only records them so the library can list, count and find features without touching
// the disk. Rows go with their track (ON DELETE CASCADE).
class FeatureSetStore
{
public:
    explicit FeatureSetStore(const CatalogDatabase &db);

    // Inserts the row or replaces the one with the same (track, extractor id, version), keeping
    // its id. NotFound if the track does not exist; InvalidArgument for an empty extractor id,
    // a version < 1, negative sizes, a non-finite hop or a `file` that is absolute or climbs
    // out of the features folder ("..").
    CatalogResult<qint64> upsert(const FeatureSetRecord &record) const;

    CatalogResult<std::optional<FeatureSetRecord>> find(qint64 trackId, const QString &extractorId,
                                                        int extractorVersion) const;
    // Every row of a track, by extractor id and version.
    CatalogResult<QList<FeatureSetRecord>> ofTrack(qint64 trackId) const;
    // Every row of one extractor version, by track id (what a training job reads).
    CatalogResult<QList<FeatureSetRecord>> ofExtractor(const QString &extractorId,
                                                       int extractorVersion) const;

    // Removes the row if there is one (removing nothing is not an error).
    CatalogError remove(qint64 trackId, const QString &extractorId, int extractorVersion) const;
    // Removes every row of one extractor version; returns how many.
    CatalogResult<int> removeExtractor(const QString &extractorId, int extractorVersion) const;

    // True for a path the table may store: non-empty, relative, no "." or ".." parts.
    static bool isValidFile(const QString &file);

private:
    static FeatureSetRecord fromQuery(const QSqlQuery &q);
    CatalogResult<QList<FeatureSetRecord>> select(const QString &where, const QVariantList &binds,
                                                  const QString &orderBy) const;

    const CatalogDatabase &m_db;
};

} // namespace timbre::library
