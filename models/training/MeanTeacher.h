// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Mean Teacher's weight averaging (thesis Ch. 5, Eq. 5.2).
#include <torch/torch.h>

namespace timbre::models {

// teacher = alpha * teacher + (1 - alpha) * student for every parameter and every floating
// point buffer (batch-norm running mean and variance); integer buffers (batch counters) are
// copied. Both modules must have the same structure.
void emaUpdate(torch::nn::Module &teacher, torch::nn::Module &student, double alpha);

// teacher := student, parameters and buffers.
void copyWeights(torch::nn::Module &target, torch::nn::Module &source);

} // namespace timbre::models
