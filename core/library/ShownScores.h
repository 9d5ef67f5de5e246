// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/CatalogError.h"

namespace timbre::library {

class Library;

// Which model's bag scores the library browser shows, and whether they are stale.
struct ShownScores
{
    qint64 modelId = 0; // whose scores to show; 0 = none to show
    qint64 runId = 0; // the finished predict run they come from; 0 = none
    qint64 activeModelId = 0; // 0 = the library has no active model
    // The scores are another model's than the active one (the active model changed and has no
    // finished predict run yet): show them marked as stale, and offer a predict job.
    bool stale = false;
    // The active model's newest run never finished (running, cancelled or killed): part of its
    // scores may be newer than `runId`'s.
    bool activeRunUnfinished = false;

    bool hasScores() const { return modelId != 0; }
};

// The active model's scores when it has a finished predict run; otherwise the newest finished
// run of any other model, marked stale; otherwise none. One limitation of the catalog's
// queries: when the active model's newest run is unfinished, an older finished run of it is
// found only if it is also the newest finished run of all models.
CatalogResult<ShownScores> shownScores(const Library &library);

} // namespace timbre::library
