// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/library/PredictionStore.h"

#include "core/library/CatalogDatabase.h"
#include "core/library/CatalogDialect.h"
#include "core/library/CatalogTransaction.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QVariant>

namespace timbre::library {

PredictionStore::PredictionStore(const CatalogDatabase &db) : m_db(db) { }

CatalogError PredictionStore::write(qint64 modelId, const QList<PredictionScore> &scores,
                                    qint64 runId) const
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
        q.prepare(QStringLiteral("INSERT INTO prediction (model_id, clip_id, instrument_id, "
                                 "score, run_id) VALUES (?, ?, ?, ?, ?) "
                                 "ON CONFLICT (model_id, clip_id, instrument_id) DO UPDATE SET "
                                 "score = excluded.score, run_id = excluded.run_id"));
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
            q.bindValue(4, runId);
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

CatalogResult<qint64> PredictionStore::beginRun(qint64 modelId, const QString &shard) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(withReturningId(
            m_db,
            QStringLiteral(
                    "INSERT INTO prediction_run (model_id, started_ms, shard) VALUES (?, ?, ?)")));
    q.addBindValue(modelId);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    q.addBindValue(shard.isNull() ? QStringLiteral("") : shard);
    if (!q.exec())
        return m_db.queryError(q,
                               QStringLiteral("starting a predict run of model %1").arg(modelId));
    return insertedId(q, m_db);
}

CatalogError PredictionStore::finishRun(qint64 runId, qint64 clips) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE prediction_run SET finished_ms = ?, clips = ? WHERE id = ?"));
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    q.addBindValue(clips);
    q.addBindValue(runId);
    if (!q.exec())
        return m_db.queryError(q, QStringLiteral("finishing predict run %1").arg(runId));
    if (q.numRowsAffected() != 1)
        return m_db.error(CatalogError::NotFound,
                          QStringLiteral("%1: no predict run %2").arg(m_db.filePath()).arg(runId));
    return {};
}

CatalogResult<qint64> PredictionStore::recordWholeRun(qint64 modelId, qint64 startedMs,
                                                      qint64 clips) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(withReturningId(
            m_db,
            QStringLiteral("INSERT INTO prediction_run (model_id, started_ms, finished_ms, "
                           "clips, shard) VALUES (?, ?, ?, ?, '')")));
    q.addBindValue(modelId);
    q.addBindValue(startedMs);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    q.addBindValue(clips);
    if (!q.exec())
        return m_db.queryError(
                q, QStringLiteral("recording the whole predict run of model %1").arg(modelId));
    return insertedId(q, m_db);
}

CatalogResult<qint64> PredictionStore::shardRunsStartedMs(qint64 modelId) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral(
            "SELECT min(started_ms) FROM prediction_run WHERE model_id = ? AND shard <> '' AND "
            "id > coalesce((SELECT max(id) FROM prediction_run WHERE model_id = ? AND shard = ''), "
            "0)"));
    q.addBindValue(modelId);
    q.addBindValue(modelId);
    if (!q.exec() || !q.next())
        return m_db.queryError(q, QStringLiteral("reading predict runs"));
    return q.value(0).isNull() ? qint64(0) : q.value(0).toLongLong();
}

namespace {
const QString kRunColumns = QStringLiteral("id, model_id, started_ms, finished_ms, clips, shard");

PredictionRun runFromQuery(const QSqlQuery &q)
{
    PredictionRun r;
    r.id = q.value(0).toLongLong();
    r.modelId = q.value(1).toLongLong();
    r.startedMs = q.value(2).toLongLong();
    r.finishedMs = q.value(3).isNull() ? 0 : q.value(3).toLongLong();
    r.clips = q.value(4).toLongLong();
    r.shard = q.value(5).toString();
    return r;
}
} // namespace

CatalogResult<QSet<qint64>> PredictionStore::clipsDoneInRun(qint64 runId, int classes,
                                                            const QString &extractorId,
                                                            int extractorVersion) const
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT p.clip_id FROM prediction_run r "
                             "JOIN prediction p ON p.model_id = r.model_id AND p.run_id = r.id "
                             "JOIN clip c ON c.id = p.clip_id "
                             "JOIN feature_set f ON f.track_id = c.track_id AND f.extractor_id = ? "
                             "AND f.extractor_version = ? "
                             "WHERE r.id = ? AND f.created_ms < r.started_ms "
                             "GROUP BY p.clip_id HAVING count(*) = ?"));
    q.addBindValue(extractorId);
    q.addBindValue(extractorVersion);
    q.addBindValue(runId);
    q.addBindValue(classes);
    if (!q.exec())
        return m_db.queryError(q, QStringLiteral("reading what predict run %1 wrote").arg(runId));
    QSet<qint64> done;
    while (q.next())
        done.insert(q.value(0).toLongLong());
    return done;
}

CatalogResult<std::optional<PredictionRun>> PredictionStore::latestRun(qint64 modelId,
                                                                       const QString &shard) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT %1 FROM prediction_run WHERE model_id = ? AND shard = ? "
                             "ORDER BY id DESC LIMIT 1")
                      .arg(kRunColumns));
    q.addBindValue(modelId);
    q.addBindValue(shard.isNull() ? QStringLiteral("") : shard);
    if (!q.exec())
        return m_db.queryError(q, QStringLiteral("reading predict runs"));
    if (!q.next())
        return std::optional<PredictionRun>();
    return std::optional<PredictionRun>(runFromQuery(q));
}

CatalogResult<std::optional<PredictionRun>> PredictionStore::latestFinishedRun() const
{
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("SELECT %1 FROM prediction_run WHERE finished_ms IS NOT NULL AND "
                               "shard = '' ORDER BY finished_ms DESC, id DESC LIMIT 1")
                        .arg(kRunColumns)))
        return m_db.queryError(q, QStringLiteral("reading predict runs"));
    if (!q.next())
        return std::optional<PredictionRun>();
    return std::optional<PredictionRun>(runFromQuery(q));
}

} // namespace timbre::library
