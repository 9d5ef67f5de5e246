// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "models/api/BagSet.h"
#include "models/api/TrainConfig.h"

#include <atomic>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace timbre::models {

struct EpochReport
{
    int epoch = 0;  // 1-based
    int steps = 0;  // optimiser steps so far in this epoch
    // Mean of each loss term over the epoch's steps so far, e.g. "bce", "consistency", "total".
    std::map<std::string, double> trainLosses;
    double validationLoss = 0.0; // BCEp on the validation set (teacher's for Mean Teacher)
    double seconds = 0.0;        // wall time since training started
    double trainSeconds = 0.0;   // time this epoch spent in its optimiser steps
    bool improved = false;       // this epoch gave the best validation loss so far
    // The schedule at the epoch's last optimiser step (so far, in a partial report): the
    // learning rate, and the weight of the consistency term (Mean Teacher's beta times its
    // ramp; 0 for every other kind).
    double learningRate = 0.0;
    double consistencyWeight = 0.0;
    bool partial = false;        // a mid-epoch report (TrainConfig::progressEverySteps)
    // False when training runs without a validation set: validationLoss is NaN, no epoch is
    // "best", and the checkpoint holds the last epoch.
    bool validated = true;
    // Clip scores [bags x classes] (row-major) of the model being trained (Mean Teacher: the
    // teacher) on the monitored set, when trainModel was given one. Computed after the epoch;
    // its time is not counted in `seconds`. Only the progress callback sees them; the
    // TrainResult's history keeps them empty.
    std::vector<float> monitorScores;
    // For the caller to fill from monitorScores (core/eval), e.g. "auroc", "f1".
    std::map<std::string, double> monitorMetrics;
};

using ProgressCallback = std::function<void(const EpochReport &)>;

struct TrainResult
{
    bool ok = false;
    bool cancelled = false;
    std::string error;
    int bestEpoch = 0;
    double bestValidationLoss = 0.0;
    std::vector<EpochReport> history; // one per finished epoch
    double seconds = 0.0;
    std::string checkpointPath; // the best-validation checkpoint, when one was written
    // The epoch (1-based) whose weights checkpointPath holds; 0 = none written. For a cancelled
    // run it is the best validation epoch so far or, without validation, the last finished
    // epoch: a cancel keeps what was trained (bag networks and DGM; the forest writes nothing).
    int checkpointEpoch = 0;
};

// Trains config.modelKind on train. validation == nullptr draws config.validationFraction of
// train (seeded); with a fraction of 0 there is no validation and the last epoch is kept.
// The progress callback runs on the calling thread; cancel is checked every step. monitor
// (optional, bag networks only) is scored after every epoch for learning curves on held-out
// bags; it never influences training. Never throws.
TrainResult trainModel(const TrainConfig &config, const BagSet &train, const BagSet *validation,
                       const ProgressCallback &progress, const std::atomic<bool> *cancel,
                       const BagSet *monitor = nullptr);

} // namespace timbre::models
