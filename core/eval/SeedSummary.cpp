// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/eval/SeedSummary.h"

#include <cmath>
#include <limits>

namespace timbre::eval {

MeanStd SeedSummary::meanStd(const std::vector<double> &values)
{
    MeanStd r;
    double sum = 0.0;
    for (double v : values) {
        if (std::isfinite(v)) {
            sum += v;
            ++r.count;
        }
    }
    if (r.count == 0) {
        r.mean = r.std = std::numeric_limits<double>::quiet_NaN();
        return r;
    }
    r.mean = sum / r.count;
    if (r.count > 1) {
        double squares = 0.0;
        for (double v : values) {
            if (std::isfinite(v))
                squares += (v - r.mean) * (v - r.mean);
        }
        r.std = std::sqrt(squares / (r.count - 1));
    }
    return r;
}

SeedSummary::Overall SeedSummary::summarise(const std::vector<MetricsReport> &runs)
{
    std::vector<double> p, r, f, a, m;
    for (const MetricsReport &run : runs) {
        p.push_back(run.precision);
        r.push_back(run.recall);
        f.push_back(run.f1);
        a.push_back(run.auroc);
        m.push_back(run.meanAveragePrecision);
    }
    Overall o;
    o.precision = meanStd(p);
    o.recall = meanStd(r);
    o.f1 = meanStd(f);
    o.auroc = meanStd(a);
    o.meanAveragePrecision = meanStd(m);
    o.runs = int(runs.size());
    return o;
}

QJsonObject SeedSummary::toJson(const Overall &overall)
{
    auto pair = [](const MeanStd &v) {
        QJsonObject o;
        o[QStringLiteral("mean")] = jsonNumber(v.mean);
        o[QStringLiteral("std")] = jsonNumber(v.std);
        o[QStringLiteral("count")] = v.count;
        return o;
    };
    QJsonObject json;
    json[QStringLiteral("precision")] = pair(overall.precision);
    json[QStringLiteral("recall")] = pair(overall.recall);
    json[QStringLiteral("f1")] = pair(overall.f1);
    json[QStringLiteral("auroc")] = pair(overall.auroc);
    json[QStringLiteral("mAP")] = pair(overall.meanAveragePrecision);
    json[QStringLiteral("runs")] = overall.runs;
    return json;
}

} // namespace timbre::eval
