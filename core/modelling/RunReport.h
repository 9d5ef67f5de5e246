// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "models/api/Training.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace timbre::modelling {

// The JSON report every `timbre train|evaluate` run writes: its config, per-epoch curves,
// final metrics and timing, as one object a script can read.
class RunReport
{
public:
    // One object per epoch: epoch, train losses by name, validation_loss, seconds,
    // train_seconds, improved.
    static QJsonArray epochCurves(const std::vector<models::EpochReport> &history);
    // A JSON text (TrainConfig::toJson, a checkpoint's metrics) as an object; {} if not JSON.
    static QJsonObject parseObject(const std::string &json);
    // Writes `report` indented to `path` atomically; false and *error on failure.
    static bool write(const QString &path, const QJsonObject &report, QString *error);
    // ISO 8601 UTC now.
    static QString timestamp();
};

} // namespace timbre::modelling
