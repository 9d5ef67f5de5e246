// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// RNN baseline (thesis Sec. 3.3.1): a three-layer bidirectional GRU with 64 units per direction
// over the bag's instances; the last layer's final forward and backward states (64 + 64) feed a
// linear layer with sigmoid. 3 x 2 x 3 x (64 x 128 + 64 x 64 + 2 x 64) + (128 x 20 + 20)
// = 226 068 parameters for 128-d input, the thesis' count.
#include "models/networks/MilNet.h"

namespace timbre::models {

struct GruMilOptions
{
    GruMilOptions(int64_t inputDim, int64_t numClasses)
        : inputDim_(inputDim), numClasses_(numClasses)
    { }
    TORCH_ARG(int64_t, inputDim);
    TORCH_ARG(int64_t, numClasses);
    TORCH_ARG(int64_t, hidden) = 64;
    TORCH_ARG(int64_t, layers) = 3;
    TORCH_ARG(double, dropout) = 0.5;
};

class GruMilImpl : public MilNetImpl
{
public:
    explicit GruMilImpl(const GruMilOptions &options);
    MilOutput forward(const BagBatch &batch) override;
    std::vector<torch::Tensor> headParameters() override;

    GruMilOptions options;

private:
    torch::nn::GRU gru {nullptr};
    torch::nn::Linear output {nullptr};
};

TORCH_MODULE(GruMil);

} // namespace timbre::models
