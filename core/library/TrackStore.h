// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/CatalogError.h"
#include "core/library/TrackRecord.h"

#include <QHash>
#include <QList>

#include <optional>

class QSqlQuery;

namespace timbre::library {

class CatalogDatabase;

// The `track` table. Stateless apart from the database: every method may be called from any
// thread (each uses the calling thread's connection). Every write joins the caller's
// CatalogTransaction when one is open on this thread, else commits on its own, so a scanner
// batches by wrapping many upserts in one CatalogTransaction (or calls upsertBatch).
//
// Tracks are never dropped by a scan: a vanished file is markMissing()'d and keeps its clips
// and labels; a moved file keeps its id through updateById() with the new path.
class TrackStore
{
public:
    explicit TrackStore(const CatalogDatabase &db);

    // Inserts `track` or updates the row with the same path (all fields but id / addedMs).
    // Returns the row id.
    CatalogResult<qint64> upsert(const TrackRecord &track) const;
    // upsert() for each, in one transaction; ids in input order. All or nothing.
    CatalogResult<QList<qint64>> upsertBatch(const QList<TrackRecord> &tracks) const;
    // Overwrites every field of row `track.id` (path included: a moved file). NotFound if
    // there is no such row, Conflict if another row already has the new path.
    CatalogError updateById(const TrackRecord &track) const;
    // Sets scan_state = missing (labels and clips stay).
    CatalogError markMissing(const QList<qint64> &ids) const;
    // Removes a track for good, with its clips, labels and predictions (user action only).
    CatalogError remove(qint64 id) const;

    CatalogResult<std::optional<TrackRecord>> findById(qint64 id) const;
    CatalogResult<std::optional<TrackRecord>> findByPath(const QString &path) const;
    // How many tracks' file names have this complete base name ("clip_0042" for
    // ".../clip_0042.flac"): one pass over the paths, nothing kept.
    CatalogResult<int> countWithBaseName(const QString &baseName) const;
    // All tracks with this content hash, missing ones first (candidates for a moved file).
    CatalogResult<QList<TrackRecord>> findByHash(const QByteArray &contentHash) const;
    // path -> (id, size, mtime, state) of every track: one query for an incremental scan.
    CatalogResult<QHash<QString, TrackStamp>> stamps() const;
    // Tracks ordered by path, optionally only those in one state.
    CatalogResult<QList<TrackRecord>> list(std::optional<ScanState> state = std::nullopt) const;
    CatalogResult<qint64> count(std::optional<ScanState> state = std::nullopt) const;

private:
    static TrackRecord fromQuery(const QSqlQuery &q);
    CatalogResult<qint64> upsertOne(QSqlQuery &select, QSqlQuery &update, QSqlQuery &insert,
                                    const TrackRecord &track, qint64 nowMs) const;

    const CatalogDatabase &m_db;
};

} // namespace timbre::library
