// SPDX-License-Identifier: GPL-3.0-or-later
// CRNN of Sec. 2.4 / Table 2.1 (right): four conv blocks (64, 128, 256, 256 filters, 2x2
// pools, batch norm + ELU), the time axis kept while channels and mel bands are flattened,
// a GRU of 256 units over the remaining frames, and its last output to one sigmoid output per
// instrument. For 96 x 86 input the GRU sees 5 steps of 256 x 6 features.
#pragma once

#include "models/networks/StrongNet.h"

namespace timbre::models {

class StrongCrnnImpl : public StrongNetImpl
{
public:
    explicit StrongCrnnImpl(const StrongNetOptions &options);
    std::string kind() const override { return "crnn"; }

protected:
    torch::Tensor forwardStandardised(const torch::Tensor &input) override;

private:
    torch::nn::Sequential m_features {nullptr};
    torch::nn::GRU m_gru {nullptr};
    torch::nn::Linear m_output {nullptr};
};
TORCH_MODULE(StrongCrnn);

} // namespace timbre::models
