// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/features/ExtractorInfo.h"

#include <QJsonObject>
#include <QString>

namespace timbre::features {

// Everything needed to run one extractor: what identifies its output (info) plus where its
// weights live. Built-ins need nothing else; a TorchScript extractor is a user's .pt (taking
// [batch, 1, 96, 64] VGGish log-mel patches, returning [batch, D]) copied into the library,
// optionally followed by VGGish's PCA + 8-bit post-processing (VggishPostprocess).
struct ExtractorSpec
{
    enum class Kind { BuiltIn, TorchScript };

    ExtractorInfo info; // id, version, dimension, frontEnd, framesPerPatch
    Kind kind = Kind::BuiltIn;
    // Absolute path of the .pt (TorchScript); for the built-in "cnn", its weights (a ":/"
    // resource unless a caller points it elsewhere), verified against weightsHash.
    QString modelFile;
    QString postprocessFile; // optional VGGish PCA parameters (JSON), absolute; empty = none
    // XXH64 of the .pt as 16 hex digits (XxHash64.h); empty for melstat.
    QString weightsHash;
    QString description; // one line for `timbre extractors` and the settings dialog
    // XXH64 of the post-processing file (16 hex digits); empty when there is none. A change
    // of either file changes the features, hence the version.
    QString postprocessHash;

    // framesPerPatch * frontEnd hop / sample rate (0.96 s for VGGish).
    double instanceHopSeconds() const;
    bool isTorchScript() const { return kind == Kind::TorchScript; }
    // Runs a TorchScript module: a user's, or a built-in with shipped weights ("cnn").
    bool runsModule() const { return kind == Kind::TorchScript || !modelFile.isEmpty(); }
    static QString kindName(Kind kind); // "built-in", "torchscript"

    // A built-in extractor's spec ("melstat": ExtractorInfo::melstat(), "cnn": ::cnn()).
    static ExtractorSpec builtIn(const ExtractorInfo &info);

    // The registry's <id>.json. File names are stored relative to `folder` (the library's
    // extractors/ folder) so a library can be moved; fromJson() makes them absolute again.
    QJsonObject toJson(const QString &folder) const;
    // std::nullopt and *error (what is wrong, without the file name) when a field is missing
    // or of the wrong type.
    static std::optional<ExtractorSpec> fromJson(const QJsonObject &json, const QString &folder,
                                                 QString *error);
};

} // namespace timbre::features
