// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/training/InputNoise.h"

namespace timbre::models {

torch::Tensor inputNoiseScale(const torch::Tensor &instances, double scale)
{
    const int64_t D = instances.size(-1);
    // A view, not a copy: a library's training instances may be gigabytes.
    const torch::Tensor rows = instances.reshape({-1, D});
    if (rows.size(0) < 2)
        return torch::zeros({D}, torch::kFloat32);
    return rows.std(0, /*unbiased=*/true).mul(scale).to(torch::kFloat32);
}

torch::Tensor withInputNoise(const torch::Tensor &features, const torch::Tensor &scale)
{
    return features + torch::randn_like(features) * scale;
}

} // namespace timbre::models
