// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/networks/LegacyInit.h"

#include <cmath>

namespace timbre::models {

void heUniformLegacy(torch::nn::Linear &layer)
{
    torch::NoGradGuard noGrad;
    const double bound = std::sqrt(6.0 / static_cast<double>(layer->weight.size(1)));
    layer->weight.uniform_(-bound, bound);
    if (layer->bias.defined())
        layer->bias.zero_();
}

void xavierNormalLegacy(torch::nn::Linear &layer)
{
    torch::NoGradGuard noGrad;
    torch::nn::init::xavier_normal_(layer->weight);
    if (layer->bias.defined())
        layer->bias.zero_();
}

} // namespace timbre::models
