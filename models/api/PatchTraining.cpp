// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/api/PatchTraining.h"

#include "models/api/ModelEngine.h"

namespace timbre::models {

int PatchBagSet::bagSize(int bag) const
{
    return static_cast<int>(bagOffsets[static_cast<size_t>(bag) + 1]
                            - bagOffsets[static_cast<size_t>(bag)]);
}

std::string PatchBagSet::validate() const
{
    if (numClasses < 1)
        return "no classes";
    if (bagOffsets.empty() || bagOffsets.front() != 0)
        return "bag offsets must start at 0";
    const int bags = numBags();
    if (bags < 1)
        return "no bags";
    for (int b = 0; b < bags; ++b)
        if (bagSize(b) < 1)
            return "bag " + std::to_string(b) + " has no patches";
    if (patches.size() != static_cast<size_t>(numPatches()) * kPatchValues)
        return "patch values do not match the bag offsets";
    const size_t cells = static_cast<size_t>(bags) * static_cast<size_t>(numClasses);
    if (labels.size() != cells || observed.size() != cells)
        return "labels or observed do not have bags x classes entries";
    if (!keys.empty() && keys.size() != static_cast<size_t>(bags))
        return "keys must be empty or one per bag";
    if (!classNames.empty() && classNames.size() != static_cast<size_t>(numClasses))
        return "class names must be empty or one per class";
    if (!instanceTruth.empty()
        && instanceTruth.size()
                != static_cast<size_t>(numPatches()) * static_cast<size_t>(numClasses))
        return "instance truth must be empty or patches x classes";
    return {};
}

PatchBagSet PatchBagSet::subset(const std::vector<int> &bags) const
{
    PatchBagSet out;
    out.numClasses = numClasses;
    out.classNames = classNames;
    const size_t C = static_cast<size_t>(numClasses);
    for (int b : bags) {
        const int64_t first = bagOffsets[static_cast<size_t>(b)];
        const int64_t last = bagOffsets[static_cast<size_t>(b) + 1];
        out.patches.insert(out.patches.end(), patches.begin() + first * kPatchValues,
                           patches.begin() + last * kPatchValues);
        out.bagOffsets.push_back(out.bagOffsets.back() + (last - first));
        out.labels.insert(out.labels.end(), labels.begin() + b * C, labels.begin() + (b + 1) * C);
        out.observed.insert(out.observed.end(), observed.begin() + b * C,
                            observed.begin() + (b + 1) * C);
        if (!keys.empty())
            out.keys.push_back(keys[static_cast<size_t>(b)]);
        if (hasInstanceTruth())
            out.instanceTruth.insert(out.instanceTruth.end(),
                                     instanceTruth.begin() + first * static_cast<int64_t>(C),
                                     instanceTruth.begin() + last * static_cast<int64_t>(C));
    }
    return out;
}

bool PatchBagSet::append(const PatchBagSet &other, ModelError *error)
{
    if (numBags() == 0 && numClasses == 0) {
        *this = other;
        return true;
    }
    if (other.numClasses != numClasses || other.classNames != classNames) {
        setModelError(error, ModelError::Code::Mismatch, {}, "the sets have different classes");
        return false;
    }
    const int64_t base = numPatches();
    patches.insert(patches.end(), other.patches.begin(), other.patches.end());
    for (size_t b = 1; b < other.bagOffsets.size(); ++b)
        bagOffsets.push_back(base + other.bagOffsets[b]);
    labels.insert(labels.end(), other.labels.begin(), other.labels.end());
    observed.insert(observed.end(), other.observed.begin(), other.observed.end());
    keys.insert(keys.end(), other.keys.begin(), other.keys.end());
    if (hasInstanceTruth() && other.hasInstanceTruth())
        instanceTruth.insert(instanceTruth.end(), other.instanceTruth.begin(),
                             other.instanceTruth.end());
    else
        instanceTruth.clear();
    return true;
}

PatchTrainResult trainPatchEmbedding(const PatchTrainConfig &config, const PatchBagSet &train,
                                     const PatchProgress &progress, const std::atomic<bool> *cancel,
                                     const PatchBagSet *monitor)
{
    PatchTrainResult failed;
    ModelError engineError;
    ModelEngine *engine = modelEngine(&engineError);
    if (!engine) {
        failed.error = engineError.message;
        return failed;
    }
    return engine->trainPatchEmbedding(config, train, progress, cancel, monitor);
}

} // namespace timbre::models
