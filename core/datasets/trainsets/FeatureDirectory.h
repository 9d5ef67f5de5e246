// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/datasets/trainsets/InstanceActivity.h"
#include "core/datasets/trainsets/NpzDataset.h"
#include "core/datasets/interchange/NpzError.h"

#include <QString>
#include <QStringList>

namespace timbre::datasets {

// A folder of per-track instance feature matrices, `<clip>.npy` [instances x dim] (what
// `timbre features --write DIR` produces), with weak labels, read as bags:
//   labels.csv    clip,instrument,present[,observed]   present 1/0; "", "?", "unknown" or -1
//                 mean unknown; an optional 4th column 0 hides the label
//   mask.csv      clip,instrument,observed             optional (the corpus generator's mask)
//   activity.csv  clip,instrument,start,end            optional strong labels in seconds
//   extractor.json  {"id", "version", "dimension"}     optional, in the folder itself: which
//                 extractor wrote the matrices (NpzDataset::extractorId / extractorVersion)
// The CSVs are looked for in the folder, then in its parent (the corpus folder when the
// features were written into a subfolder). A header row starting with "clip" is skipped.
// Classes: the OpenMIC-2018 taxonomy in its order, followed by any other instrument in order
// of first appearance.
// Split: partitions/<split>_{train,test}.csv in the folder when present, otherwise a fixed
// hash of the clip key puts testFraction of the clips in the test split, so train and
// evaluate agree without a file.
class FeatureDirectory
{
public:
    struct Options
    {
        QString labelsCsv; // "" = look for labels.csv as described above
        QString split = QStringLiteral("split01");
        double testFraction = 0.25;
        // Length of one instance in seconds (VGGish/melstat patches: 96 hops of 10 ms).
        double instanceSeconds = 0.96;
        // An instance counts as active when a region covers more than this share of it.
        double activityOverlap = InstanceActivity::kDefaultOverlap;
    };

    static NpzError load(const QString &dir, NpzDataset *out, const Options &options);
    static NpzError load(const QString &dir, NpzDataset *out) { return load(dir, out, Options()); }

    // Writes `<dir>/<key>.npy`, float32 [rows x dim], creating dir when needed.
    static NpzError writeFeatures(const QString &dir, const QString &key, const float *values,
                                  int rows, int dim);
    static QString featureFileName(const QString &key);
    // extractor.json in `dir`: which extractor (id, version, dimension) wrote its matrices.
    static NpzError writeExtractor(const QString &dir, const QString &id, int version, int dim);
    // Before writing an extractor's matrices into `dir`: an error when the folder already holds
    // matrices (*.npy) and its extractor.json names another extractor, version or dimension
    // (one folder, one extractor: a head trained on it names a single one). A folder without
    // matrices, or whose extractor.json is missing or names no extractor, may take any.
    static NpzError checkExtractor(const QString &dir, const QString &id, int version, int dim);

    // The hash split: true when `key` belongs to the test part.
    static bool isTestKey(const QString &key, double testFraction);
};

} // namespace timbre::datasets
