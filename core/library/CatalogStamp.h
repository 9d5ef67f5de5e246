// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/CatalogError.h"

#include <QList>
#include <QPair>
#include <QSqlDatabase>
#include <QString>

namespace timbre::library {

// A few numbers that change whenever what the workbench shows changes: the newest label batch,
// the tracks, the models and which one is active, and the predict runs. Feature sets are left
// out on purpose: no view shows them, and an extraction would otherwise say "tracks changed"
// at every poll.
// Reading one is a handful of aggregate queries (the track count is the only one that visits
// every row of an index), so a watcher can afford one each time SQLite's data_version says
// another connection committed something.
struct CatalogStamp
{
    qint64 latestBatchId = 0;
    qint64 trackCount = 0;
    qint64 maxTrackId = 0;
    qint64 maxTrackUpdatedMs = 0;
    qint64 activeModelId = 0;
    QString modelsDigest; // id, active flag and the size of metrics and note of every model
    qint64 maxRunId = 0;
    qint64 maxRunFinishedMs = 0;

    bool tracksDiffer(const CatalogStamp &o) const
    {
        return trackCount != o.trackCount || maxTrackId != o.maxTrackId
                || maxTrackUpdatedMs != o.maxTrackUpdatedMs;
    }

    // Runs on the thread that owns `db`.
    static CatalogResult<CatalogStamp> readBlocking(const QSqlDatabase &db);
};

// What changed between two stamps, with the details a view needs to update in place.
struct CatalogChange
{
    int generation = 0; // of the LibrarySession that asked (drops answers for a closed library)
    // (batch id, clip id) of every label change recorded after the earlier stamp's batch.
    QList<QPair<qint64, qint64>> labelChanges;
    // More label changes than are worth listing (an import): views reload all labels.
    bool manyLabelChanges = false;
    bool tracks = false;
    bool models = false;
    bool activeModel = false;
    qint64 activeModelId = 0;
    QList<qint64> predictionModels; // models whose predict runs started or finished
    // Empty when the catalog could be read; otherwise why not (English, names the file).
    QString problem;
    bool problemCleared = false; // readable again after a reported problem

    bool isEmpty() const
    {
        return labelChanges.isEmpty() && !manyLabelChanges && !tracks && !models && !activeModel
                && predictionModels.isEmpty() && problem.isEmpty() && !problemCleared;
    }

    // Reads the details of the difference `before` -> `after` through `db`.
    static constexpr int kMaxListedLabelChanges = 5000;
    static CatalogResult<CatalogChange> between(const QSqlDatabase &db, const CatalogStamp &before,
                                                const CatalogStamp &after);
};

} // namespace timbre::library
