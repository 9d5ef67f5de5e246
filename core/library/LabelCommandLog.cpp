// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/library/LabelCommandLog.h"

#include "core/library/CatalogDatabase.h"
#include "core/library/CatalogTransaction.h"
#include "core/library/LabelStore.h"
#include "core/library/LabelWriter.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QVariant>

namespace timbre::library {

namespace {
const QString kUndoWhere
        = QStringLiteral("b.kind = 'edit' AND b.undoable = 1 AND b.state = 'done'");
const QString kUndoOrder = QStringLiteral("b.id DESC");
// Undo walks down from the newest batch, so the undone batches are the newest ones and the
// most recently undone is the oldest of them.
const QString kRedoWhere
        = QStringLiteral("b.kind = 'edit' AND b.undoable = 1 AND b.state = 'undone'");
const QString kRedoOrder = QStringLiteral("b.id ASC");
} // namespace

LabelCommandLog::LabelCommandLog(const CatalogDatabase &db, const LabelStore &labels)
    : m_db(db), m_labels(labels)
{ }

CatalogResult<LabelChangeResult> LabelCommandLog::setLabel(qint64 clipId,
                                                           const QString &instrumentKey,
                                                           LabelState state,
                                                           const QString &author) const
{
    return m_labels.set(clipId, instrumentKey, state, LabelSource::User, author);
}

CatalogResult<LabelChangeResult> LabelCommandLog::setLabels(const QList<LabelEdit> &edits,
                                                            const QString &author,
                                                            const QString &description,
                                                            OnConflict onConflict) const
{
    return m_labels.apply(edits, LabelSource::User, author, description, 0, onConflict);
}

CatalogResult<LabelChangeResult> LabelCommandLog::setOnClips(const QString &instrumentKey,
                                                             const QList<qint64> &clipIds,
                                                             LabelState state,
                                                             const QString &author,
                                                             const QString &description) const
{
    return m_labels.setOnClips(instrumentKey, clipIds, state, LabelSource::User, author,
                               description);
}

CatalogResult<LabelChangeResult> LabelCommandLog::acceptPredictions(const QList<LabelEdit> &edits,
                                                                    const QString &author,
                                                                    OnConflict onConflict) const
{
    return m_labels.apply(edits, LabelSource::AcceptedPrediction, author,
                          QStringLiteral("accept %1 predictions").arg(edits.size()), 0, onConflict);
}

CatalogResult<std::optional<LabelCommandLog::Step>>
LabelCommandLog::step(const QString &where, const QString &order) const
{
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("SELECT b.id, b.description, b.author, b.time_ms, (SELECT count(*) "
                               "FROM label_history h WHERE h.batch_id = b.id) FROM label_batch b "
                               "WHERE %1 ORDER BY %2 LIMIT 1")
                        .arg(where, order)))
        return m_db.queryError(q, QStringLiteral("reading the undo stack"));
    if (!q.next())
        return std::optional<Step>();
    return std::optional<Step>(Step {q.value(0).toLongLong(), q.value(1).toString(),
                                     q.value(2).toString(), q.value(3).toLongLong(),
                                     q.value(4).toInt()});
}

CatalogResult<std::optional<LabelCommandLog::Step>> LabelCommandLog::nextUndo() const
{
    return step(kUndoWhere, kUndoOrder);
}

CatalogResult<std::optional<LabelCommandLog::Step>> LabelCommandLog::nextRedo() const
{
    return step(kRedoWhere, kRedoOrder);
}

bool LabelCommandLog::canUndo() const
{
    auto s = nextUndo();
    return s.ok() && s->has_value();
}

bool LabelCommandLog::canRedo() const
{
    auto s = nextRedo();
    return s.ok() && s->has_value();
}

CatalogResult<LabelChangeResult> LabelCommandLog::undo(const QString &author) const
{
    return revert(true, author);
}

CatalogResult<LabelChangeResult> LabelCommandLog::redo(const QString &author) const
{
    return revert(false, author);
}

