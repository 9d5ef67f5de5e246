// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/CatalogError.h"
#include "core/library/LabelTypes.h"

#include <optional>

namespace timbre::library {

class CatalogDatabase;
class LabelStore;

// Undo / redo of the user's label edits, as a command log kept in the catalog itself.
//
// The stack is the sequence of undoable `label_batch` rows (user edits and accepted
// predictions; imports are not on it): undo reverts the newest batch in state 'done', redo
// re-applies the most recently undone one, and a new undoable edit discards what could still
// be redone. Because the state lives in the database, a second Library instance or a new
// process (`timbre labels undo`) continues the same stack. Each undo / redo is one committed
// transaction and is itself recorded in label_history (batch kind 'undo' / 'redo') for the
// audit view. A label that someone changed after the batch (e.g. an import) is left alone and
// counted in LabelChangeResult::skipped. A widget can wrap this in a QUndoStack.
class LabelCommandLog
{
public:
    // What undo / redo would act on.
    struct Step
    {
        qint64 batchId = 0;
        QString description;
        QString author;
        qint64 timeMs = 0;
        int changeCount = 0;
    };

    LabelCommandLog(const CatalogDatabase &db, const LabelStore &labels);

    // The user's edits (source User): thin wrappers over LabelStore that make one undo step.
    CatalogResult<LabelChangeResult> setLabel(qint64 clipId, const QString &instrumentKey,
                                              LabelState state, const QString &author) const;
    CatalogResult<LabelChangeResult> setLabels(const QList<LabelEdit> &edits, const QString &author,
                                               const QString &description = QString(),
                                               OnConflict onConflict
                                               = OnConflict::WriteNothing) const;
    CatalogResult<LabelChangeResult> setOnClips(const QString &instrumentKey,
                                                const QList<qint64> &clipIds, LabelState state,
                                                const QString &author,
                                                const QString &description = QString()) const;
    // The user accepting model predictions (source AcceptedPrediction), one undo step.
    CatalogResult<LabelChangeResult>
    acceptPredictions(const QList<LabelEdit> &edits, const QString &author,
                      OnConflict onConflict = OnConflict::WriteNothing) const;

    CatalogResult<std::optional<Step>> nextUndo() const;
    CatalogResult<std::optional<Step>> nextRedo() const;
    bool canUndo() const;
    bool canRedo() const;

    // Reverts the newest undoable batch. Returns batchId 0 / targetBatchId 0 when there is
    // nothing to undo (not an error).
    CatalogResult<LabelChangeResult> undo(const QString &author) const;
    CatalogResult<LabelChangeResult> redo(const QString &author) const;

private:
    CatalogResult<std::optional<Step>> step(const QString &where, const QString &order) const;
    CatalogResult<LabelChangeResult> revert(bool undoing, const QString &author) const;

    const CatalogDatabase &m_db;
    const LabelStore &m_labels;
};

} // namespace timbre::library
