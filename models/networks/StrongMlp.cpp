// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/networks/StrongMlp.h"

namespace timbre::models {

StrongMlpImpl::StrongMlpImpl(const StrongNetOptions &options) : StrongNetImpl(options)
{
    torch::nn::Sequential layers;
    int width = options.bands * options.frames;
    for (int i = 0; i < 4; ++i) {
        layers->push_back(torch::nn::Linear(width, 256));
        layers->push_back(torch::nn::ReLU());
        if (options.dropout > 0)
            layers->push_back(torch::nn::Dropout(options.dropout));
        width = 256;
    }
    layers->push_back(torch::nn::Linear(width, options.numClasses));
    m_layers = register_module("layers", layers);
}

torch::Tensor StrongMlpImpl::forwardStandardised(const torch::Tensor &input)
{
    return m_layers->forward(input.flatten(1));
}

} // namespace timbre::models
