// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/CatalogError.h"
#include "core/library/TagReader.h"
#include "core/library/TrackRecord.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <functional>
#include <optional>

namespace timbre::library {

class CatalogDatabase;

// What a reader thread learned about one file.
struct ScannedFile
{
    QString path;
    qint64 size = 0;
    qint64 mtimeMs = 0;
    TagReadResult tags;
    QByteArray contentHash;
};

// Counts of a scan, cumulative.
struct ScanCounts
{
    qint64 seen = 0; // audio files found under the roots
    qint64 unchanged = 0; // skipped: same size and mtime as stored
    qint64 read = 0; // handed to the tag reader
    qint64 added = 0; // new tracks
    qint64 updated = 0; // known path, changed file (or back from missing / error)
    qint64 moved = 0; // new path of a vanished track, recognised by content hash
    qint64 failed = 0; // unreadable files recorded with their error
    qint64 missing = 0; // tracks marked missing by this scan
    qint64 committed = 0; // rows written in committed batches

    qint64 done() const { return unchanged + read; }
};

// Strawberry's scan transaction: collects scanned files and writes them in ONE catalog
// transaction on commit(); destroying it without commit() writes nothing, so a cancelled
// scan never leaves half a batch. Used by the scanner's single writer thread only.
//
// A file at a path the catalog does not know is first matched against tracks with the same
// content hash and size that have vanished (marked missing, or not seen by this scan and no
// longer on disk): such a track is moved to the new path and keeps its id, clips and labels.
class LibraryScannerBatch
{
public:
    // `seenPaths` are the files this scan found; `stamps` (path -> stored stamp) is kept up
    // to date as rows are written and moved, for the missing-file pass at the end.
    LibraryScannerBatch(const CatalogDatabase &db, const QSet<QString> &seenPaths,
                        QHash<QString, TrackStamp> *stamps);

    void add(ScannedFile file);
    int size() const { return int(m_files.size()); }
    bool isEmpty() const { return m_files.isEmpty(); }

    // Writes every collected file (and its whole-track clip) in one transaction and clears
    // the batch; on error nothing is written and the batch is kept. `stillWanted` is polled
    // every 100 rows: when it returns false the transaction is rolled back, `*abandoned` set
    // and the batch kept (the caller discards it).
    CatalogError commit(ScanCounts *counts, const std::function<bool()> &stillWanted = {},
                        bool *abandoned = nullptr);
    void discard() { m_files.clear(); }

    static TrackRecord toRecord(const ScannedFile &file);

private:
    // Tracks that may have moved: marked missing, or not seen by this scan. Loaded once.
    CatalogError loadVanished();
    std::optional<TrackRecord> findMovedTrack(const ScannedFile &file) const;

    const CatalogDatabase &m_db;
    const QSet<QString> &m_seenPaths;
    QHash<QString, TrackStamp> *m_stamps;
    QList<ScannedFile> m_files;
    QSet<qint64> m_claimed; // tracks already moved by this scan
    QHash<QByteArray, QList<TrackRecord>> m_vanishedByHash;
    bool m_vanishedLoaded = false;
};

} // namespace timbre::library
