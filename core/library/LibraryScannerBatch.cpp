#include "core/library/LibraryScannerBatch.h"

#include "core/library/CatalogDatabase.h"
#include "core/library/CatalogTransaction.h"
#include "core/library/ClipStore.h"
#include "core/library/TrackStore.h"

#include <QFileInfo>

namespace timbre::library {

LibraryScannerBatch::LibraryScannerBatch(const CatalogDatabase &db,
                                         const QSet<QString> &seenPaths,
                                         QHash<QString, TrackStamp> *stamps)
    : m_db(db)
    , m_seenPaths(seenPaths)
    , m_stamps(stamps)
{
}

void LibraryScannerBatch::add(ScannedFile file)
{
    m_files.append(std::move(file));
}

TrackRecord LibraryScannerBatch::toRecord(const ScannedFile &file)
{
    TrackRecord record;
    record.path = file.path;
    record.size = file.size;
    record.mtimeMs = file.mtimeMs;
    record.contentHash = file.contentHash;
    const AudioFileInfo &info = file.tags.info;
    record.durationS = info.durationS;
    record.sampleRate = info.sampleRate;
    record.channels = info.channels;
    record.codec = info.codec;
    record.bitrateKbps = info.bitrateKbps;
    record.title = info.title;
    record.artist = info.artist;
    record.album = info.album;
    record.genre = info.genre;
    record.year = info.year;
    record.trackNumber = info.trackNumber;
    if (file.tags.ok()) {
        record.scanState = ScanState::Ok;
    } else {
        record.scanState = ScanState::Error;
        record.errorText = file.tags.message;
    }
    return record;
}

CatalogResult<qint64> LibraryScannerBatch::findMovedTrack(const ScannedFile &file) const
{
    if (file.contentHash.isEmpty())
        return qint64(0);
    const TrackStore tracks(m_db);
    auto candidates = tracks.findByHash(file.contentHash);
    if (!candidates)
        return candidates.error();
    for (const TrackRecord &candidate : *candidates) {
        if (m_claimed.contains(candidate.id) || candidate.size != file.size)
            continue;
        const bool vanished = candidate.scanState == ScanState::Missing
                || (!m_seenPaths.contains(candidate.path) && !QFileInfo::exists(candidate.path));
        if (vanished)
            return candidate.id;
    }
    return qint64(0);
}

CatalogError LibraryScannerBatch::commit(ScanCounts *counts)
{
    if (m_files.isEmpty())
        return {};
    const TrackStore tracks(m_db);
    const ClipStore clips(m_db);
    CatalogTransaction transaction(m_db);
    if (transaction.beginError().isError())
        return transaction.beginError();

    ScanCounts delta;
    QHash<QString, TrackStamp> stampChanges;
    QList<QString> stampRemovals;
    QSet<qint64> claimed;
    for (const ScannedFile &file : std::as_const(m_files)) {
        TrackRecord record = toRecord(file);
        const bool known = m_stamps->contains(file.path);
        qint64 id = 0;
        if (!known) {
            auto moved = findMovedTrack(file);
            if (!moved)
                return moved.error();
            if (*moved != 0 && !claimed.contains(*moved)) {
                auto previous = tracks.findById(*moved);
                if (!previous)
                    return previous.error();
                record.id = *moved;
                if (previous->has_value())
                    record.addedMs = (*previous)->addedMs;
                if (CatalogError error = tracks.updateById(record); error.isError())
                    return error;
                id = *moved;
                claimed.insert(id);
                if (previous->has_value())
                    stampRemovals.append((*previous)->path);
                ++delta.moved;
            }
        }
        if (id == 0) {
            auto stored = tracks.upsert(record);
            if (!stored)
                return stored.error();
            id = *stored;
            if (known)
                ++delta.updated;
            else
                ++delta.added;
        }
        if (auto clip = clips.ensureWholeTrackClip(id); !clip)
            return clip.error();
        stampChanges.insert(file.path, TrackStamp{id, record.size, record.mtimeMs, record.scanState});
    }
    if (CatalogError error = transaction.commit(); error.isError())
        return error;

    // Only now, with the rows on disk, does the in-memory view follow.
    for (const QString &path : std::as_const(stampRemovals))
        m_stamps->remove(path);
    for (auto it = stampChanges.cbegin(); it != stampChanges.cend(); ++it)
        m_stamps->insert(it.key(), it.value());
    m_claimed.unite(claimed);
    if (counts) {
        counts->added += delta.added;
        counts->updated += delta.updated;
        counts->moved += delta.moved;
        counts->committed += m_files.size();
    }
    m_files.clear();
    return {};
}

} // namespace timbre::library