CatalogResult<LabelChangeResult> LabelCommandLog::revert(bool undoing, const QString &author) const
{
    LabelChangeResult result;
    // The write lock is taken before the stack is read, so two processes undoing at the same
    // time revert two different batches, never the same one twice.
    CatalogTransaction tx(m_db);
    if (tx.beginError().isError())
        return tx.beginError();
    {
        auto target = undoing ? nextUndo() : nextRedo();
        if (!target)
            return target.error();
        if (!target->has_value())
            return result; // nothing to do; the empty transaction rolls back
        const Step s = **target;
        result.targetBatchId = s.batchId;

        struct Row
        {
            qint64 id;
            qint64 clipId;
            qint64 instrumentId;
            LabelWriter::Stored before; // the label as the batch found it
            LabelWriter::Stored after; // the label as the batch left it
        };
        QList<Row> rows;
        QSqlQuery q(tx.connection());
        q.prepare(QStringLiteral("SELECT id, clip_id, instrument_id, old_value, old_source, "
                                 "old_author, old_time_ms, new_value, source, author, time_ms "
                                 "FROM label_history WHERE batch_id = ? AND undone = ? "
                                 "ORDER BY id %1")
                          .arg(undoing ? QStringLiteral("DESC") : QStringLiteral("ASC")));
        q.addBindValue(s.batchId);
        q.addBindValue(undoing ? 0 : 1);
        if (!q.exec())
            return m_db.queryError(q, QStringLiteral("reading batch %1").arg(s.batchId));
        while (q.next()) {
            Row r;
            r.id = q.value(0).toLongLong();
            r.clipId = q.value(1).toLongLong();
            r.instrumentId = q.value(2).toLongLong();
            r.before.exists = !q.value(3).isNull();
            r.before.value = q.value(3).toInt();
            r.before.source = q.value(4).toString();
            r.before.author = q.value(5).toString();
            r.before.timeMs = q.value(6).toLongLong();
            r.after.exists = !q.value(7).isNull();
            r.after.value = q.value(7).toInt();
            r.after.source = q.value(8).toString();
            r.after.author = q.value(9).toString();
            r.after.timeMs = q.value(10).toLongLong();
            rows << r;
        }
        q.finish();

        LabelWriter w(m_db, tx.connection());
        if (const CatalogError e = w.prepare(); e.isError())
            return e;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const QString user = labelSourceName(LabelSource::User);
        CatalogResult<qint64> record = w.createBatch(
                undoing ? QStringLiteral("undo") : QStringLiteral("redo"), s.batchId, user, author,
                now,
                (undoing ? QStringLiteral("undo: ") : QStringLiteral("redo: ")) + s.description,
                false);
        if (!record)
            return record.error();
        result.batchId = *record;

        QSqlQuery mark(tx.connection());
        mark.prepare(QStringLiteral("UPDATE label_history SET undone = ? WHERE id = ?"));
        for (const Row &r : std::as_const(rows)) {
            const LabelWriter::Stored &from = undoing ? r.after : r.before;
            const LabelWriter::Stored &to = undoing ? r.before : r.after;
            CatalogResult<LabelWriter::Stored> current = w.stored(r.clipId, r.instrumentId);
            if (!current)
                return current.error();
            if (current->state() != from.state()) {
                ++result.skipped; // changed by someone else since: theirs wins
                continue;
            }
            if (const CatalogError e = w.restore(r.clipId, r.instrumentId, to); e.isError())
                return e;
            if (const CatalogError e = w.appendHistory(result.batchId, r.clipId, r.instrumentId,
                                                       *current, to.state(), user, author, now);
                e.isError())
                return e;
            mark.bindValue(0, undoing ? 1 : 0);
            mark.bindValue(1, r.id);
            if (!mark.exec())
                return m_db.queryError(mark, QStringLiteral("marking history row %1").arg(r.id));
            // The edit's author's own label follows: back to their judgement before it on an
            // undo, to it again on a redo.
            if (const CatalogError e = w.refreshAnnotator(r.clipId, r.instrumentId, r.after.author);
                e.isError())
                return e;
            result.changes << LabelEdit {r.clipId, w.instrumentKey(r.instrumentId), to.state()};
        }
        mark.prepare(QStringLiteral("UPDATE label_batch SET state = ? WHERE id = ?"));
        mark.addBindValue(undoing ? QStringLiteral("undone") : QStringLiteral("done"));
        mark.addBindValue(s.batchId);
        if (!mark.exec())
            return m_db.queryError(mark, QStringLiteral("marking batch %1").arg(s.batchId));
    }
    if (const CatalogError e = tx.commit(); e.isError())
        return e;
    return result;
}

} // namespace timbre::library
