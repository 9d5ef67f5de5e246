// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/library/LabelStore.h"

#include "core/library/CatalogDatabase.h"
#include "core/library/CatalogTransaction.h"
#include "core/library/LabelWriter.h"

#include <QDateTime>
#include <QHash>
#include <QSqlQuery>
#include <QVariant>

namespace timbre::library {

QString labelSourceName(LabelSource source)
{
    switch (source) {
    case LabelSource::User:
        return QStringLiteral("user");
    case LabelSource::Import:
        return QStringLiteral("import");
    case LabelSource::AcceptedPrediction:
        break;
    }
    return QStringLiteral("accepted_prediction");
}

std::optional<LabelSource> labelSourceFromName(const QString &name)
{
    if (name == QLatin1String("user"))
        return LabelSource::User;
    if (name == QLatin1String("import"))
        return LabelSource::Import;
    if (name == QLatin1String("accepted_prediction"))
        return LabelSource::AcceptedPrediction;
    return std::nullopt;
}

QString labelStateName(LabelState state)
{
    switch (state) {
    case LabelState::Present:
        return QStringLiteral("present");
    case LabelState::Absent:
        return QStringLiteral("absent");
    case LabelState::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

std::optional<LabelState> labelStateFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("present") || n == QLatin1String("1") || n == QLatin1String("yes")
        || n == QLatin1String("true"))
        return LabelState::Present;
    if (n == QLatin1String("absent") || n == QLatin1String("0") || n == QLatin1String("no")
        || n == QLatin1String("false"))
        return LabelState::Absent;
    if (n == QLatin1String("unknown") || n.isEmpty() || n == QLatin1String("?")
        || n == QLatin1String("none"))
        return LabelState::Unknown;
    return std::nullopt;
}

namespace {

LabelState stateFromValue(const QVariant &v)
{
    if (v.isNull())
        return LabelState::Unknown;
    return v.toInt() ? LabelState::Present : LabelState::Absent;
}

} // namespace

LabelStore::LabelStore(const CatalogDatabase &db) : m_db(db) { }

CatalogResult<LabelChangeResult> LabelStore::set(qint64 clipId, const QString &instrumentKey,
                                                 LabelState state, LabelSource source,
                                                 const QString &author, qint64 timeMs) const
{
    return apply({LabelEdit {clipId, instrumentKey, state}}, source, author, QString(), timeMs);
}

CatalogResult<LabelChangeResult>
LabelStore::setOnClips(const QString &instrumentKey, const QList<qint64> &clipIds, LabelState state,
                       LabelSource source, const QString &author, const QString &description) const
{
    QList<LabelEdit> edits;
    edits.reserve(clipIds.size());
    for (qint64 id : clipIds)
        edits << LabelEdit {id, instrumentKey, state};
    const QString text = description.isEmpty() ? QStringLiteral("%1 %2 on %3 clips")
                                                         .arg(instrumentKey, labelStateName(state))
                                                         .arg(clipIds.size())
                                               : description;
    return apply(edits, source, author, text);
}

CatalogResult<LabelChangeResult> LabelStore::apply(const QList<LabelEdit> &edits,
                                                   LabelSource source, const QString &author,
                                                   const QString &description, qint64 timeMs,
                                                   OnConflict onConflict) const
{
    const bool allOrNothing = onConflict == OnConflict::WriteNothing;
    LabelChangeResult result;
    if (edits.isEmpty())
        return result;
    const qint64 when = timeMs > 0 ? timeMs : QDateTime::currentMSecsSinceEpoch();
    const QString sourceName = labelSourceName(source);
    const bool undoable = source != LabelSource::Import;

    CatalogTransaction tx(m_db);
    if (tx.beginError().isError())
        return tx.beginError();
    {
        LabelWriter w(m_db, tx.connection());
        if (const CatalogError e = w.prepare(); e.isError())
            return e;
        for (const LabelEdit &edit : edits) {
            CatalogResult<qint64> instrument = w.instrumentId(edit.instrumentKey);
            if (!instrument)
                return instrument.error();
            if (const CatalogError e = w.checkClip(edit.clipId); e.isError())
                return e;
            CatalogResult<LabelWriter::Stored> old = w.stored(edit.clipId, *instrument);
            if (!old)
                return old.error();
            if (edit.expectedVersion >= 0) {
                CatalogResult<LabelWriter::Version> now = w.version(edit.clipId, *instrument);
                if (!now)
                    return now.error();
                if (now->id != edit.expectedVersion) {
                    result.conflicts << LabelConflict {edit.clipId,  edit.instrumentKey, edit.state,
                                                       old->state(), now->author,        now->id};
                    continue;
                }
            }
            if (allOrNothing && !result.conflicts.isEmpty())
                continue; // nothing is written once one conflicts; the rest is only checked
            const bool sameState = old->state() == edit.state;
            // A second annotator confirming a label is their judgement too (annotator_label),
            // so only the same source by the same author changes nothing.
            const bool sameJudge = old->source == sourceName
                    && (source == LabelSource::Import || old->author == author);
            if (sameState && (edit.state == LabelState::Unknown || sameJudge))
                continue;
            if (result.batchId == 0) {
                if (undoable) {
                    if (const CatalogError e = w.discardRedo(); e.isError())
                        return e;
                }
                QString text = description;
                if (text.isEmpty()) {
                    text = edits.size() == 1
                            ? QStringLiteral("%1 %2 on clip %3")
                                      .arg(edit.instrumentKey, labelStateName(edit.state))
                                      .arg(edit.clipId)
                            : QStringLiteral("%1 label changes").arg(edits.size());
                }
                CatalogResult<qint64> batch = w.createBatch(QStringLiteral("edit"), 0, sourceName,
                                                            author, when, text, undoable);
                if (!batch)
                    return batch.error();
                result.batchId = *batch;
            }
            if (const CatalogError e
                = w.write(edit.clipId, *instrument, edit.state, sourceName, author, when);
                e.isError())
                return e;
            if (const CatalogError e = w.appendHistory(result.batchId, edit.clipId, *instrument,
                                                       *old, edit.state, sourceName, author, when);
                e.isError())
                return e;
            if (source != LabelSource::Import) {
                if (const CatalogError e = w.refreshAnnotator(edit.clipId, *instrument, author);
                    e.isError())
                    return e;
            }
            result.changes << edit;
        }
    }
    if (allOrNothing && !result.conflicts.isEmpty()) {
        // All or nothing: the transaction rolls back whatever came before the conflict.
        result.batchId = 0;
        result.changes.clear();
        return result;
    }
    if (const CatalogError e = tx.commit(); e.isError())
        return e;
    return result;
}

CatalogResult<QHash<qint64, QHash<QString, qint64>>>
LabelStore::versions(const QList<qint64> &clipIds) const
{
    QHash<qint64, QHash<QString, qint64>> out;
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT i.key, max(h.id) FROM label_history h JOIN instrument i ON "
                             "i.id = h.instrument_id WHERE h.clip_id = ? GROUP BY i.key"));
    for (qint64 clip : clipIds) {
        q.bindValue(0, clip);
        if (!q.exec())
            return m_db.queryError(q, QStringLiteral("reading label versions"));
        QHash<QString, qint64> &row = out[clip];
        while (q.next())
            row.insert(q.value(0).toString(), q.value(1).toLongLong());
    }
    return out;
}

