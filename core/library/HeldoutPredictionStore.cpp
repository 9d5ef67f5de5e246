// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/library/HeldoutPredictionStore.h"

#include "core/library/CatalogDatabase.h"
#include "core/library/CatalogTransaction.h"

#include <QDateTime>
#include <QHash>
#include <QSqlQuery>
#include <QVariant>

namespace timbre::library {

HeldoutPredictionStore::HeldoutPredictionStore(const CatalogDatabase &db) : m_db(db) { }

CatalogError HeldoutPredictionStore::replace(const HeldoutRun &run,
                                             const QList<HeldoutScore> &scores) const
{
    CatalogTransaction tx(m_db);
    if (tx.beginError().isError())
        return tx.beginError();
    {
        QSqlQuery q(tx.connection());
        q.prepare(QStringLiteral("SELECT count(*) FROM model WHERE id = ?"));
        q.addBindValue(run.modelId);
        if (!q.exec() || !q.next())
            return m_db.queryError(q, QStringLiteral("looking up model %1").arg(run.modelId));
        if (q.value(0).toInt() == 0)
            return m_db.error(CatalogError::NotFound,
                              QStringLiteral("%1: no model with id %2")
                                      .arg(m_db.filePath())
                                      .arg(run.modelId));
        if (!q.exec(QStringLiteral("SELECT id, key FROM instrument")))
            return m_db.queryError(q, QStringLiteral("reading instruments"));
        QHash<QString, qint64> ids;
        while (q.next())
            ids.insert(q.value(1).toString(), q.value(0).toLongLong());
        q.prepare(QStringLiteral("DELETE FROM heldout_prediction WHERE model_id = ?"));
        q.addBindValue(run.modelId);
        if (!q.exec())
            return m_db.queryError(
                    q, QStringLiteral("clearing held-out scores of model %1").arg(run.modelId));
        q.prepare(QStringLiteral("INSERT INTO heldout_prediction (model_id, clip_id, "
                                 "instrument_id, score, fold) VALUES (?, ?, ?, ?, ?)"));
        for (const HeldoutScore &s : scores) {
            const auto id = ids.constFind(s.instrumentKey);
            if (id == ids.constEnd())
                return m_db.error(CatalogError::NotFound,
                                  QStringLiteral("%1: no instrument '%2'")
                                          .arg(m_db.filePath(), s.instrumentKey));
            q.bindValue(0, run.modelId);
            q.bindValue(1, s.clipId);
            q.bindValue(2, *id);
            q.bindValue(3, double(s.score));
            q.bindValue(4, s.fold);
            if (!q.exec())
                return m_db.queryError(
                        q, QStringLiteral("writing a held-out score of clip %1").arg(s.clipId));
        }
        q.prepare(QStringLiteral("INSERT INTO heldout_run (model_id, folds, label_snapshot, "
                                 "clips, finished_ms, details) VALUES (?, ?, ?, ?, ?, ?) "
                                 "ON CONFLICT (model_id) DO UPDATE SET folds = excluded.folds, "
                                 "label_snapshot = excluded.label_snapshot, "
                                 "clips = excluded.clips, finished_ms = excluded.finished_ms, "
                                 "details = excluded.details"));
        q.addBindValue(run.modelId);
        q.addBindValue(run.folds);
        q.addBindValue(run.labelSnapshot);
        q.addBindValue(run.clips);
        q.addBindValue(run.finishedMs > 0 ? run.finishedMs : QDateTime::currentMSecsSinceEpoch());
        q.addBindValue(run.detailsJson);
        if (!q.exec())
            return m_db.queryError(
                    q, QStringLiteral("recording the cross-fit of model %1").arg(run.modelId));
    }
    return tx.commit();
}

CatalogResult<QList<HeldoutScore>> HeldoutPredictionStore::scores(qint64 modelId) const
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT h.clip_id, i.key, h.score, h.fold FROM heldout_prediction h "
                             "JOIN instrument i ON i.id = h.instrument_id WHERE h.model_id = ? "
                             "ORDER BY h.clip_id, i.position, i.id"));
    q.addBindValue(modelId);
    if (!q.exec())
        return m_db.queryError(q, QStringLiteral("reading held-out scores"));
    QList<HeldoutScore> out;
    while (q.next())
        out << HeldoutScore {q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toFloat(),
                             q.value(3).toInt()};
    return out;
}

CatalogResult<std::optional<HeldoutRun>> HeldoutPredictionStore::run(qint64 modelId) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT model_id, folds, label_snapshot, clips, finished_ms, details "
                             "FROM heldout_run WHERE model_id = ?"));
    q.addBindValue(modelId);
    if (!q.exec())
        return m_db.queryError(q, QStringLiteral("reading the cross-fit of model %1").arg(modelId));
    if (!q.next())
        return std::optional<HeldoutRun>();
    HeldoutRun r;
    r.modelId = q.value(0).toLongLong();
    r.folds = q.value(1).toInt();
    r.labelSnapshot = q.value(2).toLongLong();
    r.clips = q.value(3).toLongLong();
    r.finishedMs = q.value(4).toLongLong();
    r.detailsJson = q.value(5).toString();
    return std::optional<HeldoutRun>(r);
}

CatalogResult<qint64> HeldoutPredictionStore::count(qint64 modelId) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT count(*) FROM heldout_prediction WHERE model_id = ?"));
    q.addBindValue(modelId);
    if (!q.exec() || !q.next())
        return m_db.queryError(q, QStringLiteral("counting held-out scores"));
    return q.value(0).toLongLong();
}

} // namespace timbre::library
