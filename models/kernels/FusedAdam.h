// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// torch::optim::Adam's update in one pass per parameter tensor. LibTorch's Adam::step issues
// about ten operators per tensor (decay, two moments, square root, bias corrections, division),
// which for ATT's fifteen small tensors cost more than the update itself; this does the same
// arithmetic on the optimiser's own state, so saving and loading the optimiser are unchanged.
#include <torch/torch.h>

namespace timbre::models {

// Exactly Adam::step() for amsgrad == false (L2 weight decay added to the gradient, bias
// corrections as in LibTorch 1.13); falls back to Adam::step() when amsgrad is set.
void fusedAdamStep(torch::optim::Adam &optimizer);

} // namespace timbre::models
