// SPDX-License-Identifier: GPL-3.0-or-later
// MLP of Sec. 2.4: the flattened 96 x 86 log-mel patch through 4 hidden layers of 256 units
// (ReLU, dropout 0.5) to one sigmoid output per instrument.
#pragma once

#include "models/networks/StrongNet.h"

namespace timbre::models {

class StrongMlpImpl : public StrongNetImpl
{
public:
    explicit StrongMlpImpl(const StrongNetOptions &options);
    std::string kind() const override { return "mlp"; }

protected:
    torch::Tensor forwardStandardised(const torch::Tensor &input) override;

private:
    torch::nn::Sequential m_layers {nullptr};
};
TORCH_MODULE(StrongMlp);

} // namespace timbre::models
