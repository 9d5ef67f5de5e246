// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Dropout masks from a small seeded generator. LibTorch's dropout draws every element through
// its global mt19937-based bernoulli_ on one thread, which cost ~0.7 s of a 2.4 s ATT epoch.
// Here each mask takes one 64-bit key from a seeded xoshiro256+ stream, and word j of the mask
// is a keyed hash of j holding the 16-bit uniforms of two elements: computed independently, so
// the mask is filled in parallel, vectorised, without branches, the same for any thread count.
#include <torch/torch.h>

#include <cstdint>

namespace timbre::models {

class FastDropout
{
public:
    explicit FastDropout(uint64_t seed = 0x5eed) { reseed(seed); }
    void reseed(uint64_t seed);

    // A float mask of `shape` holding 1/(1-p) with probability 1-p and 0 otherwise.
    torch::Tensor mask(at::IntArrayRef shape, double p);
    // x * mask, i.e. inverted dropout; x unchanged when p <= 0.
    torch::Tensor apply(const torch::Tensor &x, double p);

private:
    uint64_t s[4] = {};
    uint64_t next();
};

} // namespace timbre::models
