// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/CatalogError.h"

#include <QList>
#include <QString>

#include <optional>

namespace timbre::library {

class CatalogDatabase;

// One cross-fitted score: the clip was in held-out fold `fold` when it was scored.
struct HeldoutScore
{
    qint64 clipId = 0;
    QString instrumentKey;
    float score = 0; // probability in [0, 1]
    int fold = 0;
};

// A finished cross-fit of a model version (`heldout_run`).
struct HeldoutRun
{
    qint64 modelId = 0;
    int folds = 0;
    qint64 labelSnapshot = 0; // the label_batch id the folds' training read
    qint64 clips = 0; // clips scored
    qint64 finishedMs = 0;
    QString detailsJson = QStringLiteral("{}");
};

// The `heldout_prediction` and `heldout_run` tables (schema 3): scores each labelled clip got
// from a model trained without it, which the "likely label errors" queue needs (confident
// learning judges a label on out-of-sample scores; a model scoring clips it was trained on
// agrees with their labels, wrong ones included). Threading as TrackStore.
class HeldoutPredictionStore
{
public:
    explicit HeldoutPredictionStore(const CatalogDatabase &db);

    // Replaces every held-out score and the run record of run.modelId in ONE transaction: a
    // failure (unknown instrument key -> NotFound, unknown model -> QueryFailed) keeps the
    // previous ones whole.
    CatalogError replace(const HeldoutRun &run, const QList<HeldoutScore> &scores) const;
    // Scores of one model, by clip id then taxonomy order.
    CatalogResult<QList<HeldoutScore>> scores(qint64 modelId) const;
    CatalogResult<std::optional<HeldoutRun>> run(qint64 modelId) const;
    CatalogResult<qint64> count(qint64 modelId) const;

private:
    const CatalogDatabase &m_db;
};

} // namespace timbre::library
