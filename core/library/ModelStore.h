// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/CatalogError.h"

#include <QList>
#include <QString>
#include <QVariantMap>

#include <optional>

namespace timbre::library {

class CatalogDatabase;

// One row of `model`: a trained model in the registry.
struct ModelRecord
{
    qint64 id = 0;
    QString name; // unique
    QString kind; // "att", "fc", "mt-att", ...
    qint64 parentId = 0; // 0 = none
    QString extractorId;
    int extractorVersion = 0;
    QString hyperParametersJson = QStringLiteral("{}");
    qint64 labelSnapshot = 0; // LabelStore::latestBatchId() when training started
    qint64 createdMs = 0; // 0 on add() = now
    QString metricsJson = QStringLiteral("{}");
    QString checkpointFile; // relative to Library::modelsPath()
    QString note;
    bool active = false; // the one model the library follows (set with ModelStore::activate)
};

// The `model` table (model registry). Threading as TrackStore.
class ModelStore
{
public:
    explicit ModelStore(const CatalogDatabase &db);

    // Conflict if the name is taken. Returns the id.
    CatalogResult<qint64> add(const ModelRecord &model) const;
    // The row and its training history (see setHistory) in one transaction: both or neither.
    CatalogResult<qint64> add(const ModelRecord &model, const QList<QVariantMap> &history) const;
    // Replaces the model's training history: one record per finished epoch as the train job
    // reported it (key "epoch" >= 1, unique; records marked "partial" are left out). NaN
    // numbers are stored as JSON null and come back as NaN.
    CatalogError setHistory(qint64 modelId, const QList<QVariantMap> &records) const;
    // The stored records, epoch order; empty for a version trained without one.
    CatalogResult<QList<QVariantMap>> history(qint64 modelId) const;
    CatalogError setMetrics(qint64 modelId, const QString &metricsJson) const;
    CatalogError setNote(qint64 modelId, const QString &note) const;
    // Renames the model: Conflict when another model has the name, InvalidArgument when it is
    // empty, NotFound for an unknown id. The checkpoint file keeps its name (records and other
    // libraries' imports refer to it), so a model's name and its file name may differ.
    CatalogError rename(qint64 modelId, const QString &name) const;
    // Removes the model with its predictions and history (the checkpoint file is the caller's).
    CatalogError remove(qint64 modelId) const;
    // Makes the model the library's active one (and no other), one transaction.
    CatalogError activate(qint64 modelId) const;
    // The active model, if any.
    CatalogResult<std::optional<ModelRecord>> active() const;
    // Models whose parent is `modelId`, oldest first.
    CatalogResult<QList<ModelRecord>> children(qint64 modelId) const;
    CatalogResult<std::optional<ModelRecord>> findById(qint64 modelId) const;
    CatalogResult<std::optional<ModelRecord>> findByName(const QString &name) const;
    // Oldest first.
    CatalogResult<QList<ModelRecord>> list() const;

private:
    CatalogResult<QList<ModelRecord>> select(const QString &where, const QVariant &bind) const;
    CatalogError setColumn(qint64 modelId, const QString &column, const QString &value) const;

    const CatalogDatabase &m_db;
};

} // namespace timbre::library
