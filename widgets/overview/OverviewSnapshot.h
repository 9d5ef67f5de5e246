// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/ShownScores.h"
#include "core/overview/Agreement.h"
#include "core/overview/InstrumentationStats.h"

#include <QString>

namespace timbre::library {
class Library;
}

namespace timbre::widgets {

// What the instrumentation overview shows, read on a loader thread and handed over by value:
// the counts over the scores the library browser shows (the active model's, or another's
// marked stale, library::shownScores), so that a click on any bar lists in the browser exactly
// the clips the bar counts; the thresholds the model stores, else 0.5.
struct OverviewSnapshot
{
    overview::InstrumentationStats stats;
    library::ShownScores shown;
    QString modelName; // empty when no scores are shown
    bool storedThresholds = false; // the model stores its own (tuned) thresholds
    // How the annotators agree, per instrument in taxonomy order (core/overview/Agreement.h).
    QList<overview::InstrumentAgreement> agreement;
    QString error; // non-empty: the catalog could not be read (the message names it)

    // Runs on any thread (the Library's stores open a connection per thread).
    static OverviewSnapshot loadBlocking(const library::Library &library);
};

} // namespace timbre::widgets
