// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/networks/StrongCnn.h"

namespace timbre::models {

void appendStrongConvBlock(torch::nn::Sequential &stack, int in, int out, int pool)
{
    stack->push_back(torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, 3).padding(1)));
    stack->push_back(torch::nn::BatchNorm2d(out));
    stack->push_back(torch::nn::ELU());
    stack->push_back(torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(pool)));
}

StrongCnnImpl::StrongCnnImpl(const StrongNetOptions &options) : StrongNetImpl(options)
{
    const int filters[] = {64, 128, 256, 640};
    const int pools[] = {2, 2, 3, 3};
    torch::nn::Sequential features;
    int in = 1;
    int h = options.bands;
    int w = options.frames;
    for (int i = 0; i < 4; ++i) {
        appendStrongConvBlock(features, in, filters[i], pools[i]);
        in = filters[i];
        h /= pools[i];
        w /= pools[i];
    }
    m_features = register_module("features", features);
    m_head = register_module("head",
                             torch::nn::Sequential(torch::nn::Linear(in * h * w, 128),
                                                   torch::nn::ELU(),
                                                   torch::nn::Linear(128, options.numClasses)));
}

torch::Tensor StrongCnnImpl::forwardStandardised(const torch::Tensor &input)
{
    return m_head->forward(m_features->forward(input).flatten(1));
}

} // namespace timbre::models
