// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/eval/MetricsReport.h"

#include <QJsonObject>

#include <vector>

namespace timbre::eval {

struct MeanStd
{
    double mean = 0.0;
    double std = 0.0; // sample standard deviation (n - 1); 0 for a single value
    int count = 0; // finite values used
};

// Mean and sample standard deviation over seeds (docs/METHOD.md §10.2). NaN values are
// skipped; with none left, mean and std are NaN.
class SeedSummary
{
public:
    static MeanStd meanStd(const std::vector<double> &values);

    // Overall precision, recall, F1, AUROC and mAP of several runs, each as mean ± std.
    struct Overall
    {
        MeanStd precision, recall, f1, auroc, meanAveragePrecision;
        int runs = 0;
    };
    static Overall summarise(const std::vector<MetricsReport> &runs);

    static QJsonObject toJson(const Overall &overall);
};

} // namespace timbre::eval
