// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// ATT, the attention multiple-instance model of thesis Sec. 3.2.2 (Fig. 3.3, Eq. 3.3/3.4), and
// with meanPooling the thesis' FC_T (Sec. 3.3.1: "essentially the same model as ATT using mean
// pooling instead of attention"): the same embedding and instance head, the clip score the mean
// of the bag's instance scores, no attention head.
#include "models/kernels/FusedAttention.h"
#include "models/networks/MilNet.h"

namespace timbre::models {

struct AttentionMilOptions
{
    AttentionMilOptions(int64_t inputDim, int64_t numClasses)
        : inputDim_(inputDim), numClasses_(numClasses)
    { }
    TORCH_ARG(int64_t, inputDim);
    TORCH_ARG(int64_t, numClasses);
    TORCH_ARG(int64_t, hidden) = 128;
    TORCH_ARG(int64_t, layers) = 3;
    TORCH_ARG(double, dropout) = 0.6;
    TORCH_ARG(bool, meanPooling) = false;
    // The old He-uniform initialisation (LegacyInit.h); off = LibTorch's default.
    TORCH_ARG(bool, legacyInit) = false;
    // Odd K > 1: each instance's embedding gets a residual temporal convolution over the K
    // instances around it (in bag order = time) before the heads, relaxing the instance
    // independence of Sec. 6.2 for localisation (docs/METHOD.md §3.3). 0 or 1: off, the
    // thesis' ATT.
    TORCH_ARG(int64_t, temporalContext) = 0;
};

class AttentionMilImpl : public MilNetImpl
{
public:
    explicit AttentionMilImpl(const AttentionMilOptions &options);
    MilOutput forward(const BagBatch &batch) override;
    std::vector<torch::Tensor> headParameters() override;
    // The embedding h(x) of Fig. 3.3 for [N, D] instances (all rows real).
    torch::Tensor embed(const torch::Tensor &instances);

    AttentionMilOptions options;
    // Training steps run the hand-written kernels of FusedAttention.h (same results as the
    // composed operators up to rounding); false forces the composed operators everywhere.
    bool fusedKernels = true;
    // Training needs gradients through the instance scores (a frame-level auxiliary loss):
    // the heads then run as composed operators (the fused heads give the clip score only a
    // gradient); the embedding stays fused.
    bool instanceGradients = false;

private:
    bool trainsWithFusedKernels() const;
    bool infersWithFoldedNorms() const;
    FusedEmbedding fusedEmbedding();

    torch::nn::BatchNorm1d inputNorm {nullptr};
    std::vector<torch::nn::Linear> layers;
    std::vector<torch::nn::BatchNorm1d> norms;
    torch::nn::Linear projection {nullptr}; // only when inputDim != hidden
    torch::nn::Linear instanceHead {nullptr};
    torch::nn::Linear attentionHead {nullptr}; // not with meanPooling
    torch::nn::Conv1d context {nullptr}; // only with temporalContext > 1

    // h [B * T, H] of real rows -> the same with each row mixed with its neighbours of the
    // same bag (padding contributes zeros).
    torch::Tensor withContext(const torch::Tensor &h, const BagBatch &batch);
};

TORCH_MODULE(AttentionMil);

} // namespace timbre::models
