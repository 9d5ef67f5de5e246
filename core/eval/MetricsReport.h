// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace timbre::eval {

// The thesis' metrics for one instrument over its observed labels (Sec. 2.3.2). Fields that are
// undefined for the data hold NaN: everything when no label of the instrument is observed,
// AUROC when only one class is observed, average precision when no positive is observed.
struct InstrumentMetrics
{
    QString name;
    int64_t observed = 0; // observed labels of this instrument
    int64_t positives = 0; // observed positives
    double threshold = 0.5;
    int64_t truePositives = 0, falsePositives = 0, trueNegatives = 0, falseNegatives = 0;
    double precisionPositive = 0, recallPositive = 0, f1Positive = 0;
    double precisionNegative = 0, recallNegative = 0, f1Negative = 0;
    double precision = 0, recall = 0, f1 = 0; // macro over the two classes
    double auroc = 0;
    double averagePrecision = 0;
};

// Per-instrument metrics and their means over instruments ("overall" precision, recall and F1,
// mean AUROC, mAP). Each mean skips the instruments whose value is NaN and says how many took
// part, so an instrument without observed test labels cannot drag a mean to NaN or to 0.
struct MetricsReport
{
    std::vector<InstrumentMetrics> instruments;
    double precision = 0; // overall = mean over instruments
    double recall = 0;
    double f1 = 0;
    double auroc = 0;
    double meanAveragePrecision = 0;
    int instrumentsWithLabels = 0; // used by precision/recall/F1
    int instrumentsWithAuroc = 0; // both classes observed
    int instrumentsWithPositives = 0; // used by mAP
    int64_t bags = 0;
    int64_t observedLabels = 0;

    // NaN becomes null (JSON has no NaN). Keys: "overall" {precision, recall, f1, auroc, mAP,
    // counts} and "instruments" [{name, observed, positives, threshold, tp, fp, tn, fn,
    // precision_pos, ..., auroc, ap}].
    QJsonObject toJson() const;
    static MetricsReport fromJson(const QJsonObject &json);
};

// A double for JSON: NaN and infinities become null.
QJsonValue jsonNumber(double value);
// Inverse of jsonNumber: null (or anything not a number) becomes NaN.
double numberFromJson(const QJsonValue &value);

} // namespace timbre::eval
