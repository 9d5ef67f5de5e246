// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/library/LibraryScannerBatch.h"

#include "core/library/CatalogDatabase.h"
#include "core/library/CatalogTransaction.h"
#include "core/library/ClipStore.h"
#include "core/library/TrackStore.h"

#include <QFileInfo>

namespace timbre::library {

namespace {
constexpr qsizetype kChunk = 100;
}

LibraryScannerBatch::LibraryScannerBatch(const CatalogDatabase &db, const QSet<QString> &seenPaths,
                                         QHash<QString, TrackStamp> *stamps)
    : m_db(db), m_seenPaths(seenPaths), m_stamps(stamps)
{ }

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

CatalogError LibraryScannerBatch::loadVanished()
{
    if (m_vanishedLoaded)
        return {};
    const TrackStore tracks(m_db);
    for (auto it = m_stamps->cbegin(); it != m_stamps->cend(); ++it) {
        if (it->scanState != ScanState::Missing && m_seenPaths.contains(it.key()))
            continue;
        auto track = tracks.findById(it->id);
        if (!track)
            return track.error();
        if (track->has_value() && !(*track)->contentHash.isEmpty())
            m_vanishedByHash[(*track)->contentHash].append(**track);
    }
    m_vanishedLoaded = true;
    return {};
}

std::optional<TrackRecord> LibraryScannerBatch::findMovedTrack(const ScannedFile &file) const
{
    if (file.contentHash.isEmpty())
        return std::nullopt;
    const auto candidates = m_vanishedByHash.constFind(file.contentHash);
    if (candidates == m_vanishedByHash.cend())
        return std::nullopt;
    for (const TrackRecord &candidate : *candidates) {
        if (m_claimed.contains(candidate.id) || candidate.size != file.size)
            continue;
        if (candidate.scanState == ScanState::Missing || !QFileInfo::exists(candidate.path))
            return candidate;
    }
    return std::nullopt;
}

CatalogError LibraryScannerBatch::commit(ScanCounts *counts,
                                         const std::function<bool()> &stillWanted, bool *abandoned)
{
    if (abandoned)
        *abandoned = false;
    if (m_files.isEmpty())
        return {};
    // Polled between chunks: a commit on a busy disk must not hold up a cancel for long.
    auto abandon = [&] {
        if (!stillWanted || stillWanted())
            return false;
        if (abandoned)
            *abandoned = true;
        return true;
    };
    if (CatalogError error = loadVanished(); error.isError())
        return error;
    const TrackStore tracks(m_db);
    const ClipStore clips(m_db);
    CatalogTransaction transaction(m_db);
    if (transaction.beginError().isError())
        return transaction.beginError();

    ScanCounts delta;
    QHash<QString, TrackStamp> stampChanges;
    QList<QString> stampRemovals;
    QSet<qint64> claimed;
    QList<TrackRecord> upserts;
    QList<bool> upsertIsNew;
    for (const ScannedFile &file : std::as_const(m_files)) {
        TrackRecord record = toRecord(file);
        const bool known = m_stamps->contains(file.path);
        if (!known) {
            std::optional<TrackRecord> previous = findMovedTrack(file);
            if (previous && !claimed.contains(previous->id)) {
                record.id = previous->id;
                record.addedMs = previous->addedMs;
                if (CatalogError error = tracks.updateById(record); error.isError())
                    return error;
                claimed.insert(record.id);
                stampRemovals.append(previous->path);
                stampChanges.insert(
                        file.path,
                        TrackStamp {record.id, record.size, record.mtimeMs, record.scanState});
                ++delta.moved;
                continue;
            }
        }
        upserts.append(record);
        upsertIsNew.append(!known);
    }
    // A few prepared statement sets per batch, not one per row: the common case of a first
    // scan is all inserts.
    QList<qint64> ids;
    ids.reserve(upserts.size());
    for (qsizetype from = 0; from < upserts.size(); from += kChunk) {
        if (abandon())
            return {};
        auto chunk = tracks.upsertBatch(upserts.mid(from, kChunk));
        if (!chunk)
            return chunk.error();
        ids.append(*chunk);
    }
    for (qsizetype i = 0; i < upserts.size(); ++i) {
        if (i % kChunk == kChunk - 1 && abandon())
            return {};
        const TrackRecord &record = upserts.at(i);
        const qint64 id = ids.at(i);
        if (upsertIsNew.at(i)) {
            ++delta.added;
            // Known tracks have their clip already; a moved one keeps its own.
            if (auto clip = clips.ensureWholeTrackClip(id); !clip)
                return clip.error();
        } else {
            ++delta.updated;
        }
        stampChanges.insert(record.path,
                            TrackStamp {id, record.size, record.mtimeMs, record.scanState});
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
