// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/dsp/LogMelConfig.h"

#include <QList>
#include <QString>

#include <optional>

namespace timbre::features {

// What identifies a feature extractor's output: the feature store keys its files by id and
// version, so changing what an extractor computes means bumping its version.
struct ExtractorInfo
{
    QString id;
    int version = 0;
    int dimension = 0; // floats per instance
    dsp::LogMelConfig frontEnd;
    int framesPerPatch = 96; // front-end frames per instance

    // "<id>-v<version>", e.g. "melstat-v1": a file-name-safe key.
    QString key() const { return id + QStringLiteral("-v") + QString::number(version); }
    bool isValid() const { return !id.isEmpty() && version > 0 && dimension > 0; }

    // The built-in "melstat" extractor: VGGish front end, 96-frame patches, 128-d.
    static ExtractorInfo melstat();
    // The built-in "cnn" extractor (BuiltInCnn.h): the shipped CNN, VGGish front end, 96-frame
    // patches, 128-d.
    static ExtractorInfo cnn();
    // The built-in extractors (melstat, cnn), in a fixed order.
    static QList<ExtractorInfo> builtins();
    static std::optional<ExtractorInfo> builtin(const QString &id);
};

} // namespace timbre::features
