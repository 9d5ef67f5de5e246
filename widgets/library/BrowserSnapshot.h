// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/ShownScores.h"
#include "core/library/TrackRecord.h"
#include "core/library/TrackTable.h"
#include "widgets/library/LibraryFacets.h"

#include <QList>
#include <QString>

namespace timbre::library {
class Library;
}

namespace timbre::widgets {

// Everything the library browser shows, read from the catalog in one go on a loader thread
// and handed to the GUI thread by value: the track table with the shown model's scores, which
// model that is and whether its scores are stale, the facet values, and the tracks the scan
// could not read with their errors.
struct BrowserSnapshot
{
    library::TrackTable table;
    library::ShownScores shown;
    QString shownModelName; // empty when no scores are shown
    QString activeModelName; // empty when the library has no active model
    LibraryFacets facets;
    QList<library::TrackRecord> scanProblems; // scan state "error", with errorText
    QString error; // non-empty: the catalog could not be read (the message names it)

    // Runs on any thread (the Library's stores open a connection per thread).
    static BrowserSnapshot loadBlocking(const library::Library &library);
};

} // namespace timbre::widgets
