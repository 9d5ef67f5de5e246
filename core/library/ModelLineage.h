// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/CatalogError.h"
#include "core/library/ModelStore.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QString>

namespace timbre::library {

class Library;

// One model version as the lineage shows it: its catalog row plus what its metrics JSON and
// the label history say about it.
struct LineageVersion
{
    ModelRecord model;
    int parent = -1; // index in ModelLineage::versions(); -1 = a root
    QList<int> children; // indices, oldest first
    int depth = 0; // 0 for a root

    // metricsJson "labels_seen" (known label cells of its training set); -1 = not recorded.
    int labelsSeen = -1;
    // Label changes (not undone) recorded after its label snapshot.
    qint64 labelsChangedSince = 0;
    // metricsJson "test" -> "overall" (NaN = not recorded or undefined) and "test_bags"
    // (-1 = not recorded).
    double testAuroc;
    double testF1;
    double testPrecision;
    double testRecall;
    double testMap;
    int testBags = -1;

    LineageVersion();
    // "<extractor id>-v<version>", or "" when the row names no extractor.
    QString extractorKey() const;
};

// The model versions of a library as a tree (parent -> child), each with the numbers the
// lineage view shows. A version whose parent is gone (deleted: the catalog sets parent_id to
// NULL, or a row pointing at a missing id) is a root. Plain data: load it on a worker thread,
// hand it to the GUI thread.
class ModelLineage
{
public:
    // Reads the model table and the label history (one grouped query for every version's
    // "changed since"). Blocking: call it off the GUI thread.
    static CatalogResult<ModelLineage> load(const Library &library);
    // The tree of `models` (any order) given the non-undone label changes per batch id.
    static ModelLineage build(const QList<ModelRecord> &models,
                              const QMap<qint64, qint64> &changesPerBatch);

    const QList<LineageVersion> &versions() const { return m_versions; }
    // Indices of the roots, oldest first.
    const QList<int> &roots() const { return m_roots; }
    // -1 when there is no version with that id.
    int indexOf(qint64 modelId) const { return m_byId.value(modelId, -1); }
    const LineageVersion *find(qint64 modelId) const;
    // Id of the active version, 0 when none.
    qint64 activeId() const;
    int size() const { return int(m_versions.size()); }

private:
    QList<LineageVersion> m_versions; // oldest first (by id)
    QList<int> m_roots;
    QHash<qint64, int> m_byId;
};

} // namespace timbre::library
