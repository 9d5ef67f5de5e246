// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/CatalogError.h"

#include <QList>
#include <QString>

#include <optional>

class QSqlQuery;

namespace timbre::library {

class CatalogDatabase;

// One row of `clip`: a labelled bag. endS empty = the whole track.
struct ClipRecord
{
    qint64 id = 0;
    qint64 trackId = 0;
    double startS = 0;
    std::optional<double> endS;
    bool isTest = false; // held out: training never sees it
    QString key; // optional external name (dataset sample key); empty = none
    qint64 createdMs = 0;

    bool isWholeTrack() const { return !endS.has_value(); }
};

// The `clip` table. Same threading and transaction rules as TrackStore.
class ClipStore
{
public:
    explicit ClipStore(const CatalogDatabase &db);

    // The track's whole-track clip, created on first call (the scanner calls this for every
    // track it stores). Idempotent: returns the same id each time.
    CatalogResult<qint64> ensureWholeTrackClip(qint64 trackId) const;
    // A user region [startS, endS) in seconds. InvalidArgument unless 0 <= startS < endS;
    // Conflict if `key` is taken.
    CatalogResult<qint64> addRegionClip(qint64 trackId, double startS, double endS,
                                        const QString &key = QString()) const;
    // Removes a region clip with its labels, history and predictions. Whole-track clips
    // cannot be removed (InvalidArgument): they go with their track.
    CatalogError removeRegionClip(qint64 clipId) const;
    // Marks clips as test (held out) or not, in one transaction.
    CatalogError setTest(const QList<qint64> &clipIds, bool isTest) const;
    // Sets or clears (empty) the external key of a clip.
    CatalogError setKey(qint64 clipId, const QString &key) const;

    CatalogResult<std::optional<ClipRecord>> findById(qint64 clipId) const;
    CatalogResult<std::optional<ClipRecord>> findByKey(const QString &key) const;
    CatalogResult<std::optional<qint64>> wholeTrackClip(qint64 trackId) const;
    // Clips of one track: the whole-track clip first, then regions by start.
    CatalogResult<QList<ClipRecord>> clipsOfTrack(qint64 trackId) const;
    // Every clip ordered by id.
    CatalogResult<QList<ClipRecord>> list() const;
    // Ids of the clips training may use (is_test = 0), ascending.
    CatalogResult<QList<qint64>> trainableClipIds() const;
    // Ids of the held-out clips, ascending.
    CatalogResult<QList<qint64>> testClipIds() const;

private:
    static ClipRecord fromQuery(const QSqlQuery &q);
    CatalogResult<QList<ClipRecord>> select(const QString &where, const QVariantList &binds,
                                            const QString &orderBy) const;
    CatalogResult<QList<qint64>> ids(const QString &sql) const;

    const CatalogDatabase &m_db;
};

} // namespace timbre::library
