// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/library/FeatureSetStore.h"

#include "core/library/CatalogDatabase.h"
#include "core/library/CatalogDialect.h"
#include "core/library/CatalogTransaction.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QVariant>

#include <cmath>

namespace timbre::library {

namespace {
const QString kColumns = QStringLiteral(
        "id, track_id, extractor_id, extractor_version, instance_hop_s, instance_count, "
        "dimension, file, checksum, content_hash, created_ms");

// NOT NULL text columns: a null QString would bind as NULL.
QString nn(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

QVariant blob(const QByteArray &bytes)
{
    return bytes.isEmpty() ? QVariant(QMetaType(QMetaType::QByteArray)) : QVariant(bytes);
}
} // namespace

FeatureSetStore::FeatureSetStore(const CatalogDatabase &db) : m_db(db) { }

bool FeatureSetStore::isValidFile(const QString &file)
{
    if (file.isEmpty() || file.startsWith(QLatin1Char('/')) || file.contains(QLatin1Char('\\'))
        || file.contains(QLatin1Char(':')))
        return false;
    for (const QString &part : file.split(QLatin1Char('/')))
        if (part.isEmpty() || part == QLatin1String(".") || part == QLatin1String(".."))
            return false;
    return true;
}

FeatureSetRecord FeatureSetStore::fromQuery(const QSqlQuery &q)
{
    FeatureSetRecord r;
    r.id = q.value(0).toLongLong();
    r.trackId = q.value(1).toLongLong();
    r.extractorId = q.value(2).toString();
    r.extractorVersion = q.value(3).toInt();
    r.instanceHopS = q.value(4).toDouble();
    r.instanceCount = q.value(5).toInt();
    r.dimension = q.value(6).toInt();
    r.file = q.value(7).toString();
    r.checksum = q.value(8).toString();
    r.contentHash = q.value(9).toByteArray();
    r.createdMs = q.value(10).toLongLong();
    return r;
}

CatalogResult<qint64> FeatureSetStore::upsert(const FeatureSetRecord &r) const
{
    if (r.extractorId.isEmpty() || r.extractorVersion < 1 || r.instanceCount < 0 || r.dimension < 0
        || !std::isfinite(r.instanceHopS) || r.instanceHopS < 0 || !isValidFile(r.file)) {
        return m_db.error(CatalogError::InvalidArgument,
                          QStringLiteral("%1: cannot record feature set '%2' v%3 of track %4 "
                                         "(file '%5')")
                                  .arg(m_db.filePath(), r.extractorId)
                                  .arg(r.extractorVersion)
                                  .arg(r.trackId)
                                  .arg(r.file));
    }
    CatalogTransaction tx(m_db);
    if (tx.beginError().isError())
        return tx.beginError();
    qint64 id = 0;
    {
        QSqlQuery q(tx.connection());
        q.prepare(QStringLiteral("SELECT 1 FROM track WHERE id = ?"));
        q.addBindValue(r.trackId);
        if (!q.exec())
            return m_db.queryError(q, QStringLiteral("looking up track %1").arg(r.trackId));
        if (!q.next())
            return m_db.error(
                    CatalogError::NotFound,
                    QStringLiteral("%1: no track with id %2").arg(m_db.filePath()).arg(r.trackId));

        // Select then update or insert (not INSERT OR REPLACE, which would delete the row and
        // hand out a new id).
        q.prepare(QStringLiteral("SELECT id FROM feature_set WHERE track_id = ? AND "
                                 "extractor_id = ? AND extractor_version = ?"));
        q.addBindValue(r.trackId);
        q.addBindValue(r.extractorId);
        q.addBindValue(r.extractorVersion);
        if (!q.exec())
            return m_db.queryError(
                    q, QStringLiteral("looking up features of track %1").arg(r.trackId));
        id = q.next() ? q.value(0).toLongLong() : 0;

        if (id > 0) {
            q.prepare(QStringLiteral(
                    "UPDATE feature_set SET instance_hop_s = ?, instance_count = ?, "
                    "dimension = ?, file = ?, checksum = ?, content_hash = ?, created_ms = ? "
                    "WHERE id = ?"));
        } else {
            q.prepare(withReturningId(
                    m_db,
                    QStringLiteral("INSERT INTO feature_set (instance_hop_s, instance_count, "
                                   "dimension, file, "
                                   "checksum, content_hash, created_ms, track_id, extractor_id, "
                                   "extractor_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")));
        }
        q.addBindValue(r.instanceHopS);
        q.addBindValue(r.instanceCount);
        q.addBindValue(r.dimension);
        q.addBindValue(r.file);
        q.addBindValue(nn(r.checksum));
        q.addBindValue(blob(r.contentHash));
        q.addBindValue(r.createdMs > 0 ? r.createdMs : QDateTime::currentMSecsSinceEpoch());
        if (id > 0) {
            q.addBindValue(id);
        } else {
            q.addBindValue(r.trackId);
            q.addBindValue(r.extractorId);
            q.addBindValue(r.extractorVersion);
        }
        if (!q.exec())
            return m_db.queryError(q,
                                   QStringLiteral("recording features of track %1").arg(r.trackId));
        if (id == 0)
            id = insertedId(q, m_db);
    }
    const CatalogError e = tx.commit();
    if (e.isError())
        return e;
    return id;
}

CatalogResult<QList<FeatureSetRecord>> FeatureSetStore::select(const QString &where,
                                                               const QVariantList &binds,
                                                               const QString &orderBy) const
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM feature_set WHERE %2 ORDER BY %3")
                      .arg(kColumns, where, orderBy));
    for (const QVariant &v : binds)
        q.addBindValue(v);
    if (!q.exec())
        return m_db.queryError(q, QStringLiteral("reading feature sets"));
    QList<FeatureSetRecord> out;
    while (q.next())
        out << fromQuery(q);
    return out;
}

