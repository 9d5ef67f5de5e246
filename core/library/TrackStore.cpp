// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/library/TrackStore.h"

#include "core/library/CatalogDatabase.h"
#include "core/library/CatalogDialect.h"
#include "core/library/CatalogTransaction.h"

#include <QDateTime>
#include <QFileInfo>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

namespace timbre::library {

QString scanStateName(ScanState state)
{
    switch (state) {
    case ScanState::Ok:
        return QStringLiteral("ok");
    case ScanState::Missing:
        return QStringLiteral("missing");
    case ScanState::Error:
        break;
    }
    return QStringLiteral("error");
}

ScanState scanStateFromName(const QString &name)
{
    if (name == QLatin1String("ok"))
        return ScanState::Ok;
    if (name == QLatin1String("missing"))
        return ScanState::Missing;
    return ScanState::Error;
}

namespace {

const QString kColumns = QStringLiteral(
        "id, path, size, mtime_ms, content_hash, duration_s, sample_rate, channels, codec, "
        "bitrate_kbps, title, artist, album, genre, year, track_number, scan_state, error_text, "
        "added_ms, updated_ms");

// Data columns in the order bindData() binds them (everything but id and added_ms).
const QStringList kDataColumns = {QStringLiteral("path"),         QStringLiteral("size"),
                                  QStringLiteral("mtime_ms"),     QStringLiteral("content_hash"),
                                  QStringLiteral("duration_s"),   QStringLiteral("sample_rate"),
                                  QStringLiteral("channels"),     QStringLiteral("codec"),
                                  QStringLiteral("bitrate_kbps"), QStringLiteral("title"),
                                  QStringLiteral("artist"),       QStringLiteral("album"),
                                  QStringLiteral("genre"),        QStringLiteral("year"),
                                  QStringLiteral("track_number"), QStringLiteral("scan_state"),
                                  QStringLiteral("error_text"),   QStringLiteral("updated_ms")};

QString nn(const QString &s)
{
    // NOT NULL text columns: a null QString would bind as NULL.
    return s.isNull() ? QStringLiteral("") : s;
}

void bindData(QSqlQuery &q, const TrackRecord &t, qint64 nowMs)
{
    q.addBindValue(t.path);
    q.addBindValue(t.size);
    q.addBindValue(t.mtimeMs);
    q.addBindValue(t.contentHash.isEmpty() ? QVariant(QMetaType(QMetaType::QByteArray))
                                           : QVariant(t.contentHash));
    q.addBindValue(t.durationS);
    q.addBindValue(t.sampleRate);
    q.addBindValue(t.channels);
    q.addBindValue(nn(t.codec));
    q.addBindValue(t.bitrateKbps);
    q.addBindValue(nn(t.title));
    q.addBindValue(nn(t.artist));
    q.addBindValue(nn(t.album));
    q.addBindValue(nn(t.genre));
    q.addBindValue(t.year);
    q.addBindValue(t.trackNumber);
    q.addBindValue(scanStateName(t.scanState));
    q.addBindValue(nn(t.errorText));
    q.addBindValue(nowMs);
}

QString updateSql()
{
    QStringList sets;
    for (const QString &c : kDataColumns)
        sets << c + QStringLiteral(" = ?");
    return QStringLiteral("UPDATE track SET %1 WHERE id = ?").arg(sets.join(QStringLiteral(", ")));
}

QString insertSql()
{
    QStringList marks;
    for (int i = 0; i < kDataColumns.size() + 1; ++i)
        marks << QStringLiteral("?");
    return QStringLiteral("INSERT INTO track (%1, added_ms) VALUES (%2)")
            .arg(kDataColumns.join(QStringLiteral(", ")), marks.join(QStringLiteral(", ")));
}

QString stateWhere(std::optional<ScanState> state)
{
    return state ? QStringLiteral(" WHERE scan_state = '%1'").arg(scanStateName(*state))
                 : QString();
}

} // namespace

TrackStore::TrackStore(const CatalogDatabase &db) : m_db(db) { }

TrackRecord TrackStore::fromQuery(const QSqlQuery &q)
{
    TrackRecord t;
    t.id = q.value(0).toLongLong();
    t.path = q.value(1).toString();
    t.size = q.value(2).toLongLong();
    t.mtimeMs = q.value(3).toLongLong();
    t.contentHash = q.value(4).toByteArray();
    t.durationS = q.value(5).toDouble();
    t.sampleRate = q.value(6).toInt();
    t.channels = q.value(7).toInt();
    t.codec = q.value(8).toString();
    t.bitrateKbps = q.value(9).toInt();
    t.title = q.value(10).toString();
    t.artist = q.value(11).toString();
    t.album = q.value(12).toString();
    t.genre = q.value(13).toString();
    t.year = q.value(14).toInt();
    t.trackNumber = q.value(15).toInt();
    t.scanState = scanStateFromName(q.value(16).toString());
    t.errorText = q.value(17).toString();
    t.addedMs = q.value(18).toLongLong();
    t.updatedMs = q.value(19).toLongLong();
    return t;
}

CatalogResult<qint64> TrackStore::upsertOne(QSqlQuery &select, QSqlQuery &update, QSqlQuery &insert,
                                            const TrackRecord &track, qint64 nowMs) const
{
    if (track.path.isEmpty())
        return m_db.error(CatalogError::InvalidArgument,
                          QStringLiteral("%1: a track needs a path").arg(m_db.filePath()));
    select.bindValue(0, track.path);
    if (!select.exec())
        return m_db.queryError(select, QStringLiteral("looking up track %1").arg(track.path));
    if (select.next()) {
        const qint64 id = select.value(0).toLongLong();
        select.finish();
        bindData(update, track, nowMs);
        update.addBindValue(id);
        if (!update.exec())
            return m_db.queryError(update, QStringLiteral("updating track %1").arg(track.path));
        return id;
    }
    select.finish();
    bindData(insert, track, nowMs);
    insert.addBindValue(nowMs);
    if (!insert.exec())
        return m_db.queryError(insert, QStringLiteral("inserting track %1").arg(track.path));
    return insertedId(insert, m_db);
}

CatalogResult<qint64> TrackStore::upsert(const TrackRecord &track) const
{
    CatalogResult<QList<qint64>> ids = upsertBatch({track});
    if (!ids)
        return ids.error();
    return ids->constFirst();
}

CatalogResult<QList<qint64>> TrackStore::upsertBatch(const QList<TrackRecord> &tracks) const
{
    CatalogTransaction tx(m_db);
    if (tx.beginError().isError())
        return tx.beginError();
    QSqlQuery select(tx.connection());
    QSqlQuery update(tx.connection());
    QSqlQuery insert(tx.connection());
    if (!select.prepare(QStringLiteral("SELECT id FROM track WHERE path = ?")))
        return m_db.queryError(select, QStringLiteral("preparing track lookup"));
    if (!update.prepare(updateSql()))
        return m_db.queryError(update, QStringLiteral("preparing track update"));
    if (!insert.prepare(withReturningId(m_db, insertSql())))
        return m_db.queryError(insert, QStringLiteral("preparing track insert"));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QList<qint64> ids;
    ids.reserve(tracks.size());
    for (const TrackRecord &t : tracks) {
        CatalogResult<qint64> id = upsertOne(select, update, insert, t, now);
        if (!id)
            return id.error();
        ids << *id;
    }
    select = QSqlQuery();
    update = QSqlQuery();
    insert = QSqlQuery();
    const CatalogError e = tx.commit();
    if (e.isError())
        return e;
    return ids;
}

CatalogError TrackStore::updateById(const TrackRecord &track) const
{
    if (track.id <= 0 || track.path.isEmpty())
        return m_db.error(
                CatalogError::InvalidArgument,
                QStringLiteral("%1: updateById needs an id and a path").arg(m_db.filePath()));
    CatalogTransaction tx(m_db);
    if (tx.beginError().isError())
        return tx.beginError();
    {
        QSqlQuery q(tx.connection());
        q.prepare(QStringLiteral("SELECT id FROM track WHERE path = ? AND id <> ?"));
        q.addBindValue(track.path);
        q.addBindValue(track.id);
        if (!q.exec())
            return m_db.queryError(q, QStringLiteral("checking path %1").arg(track.path));
        if (q.next())
            return m_db.error(CatalogError::Conflict,
                              QStringLiteral("%1: another track already has the path %2")
                                      .arg(m_db.filePath(), track.path));
        q.prepare(updateSql());
        bindData(q, track, QDateTime::currentMSecsSinceEpoch());
        q.addBindValue(track.id);
        if (!q.exec())
            return m_db.queryError(q, QStringLiteral("updating track %1").arg(track.id));
        if (q.numRowsAffected() != 1)
            return m_db.error(
                    CatalogError::NotFound,
                    QStringLiteral("%1: no track with id %2").arg(m_db.filePath()).arg(track.id));
    }
    return tx.commit();
}

CatalogError TrackStore::markMissing(const QList<qint64> &ids) const
{
    CatalogTransaction tx(m_db);
    if (tx.beginError().isError())
        return tx.beginError();
    {
        QSqlQuery q(tx.connection());
        q.prepare(QStringLiteral(
                "UPDATE track SET scan_state = 'missing', updated_ms = ? WHERE id = ?"));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (qint64 id : ids) {
            q.bindValue(0, now);
            q.bindValue(1, id);
            if (!q.exec())
                return m_db.queryError(q, QStringLiteral("marking track %1 missing").arg(id));
        }
    }
    return tx.commit();
}

CatalogError TrackStore::remove(qint64 id) const
{
    CatalogTransaction tx(m_db);
    if (tx.beginError().isError())
        return tx.beginError();
    {
        QSqlQuery q(tx.connection());
        q.prepare(QStringLiteral("DELETE FROM track WHERE id = ?"));
        q.addBindValue(id);
        if (!q.exec())
            return m_db.queryError(q, QStringLiteral("removing track %1").arg(id));
        if (q.numRowsAffected() != 1)
            return m_db.error(
                    CatalogError::NotFound,
                    QStringLiteral("%1: no track with id %2").arg(m_db.filePath()).arg(id));
    }
    return tx.commit();
}

CatalogResult<std::optional<TrackRecord>> TrackStore::findById(qint64 id) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT %1 FROM track WHERE id = ?").arg(kColumns));
    q.addBindValue(id);
    if (!q.exec())
        return m_db.queryError(q, QStringLiteral("reading track %1").arg(id));
    if (!q.next())
        return std::optional<TrackRecord>();
    return std::optional<TrackRecord>(fromQuery(q));
}

