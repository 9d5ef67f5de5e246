// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/CatalogError.h"
#include "core/review/ReviewTypes.h"

#include <QList>

namespace timbre::library {
class Library;
}

namespace timbre::review {

// The review queues of a library (docs/METHOD.md §11; docs/REVIEW_QUEUES.md): what the
// label editor walks, one key per entry.
//
//   auto entries = ReviewQueue::rank(lib, QueueKind::Uncertain, {});
//   if (!entries) { show(entries.error().message); return; }
//
// Scores are the model version's bag scores in `prediction` (Mean Teacher: the teacher's, as
// PredictJob stored them); the errors queue reads `heldout_prediction` (CrossFitJob). A model
// named but missing, no active model, or a model without the scores a queue needs is an error
// that says which command makes them (NotFound / InvalidArgument). Reads only: it may run on
// any thread (each thread has its own catalog connection), e.g. off the GUI thread with
// QtConcurrent; it reads what is committed (ReviewSnapshot). Speed at 100 000 clips:
// docs/BENCHMARKS.md, "Review queues".
class ReviewQueue
{
public:
    static library::CatalogResult<QList<ReviewEntry>>
    rank(const library::Library &library, QueueKind kind, const QueueOptions &options);

    // The models a queue reads: options.modelId or the active one, and for disagreement the
    // other version (options.otherModelId, else the first one's parent). Errors as rank().
    struct Models
    {
        qint64 model = 0;
        qint64 other = 0;
    };
    static library::CatalogResult<Models>
    resolveModels(const library::Library &library, QueueKind kind, const QueueOptions &options);
};

} // namespace timbre::review
