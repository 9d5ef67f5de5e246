// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace timbre::library {

// Present / absent / unknown. Unknown is "no row" in `label`, NULL in `label_history`.
enum class LabelState { Unknown = -1, Absent = 0, Present = 1 };

// Who made a label: the user in the editor, an importer, or the user accepting a prediction.
enum class LabelSource { User, Import, AcceptedPrediction };

QString labelSourceName(LabelSource source); // "user" / "import" / "accepted_prediction"
std::optional<LabelSource> labelSourceFromName(const QString &name);
QString labelStateName(LabelState state); // "present" / "absent" / "unknown"
std::optional<LabelState> labelStateFromName(const QString &name); // also "1"/"0"/"" etc.

// A current label (a row of `label`).
struct Label
{
    qint64 clipId = 0;
    QString instrumentKey;
    LabelState state = LabelState::Unknown;
    LabelSource source = LabelSource::User;
    QString author;
    qint64 timeMs = 0;
};

// One requested (or applied) change.
struct LabelEdit
{
    qint64 clipId = 0;
    QString instrumentKey;
    LabelState state = LabelState::Unknown;
    // Optimistic check: the label's version (LabelStore::versions) this edit was made against;
    // -1 = none. When the label has changed since, the result lists the conflict instead
    // (OnConflict says what happens to the write's other edits).
    qint64 expectedVersion = -1;
};

// What a write does with its other edits when one of them conflicts. A handful of labels
// typed together are one judgement (WriteNothing); a bulk edit of many clips or accepting a
// model's confident suggestions are many independent ones, and a clip someone else changed
// meanwhile must not cost the other clips their labels (WriteTheRest).
enum class OnConflict { WriteNothing, WriteTheRest };

// A label that changed between reading it and writing it: both values, so that the person
// who wrote second can choose (LabelChangeResult::conflicts).
struct LabelConflict
{
    qint64 clipId = 0;
    QString instrumentKey;
    LabelState mine = LabelState::Unknown; // what this write wanted
    LabelState theirs = LabelState::Unknown; // what the catalog holds now
    QString theirAuthor; // who made the change since (the newest history row; an undo its undoer)
    qint64 version = 0; // its version now: write against this to keep mine
};

// What a write did. batchId is 0 when nothing changed (every edit matched the current state,
// which creates no history and leaves the redo stack alone).
struct LabelChangeResult
{
    qint64 batchId = 0; // the new label_batch row
    qint64 targetBatchId = 0; // for undo / redo: the edit batch reverted or re-applied
    QList<LabelEdit> changes; // the resulting states, in order of application
    int skipped = 0; // undo / redo: labels changed since by someone else, left alone
    // Edits with an expectedVersion that no longer holds. With OnConflict::WriteNothing and any
    // conflict nothing was written (batchId 0, changes empty); with WriteTheRest the others
    // were.
    QList<LabelConflict> conflicts;
};

// One row of `label_batch`.
struct LabelBatchInfo
{
    qint64 id = 0;
    QString kind; // "edit" / "undo" / "redo"
    qint64 targetBatchId = 0;
    LabelSource source = LabelSource::User;
    QString author;
    qint64 timeMs = 0;
    QString description;
    bool undoable = false;
    QString state; // "done" / "undone" / "discarded"
    int changeCount = 0;
};

// One row of `label_history`.
struct LabelHistoryEntry
{
    qint64 id = 0;
    qint64 batchId = 0;
    qint64 clipId = 0;
    QString instrumentKey;
    LabelState oldState = LabelState::Unknown;
    LabelState newState = LabelState::Unknown;
    LabelSource source = LabelSource::User;
    QString author;
    qint64 timeMs = 0;
    bool undone = false;
};

// All labels as a dense table for training: rows = clips, columns = instruments (taxonomy
// order). values[r * columns + c] is 1 for present, 0 for absent or unknown; observed[...] is
// 1 where a label exists (the Y_mask of OpenMIC-2018).
struct LabelMatrix
{
    QList<qint64> clipIds;
    QList<qint64> trackIds;
    QStringList clipKeys; // the clip's external key, empty when it has none
    QStringList instrumentKeys;
    std::vector<float> values;
    std::vector<quint8> observed;

    int rows() const { return int(clipIds.size()); }
    int columns() const { return int(instrumentKeys.size()); }
    float value(int row, int column) const { return values[size_t(row) * columns() + column]; }
    bool isObserved(int row, int column) const
    {
        return observed[size_t(row) * columns() + column] != 0;
    }
};

struct InstrumentLabelCount
{
    QString instrumentKey;
    int present = 0;
    int absent = 0;
};

} // namespace timbre::library