CatalogResult<QHash<QString, QHash<QString, LabelState>>>
LabelStore::annotatorLabels(qint64 clipId) const
{
    QHash<QString, QHash<QString, LabelState>> out;
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT i.key, a.annotator, a.value FROM annotator_label a JOIN "
                             "instrument i ON i.id = a.instrument_id WHERE a.clip_id = ?"));
    q.addBindValue(clipId);
    if (!q.exec())
        return m_db.queryError(q, QStringLiteral("reading annotators' labels"));
    while (q.next())
        out[q.value(0).toString()].insert(q.value(1).toString(),
                                          q.value(2).toInt() ? LabelState::Present
                                                             : LabelState::Absent);
    return out;
}

CatalogResult<LabelState> LabelStore::state(qint64 clipId, const QString &instrumentKey) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT l.value FROM label l JOIN instrument i ON i.id = "
                             "l.instrument_id WHERE l.clip_id = ? AND i.key = ?"));
    q.addBindValue(clipId);
    q.addBindValue(instrumentKey);
    if (!q.exec())
        return m_db.queryError(q, QStringLiteral("reading a label"));
    if (!q.next())
        return LabelState::Unknown;
    return stateFromValue(q.value(0));
}

CatalogResult<QList<Label>> LabelStore::labelsOfClip(qint64 clipId) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT l.clip_id, i.key, l.value, l.source, l.author, l.time_ms "
                             "FROM label l JOIN instrument i ON i.id = l.instrument_id "
                             "WHERE l.clip_id = ? ORDER BY i.position, i.id"));
    q.addBindValue(clipId);
    if (!q.exec())
        return m_db.queryError(q, QStringLiteral("reading the labels of clip %1").arg(clipId));
    QList<Label> out;
    while (q.next()) {
        out << Label {q.value(0).toLongLong(),
                      q.value(1).toString(),
                      stateFromValue(q.value(2)),
                      labelSourceFromName(q.value(3).toString()).value_or(LabelSource::User),
                      q.value(4).toString(),
                      q.value(5).toLongLong()};
    }
    return out;
}

