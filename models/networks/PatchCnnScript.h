// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Internal: a trained PatchCnn as a self-contained TorchScript module, the file the "cnn"
// extractor ships as (resources/models/). Batch norms are folded into the convolutions with
// their running statistics (inference only), so the script is five operators per block and
// runs through the same models::ScriptedEmbedding path as a user's TorchScript extractor.
#include "models/networks/PatchCnn.h"

#include <torch/script.h>

namespace timbre::models {

// [n, 1, frames, bands] -> [n, embedDim]; equal to cnn->forward() in eval mode up to float
// rounding.
torch::jit::Module scriptPatchCnn(PatchCnnImpl &cnn);

// The inverse: a PatchCnn of the script's shape takes the script's weights, its batch norms
// set to the folded affine maps (mean 0, variance 1 - eps, scale 1, shift = the script's
// bias) and fixed (setFoldedNorms), so that it computes what the script computes and can be
// fine-tuned from it. Throws std::runtime_error naming what does not fit.
void loadPatchCnnScript(PatchCnnImpl &cnn, const torch::jit::Module &script);

} // namespace timbre::models
