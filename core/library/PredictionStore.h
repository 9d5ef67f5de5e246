// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/CatalogError.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <optional>

namespace timbre::library {

class CatalogDatabase;

// One bag-level score of a model for a clip and instrument.
struct PredictionScore
{
    qint64 clipId = 0;
    QString instrumentKey;
    float score = 0; // probability in [0, 1]
};

// One predict run of a model (`prediction_run`).
struct PredictionRun
{
    qint64 id = 0;
    qint64 modelId = 0;
    qint64 startedMs = 0;
    qint64 finishedMs = 0; // 0 = not finished (running, cancelled or killed)
    qint64 clips = 0; // clips scored (set when it finishes)
    QString shard; // "i/n" for a run of shard i of n (docs/CLUSTER.md), "" for the whole library
};

// The `prediction` table: bag-level scores per (model, clip, instrument), for filtering and
// sorting the library browser. Instance-level scores are recomputed on the fly, never stored.
// Threading as TrackStore.
class PredictionStore
{
public:
    explicit PredictionStore(const CatalogDatabase &db);

    // Inserts or replaces scores of one model, one transaction, as written by predict run
    // `runId` (0 = no run). NotFound for an unknown key.
    CatalogError write(qint64 modelId, const QList<PredictionScore> &scores,
                       qint64 runId = 0) const;
    // Removes every score of a model.
    CatalogError clear(qint64 modelId) const;
    // Scores of a model for one clip, taxonomy order.
    CatalogResult<QList<PredictionScore>> scoresOfClip(qint64 modelId, qint64 clipId) const;
    // clip id -> score of one instrument under one model.
    CatalogResult<QHash<qint64, float>> scoresOfInstrument(qint64 modelId,
                                                           const QString &instrumentKey) const;
    CatalogResult<qint64> count(qint64 modelId) const;

    // Predict runs: a job calls beginRun, writes its batches, then finishRun. A run that never
    // finished leaves the scores it wrote, but the model's scores do not count as complete.
    // A run of one shard ("i/n") never counts for the whole library: the shard that finishes
    // last, finding nothing left unscored (MissingWork.h), records a whole run with
    // recordWholeRun.
    CatalogResult<qint64> beginRun(qint64 modelId, const QString &shard = QString()) const;
    CatalogError finishRun(qint64 runId, qint64 clips) const;
    // A finished whole-library run of the model that began at startedMs and scored `clips`.
    CatalogResult<qint64> recordWholeRun(qint64 modelId, qint64 startedMs, qint64 clips) const;
    // Clips whose scores of all `classes` instruments run `runId` wrote from features that
    // existed before the run began (`extractorId` at `extractorVersion`): what the run need not
    // score again when it is resumed. A clip whose features were written after the run began is
    // left out, so its score is redone from the features it has now.
    CatalogResult<QSet<qint64>> clipsDoneInRun(qint64 runId, int classes,
                                               const QString &extractorId,
                                               int extractorVersion) const;
    // The model's newest run of that shard ("" = of the whole library), finished or not.
    CatalogResult<std::optional<PredictionRun>> latestRun(qint64 modelId,
                                                          const QString &shard = QString()) const;
    // The earliest start of the model's shard runs begun after its newest whole run: when the
    // whole library's scoring by shards began. 0 when there is none.
    CatalogResult<qint64> shardRunsStartedMs(qint64 modelId) const;
    // The newest finished whole-library run of any model: whose scores the browser shows when
    // the active model has none yet (they are then stale).
    CatalogResult<std::optional<PredictionRun>> latestFinishedRun() const;

private:
    const CatalogDatabase &m_db;
};

} // namespace timbre::library
