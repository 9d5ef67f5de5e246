// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The bag networks' old initialisation (docs/METHOD.md §3.2), kept only so that the measurement
// behind the change can be rerun (`timbre train --set legacy_init=1`): He-uniform for ATT's
// layers and heads (the author's init_layer, zero head biases), Xavier-normal with zero biases
// for FC_T and FC. Measured against LibTorch's default (PyTorch's: kaiming-uniform with
// a = sqrt(5), i.e. U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for weights and biases), ATT and Mean
// Teacher learned 3-4x less per epoch with it and FC started slower; FC_T was mixed (docs/
// RESULTS.md, "The initialisation, chosen by measurement"). Every network keeps LibTorch's
// default, which is also what a PyTorch user's twin of it does.
#include <torch/torch.h>

namespace timbre::models {

// weight ~ U(-sqrt(6 / fan_in), sqrt(6 / fan_in)); bias (when present) zero.
void heUniformLegacy(torch::nn::Linear &layer);
// weight ~ N(0, 2 / (fan_in + fan_out)); bias zero.
void xavierNormalLegacy(torch::nn::Linear &layer);

} // namespace timbre::models
