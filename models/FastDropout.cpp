#include "models/FastDropout.h"

#include <algorithm>

namespace timbre::models {

namespace {

uint64_t splitmix(uint64_t &x)
{
    uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

inline uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
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
    int64_t i = 0;
    for (; i + 4 <= n; i += 4) {
        const uint64_t r = next();
        out[i] = (r & 0xFFFF) >= threshold ? keep : 0.0f;
        out[i + 1] = ((r >> 16) & 0xFFFF) >= threshold ? keep : 0.0f;
        out[i + 2] = ((r >> 32) & 0xFFFF) >= threshold ? keep : 0.0f;
        out[i + 3] = (r >> 48) >= threshold ? keep : 0.0f;
    }
    if (i < n) {
        uint64_t r = next();
        for (; i < n; ++i, r >>= 16)
            out[i] = (r & 0xFFFF) >= threshold ? keep : 0.0f;
    }
    return m;
}

torch::Tensor FastDropout::apply(const torch::Tensor &x, double p)
{
    if (p <= 0.0)
        return x;
    return x * mask(x.sizes(), p);
}

} // namespace timbre::models
