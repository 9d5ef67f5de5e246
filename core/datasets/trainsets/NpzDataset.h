// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/datasets/interchange/NpzError.h"

#include "models/api/BagSet.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace timbre::datasets {

// A training/test data set held as bags (models::BagSet) with its official split, read from
// NumPy files: an OpenMIC-2018 folder (OpenMicDataset) or a folder of per-track feature
// matrices with labels (FeatureDirectory). Where the data knows which instances carry an
// instrument (planted data sets, activity.csv of the demo corpus) that truth comes along for
// localisation metrics.
struct NpzDataset
{
    enum class Layout { OpenMic, FeatureDirectory };

    Layout layout = Layout::OpenMic;
    QString source; // the folder read
    QStringList classNames;
    models::BagSet train;
    models::BagSet test;
    // [train.numInstances() x numClasses] and [test.numInstances() x numClasses], 1 where the
    // instance carries the instrument; empty when unknown.
    std::vector<uint8_t> trainInstanceTruth;
    std::vector<uint8_t> testInstanceTruth;

    // The extractor that wrote a feature directory's matrices (its extractor.json, written by
    // `timbre features --write`), so that a head trained on them names it and can become a
    // version of a library with that extractor; empty / 0 when unknown.
    QString extractorId;
    int extractorVersion = 0;

    // Things a reader skipped without failing (e.g. a labelled clip without a feature file).
    QStringList warnings;

    bool hasInstanceTruth() const { return !testInstanceTruth.empty(); }

    // Opens `path`: an OpenMIC-2018 layout when it holds openmic-2018.npz, otherwise a
    // feature directory. `split` names the partition ("split01").
    static NpzError open(const QString &path, NpzDataset *out,
                         const QString &split = QStringLiteral("split01"));
};

} // namespace timbre::datasets
