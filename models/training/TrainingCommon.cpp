// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/training/TrainingCommon.h"

#include "models/api/SeededOrder.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <limits>
#include <mutex>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace timbre::models {

void keepFreedTensorMemory()
{
#if defined(__GLIBC__)
    static std::once_flag once;
    std::call_once(once, [] {
        // Blocks up to 32 MiB come from the heap (glibc's own dynamic ceiling), and the heap's
        // top is returned to the kernel only beyond 128 MiB of free space.
        mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
        mallopt(M_TRIM_THRESHOLD, 128 * 1024 * 1024);
    });
#endif
}

void startTrainer(int threads, uint64_t seed)
{
    if (threads > 0)
        torch::set_num_threads(threads);
    keepFreedTensorMemory();
    torch::manual_seed(seed);
}

std::string checkTrainingNumbers(int batch, int epochs, double dropout, double validationFraction)
{
    if (batch < 1)
        return "batch size must be at least 1";
    if (epochs < 1)
        return "epochs must be at least 1";
    if (dropout < 0.0 || dropout >= 1.0)
        return "dropout must be in [0, 1)";
    if (validationFraction < 0.0 || validationFraction >= 1.0)
        return "validationFraction must be in [0, 1)";
    return {};
}

std::string checkBagInputs(const TrainConfig &c, const BagSet &train, const BagSet *validation)
{
    const std::string problem = train.validate();
    if (!problem.empty())
        return "training set: " + problem;
    if (validation) {
        const std::string vproblem = validation->validate();
        if (!vproblem.empty())
            return "validation set: " + vproblem;
        if (validation->featureDim != train.featureDim
            || validation->numClasses != train.numClasses)
            return "validation set has other dimensions than the training set";
    }
    return checkTrainingNumbers(c.batchSize, c.epochs, c.dropout, c.validationFraction);
}

CheckpointInfo checkpointInfoFor(const TrainConfig &c, const std::string &kind, int featureDim,
                                 const std::vector<std::string> &classNames, int numClasses)
{
    CheckpointInfo info;
    info.kind = kind;
    info.hyperParametersJson = c.toJson();
    info.extractorId = c.extractorId;
    info.extractorVersion = c.extractorVersion;
    info.featureDim = featureDim;
    info.classNames = classNames;
    if (info.classNames.empty()) {
        for (int i = 0; i < numClasses; ++i)
            info.classNames.push_back("class" + std::to_string(i));
    }
    info.labelSnapshot = c.labelSnapshot;
    info.parentModel = c.parentModel.empty() ? c.warmStartCheckpoint : c.parentModel;
    return info;
}

std::string utcNow()
{
    const std::time_t now = std::time(nullptr);
    std::tm tm {};
    gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string chooseValidation(const BagSet &train, const BagSet *validation, double fraction,
                             uint64_t seed, TrainingBags *out)
{
    out->train = &train;
    out->validation = validation;
    if (validation || fraction <= 0.0)
        return {};
    const SeededSplit split = seededSplit(train.numBags(), fraction, seed);
    if (split.held.empty() || split.kept.empty())
        return "too few bags to hold out a validation set";
    out->drawnValidation = train.subset(split.held);
    out->drawnTrain = train.subset(split.kept);
    out->train = &out->drawnTrain;
    out->validation = &out->drawnValidation;
    return {};
}

double meanPartialBce(const float *scores, const BagSet &bags)
{
    const int C = bags.numClasses;
    double sum = 0;
    int counted = 0;
    for (int b = 0; b < bags.numBags(); ++b) {
        double bagSum = 0;
        int n = 0;
        for (int c = 0; c < C; ++c) {
            const size_t k = static_cast<size_t>(b) * C + c;
            if (!bags.observed[k])
                continue;
            const double q = std::clamp(static_cast<double>(scores[k]), 1e-7, 1 - 1e-7);
            bagSum -= bags.labels[k] > 0.5f ? std::log(q) : std::log(1 - q);
            ++n;
        }
        if (n > 0) {
            sum += bagSum / n;
            ++counted;
        }
    }
    return counted > 0 ? sum / counted : std::numeric_limits<double>::quiet_NaN();
}

} // namespace timbre::models
