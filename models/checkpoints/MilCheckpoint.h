// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Internal: the bag networks (ATT, MT, FC, FC_T, RNN) in and out of a CheckpointFile.
// Blobs: "student" (the trained network; for MT the student), "teacher" (MT only),
// "optimizer" (Adam state). The architecture is rebuilt from kind, featureDim, class count and
// the TrainConfig JSON, then the archive must match it tensor for tensor.
#include "models/api/TrainConfig.h"
#include "models/checkpoints/CheckpointFile.h"
#include "models/networks/MilNet.h"

#include <torch/torch.h>

#include <memory>
#include <string>

namespace timbre::models {

bool isMilKind(const std::string &kind);

std::string moduleBytes(torch::nn::Module &module);
// Throws c10::Error when the archive does not match the module.
void loadModuleBytes(torch::nn::Module &module, const std::string &bytes);
std::string optimizerBytes(torch::optim::Optimizer &optimizer);
void loadOptimizerBytes(torch::optim::Optimizer &optimizer, const std::string &bytes);

// The network stored under blob ("student" or "teacher"), in eval mode; nullptr and *error
// (naming path) when absent or inconsistent with the metadata.
std::shared_ptr<MilNetImpl> loadMilNet(const CheckpointFile &checkpoint, const std::string &blob,
                                       const std::string &path, ModelError *error);

// The configuration stored in the checkpoint (defaults for its kind when unreadable).
TrainConfig checkpointConfig(const CheckpointFile &checkpoint);

} // namespace timbre::models
