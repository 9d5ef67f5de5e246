// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QByteArray>
#include <QString>

namespace timbre::features {

// The built-in "cnn" extractor (docs/METHOD.md §2.3): a small CNN over VGGish log-mel patches,
// trained end to end with the ATT head on weak labels by scripts/starter_model.sh, shipped as a
// TorchScript module compiled into the program (Qt resource, core/features/StarterModels.qrc
// over resources/models/). Its weights are checked against the hash recorded here before
// they are used, so a corrupt or swapped file is refused naming it, never silently run.
//
// Retraining the starter model changes the weights: the script prints the new hash; bump
// kVersion with it so that the feature store keeps the old features apart from the new.
struct BuiltInCnn
{
    static constexpr int kVersion = 2;
    static constexpr int kDimension = 128;
    static QString id() { return QStringLiteral("cnn"); }
    // XXH64 of the shipped cnn-v<kVersion>.pt, 16 hex digits (XxHash64.h).
    static QString weightsHash();
    // ":/timbre/models/cnn-v2.pt": the TorchScript weights inside the program.
    static QString weightsFile();
    // The starter ATT model trained with this CNN (a models/ checkpoint over its features)
    // and its model card (Markdown), both inside the program.
    static QString starterModelFile();
    static QString modelCardFile();

    // The whole file (a path on disk or a ":/" resource); empty and *error ("<file>: ...")
    // when it is missing or unreadable, or, with a non-empty expectedHash, when its XXH64
    // differs (corrupt or replaced weights).
    static QByteArray readVerified(const QString &file, const QString &expectedHash,
                                   QString *error);
    // XXH64 of bytes as 16 hex digits.
    static QString hashOf(const QByteArray &bytes);
};

} // namespace timbre::features
