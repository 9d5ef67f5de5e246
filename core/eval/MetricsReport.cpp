// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/eval/MetricsReport.h"

#include <QJsonArray>

#include <cmath>
#include <limits>

namespace timbre::eval {

QJsonValue jsonNumber(double value)
{
    return std::isfinite(value) ? QJsonValue(value) : QJsonValue(QJsonValue::Null);
}

double numberFromJson(const QJsonValue &value)
{
    return value.isDouble() ? value.toDouble() : std::numeric_limits<double>::quiet_NaN();
}

QJsonObject MetricsReport::toJson() const
{
    QJsonObject overall;
    overall[QStringLiteral("precision")] = jsonNumber(precision);
    overall[QStringLiteral("recall")] = jsonNumber(recall);
    overall[QStringLiteral("f1")] = jsonNumber(f1);
    overall[QStringLiteral("auroc")] = jsonNumber(auroc);
    overall[QStringLiteral("mAP")] = jsonNumber(meanAveragePrecision);
    overall[QStringLiteral("instruments_with_labels")] = instrumentsWithLabels;
    overall[QStringLiteral("instruments_with_auroc")] = instrumentsWithAuroc;
    overall[QStringLiteral("instruments_with_positives")] = instrumentsWithPositives;
    overall[QStringLiteral("bags")] = double(bags);
    overall[QStringLiteral("observed_labels")] = double(observedLabels);

    QJsonArray list;
    for (const InstrumentMetrics &m : instruments) {
        QJsonObject o;
        o[QStringLiteral("name")] = m.name;
        o[QStringLiteral("observed")] = double(m.observed);
        o[QStringLiteral("positives")] = double(m.positives);
        o[QStringLiteral("threshold")] = jsonNumber(m.threshold);
        o[QStringLiteral("tp")] = double(m.truePositives);
        o[QStringLiteral("fp")] = double(m.falsePositives);
        o[QStringLiteral("tn")] = double(m.trueNegatives);
        o[QStringLiteral("fn")] = double(m.falseNegatives);
        o[QStringLiteral("precision_pos")] = jsonNumber(m.precisionPositive);
        o[QStringLiteral("recall_pos")] = jsonNumber(m.recallPositive);
        o[QStringLiteral("f1_pos")] = jsonNumber(m.f1Positive);
        o[QStringLiteral("precision_neg")] = jsonNumber(m.precisionNegative);
        o[QStringLiteral("recall_neg")] = jsonNumber(m.recallNegative);
        o[QStringLiteral("f1_neg")] = jsonNumber(m.f1Negative);
        o[QStringLiteral("precision")] = jsonNumber(m.precision);
        o[QStringLiteral("recall")] = jsonNumber(m.recall);
        o[QStringLiteral("f1")] = jsonNumber(m.f1);
        o[QStringLiteral("auroc")] = jsonNumber(m.auroc);
        o[QStringLiteral("ap")] = jsonNumber(m.averagePrecision);
        list.append(o);
    }
    QJsonObject json;
    json[QStringLiteral("overall")] = overall;
    json[QStringLiteral("instruments")] = list;
    return json;
}

MetricsReport MetricsReport::fromJson(const QJsonObject &json)
{
    MetricsReport r;
    const QJsonObject overall = json.value(QStringLiteral("overall")).toObject();
    r.precision = numberFromJson(overall.value(QStringLiteral("precision")));
    r.recall = numberFromJson(overall.value(QStringLiteral("recall")));
    r.f1 = numberFromJson(overall.value(QStringLiteral("f1")));
    r.auroc = numberFromJson(overall.value(QStringLiteral("auroc")));
    r.meanAveragePrecision = numberFromJson(overall.value(QStringLiteral("mAP")));
    r.instrumentsWithLabels = overall.value(QStringLiteral("instruments_with_labels")).toInt();
    r.instrumentsWithAuroc = overall.value(QStringLiteral("instruments_with_auroc")).toInt();
    r.instrumentsWithPositives
            = overall.value(QStringLiteral("instruments_with_positives")).toInt();
    r.bags = int64_t(overall.value(QStringLiteral("bags")).toDouble());
    r.observedLabels = int64_t(overall.value(QStringLiteral("observed_labels")).toDouble());
    const QJsonArray list = json.value(QStringLiteral("instruments")).toArray();
    for (const QJsonValue &v : list) {
        const QJsonObject o = v.toObject();
        InstrumentMetrics m;
        m.name = o.value(QStringLiteral("name")).toString();
        m.observed = int64_t(o.value(QStringLiteral("observed")).toDouble());
        m.positives = int64_t(o.value(QStringLiteral("positives")).toDouble());
        m.threshold = numberFromJson(o.value(QStringLiteral("threshold")));
        m.truePositives = int64_t(o.value(QStringLiteral("tp")).toDouble());
        m.falsePositives = int64_t(o.value(QStringLiteral("fp")).toDouble());
        m.trueNegatives = int64_t(o.value(QStringLiteral("tn")).toDouble());
        m.falseNegatives = int64_t(o.value(QStringLiteral("fn")).toDouble());
        m.precisionPositive = numberFromJson(o.value(QStringLiteral("precision_pos")));
        m.recallPositive = numberFromJson(o.value(QStringLiteral("recall_pos")));
        m.f1Positive = numberFromJson(o.value(QStringLiteral("f1_pos")));
        m.precisionNegative = numberFromJson(o.value(QStringLiteral("precision_neg")));
        m.recallNegative = numberFromJson(o.value(QStringLiteral("recall_neg")));
        m.f1Negative = numberFromJson(o.value(QStringLiteral("f1_neg")));
        m.precision = numberFromJson(o.value(QStringLiteral("precision")));
        m.recall = numberFromJson(o.value(QStringLiteral("recall")));
        m.f1 = numberFromJson(o.value(QStringLiteral("f1")));
        m.auroc = numberFromJson(o.value(QStringLiteral("auroc")));
        m.averagePrecision = numberFromJson(o.value(QStringLiteral("ap")));
        r.instruments.push_back(m);
    }
    return r;
}

} // namespace timbre::eval
