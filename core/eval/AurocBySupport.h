// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/eval/MetricsReport.h"

#include <vector>

namespace timbre::eval {

// The mean AUROC over instruments split by how many test clips back each one (docs/METHOD.md
// §10.8). An instrument's support is the smaller of its positive and negative observed clips:
// with one positive clip its AUROC is one clip's rank, and a macro mean lets it move the
// figure as much as an instrument of a hundred clips. Instruments without an AUROC (one state
// unobserved) are in neither mean; a mean over no instrument is NaN.
struct AurocBySupport
{
    int minSupport = 5;
    double wellSupported = 0; // mean AUROC over instruments with support >= minSupport
    int wellSupportedInstruments = 0;
    double thinlySupported = 0; // over the others
    int thinlySupportedInstruments = 0;
};

AurocBySupport aurocBySupport(const std::vector<InstrumentMetrics> &instruments,
                              int minSupport = 5);

} // namespace timbre::eval
