// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/jobs/TrainDefaults.h"

#include "core/jobs/TrainJob.h"

#include "models/api/TrainConfig.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace timbre::jobs::TrainDefaults {

namespace {

// Provenance and paths: set by the job for every run, never a user's choice.
const QStringList kProvenance
        = {QStringLiteral("modelKind"),        QStringLiteral("warmStartCheckpoint"),
           QStringLiteral("outputCheckpoint"), QStringLiteral("extractorId"),
           QStringLiteral("extractorVersion"), QStringLiteral("labelSnapshot"),
           QStringLiteral("parentModel"),      QStringLiteral("fineTune")};

QVariantMap toMap(const models::TrainConfig &config)
{
    QVariantMap map = QJsonDocument::fromJson(QByteArray::fromStdString(config.toJson()))
                              .object()
                              .toVariantMap();
    for (const QString &key : kProvenance)
        map.remove(key);
    return map;
}

} // namespace

QVariantMap fromScratch(const QString &kind)
{
    return toMap(models::TrainConfig::defaultsFor(kind.toStdString()));
}

QVariantMap warmStart(const QString &kind, const QString &parentJson, int trainBags, int epochs,
                      QString *error)
{
    // The same inheritance as TrainJob::run: the parent's configuration when it is of this
    // kind (its architecture must match the checkpoint), else the kind's with the parent's
    // kind-specific sizes.
    models::TrainConfig config = models::TrainConfig::defaultsFor(kind.toStdString());
    models::ModelError problem;
    const models::TrainConfig inherited
            = models::TrainConfig::fromJson(parentJson.toStdString(), &problem);
    if (problem.isError()) {
        if (error)
            *error = QString::fromStdString(problem.message);
    } else if (inherited.modelKind == config.modelKind) {
        config = inherited;
    } else {
        config.extra = inherited.extra;
    }
    TrainJob::warmStartConfig(&config, trainBags, epochs > 0 ? epochs : TrainJob::kWarmStartEpochs);
    return toMap(config);
}

} // namespace timbre::jobs::TrainDefaults
