// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/library/MissingWork.h"

#include "core/library/CatalogDatabase.h"

#include <QSqlQuery>
#include <QVariant>

namespace timbre::library {

namespace {

CatalogResult<QList<MissingTrack>> collect(const CatalogDatabase &db, QSqlQuery &q,
                                           const QString &what)
{
    if (!q.exec())
        return db.queryError(q, what);
    QList<MissingTrack> out;
    while (q.next())
        out.append({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toInt()});
    return out;
}

} // namespace

CatalogResult<QList<MissingTrack>> tracksMissingFeatures(const CatalogDatabase &db,
                                                        const QString &extractorId,
                                                        int extractorVersion)
{
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
            "SELECT t.id, t.path, 0 FROM track t WHERE t.scan_state = 'ok' AND NOT EXISTS ("
            "  SELECT 1 FROM feature_set f WHERE f.track_id = t.id AND f.extractor_id = ?"
            "  AND f.extractor_version = ? AND (f.content_hash IS NULL OR t.content_hash IS NULL"
            "  OR f.content_hash = t.content_hash)) ORDER BY t.id"));
    q.addBindValue(extractorId);
    q.addBindValue(extractorVersion);
    return collect(db, q,
                   QStringLiteral("finding tracks without %1 v%2 features")
                           .arg(extractorId)
                           .arg(extractorVersion));
}

CatalogResult<QList<MissingTrack>> tracksMissingPredictions(const CatalogDatabase &db,
                                                           qint64 modelId, int classes,
                                                           const QString &extractorId,
                                                           int extractorVersion)
{
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    // s: per clip, how many scores the model has and when the oldest run that wrote one began
    // (NULL for scores of no run: written before runs were recorded, never called stale).
    q.prepare(QStringLiteral(
            "SELECT t.id, t.path, count(*) FROM clip c"
            " JOIN track t ON t.id = c.track_id AND t.scan_state = 'ok'"
            " JOIN feature_set f ON f.track_id = c.track_id AND f.extractor_id = ?"
            "  AND f.extractor_version = ?"
            " LEFT JOIN (SELECT p.clip_id, count(*) AS n, min(r.started_ms) AS oldest"
            "  FROM prediction p LEFT JOIN prediction_run r ON r.id = p.run_id"
            "  WHERE p.model_id = ? GROUP BY p.clip_id) s ON s.clip_id = c.id"
            " WHERE s.n IS NULL OR s.oldest < f.created_ms OR s.n < (CASE WHEN ? > 0 THEN ? ELSE"
            "  (SELECT count(DISTINCT instrument_id) FROM prediction WHERE model_id = ?) END)"
            " GROUP BY t.id, t.path ORDER BY t.id"));
    q.addBindValue(extractorId);
    q.addBindValue(extractorVersion);
    q.addBindValue(modelId);
    q.addBindValue(classes);
    q.addBindValue(classes);
    q.addBindValue(modelId);
    return collect(db, q,
                   QStringLiteral("finding clips model %1 has not scored").arg(modelId));
}

} // namespace timbre::library