CatalogResult<QList<Label>> LabelStore::allLabels() const
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT l.clip_id, i.key, l.value, l.source, l.author, l.time_ms "
                               "FROM label l JOIN instrument i ON i.id = l.instrument_id "
                               "ORDER BY l.clip_id, i.position, i.id")))
        return m_db.queryError(q, QStringLiteral("reading labels"));
    QList<Label> out;
    while (q.next()) {
        out << Label {q.value(0).toLongLong(),
                      q.value(1).toString(),
                      stateFromValue(q.value(2)),
                      labelSourceFromName(q.value(3).toString()).value_or(LabelSource::User),
                      q.value(4).toString(),
                      q.value(5).toLongLong()};
    }
    return out;
}

CatalogResult<LabelMatrix> LabelStore::matrix(bool includeTestClips, bool onlyLabelledClips) const
{
    LabelMatrix m;
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, key FROM instrument ORDER BY position, id")))
        return m_db.queryError(q, QStringLiteral("reading instruments"));
    QHash<qint64, int> columnOf;
    while (q.next()) {
        columnOf.insert(q.value(0).toLongLong(), int(m.instrumentKeys.size()));
        m.instrumentKeys << q.value(1).toString();
    }
    QString where = includeTestClips ? QString() : QStringLiteral(" WHERE c.is_test = 0");
    if (onlyLabelledClips) {
        where += where.isEmpty() ? QStringLiteral(" WHERE ") : QStringLiteral(" AND ");
        where += QStringLiteral("EXISTS (SELECT 1 FROM label l WHERE l.clip_id = c.id)");
    }
    if (!q.exec(QStringLiteral("SELECT c.id, c.track_id, c.key FROM clip c%1 ORDER BY c.id")
                        .arg(where)))
        return m_db.queryError(q, QStringLiteral("reading clips"));
    QHash<qint64, int> rowOf;
    while (q.next()) {
        rowOf.insert(q.value(0).toLongLong(), int(m.clipIds.size()));
        m.clipIds << q.value(0).toLongLong();
        m.trackIds << q.value(1).toLongLong();
        m.clipKeys << q.value(2).toString();
    }
    const size_t cells = size_t(m.rows()) * size_t(m.columns());
    m.values.assign(cells, 0.0f);
    m.observed.assign(cells, 0);
    if (!q.exec(QStringLiteral("SELECT clip_id, instrument_id, value FROM label")))
        return m_db.queryError(q, QStringLiteral("reading labels"));
    while (q.next()) {
        const auto row = rowOf.constFind(q.value(0).toLongLong());
        const auto column = columnOf.constFind(q.value(1).toLongLong());
        if (row == rowOf.constEnd() || column == columnOf.constEnd())
            continue; // a test clip
        const size_t cell = size_t(*row) * size_t(m.columns()) + size_t(*column);
        m.values[cell] = q.value(2).toInt() ? 1.0f : 0.0f;
        m.observed[cell] = 1;
    }
    return m;
}

