// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Internal: the training loop behind trainPatchEmbedding (models/api/PatchTraining.h): PatchCnn
// and ATT as one network (PatchAttentionMil) on bags of log-mel patches, partial BCE
// (Eq. 3.5), Adam, augmented batches (PatchAugment), best epoch by validation loss, exports.
#include "models/api/PatchTraining.h"

namespace timbre::models {

// May throw (c10::Error, std::exception); trainPatchEmbedding catches at the API boundary.
PatchTrainResult trainPatchMil(const PatchTrainConfig &config, const PatchBagSet &train,
                               const PatchProgress &progress, const std::atomic<bool> *cancel,
                               const PatchBagSet *monitor = nullptr);

// Mean over classes of the AUROC of scores against labels where observed (classes with only
// one state skipped; NaN when none has both). Ties count half.
double meanObservedAuroc(const std::vector<float> &scores, const std::vector<float> &labels,
                         const std::vector<uint8_t> &observed, int classes);

} // namespace timbre::models
