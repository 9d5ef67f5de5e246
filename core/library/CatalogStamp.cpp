// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/library/CatalogStamp.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace timbre::library {

namespace {

CatalogError queryFailed(const QSqlDatabase &db, const QSqlQuery &q, const char *what)
{
    return CatalogError::make(
            CatalogError::QueryFailed, db.databaseName(),
            QStringLiteral("%1: %2 failed: %3")
                    .arg(db.databaseName(), QLatin1String(what), q.lastError().text()));
}

} // namespace

CatalogResult<CatalogStamp> CatalogStamp::readBlocking(const QSqlDatabase &db)
{
    CatalogStamp s;
    QSqlQuery q(db);
    // One read transaction, so the numbers belong to one state of the file.
    if (!q.exec(QStringLiteral("BEGIN")))
        return queryFailed(db, q, "starting a read");
    const auto done = [&q] { q.exec(QStringLiteral("COMMIT")); };
    if (!q.exec(QStringLiteral("SELECT COALESCE(max(id), 0) FROM label_batch")) || !q.next()) {
        const CatalogError e = queryFailed(db, q, "reading the newest label batch");
        done();
        return e;
    }
    s.latestBatchId = q.value(0).toLongLong();
    if (!q.exec(QStringLiteral("SELECT count(*), COALESCE(max(id), 0), "
                               "COALESCE(max(updated_ms), 0) FROM track"))
        || !q.next()) {
        const CatalogError e = queryFailed(db, q, "counting tracks");
        done();
        return e;
    }
    s.trackCount = q.value(0).toLongLong();
    s.maxTrackId = q.value(1).toLongLong();
    s.maxTrackUpdatedMs = q.value(2).toLongLong();
    const QString digest = db.driverName() == QLatin1String("QPSQL")
            ? QStringLiteral("string_agg(id || ':' || active || ':' || length(metrics) || ':' "
                             "|| length(note) || ':' || name, ',' ORDER BY id)")
            : QStringLiteral("group_concat(id || ':' || active || ':' || length(metrics) || ':' "
                             "|| length(note) || ':' || name, ',')");
    if (!q.exec(QStringLiteral("SELECT COALESCE(%1, ''), "
                               "COALESCE(max(CASE WHEN active = 1 THEN id END), 0) "
                               "FROM (SELECT * FROM model ORDER BY id) AS m")
                        .arg(digest))
        || !q.next()) {
        const CatalogError e = queryFailed(db, q, "reading the models");
        done();
        return e;
    }
    s.modelsDigest = q.value(0).toString();
    s.activeModelId = q.value(1).toLongLong();
    if (!q.exec(QStringLiteral("SELECT COALESCE(max(id), 0), COALESCE(max(finished_ms), 0) "
                               "FROM prediction_run"))
        || !q.next()) {
        const CatalogError e = queryFailed(db, q, "reading the predict runs");
        done();
        return e;
    }
    s.maxRunId = q.value(0).toLongLong();
    s.maxRunFinishedMs = q.value(1).toLongLong();
    done();
    return s;
}

CatalogResult<CatalogChange> CatalogChange::between(const QSqlDatabase &db,
                                                    const CatalogStamp &before,
                                                    const CatalogStamp &after)
{
    CatalogChange c;
    QSqlQuery q(db);
    if (after.latestBatchId != before.latestBatchId) {
        q.prepare(QStringLiteral("SELECT batch_id, clip_id FROM label_history WHERE batch_id > ? "
                                 "ORDER BY id LIMIT ?"));
        q.addBindValue(before.latestBatchId);
        q.addBindValue(kMaxListedLabelChanges + 1);
        if (!q.exec())
            return queryFailed(db, q, "reading the new label changes");
        while (q.next())
            c.labelChanges.append({q.value(0).toLongLong(), q.value(1).toLongLong()});
        q.finish();
        // Fewer batches than before (a restored backup): nothing can be listed either.
        if (c.labelChanges.size() > kMaxListedLabelChanges
            || after.latestBatchId < before.latestBatchId) {
            c.labelChanges.clear();
            c.manyLabelChanges = true;
        }
    }
    c.tracks = before.tracksDiffer(after);
    c.models = before.modelsDigest != after.modelsDigest;
    c.activeModel = before.activeModelId != after.activeModelId;
    c.activeModelId = after.activeModelId;
    if (before.maxRunId != after.maxRunId || before.maxRunFinishedMs != after.maxRunFinishedMs) {
        q.prepare(QStringLiteral("SELECT DISTINCT model_id FROM prediction_run WHERE id > ? OR "
                                 "finished_ms > ?"));
        q.addBindValue(before.maxRunId);
        q.addBindValue(before.maxRunFinishedMs);
        if (!q.exec())
            return queryFailed(db, q, "reading the new predict runs");
        while (q.next())
            c.predictionModels << q.value(0).toLongLong();
    }
    return c;
}

} // namespace timbre::library
