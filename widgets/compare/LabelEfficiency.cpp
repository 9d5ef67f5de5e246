// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/compare/LabelEfficiency.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <cmath>
#include <limits>

namespace timbre::widgets {

std::optional<qint64> LabelEfficiency::labelsSeen(const QString &metricsJson)
{
    const QJsonValue v = QJsonDocument::fromJson(metricsJson.toUtf8())
                                 .object()
                                 .value(QStringLiteral("labels_seen"));
    if (!v.isDouble())
        return std::nullopt;
    return qint64(v.toDouble());
}

double LabelEfficiency::testAuroc(const QString &metricsJson)
{
    // Train jobs store MetricsReport::toJson() under "test"; starter models their checkpoint's
    // "test_overall". Values above 1 are percent (as `timbre models` reads them).
    const QJsonObject o = QJsonDocument::fromJson(metricsJson.toUtf8()).object();
    for (const QJsonObject &where :
         {o.value(QStringLiteral("test")).toObject().value(QStringLiteral("overall")).toObject(),
          o.value(QStringLiteral("test_overall")).toObject(),
          o.value(QStringLiteral("test")).toObject(), o.value(QStringLiteral("overall")).toObject(),
          o}) {
        const QJsonValue v = where.value(QStringLiteral("auroc"));
        if (v.isDouble()) {
            const double x = v.toDouble();
            return x > 1.0 ? x / 100.0 : x;
        }
    }
    return std::numeric_limits<double>::quiet_NaN();
}

LabelEfficiency LabelEfficiency::compute(const QList<library::ModelRecord> &versions,
                                         const QList<qint64> &chosen)
{
    LabelEfficiency out;
    QHash<qint64, const library::ModelRecord *> byId;
    for (const library::ModelRecord &m : versions)
        byId.insert(m.id, &m);
    QSet<qint64> lineage;
    for (qint64 id : chosen) {
        const library::ModelRecord *m = byId.value(id);
        if (!m)
            continue;
        QList<const library::ModelRecord *> chain;
        QSet<qint64> seen; // a corrupt catalog could loop
        for (const library::ModelRecord *at = m; at && !seen.contains(at->id);
             at = byId.value(at->parentId)) {
            seen.insert(at->id);
            chain.prepend(at);
        }
        Line line;
        line.modelId = m->id;
        line.name = m->name;
        for (const library::ModelRecord *at : chain) {
            const bool counted = !lineage.contains(at->id);
            lineage.insert(at->id);
            const std::optional<qint64> labels = labelsSeen(at->metricsJson);
            const double auroc = testAuroc(at->metricsJson);
            if (!labels) {
                if (counted)
                    out.withoutLabelsSeen << at->name;
                continue;
            }
            if (std::isnan(auroc)) {
                if (counted)
                    out.withoutAuroc << at->name;
                continue;
            }
            line.points << Point {at->id, at->name, *labels, auroc};
        }
        out.lines << line;
    }
    out.lineageVersions = int(lineage.size());
    return out;
}

} // namespace timbre::widgets
