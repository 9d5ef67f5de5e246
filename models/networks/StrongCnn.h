// SPDX-License-Identifier: GPL-3.0-or-later
// CNN of Sec. 2.4 / Table 2.1 (left): four 3x3 convolutions (64, 128, 256, 640 filters,
// stride 1, zero padding 1), each with batch norm, ELU and max-pooling (2x2, 2x2, 3x3, 3x3),
// then FC 128 with ELU and one sigmoid output per instrument. For 96 x 86 input the last
// feature map is 640 x 2 x 2.
#pragma once

#include "models/networks/StrongNet.h"

namespace timbre::models {

class StrongCnnImpl : public StrongNetImpl
{
public:
    explicit StrongCnnImpl(const StrongNetOptions &options);
    std::string kind() const override { return "cnn"; }

protected:
    torch::Tensor forwardStandardised(const torch::Tensor &input) override;

private:
    torch::nn::Sequential m_features {nullptr};
    torch::nn::Sequential m_head {nullptr};
};
TORCH_MODULE(StrongCnn);

// Appends conv 3x3 (padding 1) + batch norm + ELU + max-pool(pool), the block of Table 2.1.
void appendStrongConvBlock(torch::nn::Sequential &stack, int in, int out, int pool);

} // namespace timbre::models
