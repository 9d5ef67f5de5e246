// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Losses for partially labelled multi-label bags (thesis Eq. 3.5, 3.7/3.8, 5.4).
#include <torch/torch.h>

namespace timbre::models {

struct PartialBceOptions
{
    // g(p) = alpha * p^gamma + beta; the defaults make BCEp the mean BCE over observed labels.
    double alpha = 1.0;
    double beta = 0.0;
    double gamma = -1.0;
};

// Eq. 3.5 averaged over the bags that have at least one observed label:
//   BCEp_b = g(p_b) / L * sum_{l observed} BCE(y_l, q_l),  p_b = (#observed in b) / L.
// q, labels, observed: [B, C] (observed 1/0 as float). Unknown labels contribute exactly zero
// and get zero gradient. positiveWeight ([C], optional) is Eq. 3.7's w_p on the positive term.
torch::Tensor partialBce(const torch::Tensor &q, const torch::Tensor &labels,
                         const torch::Tensor &observed, const PartialBceOptions &options = {},
                         const torch::Tensor &positiveWeight = {});

// Eq. 3.8: w_p = #negatives / #positives per class over the observed labels ([C]); a class
// without observed positives or negatives gets 1.
torch::Tensor balancedPositiveWeights(const torch::Tensor &labels, const torch::Tensor &observed);

// Eq. 5.4 averaged over the batch: (1/C) ||q_student - q_teacher||^2 over all labels. The
// teacher's side is detached: it learns only through the EMA.
torch::Tensor consistencyMse(const torch::Tensor &student, const torch::Tensor &teacher);

// The strong-label term of a frame-level auxiliary loss (docs/METHOD.md §5.4): the mean BCE
// of the instance scores f(x) [B, T, C] against known instance activity `truth` [B, T, C]
// over the real instances (`mask` [B, T], undefined when there is no padding) and all classes.
// The clip-level MIL loss keeps learning from the weak labels beside it.
torch::Tensor instanceBce(const torch::Tensor &instance, const torch::Tensor &truth,
                          const torch::Tensor &mask);

} // namespace timbre::models
