#include "models/FastDropout.h"

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

inline float keptOrDropped(uint64_t word, int k, uint32_t threshold, float keep)
{
    return static_cast<uint32_t>((word >> (16 * k)) & 0xFFFF) >= threshold ? keep : 0.0f;
}

inline uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
__attribute__((target_clones("avx2", "default")))
#endif
// Words [first, last) of the mask: word w holds elements 4w .. 4w+3 (n elements in all).
void fillMaskWords(uint64_t key, int64_t first, int64_t last, int64_t n, uint32_t threshold,
                   float keep, float *__restrict out)
{
    const int64_t whole = std::min(last, n / 4);
    for (int64_t w = first; w < whole; ++w) {
        const uint64_t z = mix64(key + static_cast<uint64_t>(w + 1) * kGolden);
        for (int k = 0; k < 4; ++k)
            out[4 * w + k] = keptOrDropped(z, k, threshold, keep);
    }
    for (int64_t w = std::max(first, whole); w < last; ++w) {
        const uint64_t z = mix64(key + static_cast<uint64_t>(w + 1) * kGolden);
        for (int k = 0; 4 * w + k < n; ++k)
            out[4 * w + k] = keptOrDropped(z, k, threshold, keep);
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
    torch::Tensor m = torch::empty(shape, torch::kFloat32);
    float *out = m.data_ptr<float>();
    const int64_t n = m.numel();
    const float keep = static_cast<float>(1.0 / (1.0 - p));
    // Keep when a 16-bit uniform u satisfies u >= p * 65536 (resolution 1/65536).
    const uint32_t threshold = static_cast<uint32_t>(std::clamp(p, 0.0, 1.0) * 65536.0 + 0.5);
    const uint64_t key = next();
    const int64_t words = (n + 3) / 4;
    at::parallel_for(0, words, 8192, [&](int64_t first, int64_t last) {
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
