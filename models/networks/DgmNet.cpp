// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/networks/DgmNet.h"

#include <ATen/CPUGeneratorImpl.h>

#include <cmath>

namespace timbre::models {

namespace {

// p(y) = Cat(pi) with a flat prior, as in Kingma et al.'s M2: log p(y) = log(1/2) for both
// classes. It shifts L by a constant and leaves the gradients alone.
const double kLogPrior = std::log(0.5);

torch::nn::Sequential reluStack(int inputDim, const std::vector<int> &sizes, int *outputDim)
{
    torch::nn::Sequential stack;
    int width = inputDim;
    for (int size : sizes) {
        if (size <= 0)
            continue;
        stack->push_back(torch::nn::Linear(width, size));
        stack->push_back(torch::nn::ReLU());
        width = size;
    }
    *outputDim = width;
    return stack;
}

torch::Tensor oneHot(const torch::Tensor &y, const torch::Tensor &like)
{
    return torch::one_hot(y.to(torch::kLong), 2).to(like.scalar_type());
}

} // namespace

DgmNetImpl::DgmNetImpl(const DgmNetOptions &options) : m_options(options)
{
    int encoderOut = 0;
    m_encoder = register_module("encoder",
                                reluStack(options.inputDim + 2, options.hidden, &encoderOut));
    m_mean = register_module("mean", torch::nn::Linear(encoderOut, options.latentDim));
    m_logVariance
            = register_module("logVariance", torch::nn::Linear(encoderOut, options.latentDim));

    std::vector<int> mirrored(options.hidden.rbegin(), options.hidden.rend());
    int decoderOut = 0;
    torch::nn::Sequential decoder = reluStack(options.latentDim + 2, mirrored, &decoderOut);
    decoder->push_back(torch::nn::Linear(decoderOut, options.inputDim));
    m_decoder = register_module("decoder", decoder);

    torch::nn::Sequential classifier;
    int width = options.inputDim;
    for (int size : options.classifierHidden) {
        if (size <= 0)
            continue;
        classifier->push_back(torch::nn::Linear(width, size));
        classifier->push_back(torch::nn::ReLU());
        if (options.classifierDropout > 0)
            classifier->push_back(torch::nn::Dropout(options.classifierDropout));
        width = size;
    }
    // One logit for the binary Cat(pi(x)): q(y=1|x) = sigmoid(logit).
    classifier->push_back(torch::nn::Linear(width, 1));
    m_classifier = register_module("classifier", classifier);
}

void DgmNetImpl::useOwnRandomness(uint64_t seed)
{
    m_noise = at::make_generator<at::CPUGeneratorImpl>(seed);
    m_dropout = std::make_unique<FastDropout>(seed ^ 0xd9e8c7b6a5f40312ULL);
}

torch::Tensor DgmNetImpl::classifierLogit(const torch::Tensor &x)
{
    if (!m_dropout || !is_training() || m_options.classifierDropout <= 0)
        return m_classifier->forward(x).squeeze(1);
    // The same layers, with the dropout masks drawn from the network's own stream.
    torch::Tensor h = x;
    for (torch::nn::AnyModule &layer : *m_classifier) {
        if (layer.ptr()->as<torch::nn::DropoutImpl>())
            h = m_dropout->apply(h, m_options.classifierDropout);
        else
            h = layer.forward<torch::Tensor>(h);
    }
    return h.squeeze(1);
}

std::pair<torch::Tensor, torch::Tensor> DgmNetImpl::encode(const torch::Tensor &x,
                                                           const torch::Tensor &y)
{
    torch::Tensor h = m_encoder->forward(torch::cat({x, oneHot(y, x)}, 1));
    return {m_mean->forward(h), m_logVariance->forward(h)};
}

torch::Tensor DgmNetImpl::decode(const torch::Tensor &z, const torch::Tensor &y)
{
    return m_decoder->forward(torch::cat({z, oneHot(y, z)}, 1));
}

DgmBoundTerms DgmNetImpl::labelledBound(const torch::Tensor &x, const torch::Tensor &y)
{
    auto [mean, logVariance] = encode(x, y);
    // Reparameterisation trick (Sec. 4.4): z = mu + sigma * eps.
    const torch::Tensor noise = m_noise ? torch::randn(mean.sizes(), *m_noise, mean.options())
                                        : torch::randn_like(mean);
    torch::Tensor z = mean + torch::exp(0.5 * logVariance) * noise;
    DgmBoundTerms terms;
    terms.logLikelihood = dgmLogLikelihood(decode(z, y), x, m_options.gaussianDecoder);
    terms.kl = dgmGaussianKl(mean, logVariance);
    terms.loss = -(terms.logLikelihood + kLogPrior - terms.kl);
    return terms;
}

torch::Tensor dgmGaussianKl(const torch::Tensor &mean, const torch::Tensor &logVariance)
{
    return -0.5 * (1 + logVariance - mean.pow(2) - logVariance.exp()).sum(1);
}

torch::Tensor dgmLogLikelihood(const torch::Tensor &decoded, const torch::Tensor &x, bool gaussian)
{
    if (gaussian) {
        const double logTwoPi = std::log(2.0 * M_PI);
        return -0.5 * ((x - decoded).pow(2) + logTwoPi).sum(1);
    }
    // Bernoulli log-likelihood from logits, -BCE, stable for large logits.
    return -torch::binary_cross_entropy_with_logits(decoded, x, {}, {}, torch::Reduction::None)
                    .sum(1);
}

torch::Tensor dgmBinaryEntropy(const torch::Tensor &logit)
{
    torch::Tensor p = torch::sigmoid(logit);
    return -(p * torch::log_sigmoid(logit) + (1 - p) * torch::log_sigmoid(-logit));
}

torch::Tensor dgmUnlabelledBound(const torch::Tensor &logit, const torch::Tensor &lossNegative,
                                 const torch::Tensor &lossPositive)
{
    torch::Tensor p = torch::sigmoid(logit);
    return p * lossPositive + (1 - p) * lossNegative - dgmBinaryEntropy(logit);
}

DgmObjective dgmObjective(DgmNet &net, const torch::Tensor &xl, const torch::Tensor &yl,
                          const torch::Tensor &xu, double alpha)
{
    DgmObjective objective;
    DgmBoundTerms labelled = net->labelledBound(xl, yl);
    torch::Tensor labelledLoss = labelled.loss.mean();
    torch::Tensor logit = net->classifierLogit(xl);
    torch::Tensor classification
            = torch::binary_cross_entropy_with_logits(logit, yl.to(logit.scalar_type()));
    torch::Tensor total = labelledLoss + alpha * classification;
    objective.labelled = labelledLoss.item<double>();
    objective.classification = classification.item<double>();

    if (xu.defined() && xu.size(0) > 0) {
        // Posterior inference over both classes: each unlabelled example is encoded twice,
        // once with each one-hot y (Sec. 4.4), in one batch of 2B.
        const int64_t b = xu.size(0);
        torch::Tensor both = torch::cat({xu, xu}, 0);
        torch::Tensor ys
                = torch::cat({torch::zeros({b}, torch::kLong), torch::ones({b}, torch::kLong)});
        torch::Tensor losses = net->labelledBound(both, ys).loss;
        torch::Tensor u = dgmUnlabelledBound(net->classifierLogit(xu), losses.slice(0, 0, b),
                                             losses.slice(0, b, 2 * b))
                                  .mean();
        total = total + u;
        objective.unlabelled = u.item<double>();
    }
    objective.total = total;
    return objective;
}

} // namespace timbre::models
