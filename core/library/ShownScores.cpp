// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/library/ShownScores.h"

#include "core/library/Library.h"
#include "core/library/ModelStore.h"
#include "core/library/PredictionStore.h"

namespace timbre::library {

CatalogResult<ShownScores> shownScores(const Library &library)
{
    ShownScores shown;
    auto active = library.models().active();
    if (!active)
        return active.error();
    if (*active) {
        shown.activeModelId = (*active)->id;
        auto run = library.predictions().latestRun(shown.activeModelId);
        if (!run)
            return run.error();
        if (*run && (*run)->finishedMs > 0) {
            shown.modelId = shown.activeModelId;
            shown.runId = (*run)->id;
            return shown;
        }
        shown.activeRunUnfinished = run->has_value();
    }
    auto newest = library.predictions().latestFinishedRun();
    if (!newest)
        return newest.error();
    if (!*newest)
        return shown;
    shown.modelId = (*newest)->modelId;
    shown.runId = (*newest)->id;
    // With no active model there is nothing newer to be stale against.
    shown.stale = shown.activeModelId != 0 && shown.modelId != shown.activeModelId;
    return shown;
}

} // namespace timbre::library
