#include "core/review/ReviewSnapshot.h"

#include "core/library/CatalogDatabase.h"
#include "core/library/Library.h"

#include <QSqlQuery>
#include <QVariant>

#include <cmath>
#include <limits>

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

QString regionSuffix(double startS, const QVariant &endS)
{
    if (endS.isNull())
        return {};
    return QStringLiteral("#%1-%2").arg(startS, 0, 'f', 2).arg(endS.toDouble(), 0, 'f', 2);
}

// Reads `select` (clip_id, instrument_id, value) into matrix (resized and NaN-filled).
library::CatalogError readScores(const library::Library &lib, const QString &select, qint64 modelId,
                                 const RowOfClip &rowOf, const QHash<qint64, int> &columnOf,
                                 int rows, int columns, std::vector<float> *matrix)
{
    const library::CatalogDatabase &db = lib.database();
    matrix->assign(size_t(rows) * size_t(columns), std::numeric_limits<float>::quiet_NaN());
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    q.prepare(select);
    q.addBindValue(modelId);
    if (!q.exec())
        return db.queryError(q, QStringLiteral("reading scores of model %1").arg(modelId));
    while (q.next()) {
        const int row = rowOf(q.value(0).toLongLong());
        const int column = columnOf.value(q.value(1).toLongLong(), -1);
        if (row >= 0 && column >= 0)
            (*matrix)[size_t(row) * size_t(columns) + size_t(column)] = q.value(2).toFloat();
    }
    return {};
}

} // namespace

CatalogResult<ReviewSnapshot> ReviewSnapshot::load(const library::Library &lib,
                                                   const Request &request)
{
    const library::CatalogDatabase &db = lib.database();
    ReviewSnapshot s;
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    QHash<qint64, int> columnOf; // instrument id -> column
    if (!q.exec(QStringLiteral("SELECT id, key FROM instrument ORDER BY position, id")))
        return db.queryError(q, QStringLiteral("reading instruments"));
    while (q.next()) {
        columnOf.insert(q.value(0).toLongLong(), int(s.instrumentKeys.size()));
        s.instrumentKeys << q.value(1).toString();
    }
    if (!q.exec(QStringLiteral("SELECT c.id, c.track_id, c.key, c.start_s, c.end_s, c.is_test, "
                               "t.path, t.artist, t.album FROM clip c JOIN track t ON t.id = "
                               "c.track_id ORDER BY c.id")))
        return db.queryError(q, QStringLiteral("reading clips"));
    QHash<QString, int> albums;
    while (q.next()) {
        SnapshotClip c;
        c.clipId = q.value(0).toLongLong();
        c.trackId = q.value(1).toLongLong();
        c.key = q.value(2).toString();
        if (c.key.isEmpty())
            c.key = q.value(6).toString() + regionSuffix(q.value(3).toDouble(), q.value(4));
        c.isTest = q.value(5).toInt() != 0;
        const QString album = q.value(8).toString();
        if (!album.isEmpty()) {
            // Artist and album: two artists' "Greatest Hits" are different albums.
            const QString key = q.value(7).toString() + QChar(0x1f) + album;
            c.album = int(albums.value(key, int(albums.size())));
            albums.insert(key, c.album);
        }
        s.clips << c;
    }
    const int rows = s.rows();
    const int columns = s.columns();
    const RowOfClip rowOf(s.clips);
    s.labels.assign(size_t(rows) * size_t(columns), int8_t(-1));
    if (!q.exec(QStringLiteral("SELECT clip_id, instrument_id, value FROM label")))
        return db.queryError(q, QStringLiteral("reading labels"));
    while (q.next()) {
        const int row = rowOf(q.value(0).toLongLong());
        const int column = columnOf.value(q.value(1).toLongLong(), -1);
        if (row >= 0 && column >= 0)
            s.labels[s.at(row, column)] = int8_t(q.value(2).toInt() != 0 ? 1 : 0);
    }
    const QString predictions = QStringLiteral(
            "SELECT clip_id, instrument_id, score FROM prediction WHERE model_id = ?");
    if (request.scoresOf > 0) {
        if (auto e = readScores(lib, predictions, request.scoresOf, rowOf, columnOf, rows, columns,
                                &s.scores);
            e.isError())
            return e;
    }
    if (request.otherScoresOf > 0) {
        if (auto e = readScores(lib, predictions, request.otherScoresOf, rowOf, columnOf, rows,
                                columns, &s.otherScores);
            e.isError())
            return e;
    }
    if (request.heldoutOf > 0) {
        if (auto e = readScores(lib,
                                QStringLiteral("SELECT clip_id, instrument_id, score FROM "
                                               "heldout_prediction WHERE model_id = ?"),
                                request.heldoutOf, rowOf, columnOf, rows, columns, &s.heldout);
            e.isError())
            return e;
    }
    return s;
}

} // namespace timbre::review
