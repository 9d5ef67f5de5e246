// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/api/BagSet.h"

#include <algorithm>

namespace timbre::models {

int BagSet::numBags() const
{
    return bagOffsets.empty() ? 0 : static_cast<int>(bagOffsets.size()) - 1;
}

int64_t BagSet::numInstances() const
{
    return bagOffsets.empty() ? 0 : bagOffsets.back();
}

int BagSet::bagSize(int bag) const
{
    return static_cast<int>(bagOffsets[bag + 1] - bagOffsets[bag]);
}

BagSet BagSet::subset(const std::vector<int> &bagIndices) const
{
    BagSet out;
    out.featureDim = featureDim;
    out.numClasses = numClasses;
    out.classNames = classNames;
    out.bagOffsets.reserve(bagIndices.size() + 1);
    out.bagOffsets.push_back(0);
    int64_t total = 0;
    for (int b : bagIndices)
        total += bagSize(b);
    out.features.reserve(static_cast<size_t>(total) * featureDim);
    out.labels.reserve(bagIndices.size() * numClasses);
    out.observed.reserve(bagIndices.size() * numClasses);
    for (int b : bagIndices) {
        const auto first = features.begin() + bagOffsets[b] * featureDim;
        const auto last = features.begin() + bagOffsets[b + 1] * featureDim;
        out.features.insert(out.features.end(), first, last);
        out.bagOffsets.push_back(out.bagOffsets.back() + bagSize(b));
        const size_t row = static_cast<size_t>(b) * numClasses;
        out.labels.insert(out.labels.end(), labels.begin() + row,
                          labels.begin() + row + numClasses);
        out.observed.insert(out.observed.end(), observed.begin() + row,
                            observed.begin() + row + numClasses);
        if (!keys.empty())
            out.keys.push_back(keys[b]);
        if (!instanceTruth.empty())
            out.instanceTruth.insert(out.instanceTruth.end(),
                                     instanceTruth.begin() + bagOffsets[b] * numClasses,
                                     instanceTruth.begin() + bagOffsets[b + 1] * numClasses);
    }
    return out;
}

void BagSet::appendBag(const float *instanceFeatures, int instances, const float *bagLabels,
                       const uint8_t *bagObserved, const std::string &key)
{
    if (bagOffsets.empty())
        bagOffsets.push_back(0);
    features.insert(features.end(), instanceFeatures,
                    instanceFeatures + static_cast<size_t>(instances) * featureDim);
    bagOffsets.push_back(bagOffsets.back() + instances);
    labels.insert(labels.end(), bagLabels, bagLabels + numClasses);
    observed.insert(observed.end(), bagObserved, bagObserved + numClasses);
    if (!key.empty() || !keys.empty()) {
        keys.resize(static_cast<size_t>(numBags()) - 1);
        keys.push_back(key);
    }
}

std::string BagSet::validate() const
{
    if (featureDim <= 0)
        return "featureDim must be positive";
    if (numClasses <= 0)
        return "numClasses must be positive";
    if (bagOffsets.empty() || bagOffsets.front() != 0)
        return "bagOffsets must start with 0";
    for (size_t i = 1; i < bagOffsets.size(); ++i) {
        if (bagOffsets[i] <= bagOffsets[i - 1])
            return "bag " + std::to_string(i - 1) + " has no instances";
    }
    const size_t bags = static_cast<size_t>(numBags());
    if (features.size() != static_cast<size_t>(bagOffsets.back()) * featureDim)
        return "features hold " + std::to_string(features.size()) + " values, expected "
                + std::to_string(bagOffsets.back()) + " x " + std::to_string(featureDim);
    if (labels.size() != bags * numClasses)
        return "labels must be numBags x numClasses";
    if (observed.size() != bags * numClasses)
        return "observed must be numBags x numClasses";
    if (!keys.empty() && keys.size() != bags)
        return "keys must be empty or one per bag";
    if (!classNames.empty() && classNames.size() != static_cast<size_t>(numClasses))
        return "classNames must be empty or one per class";
    if (!instanceTruth.empty()
        && instanceTruth.size() != static_cast<size_t>(bagOffsets.back()) * numClasses)
        return "instanceTruth must be empty or numInstances x numClasses";
    return {};
}

} // namespace timbre::models
