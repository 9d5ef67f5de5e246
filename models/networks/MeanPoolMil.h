// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The plain FC_T (kind "fct" with fct_embedding 0, and every FC_T checkpoint written before
// issue 23): a three-layer 128-unit embedding of biased layers, leaky ReLU and dropout without
// batch norm, its skip connection, one instance head, and the clip score as the mean of the
// instance scores. Its 3 x (128 x 128 + 128) + (128 x 20 + 20) = 52 116 parameters are the
// thesis' count. FC_T's default is now ATT's own embedding with mean pooling (AttentionMil.h,
// meanPooling), as Sec. 3.3.1 describes the model; docs/RESULTS.md compares the two.
#include "models/networks/MilNet.h"

namespace timbre::models {

struct MeanPoolMilOptions
{
    MeanPoolMilOptions(int64_t inputDim, int64_t numClasses)
        : inputDim_(inputDim), numClasses_(numClasses)
    { }
    TORCH_ARG(int64_t, inputDim);
    TORCH_ARG(int64_t, numClasses);
    TORCH_ARG(int64_t, hidden) = 128;
    TORCH_ARG(int64_t, layers) = 3;
    TORCH_ARG(double, dropout) = 0.5;
    TORCH_ARG(double, negativeSlope) = 0.01;
    // The old Xavier-normal initialisation (LegacyInit.h); off = LibTorch's default.
    TORCH_ARG(bool, legacyInit) = false;
};

class MeanPoolMilImpl : public MilNetImpl
{
public:
    explicit MeanPoolMilImpl(const MeanPoolMilOptions &options);
    MilOutput forward(const BagBatch &batch) override;
    std::vector<torch::Tensor> headParameters() override;

    MeanPoolMilOptions options;

private:
    std::vector<torch::nn::Linear> layers;
    torch::nn::Linear projection {nullptr};
    torch::nn::Linear instanceHead {nullptr};
};

TORCH_MODULE(MeanPoolMil);

} // namespace timbre::models
