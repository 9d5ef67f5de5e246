// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/networks/StrongCrnn.h"

#include "models/networks/StrongCnn.h"

namespace timbre::models {

StrongCrnnImpl::StrongCrnnImpl(const StrongNetOptions &options) : StrongNetImpl(options)
{
    const int filters[] = {64, 128, 256, 256};
    torch::nn::Sequential features;
    int in = 1;
    int h = options.bands;
    for (int out : filters) {
        appendStrongConvBlock(features, in, out, 2);
        in = out;
        h /= 2;
    }
    m_features = register_module("features", features);
    m_gru = register_module("gru",
                            torch::nn::GRU(torch::nn::GRUOptions(in * h, 256).batch_first(true)));
    m_output = register_module("output", torch::nn::Linear(256, options.numClasses));
}

torch::Tensor StrongCrnnImpl::forwardStandardised(const torch::Tensor &input)
{
    torch::Tensor maps = m_features->forward(input); // [N x C x H x T]
    torch::Tensor sequence = maps.permute({0, 3, 1, 2}).flatten(2); // [N x T x C*H]
    torch::Tensor outputs = std::get<0>(m_gru->forward(sequence)); // [N x T x 256]
    return m_output->forward(outputs.select(1, outputs.size(1) - 1));
}

} // namespace timbre::models
