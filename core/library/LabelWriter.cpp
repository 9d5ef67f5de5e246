// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/library/LabelWriter.h"

#include "core/library/CatalogDatabase.h"
#include "core/library/CatalogDialect.h"

#include <QVariant>

namespace timbre::library {

namespace {
QVariant nullableInt(bool present, int value)
{
    return present ? QVariant(value) : QVariant(QMetaType(QMetaType::Int));
}
QVariant nullableState(LabelState s)
{
    return nullableInt(s != LabelState::Unknown, s == LabelState::Present ? 1 : 0);
}
} // namespace

LabelWriter::LabelWriter(const CatalogDatabase &db, const QSqlDatabase &connection)
    : m_db(db), m_connection(connection), m_select(connection), m_upsert(connection),
      m_delete(connection), m_history(connection), m_clip(connection), m_version(connection),
      m_annotatorDelete(connection), m_annotatorInsert(connection)
{ }

CatalogError LabelWriter::prepare()
{
    QSqlQuery q(m_connection);
    if (!q.exec(QStringLiteral("SELECT id, key FROM instrument")))
        return m_db.queryError(q, QStringLiteral("reading instruments"));
    while (q.next()) {
        m_idByKey.insert(q.value(1).toString(), q.value(0).toLongLong());
        m_keyById.insert(q.value(0).toLongLong(), q.value(1).toString());
    }
    if (!m_select.prepare(QStringLiteral("SELECT value, source, author, time_ms FROM label "
                                         "WHERE clip_id = ? AND instrument_id = ?")))
        return m_db.queryError(m_select, QStringLiteral("preparing label lookup"));
    if (!m_upsert.prepare(
                QStringLiteral("INSERT INTO label (clip_id, instrument_id, value, source, author, "
                               "time_ms) VALUES (?, ?, ?, ?, ?, ?) "
                               "ON CONFLICT (clip_id, instrument_id) DO UPDATE SET "
                               "value = excluded.value, source = excluded.source, "
                               "author = excluded.author, time_ms = excluded.time_ms")))
        return m_db.queryError(m_upsert, QStringLiteral("preparing label write"));
    if (!m_delete.prepare(
                QStringLiteral("DELETE FROM label WHERE clip_id = ? AND instrument_id = ?")))
        return m_db.queryError(m_delete, QStringLiteral("preparing label delete"));
    if (!m_history.prepare(
                QStringLiteral("INSERT INTO label_history (batch_id, clip_id, instrument_id, "
                               "old_value, old_source, "
                               "old_author, old_time_ms, new_value, source, author, time_ms) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")))
        return m_db.queryError(m_history, QStringLiteral("preparing label history"));
    if (!m_clip.prepare(QStringLiteral("SELECT 1 FROM clip WHERE id = ?")))
        return m_db.queryError(m_clip, QStringLiteral("preparing clip lookup"));
    if (!m_version.prepare(QStringLiteral("SELECT id, author FROM label_history WHERE clip_id = ? "
                                          "AND instrument_id = ? ORDER BY id DESC LIMIT 1")))
        return m_db.queryError(m_version, QStringLiteral("preparing label version"));
    if (!m_annotatorDelete.prepare(QStringLiteral("DELETE FROM annotator_label WHERE clip_id = ? "
                                                  "AND instrument_id = ? AND annotator = ?")))
        return m_db.queryError(m_annotatorDelete, QStringLiteral("preparing annotator labels"));
    if (!m_annotatorInsert.prepare(QStringLiteral(
                "INSERT INTO annotator_label (clip_id, instrument_id, annotator, value, time_ms) "
                "SELECT h.clip_id, h.instrument_id, h.author, h.new_value, h.time_ms "
                "FROM label_history h WHERE h.id = (SELECT max(h2.id) FROM label_history h2 "
                "JOIN label_batch b ON b.id = h2.batch_id AND b.kind = 'edit' "
                "WHERE h2.clip_id = ? AND h2.instrument_id = ? AND h2.author = ? "
                "AND h2.undone = 0 AND h2.source IN ('user', 'accepted_prediction')) "
                "AND h.new_value IS NOT NULL")))
        return m_db.queryError(m_annotatorInsert, QStringLiteral("preparing annotator labels"));
    return {};
}

CatalogResult<qint64> LabelWriter::instrumentId(const QString &key) const
{
    auto it = m_idByKey.constFind(key);
    if (it == m_idByKey.constEnd())
        return m_db.error(CatalogError::NotFound,
                          QStringLiteral("%1: no instrument '%2'").arg(m_db.filePath(), key));
    return *it;
}

CatalogError LabelWriter::checkClip(qint64 clipId)
{
    m_clip.bindValue(0, clipId);
    if (!m_clip.exec())
        return m_db.queryError(m_clip, QStringLiteral("looking up clip %1").arg(clipId));
    const bool found = m_clip.next();
    m_clip.finish();
    if (!found)
        return m_db.error(
                CatalogError::NotFound,
                QStringLiteral("%1: no clip with id %2").arg(m_db.filePath()).arg(clipId));
    return {};
}

CatalogResult<LabelWriter::Stored> LabelWriter::stored(qint64 clipId, qint64 instrumentId)
{
    m_select.bindValue(0, clipId);
    m_select.bindValue(1, instrumentId);
    if (!m_select.exec())
        return m_db.queryError(m_select, QStringLiteral("reading a label"));
    Stored s;
    if (m_select.next()) {
        s.exists = true;
        s.value = m_select.value(0).toInt();
        s.source = m_select.value(1).toString();
        s.author = m_select.value(2).toString();
        s.timeMs = m_select.value(3).toLongLong();
    }
    m_select.finish();
    return s;
}

CatalogResult<qint64> LabelWriter::createBatch(const QString &kind, qint64 targetBatch,
                                               const QString &source, const QString &author,
                                               qint64 timeMs, const QString &description,
                                               bool undoable)
{
    QSqlQuery q(m_connection);
    q.prepare(withReturningId(
            m_db,
            QStringLiteral("INSERT INTO label_batch (kind, target_batch, source, author, "
                           "time_ms, description, undoable, state) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, 'done')")));
    q.addBindValue(kind);
    q.addBindValue(targetBatch > 0 ? QVariant(targetBatch)
                                   : QVariant(QMetaType(QMetaType::LongLong)));
    q.addBindValue(source);
    q.addBindValue(author.isNull() ? QStringLiteral("") : author);
    q.addBindValue(timeMs);
    q.addBindValue(description.isNull() ? QStringLiteral("") : description);
    q.addBindValue(undoable ? 1 : 0);
    if (!q.exec())
        return m_db.queryError(q, QStringLiteral("recording a label batch"));
    return insertedId(q, m_db);
}

CatalogError LabelWriter::discardRedo()
{
    QSqlQuery q(m_connection);
    if (!q.exec(QStringLiteral("UPDATE label_batch SET state = 'discarded' "
                               "WHERE undoable = 1 AND state = 'undone'")))
        return m_db.queryError(q, QStringLiteral("clearing redo"));
    return {};
}

CatalogError LabelWriter::write(qint64 clipId, qint64 instrumentId, LabelState state,
                                const QString &source, const QString &author, qint64 timeMs)
{
    if (state == LabelState::Unknown) {
        m_delete.bindValue(0, clipId);
        m_delete.bindValue(1, instrumentId);
        if (!m_delete.exec())
            return m_db.queryError(m_delete, QStringLiteral("clearing a label"));
        return {};
    }
    m_upsert.bindValue(0, clipId);
    m_upsert.bindValue(1, instrumentId);
    m_upsert.bindValue(2, state == LabelState::Present ? 1 : 0);
    m_upsert.bindValue(3, source);
    m_upsert.bindValue(4, author.isNull() ? QStringLiteral("") : author);
    m_upsert.bindValue(5, timeMs);
    if (!m_upsert.exec())
        return m_db.queryError(m_upsert, QStringLiteral("writing a label"));
    return {};
}

CatalogError LabelWriter::restore(qint64 clipId, qint64 instrumentId, const Stored &s)
{
    return write(clipId, instrumentId, s.state(), s.source, s.author, s.timeMs);
}

CatalogError LabelWriter::appendHistory(qint64 batchId, qint64 clipId, qint64 instrumentId,
                                        const Stored &old, LabelState newState,
                                        const QString &source, const QString &author, qint64 timeMs)
{
    m_history.bindValue(0, batchId);
    m_history.bindValue(1, clipId);
    m_history.bindValue(2, instrumentId);
    m_history.bindValue(3, nullableInt(old.exists, old.value));
    m_history.bindValue(
            4, old.exists ? QVariant(old.source) : QVariant(QMetaType(QMetaType::QString)));
    m_history.bindValue(
            5, old.exists ? QVariant(old.author) : QVariant(QMetaType(QMetaType::QString)));
    m_history.bindValue(
            6, old.exists ? QVariant(old.timeMs) : QVariant(QMetaType(QMetaType::LongLong)));
    m_history.bindValue(7, nullableState(newState));
    m_history.bindValue(8, source);
    m_history.bindValue(9, author.isNull() ? QStringLiteral("") : author);
    m_history.bindValue(10, timeMs);
    if (!m_history.exec())
        return m_db.queryError(m_history, QStringLiteral("appending label history"));
    return {};
}

CatalogResult<LabelWriter::Version> LabelWriter::version(qint64 clipId, qint64 instrumentId)
{
    m_version.bindValue(0, clipId);
    m_version.bindValue(1, instrumentId);
    if (!m_version.exec())
        return m_db.queryError(m_version, QStringLiteral("reading a label's version"));
    Version v;
    if (m_version.next()) {
        v.id = m_version.value(0).toLongLong();
        v.author = m_version.value(1).toString();
    }
    m_version.finish();
    return v;
}

CatalogError LabelWriter::refreshAnnotator(qint64 clipId, qint64 instrumentId,
                                           const QString &annotator)
{
    if (annotator.isEmpty())
        return {};
    for (QSqlQuery *q : {&m_annotatorDelete, &m_annotatorInsert}) {
        q->bindValue(0, clipId);
        q->bindValue(1, instrumentId);
        q->bindValue(2, annotator);
        if (!q->exec())
            return m_db.queryError(*q, QStringLiteral("keeping %1's own label").arg(annotator));
    }
    return {};
}

} // namespace timbre::library
