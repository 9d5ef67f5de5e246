// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/modelling/StarterModelImport.h"

#include "core/features/BuiltInCnn.h"
#include "core/library/Library.h"
#include "core/library/ModelStore.h"
#include "core/util/SaveFile.h"
#include "models/api/Predictor.h"

#include <QDir>
#include <QSaveFile>

namespace timbre::modelling {

bool importStarterModel(const library::Library &lib, QString *message)
{
    using features::BuiltInCnn;
    const QString name = QStringLiteral("starter-cnn-v%1").arg(BuiltInCnn::kVersion);
    auto existing = lib.models().findByName(name);
    if (!existing) {
        *message = existing.error().message;
        return false;
    }
    if (existing->has_value()) {
        *message = QStringLiteral("%1: already has the starter model (%2 %3)")
                           .arg(lib.folder())
                           .arg((*existing)->id)
                           .arg(name);
        return true;
    }
    const QString source = BuiltInCnn::starterModelFile();
    const QByteArray bytes = BuiltInCnn::readVerified(source, QString(), message);
    if (bytes.isEmpty())
        return false;
    const QString fileName = QStringLiteral("%1.ckpt").arg(name);
    const QString target = QDir(lib.modelsPath()).filePath(fileName);
    if (!QDir().mkpath(lib.modelsPath())) {
        *message = QStringLiteral("%1: cannot create the folder").arg(lib.modelsPath());
        return false;
    }
    QSaveFile file(target);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()
        || !util::commitSaveFile(file)) {
        *message = QStringLiteral("%1: cannot write (%2)").arg(target, file.errorString());
        return false;
    }
    // The checkpoint's own checks (magic, checksum, metadata) before it is registered.
    models::CheckpointInfo info;
    models::ModelError error;
    if (!models::Predictor::readInfo(target.toStdString(), &info, &error)) {
        QFile::remove(target);
        *message = QStringLiteral("%1 (copied from %2): %3")
                           .arg(target, source, QString::fromStdString(error.message));
        return false;
    }
    library::ModelRecord record;
    record.name = name;
    record.kind = QString::fromStdString(info.kind);
    record.extractorId = QString::fromStdString(info.extractorId);
    record.extractorVersion = info.extractorVersion;
    record.hyperParametersJson = QString::fromStdString(info.hyperParametersJson);
    record.metricsJson = QString::fromStdString(info.metricsJson);
    record.checkpointFile = fileName;
    // Trained on synthetic corpora, not on this library's labels: every label is "since".
    record.labelSnapshot = 0;
    record.note = QStringLiteral("starter model shipped with Timbre (scripts/starter_model.sh, "
                                 "resources/models/MODEL_CARD.md)");
    auto added = lib.models().add(record);
    if (!added) {
        QFile::remove(target);
        *message = added.error().message;
        return false;
    }
    auto active = lib.models().active();
    bool activated = false;
    if (active && !active->has_value()) {
        const library::CatalogError e = lib.models().activate(*added);
        if (e.isError()) {
            *message = e.message;
            return false;
        }
        activated = true;
    }
    *message = QStringLiteral("imported %1 %2 kind=%3 extractor=%4-v%5%6")
                       .arg(*added)
                       .arg(name, record.kind, record.extractorId)
                       .arg(record.extractorVersion)
                       .arg(activated ? QStringLiteral(" (active)") : QString());
    return true;
}

} // namespace timbre::modelling
