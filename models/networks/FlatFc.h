// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// FC baseline (thesis Sec. 3.3.1): the bag cropped or zero-padded to a fixed number of
// instances (10 x 128 for OpenMIC), flattened, three hidden fully connected layers with leaky
// ReLU (0.01) and dropout, and a sigmoid output layer. With the author's widths 512-512-128 this
// is 986 772 parameters for 10 x 128 input and 20 classes, the thesis' count.
#include "models/networks/MilNet.h"

namespace timbre::models {

struct FlatFcOptions
{
    FlatFcOptions(int64_t inputDim, int64_t numClasses)
        : inputDim_(inputDim), numClasses_(numClasses)
    { }
    TORCH_ARG(int64_t, inputDim);
    TORCH_ARG(int64_t, numClasses);
    TORCH_ARG(int64_t, instances) = 10;
    TORCH_ARG(std::vector<int64_t>, hidden) = std::vector<int64_t> {512, 512, 128};
    TORCH_ARG(double, dropout) = 0.5;
    TORCH_ARG(double, negativeSlope) = 0.01;
    // The old Xavier-normal initialisation (LegacyInit.h); off = LibTorch's default.
    TORCH_ARG(bool, legacyInit) = false;
};

class FlatFcImpl : public MilNetImpl
{
public:
    explicit FlatFcImpl(const FlatFcOptions &options);
    MilOutput forward(const BagBatch &batch) override;
    std::vector<torch::Tensor> headParameters() override;

    FlatFcOptions options;

private:
    std::vector<torch::nn::Linear> layers;
    torch::nn::Linear output {nullptr};
};

TORCH_MODULE(FlatFc);

} // namespace timbre::models
