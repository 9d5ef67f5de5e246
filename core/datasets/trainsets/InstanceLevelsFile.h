// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/datasets/interchange/NpzError.h"

#include <QHash>
#include <QString>

#include <vector>

namespace timbre::datasets {

// levels.csv in a feature folder: each clip's instance levels in dB (FeatureMatrix::levelsDb),
// written by `timbre features --write DIR` beside the <clip>.npy matrices and read by
// `timbre evaluate` for the '+level' localisation scores (docs/METHOD.md §10.7).
//   clip,levels_db
//   clip_0001,-23.41 -22.98 -30.02 ...     one value per instance, space-separated
class InstanceLevelsFile
{
public:
    using Levels = QHash<QString, std::vector<float>>;

    static QString fileName() { return QStringLiteral("levels.csv"); }

    // An error naming the file and line for an unreadable file, a malformed row or a value
    // that is not a number; a missing file is FileNotFound.
    static NpzError read(const QString &path, Levels *out);
    // Writes `levels` merged over the rows already in `path` (a clip written again replaces its
    // row; the others stay), atomically, clips in sorted order, under a lock file beside it so
    // that concurrent writers into one folder keep each other's rows.
    static NpzError merge(const QString &path, const Levels &levels);
};

} // namespace timbre::datasets
