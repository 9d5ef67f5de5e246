// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/library/ClipStore.h"

#include "core/library/CatalogDatabase.h"
#include "core/library/CatalogDialect.h"
#include "core/library/CatalogTransaction.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QVariant>

#include <cmath>

namespace timbre::library {

namespace {
const QString kColumns = QStringLiteral("id, track_id, start_s, end_s, is_test, key, created_ms");

QVariant keyValue(const QString &key)
{
    return key.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(key);
}
} // namespace

ClipStore::ClipStore(const CatalogDatabase &db) : m_db(db) { }

ClipRecord ClipStore::fromQuery(const QSqlQuery &q)
{
    ClipRecord c;
    c.id = q.value(0).toLongLong();
    c.trackId = q.value(1).toLongLong();
    c.startS = q.value(2).toDouble();
    if (!q.value(3).isNull())
        c.endS = q.value(3).toDouble();
    c.isTest = q.value(4).toInt() != 0;
    c.key = q.value(5).toString();
    c.createdMs = q.value(6).toLongLong();
    return c;
}

CatalogResult<qint64> ClipStore::ensureWholeTrackClip(qint64 trackId) const
{
    CatalogTransaction tx(m_db);
    if (tx.beginError().isError())
        return tx.beginError();
    qint64 id = 0;
    {
        QSqlQuery q(tx.connection());
        q.prepare(QStringLiteral("SELECT id FROM clip WHERE track_id = ? AND end_s IS NULL"));
        q.addBindValue(trackId);
        if (!q.exec())
            return m_db.queryError(q,
                                   QStringLiteral("looking up the clip of track %1").arg(trackId));
        if (q.next())
            return q.value(0).toLongLong(); // nothing written: the rollback is a no-op
        q.prepare(withReturningId(m_db,
                                  QStringLiteral("INSERT INTO clip (track_id, start_s, end_s, "
                                                 "created_ms) VALUES (?, 0, NULL, ?)")));
        q.addBindValue(trackId);
        q.addBindValue(QDateTime::currentMSecsSinceEpoch());
        if (!q.exec())
            return m_db.queryError(q, QStringLiteral("creating the clip of track %1").arg(trackId));
        id = insertedId(q, m_db);
    }
    const CatalogError e = tx.commit();
    if (e.isError())
        return e;
    return id;
}

CatalogResult<qint64> ClipStore::addRegionClip(qint64 trackId, double startS, double endS,
                                               const QString &key) const
{
    if (!std::isfinite(startS) || !std::isfinite(endS) || startS < 0 || endS <= startS) {
        return m_db.error(CatalogError::InvalidArgument,
                          QStringLiteral("%1: a region clip needs 0 <= start < end (got %2..%3)")
                                  .arg(m_db.filePath())
                                  .arg(startS)
                                  .arg(endS));
    }
    CatalogTransaction tx(m_db);
    if (tx.beginError().isError())
        return tx.beginError();
    qint64 id = 0;
    {
        QSqlQuery q(tx.connection());
        if (!key.isEmpty()) {
            q.prepare(QStringLiteral("SELECT 1 FROM clip WHERE key = ?"));
            q.addBindValue(key);
            if (!q.exec())
                return m_db.queryError(q, QStringLiteral("checking clip key %1").arg(key));
            if (q.next())
                return m_db.error(
                        CatalogError::Conflict,
                        QStringLiteral("%1: clip key %2 is taken").arg(m_db.filePath(), key));
        }
        q.prepare(withReturningId(
                m_db,
                QStringLiteral("INSERT INTO clip (track_id, start_s, end_s, key, created_ms) "
                               "VALUES (?, ?, ?, ?, ?)")));
        q.addBindValue(trackId);
        q.addBindValue(startS);
        q.addBindValue(endS);
        q.addBindValue(keyValue(key));
        q.addBindValue(QDateTime::currentMSecsSinceEpoch());
        if (!q.exec())
            return m_db.queryError(q, QStringLiteral("adding a clip to track %1").arg(trackId));
        id = insertedId(q, m_db);
    }
    const CatalogError e = tx.commit();
    if (e.isError())
        return e;
    return id;
}

CatalogError ClipStore::removeRegionClip(qint64 clipId) const
{
    CatalogTransaction tx(m_db);
    if (tx.beginError().isError())
        return tx.beginError();
    {
        QSqlQuery q(tx.connection());
        q.prepare(QStringLiteral("SELECT end_s FROM clip WHERE id = ?"));
        q.addBindValue(clipId);
        if (!q.exec())
            return m_db.queryError(q, QStringLiteral("reading clip %1").arg(clipId));
        if (!q.next())
            return m_db.error(
                    CatalogError::NotFound,
                    QStringLiteral("%1: no clip with id %2").arg(m_db.filePath()).arg(clipId));
        if (q.value(0).isNull())
            return m_db.error(CatalogError::InvalidArgument,
                              QStringLiteral("%1: clip %2 is a whole-track clip")
                                      .arg(m_db.filePath())
                                      .arg(clipId));
        q.prepare(QStringLiteral("DELETE FROM clip WHERE id = ?"));
        q.addBindValue(clipId);
        if (!q.exec())
            return m_db.queryError(q, QStringLiteral("removing clip %1").arg(clipId));
    }
    return tx.commit();
}

CatalogError ClipStore::setTest(const QList<qint64> &clipIds, bool isTest) const
{
    CatalogTransaction tx(m_db);
    if (tx.beginError().isError())
        return tx.beginError();
    {
        QSqlQuery q(tx.connection());
        q.prepare(QStringLiteral("UPDATE clip SET is_test = ? WHERE id = ?"));
        for (qint64 id : clipIds) {
            q.bindValue(0, isTest ? 1 : 0);
            q.bindValue(1, id);
            if (!q.exec())
                return m_db.queryError(q, QStringLiteral("marking clip %1").arg(id));
            if (q.numRowsAffected() != 1)
                return m_db.error(
                        CatalogError::NotFound,
                        QStringLiteral("%1: no clip with id %2").arg(m_db.filePath()).arg(id));
        }
    }
    return tx.commit();
}

CatalogError ClipStore::setKey(qint64 clipId, const QString &key) const
{
    CatalogTransaction tx(m_db);
    if (tx.beginError().isError())
        return tx.beginError();
    {
        QSqlQuery q(tx.connection());
        if (!key.isEmpty()) {
            q.prepare(QStringLiteral("SELECT 1 FROM clip WHERE key = ? AND id <> ?"));
            q.addBindValue(key);
            q.addBindValue(clipId);
            if (!q.exec())
                return m_db.queryError(q, QStringLiteral("checking clip key %1").arg(key));
            if (q.next())
                return m_db.error(
                        CatalogError::Conflict,
                        QStringLiteral("%1: clip key %2 is taken").arg(m_db.filePath(), key));
        }
        q.prepare(QStringLiteral("UPDATE clip SET key = ? WHERE id = ?"));
        q.addBindValue(keyValue(key));
        q.addBindValue(clipId);
        if (!q.exec())
            return m_db.queryError(q, QStringLiteral("setting the key of clip %1").arg(clipId));
        if (q.numRowsAffected() != 1)
            return m_db.error(
                    CatalogError::NotFound,
                    QStringLiteral("%1: no clip with id %2").arg(m_db.filePath()).arg(clipId));
    }
    return tx.commit();
}

CatalogResult<QList<ClipRecord>> ClipStore::select(const QString &where, const QVariantList &binds,
                                                   const QString &orderBy) const
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM clip %2 ORDER BY %3").arg(kColumns, where, orderBy));
    for (const QVariant &v : binds)
        q.addBindValue(v);
    if (!q.exec())
        return m_db.queryError(q, QStringLiteral("reading clips"));
    QList<ClipRecord> out;
    while (q.next())
        out << fromQuery(q);
    return out;
}

