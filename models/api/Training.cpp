// SPDX-License-Identifier: GPL-3.0-or-later
// trainModel forwards to the model engine (models/api/ModelEngine.h).
#include "models/api/Training.h"

#include "models/api/ModelEngine.h"

namespace timbre::models {

TrainResult trainModel(const TrainConfig &config, const BagSet &train, const BagSet *validation,
                       const ProgressCallback &progress, const std::atomic<bool> *cancel,
                       const BagSet *monitor)
{
    TrainResult failed;
    ModelError engineError;
    ModelEngine *engine = modelEngine(&engineError);
    if (!engine) {
        failed.error = engineError.message;
        return failed;
    }
    return engine->trainModel(config, train, validation, progress, cancel, monitor);
}

} // namespace timbre::models
