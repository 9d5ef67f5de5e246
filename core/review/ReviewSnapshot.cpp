// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/review/ReviewSnapshot.h"

#include "core/library/CatalogDatabase.h"
#include "core/library/Library.h"
#include "core/review/ScoreTableReader.h"

#include <QPair>

#include <algorithm>
#include <cmath>
#include <limits>
#include <thread>

namespace timbre::review {

using library::CatalogResult;

void ReviewSnapshot::resize(int clipCount, const QStringList &instruments)
{
    instrumentKeys = instruments;
    clips.resize(clipCount);
    labels.assign(size_t(clipCount) * size_t(instruments.size()), int8_t(-1));
    scores.clear();
    otherScores.clear();
    heldout.clear();
}

namespace {

// Row of a clip id: clip ids are dense in practice (INTEGER PRIMARY KEY), so a vector indexed
// by id - min beats a hash over millions of score rows.
class RowOfClip
{
public:
    explicit RowOfClip(const QList<SnapshotClip> &clips)
    {
        if (clips.isEmpty())
            return;
        m_first = clips.first().clipId;
        const qint64 span = clips.last().clipId - m_first + 1;
        m_rows.assign(size_t(span), -1);
        for (int r = 0; r < clips.size(); ++r)
            m_rows[size_t(clips.at(r).clipId - m_first)] = r;
    }
    int operator()(qint64 clipId) const
    {
        const qint64 i = clipId - m_first;
        return i >= 0 && i < qint64(m_rows.size()) ? m_rows[size_t(i)] : -1;
    }

private:
    qint64 m_first = 0;
    std::vector<int> m_rows;
};

// Column of an instrument id: a small table indexed by id - min (a taxonomy has tens of
// instruments); a hash when the ids are spread too far for one.
class ColumnOfInstrument
{
public:
    void add(qint64 instrumentId, int column) { m_ids.append({instrumentId, column}); }
    void finish()
    {
        if (m_ids.isEmpty())
            return;
        qint64 lo = m_ids.first().first, hi = lo;
        for (const auto &[id, column] : m_ids) {
            lo = std::min(lo, id);
            hi = std::max(hi, id);
        }
        if (hi - lo >= kMaxSpan) {
            for (const auto &[id, column] : m_ids)
                m_hash.insert(id, column);
            return;
        }
        m_first = lo;
        m_columns.assign(size_t(hi - lo + 1), -1);
        for (const auto &[id, column] : m_ids)
            m_columns[size_t(id - lo)] = column;
    }
    int operator()(qint64 instrumentId) const
    {
        if (!m_hash.isEmpty())
            return m_hash.value(instrumentId, -1);
        const qint64 i = instrumentId - m_first;
        return i >= 0 && i < qint64(m_columns.size()) ? m_columns[size_t(i)] : -1;
    }

private:
    static constexpr qint64 kMaxSpan = 1 << 16;
    QList<QPair<qint64, int>> m_ids;
    qint64 m_first = 0;
    std::vector<int> m_columns;
    QHash<qint64, int> m_hash;
};

QString regionSuffix(double startS, double endS)
{
    return QStringLiteral("#%1-%2").arg(startS, 0, 'f', 2).arg(endS, 0, 'f', 2);
}

// Reads `select` (clip_id, instrument_id, value; its ? = modelId) into matrix (resized and
// NaN-filled).
library::CatalogError readScores(const ScoreTableReader &reader, const char *select, qint64 modelId,
                                 const RowOfClip &rowOf, const ColumnOfInstrument &columnOf,
                                 int rows, int columns, std::vector<float> *matrix)
{
    matrix->assign(size_t(rows) * size_t(columns), std::numeric_limits<float>::quiet_NaN());
    auto q = reader.query(select, QStringLiteral("reading scores of model %1").arg(modelId),
                          modelId);
    if (!q)
        return q.error();
    while (q->next()) {
        const int row = rowOf(q->integer(0));
        const int column = columnOf(q->integer(1));
        if (row >= 0 && column >= 0)
            (*matrix)[size_t(row) * size_t(columns) + size_t(column)] = float(q->real(2));
    }
    return q->error();
}

} // namespace

CatalogResult<ReviewSnapshot> ReviewSnapshot::load(const library::Library &lib,
                                                   const Request &request)
{
    // Every row below is read through SQLite's C API, not QtSql: ScoreTableReader.h says why.
    auto opened = ScoreTableReader::open(lib.database());
    if (!opened)
        return opened.error();
    const ScoreTableReader &reader = **opened;
    ReviewSnapshot s;
    ColumnOfInstrument columnOf;
    {
        auto q = reader.query("SELECT id, key FROM instrument ORDER BY position, id",
                              QStringLiteral("reading instruments"));
        if (!q)
            return q.error();
        while (q->next()) {
            columnOf.add(q->integer(0), int(s.instrumentKeys.size()));
            s.instrumentKeys << q->text(1);
        }
        if (q->error().isError())
            return q->error();
        columnOf.finish();
    }
    {
        auto count = reader.query("SELECT count(*) FROM clip", QStringLiteral("counting clips"));
        if (!count)
            return count.error();
        if (count->next())
            s.clips.reserve(qsizetype(count->integer(0)));
        if (count->error().isError())
            return count->error();
    }
    {
        auto q = reader.query("SELECT c.id, c.track_id, c.key, c.start_s, c.end_s, c.is_test, "
                              "t.path, t.artist, t.album FROM clip c JOIN track t ON t.id = "
                              "c.track_id ORDER BY c.id",
                              QStringLiteral("reading clips"));
        if (!q)
            return q.error();
        QHash<QString, int> albums;
        while (q->next()) {
            SnapshotClip c;
            c.clipId = q->integer(0);
            c.trackId = q->integer(1);
            c.key = q->text(2);
            if (c.key.isEmpty()) {
                c.key = q->text(6);
                if (!q->isNull(4))
                    c.key += regionSuffix(q->real(3), q->real(4));
            }
            c.isTest = q->integer(5) != 0;
            const QString album = q->text(8);
            if (!album.isEmpty()) {
                // Artist and album: two artists' "Greatest Hits" are different albums.
                const QString key = q->text(7) + QChar(0x1f) + album;
                c.album = int(albums.value(key, int(albums.size())));
                albums.insert(key, c.album);
            }
            s.clips << c;
        }
        if (q->error().isError())
            return q->error();
    }
    const int rows = s.rows();
    const int columns = s.columns();
    const RowOfClip rowOf(s.clips);
    s.labels.assign(size_t(rows) * size_t(columns), int8_t(-1));
    {
        auto q = reader.query("SELECT clip_id, instrument_id, value FROM label",
                              QStringLiteral("reading labels"));
        if (!q)
            return q.error();
        while (q->next()) {
            const int row = rowOf(q->integer(0));
            const int column = columnOf(q->integer(1));
            if (row >= 0 && column >= 0)
                s.labels[s.at(row, column)] = int8_t(q->integer(2) != 0 ? 1 : 0);
        }
        if (q->error().isError())
            return q->error();
    }
    const char *predictions
            = "SELECT clip_id, instrument_id, score FROM prediction WHERE model_id = ?";
    // The second version's ~2 million rows are read beside the first's, on a connection of
    // their own (a read transaction of its own too: each version's scores are written in whole
    // predict runs, so each matrix is one version's consistent set).
    library::CatalogError otherError;
    std::thread other;
    if (request.otherScoresOf > 0)
        other = std::thread([&] {
            auto second = ScoreTableReader::open(lib.database());
            otherError = second ? readScores(**second, predictions, request.otherScoresOf, rowOf,
                                             columnOf, rows, columns, &s.otherScores)
                                : second.error();
        });
    library::CatalogError firstError;
    if (request.scoresOf > 0)
        firstError = readScores(reader, predictions, request.scoresOf, rowOf, columnOf, rows,
                                columns, &s.scores);
    if (other.joinable())
        other.join();
    if (firstError.isError())
        return firstError;
    if (otherError.isError())
        return otherError;
    if (request.heldoutOf > 0) {
        if (auto e = readScores(reader,
                                "SELECT clip_id, instrument_id, score FROM heldout_prediction "
                                "WHERE model_id = ?",
                                request.heldoutOf, rowOf, columnOf, rows, columns, &s.heldout);
            e.isError())
            return e;
    }
    return s;
}

} // namespace timbre::review
