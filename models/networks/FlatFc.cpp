// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/networks/FlatFc.h"

#include "models/networks/LegacyInit.h"

namespace timbre::models {

FlatFcImpl::FlatFcImpl(const FlatFcOptions &opts) : options(opts)
{
    using namespace torch::nn;
    int64_t in = opts.inputDim() * opts.instances();
    for (size_t i = 0; i < opts.hidden().size(); ++i) {
        layers.push_back(
                register_module("linear" + std::to_string(i), Linear(in, opts.hidden()[i])));
        in = opts.hidden()[i];
    }
    output = register_module("output", Linear(in, opts.numClasses()));
    // Every layer keeps LibTorch's default initialisation (PyTorch's); see LegacyInit.h.
    if (opts.legacyInit()) {
        for (auto &layer : layers)
            xavierNormalLegacy(layer);
        xavierNormalLegacy(output);
    }
}

MilOutput FlatFcImpl::forward(const BagBatch &batch)
{
    const auto B = batch.features.size(0);
    const auto T = batch.features.size(1);
    const auto K = options.instances();
    torch::Tensor x = batch.features;
    // Fixed-size input: keep the first K instances, zero-pad shorter bags (padding is zero
    // already in the batch).
    if (T > K)
        x = x.narrow(1, 0, K);
    else if (T < K)
        x = torch::constant_pad_nd(x, {0, 0, 0, K - T});
    torch::Tensor h = x.reshape({B, K * options.inputDim()});
    const bool drop = is_training() && options.dropout() > 0.0;
    for (auto &layer : layers) {
        h = layer(h);
        if (drop)
            h = m_dropout.apply(h, options.dropout());
        h = torch::leaky_relu(h, options.negativeSlope());
    }
    MilOutput out;
    out.clip = torch::sigmoid(output(h));
    return out;
}

std::vector<torch::Tensor> FlatFcImpl::headParameters()
{
    return output->parameters();
}

} // namespace timbre::models
