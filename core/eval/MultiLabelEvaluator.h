// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/eval/MetricsReport.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace timbre::eval {

// Scores and labels of `rows` bags for `classes` instruments, row-major [rows x classes].
struct ScoreTable
{
    int64_t rows = 0;
    int classes = 0;
    std::vector<float> scores; // predicted probability per bag and instrument
    std::vector<float> labels; // >= 0.5 means present (OpenMIC's Y_true convention)
    std::vector<uint8_t> observed; // non-zero = label known; empty = every label known
    QStringList classNames; // optional; "class<i>" when empty

    // Empty when the sizes agree, otherwise what is wrong.
    QString validate() const;
    bool isObserved(int64_t row, int c) const
    {
        return observed.empty() || observed[size_t(row) * size_t(classes) + size_t(c)] != 0;
    }
};

struct EvaluationOptions
{
    double threshold = 0.5; // the thesis' decision threshold (Sec. 2.3.2)
    std::vector<double> thresholds; // one per instrument (tuned on validation); wins when set
};

// The thesis' evaluation (Sec. 2.3.2): per instrument, on the OBSERVED labels only, precision,
// recall and F1 of the positive and of the negative class, macro-averaged over the two classes;
// overall = mean over instruments; AUROC per instrument and its mean; average precision and
// mAP. See BinaryMetrics.h for the edge cases.
class MultiLabelEvaluator
{
public:
    // An invalid table (ScoreTable::validate() non-empty) gives an empty report whose overall
    // values are NaN.
    static MetricsReport evaluate(const ScoreTable &table, const EvaluationOptions &options = {});

    // Per-instrument thresholds maximising the instrument's macro F1 on `validation` (its
    // observed labels). Candidates lie halfway between consecutive distinct scores, so a tuned
    // threshold never sits exactly on a validation score; ties go to the candidate nearest
    // `fallback`. Instruments with no observed label, or only one observed class, keep
    // `fallback`. An invalid table gives `classes` copies of `fallback`.
    static std::vector<double> tuneThresholds(const ScoreTable &validation, double fallback = 0.5);

    // The observed scores and 0/1 truths of one instrument.
    static void observedColumn(const ScoreTable &table, int c, std::vector<float> *scores,
                               std::vector<uint8_t> *positive);
};

} // namespace timbre::eval
