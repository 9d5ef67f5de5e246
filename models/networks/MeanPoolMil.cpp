// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/networks/MeanPoolMil.h"

#include "models/networks/LegacyInit.h"

namespace timbre::models {

MeanPoolMilImpl::MeanPoolMilImpl(const MeanPoolMilOptions &opts) : options(opts)
{
    using namespace torch::nn;
    for (int64_t i = 0; i < opts.layers(); ++i) {
        const int64_t in = i == 0 ? opts.inputDim() : opts.hidden();
        layers.push_back(register_module("linear" + std::to_string(i), Linear(in, opts.hidden())));
    }
    if (opts.inputDim() != opts.hidden())
        projection = register_module(
                "projection", Linear(LinearOptions(opts.inputDim(), opts.hidden()).bias(false)));
    instanceHead = register_module("instanceHead", Linear(opts.hidden(), opts.numClasses()));
    // Every layer keeps LibTorch's default initialisation (PyTorch's); see LegacyInit.h.
    if (opts.legacyInit()) {
        for (auto &layer : layers)
            xavierNormalLegacy(layer);
        xavierNormalLegacy(instanceHead);
    }
}

MilOutput MeanPoolMilImpl::forward(const BagBatch &batch)
{
    const auto B = batch.features.size(0);
    const auto T = batch.features.size(1);
    torch::Tensor x = batch.features.reshape({B * T, batch.features.size(2)});
    if (batch.validRows.defined())
        x = x.index_select(0, batch.validRows);
    torch::Tensor h = x;
    const bool drop = is_training() && options.dropout() > 0.0;
    for (auto &layer : layers) {
        h = torch::leaky_relu(layer(h), options.negativeSlope());
        if (drop)
            h = m_dropout.apply(h, options.dropout());
    }
    h = h + (projection ? projection(x) : x);
    return meanPooled(torch::sigmoid(instanceHead(h)), batch);
}

std::vector<torch::Tensor> MeanPoolMilImpl::headParameters()
{
    return instanceHead->parameters();
}

} // namespace timbre::models
