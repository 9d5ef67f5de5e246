#include "core/library/PredictionStore.h"

#include "core/library/CatalogDatabase.h"
#include "core/library/CatalogTransaction.h"

#include <QSqlQuery>
#include <QVariant>

namespace timbre::library {

PredictionStore::PredictionStore(const CatalogDatabase &db) : m_db(db) { }

CatalogError PredictionStore::write(qint64 modelId, const QList<PredictionScore> &scores) const
{
    CatalogTransaction tx(m_db);
    if (tx.beginError().isError())
        return tx.beginError();
    {
        QSqlQuery q(tx.connection());
        if (!q.exec(QStringLiteral("SELECT id, key FROM instrument")))
            return m_db.queryError(q, QStringLiteral("reading instruments"));
        QHash<QString, qint64> ids;
        while (q.next())
            ids.insert(q.value(1).toString(), q.value(0).toLongLong());
        q.prepare(QStringLiteral("INSERT OR REPLACE INTO prediction (model_id, clip_id, "
                                 "instrument_id, score) VALUES (?, ?, ?, ?)"));
        for (const PredictionScore &s : scores) {
            const auto id = ids.constFind(s.instrumentKey);
            if (id == ids.constEnd())
                return m_db.error(CatalogError::NotFound,
                                  QStringLiteral("%1: no instrument '%2'")
                                          .arg(m_db.filePath(), s.instrumentKey));
            q.bindValue(0, modelId);
            q.bindValue(1, s.clipId);
            q.bindValue(2, *id);
            q.bindValue(3, double(s.score));
            if (!q.exec())
                return m_db.queryError(
                        q, QStringLiteral("writing a prediction of model %1").arg(modelId));
        }
    }
    return tx.commit();
}

CatalogError PredictionStore::clear(qint64 modelId) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("DELETE FROM prediction WHERE model_id = ?"));
    q.addBindValue(modelId);
    if (!q.exec())
        return m_db.queryError(q, QStringLiteral("clearing predictions of model %1").arg(modelId));
    return {};
}

CatalogResult<QList<PredictionScore>> PredictionStore::scoresOfClip(qint64 modelId,
                                                                    qint64 clipId) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT p.clip_id, i.key, p.score FROM prediction p JOIN instrument "
                             "i ON i.id = p.instrument_id WHERE p.model_id = ? AND p.clip_id = ? "
                             "ORDER BY i.position, i.id"));
    q.addBindValue(modelId);
    q.addBindValue(clipId);
    if (!q.exec())
        return m_db.queryError(q, QStringLiteral("reading predictions"));
    QList<PredictionScore> out;
    while (q.next())
        out << PredictionScore {q.value(0).toLongLong(), q.value(1).toString(),
                                q.value(2).toFloat()};
    return out;
}

CatalogResult<QHash<qint64, float>>
PredictionStore::scoresOfInstrument(qint64 modelId, const QString &instrumentKey) const
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT p.clip_id, p.score FROM prediction p JOIN instrument i ON "
                             "i.id = p.instrument_id WHERE p.model_id = ? AND i.key = ?"));
    q.addBindValue(modelId);
    q.addBindValue(instrumentKey);
    if (!q.exec())
        return m_db.queryError(q, QStringLiteral("reading predictions"));
    QHash<qint64, float> out;
    while (q.next())
        out.insert(q.value(0).toLongLong(), q.value(1).toFloat());
    return out;
}

CatalogResult<qint64> PredictionStore::count(qint64 modelId) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT count(*) FROM prediction WHERE model_id = ?"));
    q.addBindValue(modelId);
    if (!q.exec() || !q.next())
        return m_db.queryError(q, QStringLiteral("counting predictions"));
    return q.value(0).toLongLong();
}

} // namespace timbre::library
