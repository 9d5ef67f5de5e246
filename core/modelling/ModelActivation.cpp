// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/modelling/ModelActivation.h"

#include "core/library/Library.h"
#include "core/library/ModelFiles.h"
#include "core/library/ModelStore.h"

#include "models/api/Predictor.h"

namespace timbre::modelling {

library::CatalogError activateIfLoadable(const library::Library &lib, qint64 modelId)
{
    using library::CatalogError;
    auto found = lib.models().findById(modelId);
    if (!found)
        return found.error();
    if (!found->has_value())
        return CatalogError::make(CatalogError::NotFound, lib.folder(),
                                  QStringLiteral("%1: no model version %2")
                                          .arg(lib.folder())
                                          .arg(modelId));
    const library::ModelRecord &model = **found;
    const QString path = library::ModelFiles(lib).checkpointPath(model);
    if (path.isEmpty())
        return CatalogError::make(CatalogError::InvalidArgument, lib.folder(),
                                  QStringLiteral("%1: version \u201C%2\u201D names no model file")
                                          .arg(lib.folder(), model.name));
    models::ModelError error;
    if (!models::Predictor::load(path.toStdString(), &error)) {
        // The loader's message starts by naming the checkpoint again.
        QString why = QString::fromStdString(error.message);
        const QString named = QStringLiteral("checkpoint %1: ").arg(path);
        if (why.startsWith(named))
            why = why.mid(named.size());
        return CatalogError::make(CatalogError::InvalidArgument, path,
                                  QStringLiteral("%1: the model file does not load (%2); the "
                                                 "active version is unchanged")
                                          .arg(path, why));
    }
    return lib.models().activate(modelId);
}

} // namespace timbre::modelling
