// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/CatalogError.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace timbre::library {
class Library;
}

namespace timbre::review {

// One clip as the queues see it.
struct SnapshotClip
{
    qint64 clipId = 0;
    qint64 trackId = 0;
    QString key; // ReviewEntry::clipKey
    int album = -1; // index of (artist, album) among the snapshot's albums; -1 = no album tag
    bool isTest = false;
};

// What ranking reads, copied out of the catalog in a few bulk queries so that ranking itself
// is plain arithmetic over arrays (fast, and testable without a database). load() reads them
// through SQLite's C API on a read-only connection of its own, in one read transaction
// (ScoreTableReader: QtSql cost ~0.7 us per row, seconds for millions of scores), so it sees
// what is committed, not the calling thread's uncommitted writes. Matrices are
// row-major [clips x instruments] in `clips` order (clip id ascending = library order) and
// taxonomy column order.
struct ReviewSnapshot
{
    QStringList instrumentKeys;
    QList<SnapshotClip> clips;
    std::vector<int8_t> labels; // -1 unknown, 0 absent, 1 present
    // Scores of up to two model versions and the held-out scores of the first; NaN where the
    // model has no score; empty when not loaded.
    std::vector<float> scores;
    std::vector<float> otherScores;
    std::vector<float> heldout;

    int rows() const { return int(clips.size()); }
    int columns() const { return int(instrumentKeys.size()); }
    size_t at(int row, int column) const
    {
        return size_t(row) * size_t(columns()) + size_t(column);
    }

    // An empty snapshot of `clips` x `instruments` with every label unknown and no scores.
    void resize(int clipCount, const QStringList &instruments);

    // What to read besides clips and labels: model ids (0 = not needed).
    struct Request
    {
        qint64 scoresOf = 0;
        qint64 otherScoresOf = 0;
        qint64 heldoutOf = 0;
    };
    static library::CatalogResult<ReviewSnapshot> load(const library::Library &library,
                                                       const Request &request);
};

} // namespace timbre::review
