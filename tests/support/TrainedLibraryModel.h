// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A model trained in the test on a library's trainable clips (LibraryBags, melstat-v1) and
// registered in its model table, for predict, attention and evaluation tests and benchmarks.
#include "core/datasets/trainsets/LibraryBags.h"
#include "core/features/ExtractorInfo.h"
#include "core/library/Library.h"
#include "core/library/ModelStore.h"

#include "models/api/TrainConfig.h"
#include "models/api/Training.h"

#include <QDir>
#include <QString>

namespace timbre::testing {

struct TrainedLibraryModel
{
    qint64 id = 0;
    QString checkpoint; // absolute path
    QString error; // empty on success
};

struct TrainedLibraryModelOptions
{
    QString name = QStringLiteral("att");
    std::string kind = "att";
    int epochs = 80;
    double learningRate = 5e-3;
    uint64_t seed = 1;
    bool activate = true;
};

inline TrainedLibraryModel trainLibraryModel(const library::Library &lib,
                                             const TrainedLibraryModelOptions &o = {})
{
    TrainedLibraryModel out;
    const features::ExtractorInfo info = features::ExtractorInfo::melstat();
    const datasets::LibraryBags bags = datasets::LibraryBags::load(lib, info.key());
    if (!bags.ok() || bags.bags.numBags() == 0) {
        out.error = bags.ok() ? QStringLiteral("no trainable bags") : bags.error;
        return out;
    }
    models::TrainConfig config = models::TrainConfig::defaultsFor(o.kind);
    config.epochs = o.epochs;
    config.batchSize = 16;
    config.learningRate = o.learningRate;
    config.seed = o.seed;
    config.validationFraction = 0.0;
    config.threads = 1;
    config.extractorId = info.id.toStdString();
    config.extractorVersion = info.version;
    const QString file = o.name + QStringLiteral(".ckpt");
    out.checkpoint = QDir(lib.modelsPath()).filePath(file);
    config.outputCheckpoint = out.checkpoint.toStdString();
    const models::TrainResult trained = models::trainModel(config, bags.bags, nullptr, {}, nullptr);
    if (!trained.ok) {
        out.error = QString::fromStdString(trained.error);
        return out;
    }
    library::ModelRecord record;
    record.name = o.name;
    record.kind = QString::fromStdString(o.kind);
    record.extractorId = info.id;
    record.extractorVersion = info.version;
    record.labelSnapshot = bags.labelSnapshot;
    record.checkpointFile = file;
    auto id = lib.models().add(record);
    if (!id) {
        out.error = id.error().message;
        return out;
    }
    out.id = *id;
    if (o.activate) {
        const library::CatalogError e = lib.models().activate(out.id);
        if (e.isError())
            out.error = e.message;
    }
    return out;
}

} // namespace timbre::testing
