// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/CatalogError.h"
#include "core/library/LabelTypes.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>

namespace timbre::library {

class CatalogDatabase;

// Internal to LabelStore and LabelCommandLog: the prepared statements that change `label`
// and append to `label_batch` / `label_history`, used inside a CatalogTransaction that the
// caller owns. Keeping them in one place is what guarantees that no label changes without its
// history row.
class LabelWriter
{
public:
    // The stored state of one label, whole, so that an undo can put it back exactly.
    struct Stored
    {
        bool exists = false;
        int value = 0;
        QString source;
        QString author;
        qint64 timeMs = 0;

        LabelState state() const
        {
            return exists ? (value ? LabelState::Present : LabelState::Absent)
                          : LabelState::Unknown;
        }
    };

    LabelWriter(const CatalogDatabase &db, const QSqlDatabase &connection);

    CatalogError prepare();
    // NotFound for an unknown key / clip.
    CatalogResult<qint64> instrumentId(const QString &key) const;
    QString instrumentKey(qint64 instrumentId) const { return m_keyById.value(instrumentId); }
    CatalogError checkClip(qint64 clipId);

    CatalogResult<Stored> stored(qint64 clipId, qint64 instrumentId);
    CatalogResult<qint64> createBatch(const QString &kind, qint64 targetBatch,
                                      const QString &source, const QString &author, qint64 timeMs,
                                      const QString &description, bool undoable);
    // A new undoable edit makes every undone batch unreachable for redo.
    CatalogError discardRedo();
    // Writes `state` (Unknown deletes the row).
    CatalogError write(qint64 clipId, qint64 instrumentId, LabelState state, const QString &source,
                       const QString &author, qint64 timeMs);
    CatalogError restore(qint64 clipId, qint64 instrumentId, const Stored &s);
    CatalogError appendHistory(qint64 batchId, qint64 clipId, qint64 instrumentId,
                               const Stored &old, LabelState newState, const QString &source,
                               const QString &author, qint64 timeMs);
    // A label's version: the id of its newest history row (any change, undo and redo
    // included, makes a new one; 0 for a label never written), and who made that change (an
    // undo's author is the one who undid, where the label itself may now be nobody's).
    struct Version
    {
        qint64 id = 0;
        QString author;
    };
    CatalogResult<Version> version(qint64 clipId, qint64 instrumentId);
    // Recomputes `annotator`'s own row of the label in annotator_label (schema-7.sql's rule).
    CatalogError refreshAnnotator(qint64 clipId, qint64 instrumentId, const QString &annotator);

private:
    const CatalogDatabase &m_db;
    QSqlDatabase m_connection;
    QHash<QString, qint64> m_idByKey;
    QHash<qint64, QString> m_keyById;
    QSqlQuery m_select;
    QSqlQuery m_upsert;
    QSqlQuery m_delete;
    QSqlQuery m_history;
    QSqlQuery m_clip;
    QSqlQuery m_version;
    QSqlQuery m_annotatorDelete;
    QSqlQuery m_annotatorInsert;
};

} // namespace timbre::library
