// SPDX-License-Identifier: GPL-3.0-or-later
// Semi-supervised deep generative model for one instrument (thesis Ch. 4, Kingma et al.'s M2):
// encoder q(z|x,y), decoder p(x|y,z) and classifier q(y|x), plus the terms of its objective.
// Internal header: it exposes torch types; the public entry points are models/api/*.h.
#pragma once

#include "models/kernels/FastDropout.h"

#include <torch/torch.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace timbre::models {

struct DgmNetOptions
{
    int inputDim = 128;
    int latentDim = 64; // Sec. 4.4: z fixed to 64 dimensions
    // Encoder hidden sizes; the decoder mirrors them (Table 4.1: h1 {256,512}, h2 256,
    // h3 {0,256}; a size of 0 drops that layer).
    std::vector<int> hidden {256, 256, 0};
    // Classifier q(y|x): three hidden layers with dropout, like the FC baseline (Sec. 4.4).
    std::vector<int> classifierHidden {256, 256, 256};
    double classifierDropout = 0.5;
    // Decoder likelihood. Bernoulli (default): inputs are rescaled to [0, 1] per dimension on
    // the training set, as the thesis' VGGish bytes are scaled by 1/255; a Bernoulli decoder
    // (binary cross-entropy) is what M2 used on [0, 1] data, it cannot collapse its variance,
    // and its per-dimension term stays on the same scale as the KL and classification terms.
    // Gaussian: unit variance, log p = -0.5 ||x - mu||^2 - D/2 log(2 pi), for unbounded inputs.
    bool gaussianDecoder = false;
};

// Per-example terms of the labelled bound for a batch with one known class each.
struct DgmBoundTerms
{
    torch::Tensor logLikelihood; // [B] E_q[log p(x|y,z)], one z sample
    torch::Tensor kl; // [B] KL(q(z|x,y) || N(0, I)), >= 0
    torch::Tensor loss; // [B] L(x,y) = -(logLikelihood + log p(y) - kl)
};

class DgmNetImpl : public torch::nn::Module
{
public:
    explicit DgmNetImpl(const DgmNetOptions &options);

    // Classifier logit of q(y=1|x); x is [B x D] (scaled inputs). [B]
    torch::Tensor classifierLogit(const torch::Tensor &x);

    // Encoder q(z|x,y): mean and log-variance, each [B x latent]; y is [B] in {0, 1}.
    std::pair<torch::Tensor, torch::Tensor> encode(const torch::Tensor &x, const torch::Tensor &y);
    // Decoder p(x|y,z): logits (Bernoulli) or means (Gaussian), [B x D].
    torch::Tensor decode(const torch::Tensor &z, const torch::Tensor &y);

    // L(x,y) of Eq. 4.5 for labels y ([B], values 0/1) with one reparameterised z sample.
    DgmBoundTerms labelledBound(const torch::Tensor &x, const torch::Tensor &y);

    const DgmNetOptions &options() const { return m_options; }

    // Gives the network random streams of its own, seeded: the reparameterisation noise and the
    // classifier's dropout masks then come from them instead of LibTorch's global generator, so
    // that the trainer can train each instrument's network on a thread of its own and still get
    // the same numbers for any number of threads (docs/METHOD.md §7).
    void useOwnRandomness(uint64_t seed);

private:
    DgmNetOptions m_options;
    std::optional<at::Generator> m_noise;
    std::unique_ptr<FastDropout> m_dropout;
    torch::nn::Sequential m_encoder {nullptr};
    torch::nn::Linear m_mean {nullptr};
    torch::nn::Linear m_logVariance {nullptr};
    torch::nn::Sequential m_decoder {nullptr};
    torch::nn::Sequential m_classifier {nullptr};
};
TORCH_MODULE(DgmNet);

// KL(N(mean, exp(logVariance)) || N(0, I)) summed over the latent dimensions: [B].
torch::Tensor dgmGaussianKl(const torch::Tensor &mean, const torch::Tensor &logVariance);

// log p(x|y,z) summed over the input dimensions: [B].
torch::Tensor dgmLogLikelihood(const torch::Tensor &decoded, const torch::Tensor &x, bool gaussian);

// Entropy of the Bernoulli q(y|x) given its logit: [B].
torch::Tensor dgmBinaryEntropy(const torch::Tensor &logit);

// U(x) of Eq. 4.6 from the classifier logit and L(x, y=0), L(x, y=1), each [B]:
// U = sum_y q(y|x) L(x,y) - H(q(y|x)).
torch::Tensor dgmUnlabelledBound(const torch::Tensor &logit, const torch::Tensor &lossNegative,
                                 const torch::Tensor &lossPositive);

struct DgmObjective
{
    torch::Tensor total; // J^alpha of Eq. 4.8 per batch (means over the batch)
    double labelled = 0; // mean L over the labelled batch
    double unlabelled = 0; // mean U over the unlabelled batch
    double classification = 0; // mean -log q(y|x) over the labelled batch
};

// One step's objective (Eq. 4.7/4.8 with batch means): mean L(xl, yl) + mean U(xu)
// + alpha * mean(-log q(yl|xl)). xu may be undefined or empty (every bag labelled).
DgmObjective dgmObjective(DgmNet &net, const torch::Tensor &xl, const torch::Tensor &yl,
                          const torch::Tensor &xu, double alpha);

} // namespace timbre::models
