// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/LabelTypes.h"

#include <QList>
#include <QString>

#include <cmath>
#include <optional>

namespace timbre::review {

// The review queues (docs/METHOD.md §11; docs/REVIEW_QUEUES.md).
enum class QueueKind {
    Uncertain, // unknown labels the model is least sure of, one entry per clip, diversified
    LabelErrors, // observed labels contradicted by held-out scores (confident learning)
    Disagreement, // |score_A - score_B| between two model versions, one entry per clip
    Unlabelled, // clips without any observed label
};

QString queueKindName(QueueKind kind); // "uncertain" / "errors" / "disagreement" / "unlabelled"
std::optional<QueueKind> queueKindFromName(const QString &name);

// How the per-instrument values of a clip become the clip's priority.
enum class ClipAggregate { Max, Sum };

// Order of the unlabelled queue.
enum class UnlabelledOrder {
    Library, // clip id order (the order clips were catalogued)
    Score, // highest score of any instrument first
    Uncertainty, // most uncertain instrument first (as the uncertain queue measures it)
};

// Spreading near-duplicates apart (uncertain queue): among any `window` consecutive entries of
// the diversified head, at most `perTrack` clips of one track and `perAlbum` of one album
// (artist + album tag; tracks without an album tag are not grouped). When no candidate fits,
// the best remaining one is taken anyway, so the queue never loses an entry. Only the first
// `depth` entries are diversified (at least the limit); the rest follow in priority order.
struct DiversityOptions
{
    bool enabled = true;
    int window = 20;
    int perTrack = 1;
    int perAlbum = 2;
    int depth = 1000;
};

struct QueueOptions
{
    qint64 modelId = 0; // 0 = the library's active model
    // Disagreement: the other version; 0 = modelId's parent.
    qint64 otherModelId = 0;
    int limit = 0; // entries returned; 0 = all
    double threshold = 0.5; // decision threshold of the uncertain queue
    ClipAggregate aggregate = ClipAggregate::Max; // uncertain, disagreement
    UnlabelledOrder unlabelledOrder = UnlabelledOrder::Library;
    // Test clips may be labelled (their labels measure models); the errors queue never sees
    // them (they have no held-out scores: cross-fitting runs on the training lane only).
    bool includeTestClips = true;
    DiversityOptions diversity;
};

// One entry of a queue: a clip and the instrument the editor should open it on.
struct ReviewEntry
{
    qint64 clipId = 0;
    qint64 trackId = 0;
    QString clipKey; // the clip's key, else its track's path (+ "#start-end" for a region)
    QString instrumentKey; // empty only for unlabelled clips of a model without scores
    library::LabelState currentLabel = library::LabelState::Unknown;
    float score = NAN; // the model's score (errors: the held-out score)
    float otherScore = NAN; // disagreement: the other version's score
    float threshold = NAN; // errors: the confident-learning threshold that was crossed
    double priority = 0; // what the queue sorted by, descending
};

} // namespace timbre::review
