// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The LibTorch implementations behind models/api/ModelEngine.h. They live in namespace
// engine, apart from the api's forwarding functions of the same names, because the models
// tests link both this code and the api into one program.
#include "models/api/ModelEngine.h"

namespace timbre::models::engine {

// models/engine/TorchPredictor.cpp
std::unique_ptr<PredictorBackend> loadPredictor(const std::string &path, ModelError *error);
bool readCheckpointInfo(const std::string &path, CheckpointInfo *info, ModelError *error);
bool writeCheckpointMetrics(const std::string &path, const std::string &metricsJson,
                            ModelError *error);

// models/engine/TorchEmbedding.cpp
std::unique_ptr<EmbeddingBackend> loadEmbedding(const std::string &path, ModelError *error);
std::unique_ptr<EmbeddingBackend> loadEmbeddingBytes(const std::string &name,
                                                     const std::string &bytes, ModelError *error);

// models/engine/TrainDispatch.cpp
TrainResult trainModel(const TrainConfig &config, const BagSet &train, const BagSet *validation,
                       const ProgressCallback &progress, const std::atomic<bool> *cancel,
                       const BagSet *monitor);

// The strong-label trainer's entry points are in models/training/StrongTrainer.h.

// models/engine/TorchEngine.cpp: the one engine object, for the plugin's entry point.
ModelEngine &torchEngine();

} // namespace timbre::models::engine