CatalogResult<std::optional<TrackRecord>> TrackStore::findByPath(const QString &path) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT %1 FROM track WHERE path = ?").arg(kColumns));
    q.addBindValue(path);
    if (!q.exec())
        return m_db.queryError(q, QStringLiteral("reading track %1").arg(path));
    if (!q.next())
        return std::optional<TrackRecord>();
    return std::optional<TrackRecord>(fromQuery(q));
}

CatalogResult<int> TrackStore::countWithBaseName(const QString &baseName) const
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT path FROM track")))
        return m_db.queryError(q, QStringLiteral("reading track paths"));
    int count = 0;
    while (q.next())
        count += QFileInfo(q.value(0).toString()).completeBaseName() == baseName;
    return count;
}

CatalogResult<QList<TrackRecord>> TrackStore::findByHash(const QByteArray &contentHash) const
{
    QList<TrackRecord> out;
    if (contentHash.isEmpty())
        return out;
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT %1 FROM track WHERE content_hash = ? ORDER BY "
                             "scan_state = 'missing' DESC, id")
                      .arg(kColumns));
    q.addBindValue(contentHash);
    if (!q.exec())
        return m_db.queryError(q, QStringLiteral("looking up a content hash"));
    while (q.next())
        out << fromQuery(q);
    return out;
}

CatalogResult<QHash<QString, TrackStamp>> TrackStore::stamps() const
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT path, id, size, mtime_ms, scan_state FROM track")))
        return m_db.queryError(q, QStringLiteral("reading track stamps"));
    QHash<QString, TrackStamp> out;
    while (q.next()) {
        out.insert(q.value(0).toString(),
                   TrackStamp {q.value(1).toLongLong(), q.value(2).toLongLong(),
                               q.value(3).toLongLong(), scanStateFromName(q.value(4).toString())});
    }
    return out;
}

CatalogResult<QList<TrackRecord>> TrackStore::list(std::optional<ScanState> state) const
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT %1 FROM track%2 ORDER BY path")
                        .arg(kColumns, stateWhere(state))))
        return m_db.queryError(q, QStringLiteral("listing tracks"));
    QList<TrackRecord> out;
    while (q.next())
        out << fromQuery(q);
    return out;
}

CatalogResult<qint64> TrackStore::count(std::optional<ScanState> state) const
{
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("SELECT count(*) FROM track%1").arg(stateWhere(state))) || !q.next())
        return m_db.queryError(q, QStringLiteral("counting tracks"));
    return q.value(0).toLongLong();
}

} // namespace timbre::library
