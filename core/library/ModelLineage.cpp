// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/library/ModelLineage.h"

#include "core/library/CatalogDatabase.h"
#include "core/library/Library.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

#include <algorithm>
#include <limits>

namespace timbre::library {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double number(const QJsonObject &o, const char *key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    return v.isDouble() ? v.toDouble() : kNaN;
}

void readMetrics(LineageVersion &v)
{
    const QJsonObject metrics = QJsonDocument::fromJson(v.model.metricsJson.toUtf8()).object();
    const QJsonValue seen = metrics.value(QLatin1String("labels_seen"));
    if (seen.isDouble())
        v.labelsSeen = seen.toInt();
    const QJsonValue bags = metrics.value(QLatin1String("test_bags"));
    if (bags.isDouble())
        v.testBags = bags.toInt();
    const QJsonObject overall = metrics.value(QLatin1String("test"))
                                        .toObject()
                                        .value(QLatin1String("overall"))
                                        .toObject();
    v.testAuroc = number(overall, "auroc");
    v.testF1 = number(overall, "f1");
    v.testPrecision = number(overall, "precision");
    v.testRecall = number(overall, "recall");
    v.testMap = number(overall, "mAP");
}

} // namespace

LineageVersion::LineageVersion()
    : testAuroc(kNaN), testF1(kNaN), testPrecision(kNaN), testRecall(kNaN), testMap(kNaN)
{
}

QString LineageVersion::extractorKey() const
{
    if (model.extractorId.isEmpty())
        return QString();
    return QStringLiteral("%1-v%2").arg(model.extractorId).arg(model.extractorVersion);
}

ModelLineage ModelLineage::build(const QList<ModelRecord> &models,
                                 const QMap<qint64, qint64> &changesPerBatch)
{
    ModelLineage out;
    QList<ModelRecord> sorted = models;
    std::sort(sorted.begin(), sorted.end(),
              [](const ModelRecord &a, const ModelRecord &b) { return a.id < b.id; });
    // Changes after batch b = the sum over batches > b: a suffix sum over the sorted batches.
    const QList<qint64> batches = changesPerBatch.keys();
    QList<qint64> after(batches.size() + 1, 0);
    for (int i = int(batches.size()) - 1; i >= 0; --i)
        after[i] = after[i + 1] + changesPerBatch.value(batches.at(i));
    for (const ModelRecord &m : sorted) {
        LineageVersion v;
        v.model = m;
        readMetrics(v);
        const auto first = std::upper_bound(batches.begin(), batches.end(), m.labelSnapshot);
        v.labelsChangedSince = after.at(int(first - batches.begin()));
        out.m_byId.insert(m.id, int(out.m_versions.size()));
        out.m_versions << v;
    }
    for (int i = 0; i < out.m_versions.size(); ++i) {
        LineageVersion &v = out.m_versions[i];
        const int parent = v.model.parentId > 0 ? out.m_byId.value(v.model.parentId, -1) : -1;
        if (parent >= 0 && parent != i) {
            v.parent = parent;
            out.m_versions[parent].children << i;
        }
    }
    // Walk down from the roots; a version never reached sits on a cycle of parent ids (a
    // hand-edited catalog): it becomes a root so that every version is shown once.
    QList<bool> reached(out.m_versions.size(), false);
    const auto walk = [&out, &reached](int root) {
        QList<int> stack {root};
        out.m_versions[root].depth = 0;
        while (!stack.isEmpty()) {
            const int i = stack.takeLast();
            reached[i] = true;
            for (int c : out.m_versions.at(i).children) {
                if (reached.at(c))
                    continue;
                out.m_versions[c].depth = out.m_versions.at(i).depth + 1;
                stack << c;
            }
        }
    };
    for (int i = 0; i < out.m_versions.size(); ++i)
        if (out.m_versions.at(i).parent < 0) {
            out.m_roots << i;
            walk(i);
        }
    for (int i = 0; i < out.m_versions.size(); ++i) {
        if (reached.at(i))
            continue;
        LineageVersion &v = out.m_versions[i];
        out.m_versions[v.parent].children.removeAll(i);
        v.parent = -1;
        out.m_roots << i;
        walk(i);
    }
    std::sort(out.m_roots.begin(), out.m_roots.end());
    return out;
}

CatalogResult<ModelLineage> ModelLineage::load(const Library &library)
{
    auto models = library.models().list();
    if (!models)
        return models.error();
    const CatalogDatabase &db = library.database();
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT batch_id, count(*) FROM label_history WHERE undone = 0 "
                               "GROUP BY batch_id ORDER BY batch_id")))
        return db.queryError(q, QStringLiteral("counting label changes per batch"));
    QMap<qint64, qint64> changes;
    while (q.next())
        changes.insert(q.value(0).toLongLong(), q.value(1).toLongLong());
    return build(*models, changes);
}

const LineageVersion *ModelLineage::find(qint64 modelId) const
{
    const int i = indexOf(modelId);
    return i < 0 ? nullptr : &m_versions.at(i);
}

qint64 ModelLineage::activeId() const
{
    for (const LineageVersion &v : m_versions)
        if (v.model.active)
            return v.model.id;
    return 0;
}

} // namespace timbre::library
