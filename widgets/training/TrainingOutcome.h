// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QCoreApplication>
#include <QString>
#include <QVariantMap>

#include <limits>

namespace timbre::widgets {

// A version's overall test metrics (its metricsJson's "test" "overall"); NaN = undefined.
struct TestMetrics
{
    QString name;
    double auroc = std::numeric_limits<double>::quiet_NaN();
    double f1 = std::numeric_limits<double>::quiet_NaN();
    double precision = std::numeric_limits<double>::quiet_NaN();
    double recall = std::numeric_limits<double>::quiet_NaN();
    double map = std::numeric_limits<double>::quiet_NaN();
    bool known = false;

    // From a ModelRecord's metricsJson (unknown when it has no test metrics).
    static TestMetrics fromMetricsJson(const QString &name, const QString &metricsJson);
};

// What the training panel says when a run ends (rich text, names escaped).
class TrainingOutcome
{
    Q_DECLARE_TR_FUNCTIONS(timbre::widgets::TrainingOutcome)
public:
    // A cancelled run: what was kept (the cancelled() result's "keptEpoch", "name") or that
    // nothing was (cancelled before its first epoch finished). `plannedEpochs` <= 0 = unknown;
    // `validated`: the run had a validation split (the kept epoch is its best there).
    static QString cancelled(const QVariantMap &partial, int plannedEpochs, bool validated);
    // A finished run (TrainJob's result keys): the new version, its test metrics beside its
    // parent's (when known), and whether it became active and why.
    static QString finished(const QVariantMap &result, const TestMetrics &parent);
    static QString failed(const QString &error);
    // "m:ss" or "h:mm:ss".
    static QString duration(double seconds);
};

} // namespace timbre::widgets
