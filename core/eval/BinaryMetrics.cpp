// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/eval/BinaryMetrics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace timbre::eval {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double ratio(int64_t numerator, int64_t denominator)
{
    return denominator > 0 ? double(numerator) / double(denominator) : 0.0;
}

double harmonic(double p, double r)
{
    return (p + r) > 0.0 ? 2.0 * p * r / (p + r) : 0.0;
}

// Indices sorted by descending score; NaN scores sort last so that they rank below all else.
std::vector<size_t> descendingOrder(const std::vector<float> &scores)
{
    std::vector<size_t> order(scores.size());
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(order.begin(), order.end(), [&scores](size_t a, size_t b) {
        const float sa
                = std::isnan(scores[a]) ? -std::numeric_limits<float>::infinity() : scores[a];
        const float sb
                = std::isnan(scores[b]) ? -std::numeric_limits<float>::infinity() : scores[b];
        return sa > sb;
    });
    return order;
}

float rankKey(float s)
{
    return std::isnan(s) ? -std::numeric_limits<float>::infinity() : s;
}

} // namespace

BinaryCounts countAtThreshold(const std::vector<float> &scores,
                              const std::vector<uint8_t> &positive, double threshold)
{
    BinaryCounts counts;
    const size_t n = std::min(scores.size(), positive.size());
    for (size_t i = 0; i < n; ++i) {
        const bool predicted = double(scores[i]) >= threshold;
        const bool truth = positive[i] != 0;
        if (truth && predicted)
            ++counts.truePositives;
        else if (truth)
            ++counts.falseNegatives;
        else if (predicted)
            ++counts.falsePositives;
        else
            ++counts.trueNegatives;
    }
    return counts;
}

TwoClassScores twoClassScores(const BinaryCounts &c)
{
    TwoClassScores s;
    if (c.total() == 0) {
        s.precisionPositive = s.recallPositive = s.f1Positive = kNaN;
        s.precisionNegative = s.recallNegative = s.f1Negative = kNaN;
        s.precision = s.recall = s.f1 = kNaN;
        return s;
    }
    s.precisionPositive = ratio(c.truePositives, c.truePositives + c.falsePositives);
    s.recallPositive = ratio(c.truePositives, c.truePositives + c.falseNegatives);
    s.f1Positive = harmonic(s.precisionPositive, s.recallPositive);
    // The negative class's precision is the negative predictive value and its recall the
    // specificity (Sec. 2.3.2).
    s.precisionNegative = ratio(c.trueNegatives, c.trueNegatives + c.falseNegatives);
    s.recallNegative = ratio(c.trueNegatives, c.trueNegatives + c.falsePositives);
    s.f1Negative = harmonic(s.precisionNegative, s.recallNegative);

    const bool positiveTakesPart = c.positives() > 0 || c.truePositives + c.falsePositives > 0;
    const bool negativeTakesPart = c.negatives() > 0 || c.trueNegatives + c.falseNegatives > 0;
    double p = 0.0, r = 0.0, f = 0.0;
    if (positiveTakesPart) {
        p += s.precisionPositive;
        r += s.recallPositive;
        f += s.f1Positive;
        ++s.classesAveraged;
    }
    if (negativeTakesPart) {
        p += s.precisionNegative;
        r += s.recallNegative;
        f += s.f1Negative;
        ++s.classesAveraged;
    }
    s.precision = p / s.classesAveraged;
    s.recall = r / s.classesAveraged;
    s.f1 = f / s.classesAveraged;
    return s;
}

double auroc(const std::vector<float> &scores, const std::vector<uint8_t> &positive)
{
    const size_t n = std::min(scores.size(), positive.size());
    std::vector<size_t> order(n);
    std::iota(order.begin(), order.end(), size_t(0));
    std::sort(order.begin(), order.end(),
              [&scores](size_t a, size_t b) { return rankKey(scores[a]) < rankKey(scores[b]); });
    // Sum of the (average, 1-based) ranks of the positives: U = R+ - n+(n+ + 1)/2.
    double rankSumPositive = 0.0;
    int64_t nPositive = 0;
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        const float key = rankKey(scores[order[i]]);
        while (j < n && rankKey(scores[order[j]]) == key)
            ++j;
        const double averageRank = 0.5 * double(i + 1 + j); // ranks i+1 .. j
        for (size_t k = i; k < j; ++k) {
            if (positive[order[k]]) {
                rankSumPositive += averageRank;
                ++nPositive;
            }
        }
        i = j;
    }
    const int64_t nNegative = int64_t(n) - nPositive;
    if (nPositive == 0 || nNegative == 0)
        return kNaN;
    const double u = rankSumPositive - double(nPositive) * double(nPositive + 1) / 2.0;
    return u / (double(nPositive) * double(nNegative));
}

double averagePrecision(const std::vector<float> &scores, const std::vector<uint8_t> &positive)
{
    const size_t n = std::min(scores.size(), positive.size());
    int64_t totalPositive = 0;
    for (size_t i = 0; i < n; ++i)
        totalPositive += positive[i] ? 1 : 0;
    if (totalPositive == 0)
        return kNaN;
    std::vector<float> s(scores.begin(), scores.begin() + n);
    const std::vector<size_t> order = descendingOrder(s);
    double ap = 0.0;
    double previousRecall = 0.0;
    int64_t tp = 0, predicted = 0;
    size_t i = 0;
    while (i < n) {
        const float key = rankKey(s[order[i]]);
        size_t j = i;
        while (j < n && rankKey(s[order[j]]) == key) {
            tp += positive[order[j]] ? 1 : 0;
            ++predicted;
            ++j;
        }
        const double recall = double(tp) / double(totalPositive);
        const double precision = double(tp) / double(predicted);
        ap += (recall - previousRecall) * precision;
        previousRecall = recall;
        i = j;
    }
    return ap;
}

} // namespace timbre::eval
