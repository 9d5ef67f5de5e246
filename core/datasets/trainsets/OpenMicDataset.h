// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/datasets/trainsets/NpzDataset.h"
#include "core/datasets/interchange/NpzError.h"

#include <QString>
#include <QStringList>

namespace timbre::datasets {

// The OpenMIC-2018 release as the models read it, without audio (docs/METHOD.md §1, §2.4):
//   openmic-2018.npz   X uint8 [N, 10, 128] (VGGish, PCA, 8-bit), Y_true float [N, C],
//                      Y_mask bool [N, C], sample_key str [N]
//                      (+ instance_truth uint8 [N, 10, C] in planted data sets)
//   partitions/<split>_train.csv, <split>_test.csv   one sample_key per line
//   class-map.json     {"accordion": 0, ...}
// Features become X / 255 (the author's code), labels Y_true >= 0.5, observed = Y_mask (so
// Y_mask false = unknown). A key listed in neither partition is left out; a key in both, or
// one the npz does not hold, is an error.
class OpenMicDataset
{
public:
    static QString npzFileName() { return QStringLiteral("openmic-2018.npz"); }
    static QString classMapFileName() { return QStringLiteral("class-map.json"); }
    static QString partitionPath(const QString &split, const QString &part)
    {
        return QStringLiteral("partitions/%1_%2.csv").arg(split, part);
    }

    static NpzError load(const QString &folder, NpzDataset *out,
                         const QString &split = QStringLiteral("split01"));

    // class-map.json -> names ordered by index. Indices must be 0..n-1, each once.
    static NpzError readClassMap(const QString &path, QStringList *names);
    // One key per line; blank lines skipped; a header line "sample_key" is skipped.
    static NpzError readPartition(const QString &path, QStringList *keys);
};

} // namespace timbre::datasets
