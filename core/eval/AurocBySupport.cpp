// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/eval/AurocBySupport.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace timbre::eval {

AurocBySupport aurocBySupport(const std::vector<InstrumentMetrics> &instruments, int minSupport)
{
    AurocBySupport r;
    r.minSupport = minSupport;
    double well = 0, thin = 0;
    for (const InstrumentMetrics &m : instruments) {
        if (!std::isfinite(m.auroc))
            continue;
        const int64_t support = std::min(m.positives, m.observed - m.positives);
        if (support >= minSupport) {
            well += m.auroc;
            ++r.wellSupportedInstruments;
        } else {
            thin += m.auroc;
            ++r.thinlySupportedInstruments;
        }
    }
    const double nan = std::numeric_limits<double>::quiet_NaN();
    r.wellSupported = r.wellSupportedInstruments ? well / r.wellSupportedInstruments : nan;
    r.thinlySupported = r.thinlySupportedInstruments ? thin / r.thinlySupportedInstruments : nan;
    return r;
}

} // namespace timbre::eval
