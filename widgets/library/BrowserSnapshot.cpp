// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/library/BrowserSnapshot.h"

#include "core/library/Library.h"
#include "core/library/ModelStore.h"
#include "core/library/TrackStore.h"

namespace timbre::widgets {

BrowserSnapshot BrowserSnapshot::loadBlocking(const library::Library &library)
{
    BrowserSnapshot out;
    auto shown = library::shownScores(library);
    if (!shown) {
        out.error = shown.error().message;
        return out;
    }
    out.shown = *shown;
    auto table = library::TrackTable::load(library, out.shown.modelId);
    if (!table) {
        out.error = table.error().message;
        return out;
    }
    out.table = table.take();
    out.facets = LibraryFacets::count(out.table);
    auto nameOf = [&library](qint64 id) {
        if (id <= 0)
            return QString();
        auto model = library.models().findById(id);
        return model && *model ? (*model)->name : QString();
    };
    out.shownModelName = nameOf(out.shown.modelId);
    out.activeModelName = nameOf(out.shown.activeModelId);
    auto problems = library.tracks().list(library::ScanState::Error);
    if (problems)
        out.scanProblems = *problems;
    return out;
}

} // namespace timbre::widgets