CatalogResult<std::optional<ClipRecord>> ClipStore::findById(qint64 clipId) const
{
    auto r = select(QStringLiteral("WHERE id = ?"), {clipId}, QStringLiteral("id"));
    if (!r)
        return r.error();
    return r->isEmpty() ? std::optional<ClipRecord>() : std::optional<ClipRecord>(r->first());
}

CatalogResult<std::optional<ClipRecord>> ClipStore::findByKey(const QString &key) const
{
    auto r = select(QStringLiteral("WHERE key = ?"), {key}, QStringLiteral("id"));
    if (!r)
        return r.error();
    return r->isEmpty() ? std::optional<ClipRecord>() : std::optional<ClipRecord>(r->first());
}

CatalogResult<std::optional<qint64>> ClipStore::wholeTrackClip(qint64 trackId) const
{
    auto r = select(QStringLiteral("WHERE track_id = ? AND end_s IS NULL"), {trackId},
                    QStringLiteral("id"));
    if (!r)
        return r.error();
    return r->isEmpty() ? std::optional<qint64>() : std::optional<qint64>(r->first().id);
}

CatalogResult<QList<ClipRecord>> ClipStore::clipsOfTrack(qint64 trackId) const
{
    return select(QStringLiteral("WHERE track_id = ?"), {trackId},
                  QStringLiteral("end_s IS NOT NULL, start_s, id"));
}

CatalogResult<QList<ClipRecord>> ClipStore::list() const
{
    return select(QString(), {}, QStringLiteral("id"));
}

CatalogResult<QList<qint64>> ClipStore::ids(const QString &sql) const
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    if (!q.exec(sql))
        return m_db.queryError(q, QStringLiteral("listing clips"));
    QList<qint64> out;
    while (q.next())
        out << q.value(0).toLongLong();
    return out;
}

CatalogResult<QList<qint64>> ClipStore::trainableClipIds() const
{
    return ids(QStringLiteral("SELECT id FROM clip WHERE is_test = 0 ORDER BY id"));
}

CatalogResult<QList<qint64>> ClipStore::testClipIds() const
{
    return ids(QStringLiteral("SELECT id FROM clip WHERE is_test = 1 ORDER BY id"));
}

} // namespace timbre::library
