// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/jobs/TrainActivation.h"

#include "core/eval/MetricsReport.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace timbre::jobs {

namespace {

QString percent(double v)
{
    return QString::number(100.0 * v, 'f', 2);
}

} // namespace

const QStringList &TrainActivation::policies()
{
    static const QStringList all
            = {QStringLiteral("always"), QStringLiteral("never"), QStringLiteral("if-better")};
    return all;
}

double TrainActivation::storedTestAuroc(const library::ModelRecord &model)
{
    const QJsonObject metrics = QJsonDocument::fromJson(model.metricsJson.toUtf8()).object();
    return eval::numberFromJson(metrics.value(QStringLiteral("test"))
                                        .toObject()
                                        .value(QStringLiteral("overall"))
                                        .toObject()
                                        .value(QStringLiteral("auroc")));
}

ActivationDecision TrainActivation::decide(const QString &policy, double newTestAuroc,
                                           const std::optional<library::ModelRecord> &active)
{
    if (policy == QLatin1String("always"))
        return {true, QStringLiteral("activated: every new version becomes the active one")};
    if (policy != QLatin1String("if-better"))
        return {false, QStringLiteral("not activated: new versions are not made active")};
    if (!active)
        return {true, QStringLiteral("activated: no version was active")};
    if (!std::isfinite(newTestAuroc))
        return {false,
                QStringLiteral("not activated: the new version has no test AUROC to compare "
                               "(no labelled test clips); '%1' stays active")
                        .arg(active->name)};
    const double activeAuroc = storedTestAuroc(*active);
    if (!std::isfinite(activeAuroc))
        return {true,
                QStringLiteral("activated: the active version '%1' has no test AUROC on this "
                               "library to compare with")
                        .arg(active->name)};
    if (newTestAuroc > activeAuroc)
        return {true,
                QStringLiteral("activated: test AUROC %1 is higher than the %2 of '%3'")
                        .arg(percent(newTestAuroc), percent(activeAuroc), active->name)};
    return {false,
            QStringLiteral("not activated: test AUROC %1 is not higher than the %2 of "
                           "the active version '%3'")
                    .arg(percent(newTestAuroc), percent(activeAuroc), active->name)};
}

} // namespace timbre::jobs
