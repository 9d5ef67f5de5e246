// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "models/api/ModelError.h"

#include <cstdint>
#include <map>
#include <string>

namespace timbre::models {

// Everything one training run needs besides the data, serialised into every checkpoint.
// Defaults are the thesis' (docs/METHOD.md §9.1); defaultsFor(kind) fills in each kind's.
struct TrainConfig
{
    // "att", "mt", "fc", "fct", "rnn" (attention MIL and its baselines, Mean Teacher);
    // "dgm", "rf", "mlp", "cnn", "crnn" (semi-supervised DGM, random forest, strong-label nets).
    std::string modelKind = "att";

    int epochs = 250;
    int batchSize = 128;
    double learningRate = 5e-4;
    double weightDecay = 0.0;
    double dropout = 0.6;
    uint64_t seed = 0;
    // Fraction of the training bags held out when trainModel gets no validation set.
    double validationFraction = 0.15;
    // Stop after this many epochs without a better validation loss; 0 = off.
    int earlyStoppingPatience = 0;
    // Stop after this many seconds of training; 0 = off. Checked every step.
    double timeBudgetSeconds = 0.0;
    // LibTorch intra-op threads; 0 = leave LibTorch's setting alone.
    int threads = 0;
    // Also call the progress callback every this many optimiser steps; 0 = epochs only.
    int progressEverySteps = 0;

    // Partial BCE (Eq. 3.5): g(p) = alpha * p^gamma + beta, p = fraction of observed labels.
    double lossAlpha = 1.0;
    double lossBeta = 0.0;
    double lossGamma = -1.0;
    // Balanced BCEp (Eq. 3.7/3.8): positive term weighted by #negatives / #positives per class.
    bool balanced = false;
    // Table 3.2: "scratch" (fresh model), "all" (fine-tune every weight of warmStartCheckpoint),
    // "heads" (fine-tune only the instance and attention heads; the embedding is frozen).
    std::string fineTune = "scratch";

    // Mean Teacher (Ch. 5).
    double emaDecay = 0.999;
    double consistencyWeight = 3.0; // beta
    int consistencyRampEpochs = 100;
    // Halve the learning rate every this many epochs; 0 = constant.
    int lrHalvingEpochs = 0;
    // Appendix A variant: lr ramp-up exp(-5(1-x)^2) over the first epochs and ramp-down
    // over the last ones; 0 = off.
    int lrRampUpEpochs = 0;
    int lrRampDownEpochs = 0;
    // Sec. 5.5: every step draws one batch of labelled bags (at least one observed label) and
    // one batch of unlabelled bags (none observed) instead of mixed batches.
    bool separateUnlabelledBatches = false;

    // Provenance, stored in the checkpoint.
    std::string warmStartCheckpoint; // "" = start from scratch
    std::string outputCheckpoint; // "" = do not write a checkpoint
    std::string extractorId;
    int extractorVersion = 0;
    std::string labelSnapshot;
    std::string parentModel;

    // Kind-specific numbers, e.g. "hidden" (ATT/FC_T embedding width, 128), "fc_hidden",
    // "gru_hidden", "fc_bag_instances" (10), "rf_trees", "dgm_latent", "momentum".
    std::map<std::string, double> extra;

    double extraOr(const std::string &key, double fallback) const;

    static TrainConfig defaultsFor(const std::string &kind);
    std::string toJson() const;
    // Parses what toJson wrote (unknown keys are ignored so newer files still load). On a
    // syntax or type error returns the defaults and sets *error (when given) to the reason.
    static TrainConfig fromJson(const std::string &json, ModelError *error = nullptr);
};

} // namespace timbre::models
