// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Training and prediction of the strong-label MLP, CNN and CRNN (docs/METHOD.md: strong labels),
// behind models/api/StrongTraining.h. In namespace engine, apart from the api's forwarding
// functions of the same names, as models/engine/TorchEngine.h explains.
#include "models/api/StrongTraining.h"

namespace timbre::models::engine {

TrainResult trainStrongModel(const TrainConfig &config, const StrongSet &train,
                             const StrongSet *validation, const ProgressCallback &progress,
                             const std::atomic<bool> *cancel);
std::vector<float> predictStrongModel(const std::string &checkpointPath, const StrongSet &data,
                                      ModelError *error);

} // namespace timbre::models::engine
