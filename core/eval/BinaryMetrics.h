// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <cstdint>
#include <vector>

namespace timbre::eval {

// Confusion counts of one binary decision (one instrument) over a set of observed labels.
struct BinaryCounts
{
    int64_t truePositives = 0;
    int64_t falsePositives = 0;
    int64_t trueNegatives = 0;
    int64_t falseNegatives = 0;

    int64_t total() const
    {
        return truePositives + falsePositives + trueNegatives + falseNegatives;
    }
    int64_t positives() const { return truePositives + falseNegatives; }
    int64_t negatives() const { return trueNegatives + falsePositives; }
};

// Precision, recall and F1 of the positive class, of the negative class, and their macro
// average over the two classes (thesis Sec. 2.3.2: "the metrics are computed for both classes
// separately ... averaged to obtain a macro-averaged F1-score per instrument").
//
// Undefined ratios follow scikit-learn's precision_recall_fscore_support(average='macro')
// with its default zero_division: a ratio whose denominator is 0 counts as 0, and the macro
// average runs over the classes that occur in the truth or in the predictions. So an
// instrument whose observed labels are all negative and which the model never calls present
// scores 1 (only the negative class takes part); if it calls one of them present, the
// positive class joins with precision 0 and recall 0. With no labels at all every field is NaN.
struct TwoClassScores
{
    double precisionPositive = 0.0;
    double recallPositive = 0.0;
    double f1Positive = 0.0;
    double precisionNegative = 0.0;
    double recallNegative = 0.0;
    double f1Negative = 0.0;
    double precision = 0.0; // macro over the classes taking part
    double recall = 0.0;
    double f1 = 0.0;
    int classesAveraged = 0; // 0, 1 or 2
};

// A label is positive when `positive[i] != 0`; a prediction is positive when
// `scores[i] >= threshold` (so a score of exactly 0.5 is a "present" call at the default).
BinaryCounts countAtThreshold(const std::vector<float> &scores,
                              const std::vector<uint8_t> &positive, double threshold);

TwoClassScores twoClassScores(const BinaryCounts &counts);

// Area under the ROC curve as the Mann-Whitney statistic: the probability that a random
// positive scores above a random negative, ties counting one half (average ranks). NaN when
// either class is missing.
double auroc(const std::vector<float> &scores, const std::vector<uint8_t> &positive);

// Average precision, sum over distinct score thresholds (descending) of
// (R_n - R_{n-1}) * P_n, tied scores forming one threshold (scikit-learn's
// average_precision_score). NaN when there is no positive.
double averagePrecision(const std::vector<float> &scores, const std::vector<uint8_t> &positive);

} // namespace timbre::eval