CatalogResult<std::optional<FeatureSetRecord>>
FeatureSetStore::find(qint64 trackId, const QString &extractorId, int extractorVersion) const
{
    auto r = select(QStringLiteral("track_id = ? AND extractor_id = ? AND extractor_version = ?"),
                    {trackId, extractorId, extractorVersion}, QStringLiteral("id"));
    if (!r)
        return r.error();
    return r->isEmpty() ? std::optional<FeatureSetRecord>()
                        : std::optional<FeatureSetRecord>(r->first());
}

CatalogResult<QList<FeatureSetRecord>> FeatureSetStore::ofTrack(qint64 trackId) const
{
    return select(QStringLiteral("track_id = ?"), {trackId},
                  QStringLiteral("extractor_id, extractor_version"));
}

CatalogResult<QList<FeatureSetRecord>> FeatureSetStore::ofExtractor(const QString &extractorId,
                                                                    int extractorVersion) const
{
    return select(QStringLiteral("extractor_id = ? AND extractor_version = ?"),
                  {extractorId, extractorVersion}, QStringLiteral("track_id"));
}

CatalogError FeatureSetStore::remove(qint64 trackId, const QString &extractorId,
                                     int extractorVersion) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("DELETE FROM feature_set WHERE track_id = ? AND extractor_id = ? "
                             "AND extractor_version = ?"));
    q.addBindValue(trackId);
    q.addBindValue(extractorId);
    q.addBindValue(extractorVersion);
    if (!q.exec())
        return m_db.queryError(q, QStringLiteral("removing features of track %1").arg(trackId));
    return {};
}

CatalogResult<int> FeatureSetStore::removeExtractor(const QString &extractorId,
                                                    int extractorVersion) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral(
            "DELETE FROM feature_set WHERE extractor_id = ? AND extractor_version = ?"));
    q.addBindValue(extractorId);
    q.addBindValue(extractorVersion);
    if (!q.exec())
        return m_db.queryError(q,
                               QStringLiteral("removing feature sets of %1 v%2")
                                       .arg(extractorId)
                                       .arg(extractorVersion));
    return q.numRowsAffected();
}

} // namespace timbre::library
