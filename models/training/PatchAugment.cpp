// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/training/PatchAugment.h"

#include <cmath>

namespace timbre::models {

namespace {

// Uniform in [-1, 1], shaped [B, 1, 1, 1] for per-bag factors.
torch::Tensor symmetric(int64_t bags, at::Generator &generator)
{
    return torch::rand({bags, 1, 1, 1}, generator) * 2.0 - 1.0;
}

// x shifted by `k` bands along the last axis (positive = up), the edge band repeated.
torch::Tensor shiftBands(const torch::Tensor &x, int64_t k)
{
    const int64_t bands = x.size(-1);
    if (k == 0)
        return x;
    if (k >= bands || -k >= bands)
        return x.narrow(-1, k > 0 ? 0 : bands - 1, 1).expand_as(x).clone();
    if (k > 0)
        return torch::cat({x.narrow(-1, 0, 1).expand({x.size(0), x.size(1), x.size(2), k}),
                           x.narrow(-1, 0, bands - k)},
                          -1);
    return torch::cat({x.narrow(-1, -k, bands + k),
                       x.narrow(-1, bands - 1, 1).expand({x.size(0), x.size(1), x.size(2), -k})},
                      -1);
}

// Per-bag fractional shift: each bag is interpolated between its two neighbouring whole
// shifts. The few distinct whole shifts are computed once for the batch.
torch::Tensor shiftBandsFractional(const torch::Tensor &x, const torch::Tensor &shift)
{
    const torch::Tensor low = shift.floor();
    const torch::Tensor frac = shift - low;
    const int64_t kMin = low.min().item<int64_t>();
    const int64_t kMax = low.max().item<int64_t>() + 1;
    torch::Tensor out = torch::zeros_like(x);
    for (int64_t k = kMin; k <= kMax; ++k) {
        // Weight of whole shift k for each bag: (1 - frac) where low == k, frac where low + 1 == k.
        const torch::Tensor w
                = (low == k).to(x.dtype()) * (1.0 - frac) + (low + 1 == k).to(x.dtype()) * frac;
        if (w.abs().sum().item<double>() == 0.0)
            continue;
        out += w * shiftBands(x, k);
    }
    return out;
}

} // namespace

AugmentedBatch augmentPatches(const torch::Tensor &patches, const torch::Tensor &labels,
                              const torch::Tensor &observed, const PatchAugmentOptions &o,
                              at::Generator &generator)
{
    torch::NoGradGuard noGrad;
    AugmentedBatch out {patches, labels, observed};
    if (!o.any())
        return out;
    const int64_t B = patches.size(0);
    const int64_t T = patches.size(1);
    const int64_t frames = patches.size(2);
    const int64_t bands = patches.size(3);
    // Back to mel magnitudes: the inverse of ln(mel + offset).
    torch::Tensor mel = (patches.exp() - o.logOffset).clamp_min(0.0);
    const double ln10over20 = std::log(10.0) / 20.0;

    if (o.mixProbability > 0 && B > 1) {
        // Each chosen bag gets another bag of the batch (a random derangement-like pairing:
        // a rotation of a random permutation never pairs a bag with itself).
        const torch::Tensor perm = torch::randperm(B, generator);
        torch::Tensor partner = torch::empty_like(perm);
        partner.index_put_({perm}, perm.roll(1));
        const torch::Tensor chosen = torch::rand({B}, generator) < o.mixProbability;
        const torch::Tensor level
                = (-torch::rand({B, 1, 1, 1}, generator) * o.mixLevelDb * ln10over20).exp()
                * chosen.to(mel.dtype()).view({B, 1, 1, 1});
        mel = mel + level * mel.index_select(0, partner);
        const torch::Tensor c = chosen.to(labels.dtype()).unsqueeze(1);
        const torch::Tensor yB = labels.index_select(0, partner);
        const torch::Tensor oB = observed.index_select(0, partner);
        const torch::Tensor posA = labels * observed;
        const torch::Tensor posB = yB * oB;
        const torch::Tensor unionLabel = torch::maximum(posA, posB);
        // Known present if present in either; known absent only where both are known absent.
        const torch::Tensor unionObserved
                = torch::maximum(observed * oB, torch::maximum(posA, posB));
        out.labels = c * unionLabel + (1.0 - c) * labels;
        out.observed = c * unionObserved + (1.0 - c) * observed;
    }
    // Per-bag factors broadcast over [B, T, frames, bands]: fold T into the frames axis.
    mel = mel.reshape({B, T * frames, 1, bands}).transpose(1, 2); // [B, 1, T*frames, bands]
    if (o.gainDb > 0)
        mel = mel * (symmetric(B, generator) * o.gainDb * ln10over20).exp();
    if (o.tiltDb > 0) {
        const torch::Tensor position = torch::linspace(-0.5, 0.5, bands).view({1, 1, 1, bands});
        mel = mel * (symmetric(B, generator) * o.tiltDb * position * ln10over20).exp();
    }
    if (o.pitchBands > 0)
        mel = shiftBandsFractional(mel, symmetric(B, generator) * o.pitchBands);
    if (o.noiseProbability > 0) {
        const torch::Tensor chosen
                = (torch::rand({B, 1, 1, 1}, generator) < o.noiseProbability).to(mel.dtype());
        const torch::Tensor snr = o.noiseSnrDb + symmetric(B, generator) * 10.0;
        const torch::Tensor level = mel.mean({1, 2, 3}, true) * (-snr * ln10over20).exp();
        // Exponentially distributed magnitudes: a noise floor that fluctuates per bin.
        const torch::Tensor noise = -torch::log(1.0 - torch::rand(mel.sizes(), generator));
        mel = mel + chosen * level * noise;
    }
    mel = mel.transpose(1, 2).reshape({B, T, frames, bands});
    if (o.stretch > 0) {
        const double factor
                = 1.0 + (torch::rand({1}, generator).item<double>() * 2.0 - 1.0) * o.stretch;
        const int64_t stretched = std::max<int64_t>(2, std::lround(frames * factor));
        // Each patch resampled on its own: neighbouring patches need not be contiguous audio.
        torch::Tensor x = torch::nn::functional::interpolate(
                mel.reshape({B * T, 1, frames, bands}),
                torch::nn::functional::InterpolateFuncOptions()
                        .size(std::vector<int64_t>({stretched, bands}))
                        .mode(torch::kBilinear)
                        .align_corners(false));
        if (stretched >= frames)
            x = x.narrow(2, 0, frames);
        else
            x = torch::cat(
                    {x,
                     x.narrow(2, stretched - 1, 1).expand({B * T, 1, frames - stretched, bands})},
                    2);
        mel = x.reshape({B, T, frames, bands});
    }
    out.patches = (mel + o.logOffset).log();
    return out;
}

} // namespace timbre::models
