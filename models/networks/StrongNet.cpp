// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/networks/StrongNet.h"

#include "models/networks/StrongCnn.h"
#include "models/networks/StrongCrnn.h"
#include "models/networks/StrongMlp.h"

namespace timbre::models {

StrongNetImpl::StrongNetImpl(const StrongNetOptions &options) : m_options(options)
{
    m_bandMean = register_buffer("bandMean", torch::zeros({options.bands}));
    m_bandStd = register_buffer("bandStd", torch::ones({options.bands}));
}

void StrongNetImpl::setInputStatistics(const torch::Tensor &mean, const torch::Tensor &std)
{
    torch::NoGradGuard noGrad;
    m_bandMean.copy_(mean.reshape({m_options.bands}));
    m_bandStd.copy_(std.reshape({m_options.bands}).clamp_min(1e-3));
}

torch::Tensor StrongNetImpl::logits(const torch::Tensor &input)
{
    torch::Tensor x = input.reshape({-1, 1, m_options.bands, m_options.frames});
    x = (x - m_bandMean.view({1, 1, -1, 1})) / m_bandStd.view({1, 1, -1, 1});
    return forwardStandardised(x);
}

std::shared_ptr<StrongNetImpl> makeStrongNet(const std::string &kind,
                                             const StrongNetOptions &options)
{
    if (kind == "mlp")
        return std::make_shared<StrongMlpImpl>(options);
    if (kind == "cnn")
        return std::make_shared<StrongCnnImpl>(options);
    if (kind == "crnn")
        return std::make_shared<StrongCrnnImpl>(options);
    return nullptr;
}

} // namespace timbre::models