CatalogResult<QList<InstrumentLabelCount>> LabelStore::countsPerInstrument() const
{
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("SELECT i.key, count(CASE WHEN l.value = 1 THEN 1 END), "
                               "count(CASE WHEN l.value = 0 THEN 1 END) "
                               "FROM instrument i LEFT JOIN label l ON l.instrument_id = i.id "
                               "GROUP BY i.id ORDER BY i.position, i.id")))
        return m_db.queryError(q, QStringLiteral("counting labels"));
    QList<InstrumentLabelCount> out;
    while (q.next())
        out << InstrumentLabelCount {q.value(0).toString(), q.value(1).toInt(), q.value(2).toInt()};
    return out;
}

CatalogResult<QList<LabelHistoryEntry>>
LabelStore::readHistory(const QString &where, const QVariantList &binds, const QString &tail) const
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT h.id, h.batch_id, h.clip_id, i.key, h.old_value, h.new_value, "
                             "h.source, h.author, h.time_ms, h.undone FROM label_history h "
                             "JOIN instrument i ON i.id = h.instrument_id %1 %2")
                      .arg(where, tail));
    for (const QVariant &v : binds)
        q.addBindValue(v);
    if (!q.exec())
        return m_db.queryError(q, QStringLiteral("reading label history"));
    QList<LabelHistoryEntry> out;
    while (q.next()) {
        LabelHistoryEntry e;
        e.id = q.value(0).toLongLong();
        e.batchId = q.value(1).toLongLong();
        e.clipId = q.value(2).toLongLong();
        e.instrumentKey = q.value(3).toString();
        e.oldState = stateFromValue(q.value(4));
        e.newState = stateFromValue(q.value(5));
        e.source = labelSourceFromName(q.value(6).toString()).value_or(LabelSource::User);
        e.author = q.value(7).toString();
        e.timeMs = q.value(8).toLongLong();
        e.undone = q.value(9).toInt() != 0;
        out << e;
    }
    return out;
}

CatalogResult<QList<LabelHistoryEntry>> LabelStore::history(std::optional<qint64> clipId,
                                                            int limit) const
{
    QString tail = QStringLiteral("ORDER BY h.id DESC");
    if (limit > 0)
        tail += QStringLiteral(" LIMIT %1").arg(limit);
    if (clipId)
        return readHistory(QStringLiteral("WHERE h.clip_id = ?"), {*clipId}, tail);
    return readHistory(QString(), {}, tail);
}

CatalogResult<QList<LabelHistoryEntry>> LabelStore::historyOfBatch(qint64 batchId) const
{
    return readHistory(QStringLiteral("WHERE h.batch_id = ?"), {batchId},
                       QStringLiteral("ORDER BY h.id"));
}

CatalogResult<std::optional<LabelBatchInfo>> LabelStore::batch(qint64 batchId) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT b.id, b.kind, b.target_batch, b.source, b.author, b.time_ms, "
                             "b.description, b.undoable, b.state, (SELECT count(*) FROM "
                             "label_history h WHERE h.batch_id = b.id) FROM label_batch b "
                             "WHERE b.id = ?"));
    q.addBindValue(batchId);
    if (!q.exec())
        return m_db.queryError(q, QStringLiteral("reading label batch %1").arg(batchId));
    if (!q.next())
        return std::optional<LabelBatchInfo>();
    LabelBatchInfo b;
    b.id = q.value(0).toLongLong();
    b.kind = q.value(1).toString();
    b.targetBatchId = q.value(2).toLongLong();
    b.source = labelSourceFromName(q.value(3).toString()).value_or(LabelSource::User);
    b.author = q.value(4).toString();
    b.timeMs = q.value(5).toLongLong();
    b.description = q.value(6).toString();
    b.undoable = q.value(7).toInt() != 0;
    b.state = q.value(8).toString();
    b.changeCount = q.value(9).toInt();
    return std::optional<LabelBatchInfo>(b);
}

CatalogResult<qint64> LabelStore::latestBatchId() const
{
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("SELECT coalesce(max(id), 0) FROM label_batch")) || !q.next())
        return m_db.queryError(q, QStringLiteral("reading the latest label batch"));
    return q.value(0).toLongLong();
}

CatalogResult<qint64> LabelStore::changesAfter(qint64 batchId) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(
            QStringLiteral("SELECT count(*) FROM label_history WHERE batch_id > ? AND undone = 0"));
    q.addBindValue(batchId);
    if (!q.exec() || !q.next())
        return m_db.queryError(q, QStringLiteral("counting label changes"));
    return q.value(0).toLongLong();
}

} // namespace timbre::library
