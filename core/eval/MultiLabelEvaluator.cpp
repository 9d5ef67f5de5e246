// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/eval/MultiLabelEvaluator.h"

#include "core/eval/BinaryMetrics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace timbre::eval {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double meanOfFinite(const std::vector<double> &values, int *count)
{
    double sum = 0.0;
    int n = 0;
    for (double v : values) {
        if (std::isfinite(v)) {
            sum += v;
            ++n;
        }
    }
    if (count)
        *count = n;
    return n > 0 ? sum / n : kNaN;
}

} // namespace

QString ScoreTable::validate() const
{
    if (rows < 0 || classes <= 0)
        return QStringLiteral("score table has %1 rows and %2 classes").arg(rows).arg(classes);
    const size_t cells = size_t(rows) * size_t(classes);
    if (scores.size() != cells)
        return QStringLiteral("score table: %1 scores for %2 x %3 cells")
                .arg(scores.size())
                .arg(rows)
                .arg(classes);
    if (labels.size() != cells)
        return QStringLiteral("score table: %1 labels for %2 x %3 cells")
                .arg(labels.size())
                .arg(rows)
                .arg(classes);
    if (!observed.empty() && observed.size() != cells)
        return QStringLiteral("score table: %1 observed flags for %2 x %3 cells")
                .arg(observed.size())
                .arg(rows)
                .arg(classes);
    if (!classNames.isEmpty() && classNames.size() != classes)
        return QStringLiteral("score table: %1 class names for %2 classes")
                .arg(classNames.size())
                .arg(classes);
    return {};
}

void MultiLabelEvaluator::observedColumn(const ScoreTable &table, int c, std::vector<float> *scores,
                                         std::vector<uint8_t> *positive)
{
    scores->clear();
    positive->clear();
    for (int64_t r = 0; r < table.rows; ++r) {
        if (!table.isObserved(r, c))
            continue;
        const size_t i = size_t(r) * size_t(table.classes) + size_t(c);
        scores->push_back(table.scores[i]);
        positive->push_back(table.labels[i] >= 0.5f ? 1 : 0);
    }
}

MetricsReport MultiLabelEvaluator::evaluate(const ScoreTable &table,
                                            const EvaluationOptions &options)
{
    MetricsReport report;
    if (!table.validate().isEmpty()) {
        report.precision = report.recall = report.f1 = report.auroc = kNaN;
        report.meanAveragePrecision = kNaN;
        return report;
    }
    report.bags = table.rows;
    std::vector<double> precisions, recalls, f1s, aurocs, aps;
    std::vector<float> scores;
    std::vector<uint8_t> positive;
    for (int c = 0; c < table.classes; ++c) {
        observedColumn(table, c, &scores, &positive);
        InstrumentMetrics m;
        m.name = table.classNames.isEmpty() ? QStringLiteral("class%1").arg(c)
                                            : table.classNames.at(c);
        m.threshold = size_t(c) < options.thresholds.size() ? options.thresholds[size_t(c)]
                                                            : options.threshold;
        m.observed = int64_t(scores.size());
        m.positives = std::count(positive.begin(), positive.end(), uint8_t(1));
        const BinaryCounts counts = countAtThreshold(scores, positive, m.threshold);
        m.truePositives = counts.truePositives;
        m.falsePositives = counts.falsePositives;
        m.trueNegatives = counts.trueNegatives;
        m.falseNegatives = counts.falseNegatives;
        const TwoClassScores s = twoClassScores(counts);
        m.precisionPositive = s.precisionPositive;
        m.recallPositive = s.recallPositive;
        m.f1Positive = s.f1Positive;
        m.precisionNegative = s.precisionNegative;
        m.recallNegative = s.recallNegative;
        m.f1Negative = s.f1Negative;
        m.precision = s.precision;
        m.recall = s.recall;
        m.f1 = s.f1;
        m.auroc = auroc(scores, positive);
        m.averagePrecision = averagePrecision(scores, positive);
        report.observedLabels += m.observed;
        precisions.push_back(m.precision);
        recalls.push_back(m.recall);
        f1s.push_back(m.f1);
        aurocs.push_back(m.auroc);
        aps.push_back(m.averagePrecision);
        report.instruments.push_back(m);
    }
    report.precision = meanOfFinite(precisions, &report.instrumentsWithLabels);
    report.recall = meanOfFinite(recalls, nullptr);
    report.f1 = meanOfFinite(f1s, nullptr);
    report.auroc = meanOfFinite(aurocs, &report.instrumentsWithAuroc);
    report.meanAveragePrecision = meanOfFinite(aps, &report.instrumentsWithPositives);
    return report;
}

std::vector<double> MultiLabelEvaluator::tuneThresholds(const ScoreTable &validation,
                                                        double fallback)
{
    std::vector<double> thresholds(size_t(std::max(validation.classes, 0)), fallback);
    if (!validation.validate().isEmpty())
        return thresholds;
    std::vector<float> scores;
    std::vector<uint8_t> positive;
    for (int c = 0; c < validation.classes; ++c) {
        observedColumn(validation, c, &scores, &positive);
        const int64_t n = int64_t(scores.size());
        const int64_t totalPositive = std::count(positive.begin(), positive.end(), uint8_t(1));
        if (n == 0 || totalPositive == 0 || totalPositive == n)
            continue;
        std::vector<size_t> order(static_cast<size_t>(n));
        std::iota(order.begin(), order.end(), size_t(0));
        std::sort(order.begin(), order.end(),
                  [&scores](size_t a, size_t b) { return scores[a] > scores[b]; });
        // Sweep: after taking the k highest groups of equal scores as "present", the counts
        // are known without another pass, so each candidate costs O(1).
        BinaryCounts counts;
        counts.falseNegatives = totalPositive;
        counts.trueNegatives = n - totalPositive;
        const double top = double(scores[order[0]]);
        double bestThreshold = top < 1.0 ? 0.5 * (top + 1.0) : std::nextafter(top, 2.0);
        double bestF1 = twoClassScores(counts).f1;
        auto consider = [&](double threshold) {
            const double f1 = twoClassScores(counts).f1;
            const bool better = f1 > bestF1 + 1e-12
                    || (std::abs(f1 - bestF1) <= 1e-12
                        && std::abs(threshold - fallback) < std::abs(bestThreshold - fallback));
            if (better) {
                bestF1 = f1;
                bestThreshold = threshold;
            }
        };
        size_t i = 0;
        while (i < size_t(n)) {
            const float value = scores[order[i]];
            size_t j = i;
            while (j < size_t(n) && scores[order[j]] == value) {
                if (positive[order[j]]) {
                    ++counts.truePositives;
                    --counts.falseNegatives;
                } else {
                    ++counts.falsePositives;
                    --counts.trueNegatives;
                }
                ++j;
            }
            const double next = j < size_t(n) ? double(scores[order[j]]) : 0.0;
            const double threshold = j < size_t(n) ? 0.5 * (double(value) + next)
                                                   : std::min(double(value), 0.5 * double(value));
            consider(threshold);
            i = j;
        }
        thresholds[size_t(c)] = bestThreshold;
    }
    return thresholds;
}

} // namespace timbre::eval
