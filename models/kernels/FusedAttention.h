// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Hand-written training kernels for ATT (thesis Sec. 3.2.2, Fig. 3.3, Eq. 3.3/3.4).
//
// Why: the composed-operator version spends most of an epoch outside its matrix products —
// every batch norm, ReLU, dropout, sigmoid and the attention pooling is several ATen kernels
// and autograd nodes, each a pass over memory and a dispatch. These two autograd functions do
// the embedding and the heads in one node each, with one pass per statistic, and skip a whole
// matrix product: the gradient of the input batch norm's affine parameters is taken from the
// first layer's weight gradient (see FusedAttention.cpp) instead of from the input gradient.
//
// Training mode: batch statistics, running statistics updated, dropout on. Evaluation without
// gradients folds the batch norms into the linear layers. tests/models/FusedAttention_test.cpp
// compares both with the composed operators.
#include "models/kernels/FastDropout.h"

#include <torch/torch.h>

#include <vector>

namespace timbre::models {

// One batch norm's tensors (BatchNorm1d's, shared, so updates land in the module).
struct FusedNorm
{
    torch::Tensor weight, bias; // learnable
    torch::Tensor runningMean, runningVar; // buffers, updated in place
    torch::Tensor batchesTracked; // buffer, += 1 per batch like BatchNorm1d
    double eps = 1e-5;
    double momentum = 0.1;
};

struct FusedEmbedding
{
    FusedNorm input; // batch norm of the raw instances
    std::vector<torch::Tensor> linear; // [hidden, in] weights, no bias
    std::vector<FusedNorm> norms; // one per linear layer
    double dropout = 0.0;
    FastDropout *masks = nullptr; // the module's seeded generator
};

// relu(BN(W_L ... relu(BN(W_1 BN_0(x))) ...)) with dropout after every ReLU, i.e. h(x) of
// Fig. 3.3 without its skip connection. x: [N, D] real instances; differentiable with respect
// to every learnable tensor in e (x gets no gradient).
torch::Tensor fusedEmbeddingTraining(const torch::Tensor &x, const FusedEmbedding &e);

// The same embedding in evaluation mode, with each batch norm's running statistics folded into
// the linear layer before it (the input norm into the first layer): three matrix products with
// bias and ReLU. No gradient; needs running statistics in every norm.
torch::Tensor foldedEmbeddingInference(const torch::Tensor &x, const FusedEmbedding &e);

struct FusedHeadsOutput
{
    torch::Tensor clip; // [B, C], differentiable
    torch::Tensor instance; // [B, T, C] f(x), no gradient
    torch::Tensor attention; // [B, T, C] w_x, no gradient
};

// Instance head f, attention head a (clamped to [1e-7, 1 - 1e-7]), w = a / sum_bag a and
// S(X) = clamp(sum w f, 0, 1) for bags that all have T instances; h: [B * T, H].
FusedHeadsOutput fusedAttentionHeads(const torch::Tensor &h, int64_t T,
                                     const torch::Tensor &instanceWeight,
                                     const torch::Tensor &instanceBias,
                                     const torch::Tensor &attentionWeight,
                                     const torch::Tensor &attentionBias);

} // namespace timbre::models
