// SPDX-License-Identifier: GPL-3.0-or-later
// trainStrongModel / predictStrongModel forward to the model engine (models/api/ModelEngine.h);
// maxPoolSeconds is plain arithmetic and stays here.
#include "models/api/StrongTraining.h"

#include "models/api/ModelEngine.h"

#include <algorithm>
#include <limits>

namespace timbre::models {

TrainResult trainStrongModel(const TrainConfig &config, const StrongSet &train,
                             const StrongSet *validation, const ProgressCallback &progress,
                             const std::atomic<bool> *cancel)
{
    TrainResult failed;
    ModelError engineError;
    ModelEngine *engine = modelEngine(&engineError);
    if (!engine) {
        failed.error = engineError.message;
        return failed;
    }
    return engine->trainStrongModel(config, train, validation, progress, cancel);
}

std::vector<float> predictStrongModel(const std::string &checkpointPath, const StrongSet &data,
                                      ModelError *error)
{
    ModelEngine *engine = modelEngine(error);
    if (!engine)
        return {};
    return engine->predictStrongModel(checkpointPath, data, error);
}

std::vector<float> maxPoolSeconds(const std::vector<float> &scores, int seconds, int numClasses,
                                  int window)
{
    if (seconds <= 0 || numClasses <= 0
        || scores.size() < static_cast<size_t>(seconds) * numClasses)
        return {};
    if (window <= 0)
        window = seconds;
    const int windows = (seconds + window - 1) / window;
    std::vector<float> out(static_cast<size_t>(windows) * numClasses,
                           -std::numeric_limits<float>::infinity());
    for (int s = 0; s < seconds; ++s) {
        float *row = out.data() + static_cast<size_t>(s / window) * numClasses;
        for (int c = 0; c < numClasses; ++c)
            row[c] = std::max(row[c], scores[static_cast<size_t>(s) * numClasses + c]);
    }
    return out;
}

} // namespace timbre::models
