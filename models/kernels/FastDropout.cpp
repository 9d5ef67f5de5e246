// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/kernels/FastDropout.h"

#include "models/kernels/ActivationPool.h"
#include "models/kernels/VectorClones.h"

#include <ATen/Parallel.h>

#include <algorithm>

namespace timbre::models {

namespace {

constexpr uint64_t kGolden = 0x9e3779b97f4a7c15ULL;

// splitmix64's output function.
inline uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

uint64_t splitmix(uint64_t &x)
{
    return mix64(x += kGolden);
}

inline uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

// murmur3's 32-bit finaliser: a bijection with full avalanche, in 32-bit multiplies that
// AVX2 does eight at a time (splitmix64's 64-bit ones it has to emulate).
inline uint32_t fmix32(uint32_t h)
{
    h ^= h >> 16;
    h *= 0x85ebca6bu;
    h ^= h >> 13;
    h *= 0xc2b2ae35u;
    return h ^ (h >> 16);
}

// Elements [2 first, 2 last) of the mask (n in all): word j = fmix32(fmix32(j ^ k0) ^ k1) holds
// the 16-bit uniforms of elements 2j and 2j + 1.
TIMBRE_VECTOR_CLONES void fillMaskWords(uint64_t key, int64_t first, int64_t last, int64_t n,
                                        uint32_t threshold, float keep, float *__restrict out)
{
    const uint32_t k0 = static_cast<uint32_t>(key);
    const uint32_t k1 = static_cast<uint32_t>(key >> 32);
    const int64_t whole = std::min(last, n / 2);
    for (int64_t j = first; j < whole; ++j) {
        const uint32_t h = fmix32(fmix32(static_cast<uint32_t>(j) ^ k0) ^ k1);
        out[2 * j] = (h & 0xFFFFu) >= threshold ? keep : 0.0f;
        out[2 * j + 1] = (h >> 16) >= threshold ? keep : 0.0f;
    }
    if (last > whole && 2 * whole < n) { // odd n: the last element alone
        const uint32_t h = fmix32(fmix32(static_cast<uint32_t>(whole) ^ k0) ^ k1);
        out[2 * whole] = (h & 0xFFFFu) >= threshold ? keep : 0.0f;
    }
}

} // namespace

void FastDropout::reseed(uint64_t seed)
{
    for (auto &word : s)
        word = splitmix(seed);
}

uint64_t FastDropout::next()
{
    const uint64_t result = s[0] + s[3];
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

torch::Tensor FastDropout::mask(at::IntArrayRef shape, double p)
{
    torch::Tensor m = pooledEmpty(shape);
    float *out = m.data_ptr<float>();
    const int64_t n = m.numel();
    const float keep = static_cast<float>(1.0 / (1.0 - p));
    // Keep when a 16-bit uniform u satisfies u >= p * 65536 (resolution 1/65536).
    const uint32_t threshold = static_cast<uint32_t>(std::clamp(p, 0.0, 1.0) * 65536.0 + 0.5);
    const uint64_t key = next();
    const int64_t words = (n + 1) / 2;
    at::parallel_for(0, words, 16384, [&](int64_t first, int64_t last) {
        fillMaskWords(key, first, last, n, threshold, keep, out);
    });
    return m;
}

torch::Tensor FastDropout::apply(const torch::Tensor &x, double p)
{
    if (p <= 0.0)
        return x;
    return x * mask(x.sizes(), p);
}

} // namespace timbre::models
