// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/overview/ModelThresholds.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace timbre::overview {

QHash<QString, double> storedThresholds(const QString &metricsJson)
{
    QHash<QString, double> out;
    const QJsonObject metrics = QJsonDocument::fromJson(metricsJson.toUtf8()).object();
    const QJsonArray instruments = metrics.value(QLatin1String("test_tuned_thresholds"))
                                           .toObject()
                                           .value(QLatin1String("instruments"))
                                           .toArray();
    for (const QJsonValue &v : instruments) {
        const QJsonObject o = v.toObject();
        const QString name = o.value(QLatin1String("name")).toString();
        const QJsonValue t = o.value(QLatin1String("threshold"));
        // A threshold outside (0, 1) would call every clip or none: not a usable decision.
        if (!name.isEmpty() && t.isDouble() && t.toDouble() > 0.0 && t.toDouble() < 1.0
            && std::isfinite(t.toDouble()))
            out.insert(name, t.toDouble());
    }
    return out;
}

} // namespace timbre::overview
