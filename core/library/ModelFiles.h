// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/CatalogError.h"
#include "core/library/ModelStore.h"

#include <QString>
#include <QStringList>

namespace timbre::library {

class Library;

// What removing a version did. When `error` is set nothing changed; otherwise the row (and its
// predictions) is gone and `problems` lists the files that could not be removed, one line each
// naming the file.
struct ModelRemoval
{
    CatalogError error;
    QString name;
    QStringList removedFiles; // absolute paths
    QStringList problems;
};

// The files of model versions under Library::modelsPath(): the checkpoint a row names and its
// sidecars ("<checkpoint>.<suffix>", e.g. the ".tmp" an interrupted save leaves), for the
// lineage's delete and export. Every message names the file or the catalog concerned.
// Blocking file and catalog work: call it off the GUI thread.
class ModelFiles
{
public:
    explicit ModelFiles(const Library &library);

    // The absolute checkpoint path of `model`; empty when the row names none or a path that
    // would leave the models folder (absolute, ".."), which this class never touches.
    QString checkpointPath(const ModelRecord &model) const;
    // Existing sidecar files of the checkpoint (absolute paths, sorted).
    QStringList sidecarFiles(const ModelRecord &model) const;

    // Removes the version: refuses the active one (InvalidArgument); removes the row with its
    // predictions (ModelStore::remove) and then its checkpoint and sidecars. A checkpoint file
    // another row also names is kept.
    ModelRemoval remove(qint64 modelId) const;

    // Copies the version's checkpoint to `target` through a temporary file renamed into place,
    // so `target` is either the old file or the whole copy. An existing `target` is an error
    // (Conflict) unless `overwrite` (the user confirmed it); the checkpoint itself can never
    // be the target.
    CatalogError exportCheckpoint(qint64 modelId, const QString &target, bool overwrite) const;

    // Copies `source` to `target` atomically (QSaveFile): Io naming the file that failed.
    static CatalogError copyFile(const QString &source, const QString &target);

private:
    CatalogResult<ModelRecord> record(qint64 modelId) const;

    const Library &m_library;
};

} // namespace timbre::library
