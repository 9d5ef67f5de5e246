// SPDX-License-Identifier: GPL-3.0-or-later
// Training of the semi-supervised DGM (thesis Ch. 4, Algorithm 1), trainModel's "dgm" kind.
//
// Binary relevance (Sec. 4.2): for instrument c the labelled set Dl are the training bags where
// c is observed and the unlabelled set Du all the others. Every epoch, for every instrument,
// runs one pass over Du in batches of batchSize, each step paired with a labelled batch drawn
// from a reshuffled pass over Dl (re-drawn as needed), minimising Eq. 4.8 with batch means:
// mean L(Dl batch) + mean U(Du batch) + alpha * mean(-log q(y|x)) over the labelled batch,
// alpha = beta * |Du| / |Dl|. When every bag is labelled for c, the pass is over Dl and
// alpha = beta (the formula would switch the classifier off). Adam with config.learningRate,
// betas (0.9, 0.999), config.weightDecay.
// The instruments train side by side on config.threads workers (one LibTorch thread each), each
// from its own streams seeded by (seed, instrument): the numbers do not depend on the threads.
//
// Config: epochs, batchSize, learningRate, weightDecay, dropout (classifier), seed, threads,
// validationFraction, earlyStoppingPatience, timeBudgetSeconds, outputCheckpoint; extra:
// dgm_latent (64), dgm_h1 (512), dgm_h2 (256), dgm_h3 (0), dgm_beta (32), dgm_classifier_hidden
// (256, all three layers), dgm_flatten (0 = mean-pool the instances, 1 = flatten),
// dgm_instances (instances per flattened row; 0 = the most common bag length), dgm_gaussian
// (0 = Bernoulli decoder on [0, 1]-scaled input, 1 = unit-variance Gaussian).
//
// Validation: per instrument the classifier's BCE on its observed validation labels; each
// instrument keeps its own best epoch's weights (the thesis selects per instrument). The
// reported validation loss is BCEp (mean BCE over each bag's observed labels) of the current
// classifiers; bestValidationLoss is that of the assembled per-instrument bests. Loss terms
// reported: "labelled" (L), "unlabelled" (U), "classification" (-log q(y|x)), "total" (J^alpha),
// each averaged over steps and instruments. No warm start: every run starts from scratch.
#pragma once

#include "models/api/Training.h"

namespace timbre::models {

// May throw (c10::Error, std::exception); trainModel catches at the API boundary.
TrainResult trainDgm(const TrainConfig &config, const BagSet &train, const BagSet *validation,
                     const ProgressCallback &progress, const std::atomic<bool> *cancel);

} // namespace timbre::models
