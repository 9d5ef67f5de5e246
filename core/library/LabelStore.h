// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/CatalogError.h"
#include "core/library/LabelTypes.h"

#include <QHash>
#include <QList>

#include <optional>

namespace timbre::library {

class CatalogDatabase;

// The `label` table with its `label_batch` / `label_history` trail.
//
// Every write is one committed transaction (or joins the caller's CatalogTransaction) that
// changes the labels AND appends one history row per changed label under one batch. Edits
// whose state (and source) already match are skipped; a write that changes nothing creates no
// batch. Batches from the user or from accepting a prediction are undoable (LabelCommandLog);
// imports are recorded but not undoable. A new undoable batch clears the redo stack.
//
// Timestamps: timeMs = 0 means "now". Threading as TrackStore.
class LabelStore
{
public:
    explicit LabelStore(const CatalogDatabase &db);

    // One label. NotFound for an unknown clip or instrument key.
    CatalogResult<LabelChangeResult> set(qint64 clipId, const QString &instrumentKey,
                                         LabelState state, LabelSource source,
                                         const QString &author, qint64 timeMs = 0) const;
    // Many labels, one transaction, one batch (one undo step). All or nothing, except that
    // with OnConflict::WriteTheRest edits that conflict are left out (and listed).
    CatalogResult<LabelChangeResult> apply(const QList<LabelEdit> &edits, LabelSource source,
                                           const QString &author,
                                           const QString &description = QString(),
                                           qint64 timeMs = 0,
                                           OnConflict onConflict = OnConflict::WriteNothing) const;
    // Bulk change: one instrument on N clips, one transaction and one undo step.
    CatalogResult<LabelChangeResult> setOnClips(const QString &instrumentKey,
                                                const QList<qint64> &clipIds, LabelState state,
                                                LabelSource source, const QString &author,
                                                const QString &description = QString()) const;

    CatalogResult<LabelState> state(qint64 clipId, const QString &instrumentKey) const;
    // The versions of the labels of these clips (LabelEdit::expectedVersion), by clip and
    // instrument key; a label never written is absent (version 0).
    CatalogResult<QHash<qint64, QHash<QString, qint64>>>
    versions(const QList<qint64> &clipIds) const;
    // Each annotator's own labels of one clip (annotator_label), by instrument key then
    // annotator.
    CatalogResult<QHash<QString, QHash<QString, LabelState>>> annotatorLabels(qint64 clipId) const;
    // The known labels of a clip in taxonomy order.
    CatalogResult<QList<Label>> labelsOfClip(qint64 clipId) const;
    // Every known label, ordered by clip then taxonomy order.
    CatalogResult<QList<Label>> allLabels() const;
    // Clips x instruments with the observed mask. Test clips are left out unless asked for;
    // onlyLabelledClips drops clips without any label.
    CatalogResult<LabelMatrix> matrix(bool includeTestClips = false,
                                      bool onlyLabelledClips = false) const;
    // Present / absent counts per instrument, taxonomy order (instruments without labels too).
    CatalogResult<QList<InstrumentLabelCount>> countsPerInstrument() const;

    // History, newest first; clipId restricts it to one clip; limit <= 0 = all.
    CatalogResult<QList<LabelHistoryEntry>> history(std::optional<qint64> clipId = std::nullopt,
                                                    int limit = 0) const;
    CatalogResult<QList<LabelHistoryEntry>> historyOfBatch(qint64 batchId) const;
    CatalogResult<std::optional<LabelBatchInfo>> batch(qint64 batchId) const;
    // The newest batch id (0 if none): a model records it as its label snapshot.
    CatalogResult<qint64> latestBatchId() const;
    // Label changes recorded after batch `batchId` and not undone: "labels added since" a
    // model whose label snapshot is `batchId`.
    CatalogResult<qint64> changesAfter(qint64 batchId) const;

private:
    CatalogResult<QList<LabelHistoryEntry>>
    readHistory(const QString &where, const QVariantList &binds, const QString &tail) const;

    const CatalogDatabase &m_db;
};

} // namespace timbre::library
