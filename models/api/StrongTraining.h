// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "models/api/StrongSet.h"
#include "models/api/Training.h"

#include <atomic>
#include <string>
#include <vector>

namespace timbre::models {

// Trains config.modelKind in {"mlp", "cnn", "crnn"} (thesis Sec. 2.4) on strongly labelled
// 1 s log-mel patches with binary cross-entropy. Thesis defaults (TrainConfig::defaultsFor or
// set by hand): SGD, learningRate 1e-4, extra["momentum"] 0.9, batchSize 32, epochs 20,
// dropout 0.5 (MLP). validation == nullptr holds out config.validationFraction of the tracks
// (of the examples when trackIndex is empty). Keeps the weights with the best validation loss
// and writes them to config.outputCheckpoint when set (kind "mlp"/"cnn"/"crnn", featureDim =
// bands * frames). Pitch-shift augmentation is not applied here: it belongs to the audio
// front end that builds the StrongSet. Never throws.
TrainResult trainStrongModel(const TrainConfig &config, const StrongSet &train,
                             const StrongSet *validation, const ProgressCallback &progress,
                             const std::atomic<bool> *cancel);

// Per-second scores [N x numClasses] in (0, 1) of a strong-label checkpoint for every example
// of data. Empty and *error (naming the file) on failure. Checkpoints of these kinds also load
// with Predictor: each bag instance is one flattened patch, instance scores are the per-second
// scores and the clip score is their maximum (track-level max pooling).
std::vector<float> predictStrongModel(const std::string &checkpointPath, const StrongSet &data,
                                      ModelError *error);

// Max-pools per-second scores [seconds x numClasses] over consecutive windows of `window`
// seconds (the last window may be shorter): [ceil(seconds / window) x numClasses]. window <= 0
// pools everything into one row (track level). Sec. 2.4 evaluates 1, 5, 10 s and whole tracks.
std::vector<float> maxPoolSeconds(const std::vector<float> &scores, int seconds, int numClasses,
                                  int window);

} // namespace timbre::models
