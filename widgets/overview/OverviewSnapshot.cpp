// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/overview/OverviewSnapshot.h"

#include "core/library/Library.h"
#include "core/library/ModelStore.h"
#include "core/overview/ModelThresholds.h"

namespace timbre::widgets {

OverviewSnapshot OverviewSnapshot::loadBlocking(const library::Library &library)
{
    OverviewSnapshot out;
    auto shown = library::shownScores(library);
    if (!shown) {
        out.error = shown.error().message;
        return out;
    }
    out.shown = *shown;
    QHash<QString, double> thresholds;
    if (out.shown.modelId > 0) {
        auto model = library.models().findById(out.shown.modelId);
        if (!model) {
            out.error = model.error().message;
            return out;
        }
        if (*model) {
            out.modelName = (*model)->name;
            thresholds = overview::storedThresholds((*model)->metricsJson);
            out.storedThresholds = !thresholds.isEmpty();
        }
    }
    auto stats = overview::InstrumentationStats::loadBlocking(library, out.shown.modelId,
                                                              thresholds);
    if (!stats) {
        out.error = stats.error().message;
        return out;
    }
    out.stats = stats.take();
    auto agreement = overview::measureAgreement(library);
    if (!agreement) {
        out.error = agreement.error().message;
        return out;
    }
    out.agreement = agreement.take();
    return out;
}

} // namespace timbre::widgets
