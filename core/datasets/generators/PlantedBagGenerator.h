// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/datasets/interchange/NpzError.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace timbre::datasets {

// Parameters of a planted data set. Every number is a choice made once, before any model was
// trained on the result (see docs/RESULTS.md); none is tuned to make a model look good.
struct PlantedBagOptions
{
    int bags = 20000;
    int instances = 10; // per bag, as OpenMIC's 10 x 0.96 s
    int dim = 128;
    double observedFraction = 0.15; // of all train labels, positives and negatives alike
    double testObservedFraction = -1.0; // of the test split's labels; < 0 = observedFraction
    // Thesis Sec. 5.5's few-label setting: this fraction of the train bags (drawn at random)
    // has every label observed and the others none, instead of observedFraction's scattered
    // cells; < 0 = off.
    double labelledBagFraction = -1.0;
    double testFraction = 0.25; // of the artists
    int bagsPerArtist = 10; // mean; artists are hidden, they drive the split and co-occurrence
    int maxEvidenceInstances = 5; // a positive bag carries a class in 1..this many instances
    double signal = 1.5; // evidence amplitude along the class prototype (noise std = 1)
    double artistSpread = 0.5; // std of each artist's constant offset per dimension
    double familyCorrelation = 0.5; // prototypes of one instrument family share this much
    double quantScale = 24.0; // uint8 = clamp(128 + quantScale * value)
    uint64_t seed = 0;
    // Positive rate per class; empty = defaultPositiveRates() (20 classes).
    std::vector<double> positiveRates;
    QStringList classNames; // empty = the OpenMIC-2018 classes

    QString validate() const;
    QJsonObject toJson() const;
};

// The generated arrays, in OpenMIC-2018's layout (see OpenMicDataset).
struct PlantedBagData
{
    int bags = 0, instances = 0, dim = 0, classes = 0;
    std::vector<uint8_t> x; // [bags x instances x dim]
    std::vector<float> yTrue; // [bags x classes], the truth (1 or 0) also where unobserved
    std::vector<uint8_t> yMask; // [bags x classes]
    std::vector<uint8_t> instanceTruth; // [bags x instances x classes]
    QStringList keys, trainKeys, testKeys, classNames;
};

// OpenMIC-shaped data sets with planted weak structure (docs/RESULTS.md, "Planted
// OpenMIC-shaped data"): every class has a prototype direction (classes of one family share
// part of it, so they can be confused); a positive bag carries its class in a random subset of
// 1..maxEvidenceInstances of its instances, scaled by a random amplitude; every instance also
// carries unit Gaussian noise and its artist's offset, so the other instances of a bag hold
// only noise and other instruments. Artists have a genre that raises some classes and lowers
// others (co-occurrence), keeping each class's marginal positive rate. Features are quantised
// to uint8 like OpenMIC's VGGish PCA output. Labels are observed at random with exactly the
// requested fraction (per split). Train/test split by hidden artist. Deterministic for a seed
// on any platform (own PRNG and Gaussian).
class PlantedBagGenerator
{
public:
    static std::vector<double> defaultPositiveRates();

    static NpzError generate(const PlantedBagOptions &options, PlantedBagData *out);

    // Writes openmic-2018.npz (X, Y_true, Y_mask, sample_key, instance_truth),
    // partitions/split01_{train,test}.csv, class-map.json and planted.json (the options and
    // realised rates).
    static NpzError write(const QString &dir, const PlantedBagData &data,
                          const PlantedBagOptions &options);
};

} // namespace timbre::datasets
