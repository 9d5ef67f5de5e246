// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace timbre::models {

// A multi-instance, multi-label data set with missing labels (thesis Sec. 3.2): each bag is a
// variable number of instance feature vectors, and each (bag, class) label is present (1),
// absent (0) or unknown (observed = 0, label value ignored).
struct BagSet
{
    int featureDim = 0;
    int numClasses = 0;
    // All instances of all bags, row-major [totalInstances x featureDim].
    std::vector<float> features;
    // Bag b owns instances [bagOffsets[b], bagOffsets[b + 1]); numBags + 1 entries.
    std::vector<int64_t> bagOffsets;
    // [numBags x numClasses], 0 or 1; only meaningful where observed is 1.
    std::vector<float> labels;
    // [numBags x numClasses], 1 = observed, 0 = unknown.
    std::vector<uint8_t> observed;
    // Optional: one identifier per bag (empty or numBags entries).
    std::vector<std::string> keys;
    // Optional: one name per class (empty or numClasses entries).
    std::vector<std::string> classNames;
    // Optional strong labels, [numInstances x numClasses]: 1 where the instance carries the
    // class (a synthetic corpus' activity.csv, planted data). Empty when unknown; subset()
    // keeps it, appendBag() leaves it alone (validate() then reports the mismatch). Trainers
    // use it only when asked to (TrainConfig extra "instance_loss").
    std::vector<uint8_t> instanceTruth;

    int numBags() const;
    int64_t numInstances() const;
    int bagSize(int bag) const;
    // Copies the given bags (in that order); indices must be valid.
    BagSet subset(const std::vector<int> &bagIndices) const;
    // Appends one bag; instanceFeatures is [n x featureDim], labels/observed numClasses each.
    void appendBag(const float *instanceFeatures, int instances, const float *bagLabels,
                   const uint8_t *bagObserved, const std::string &key = std::string());
    // "" when every size agrees and every bag has at least one instance, else what is wrong.
    std::string validate() const;
};

} // namespace timbre::models
