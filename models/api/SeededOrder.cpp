// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/api/SeededOrder.h"

#include <algorithm>
#include <numeric>

namespace timbre::models {

SeededSplit seededSplit(int n, double fraction, uint64_t seed)
{
    std::vector<int> order(static_cast<size_t>(std::max(n, 0)));
    std::iota(order.begin(), order.end(), 0);
    uint64_t state = seed * 0x9E3779B97F4A7C15ull + 0x1234567ull;
    auto next = [&state]() {
        uint64_t z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    };
    for (size_t i = order.size(); i > 1; --i)
        std::swap(order[i - 1], order[size_t(next() % i)]);
    const size_t held = std::min(
            order.size(), size_t(double(order.size()) * std::clamp(fraction, 0.0, 1.0) + 0.5));
    SeededSplit split;
    split.held.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(held));
    split.kept.assign(order.begin() + static_cast<std::ptrdiff_t>(held), order.end());
    std::sort(split.held.begin(), split.held.end());
    std::sort(split.kept.begin(), split.kept.end());
    return split;
}

namespace {

// The 128-bit product a x b as (high, low) words, without a 128-bit type (MSVC has none).
std::pair<uint64_t, uint64_t> multiply(uint64_t a, uint64_t b)
{
    const uint64_t a0 = a & 0xffffffffull, a1 = a >> 32;
    const uint64_t b0 = b & 0xffffffffull, b1 = b >> 32;
    const uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    const uint64_t middle = (p00 >> 32) + (p01 & 0xffffffffull) + (p10 & 0xffffffffull);
    return {p11 + (p01 >> 32) + (p10 >> 32) + (middle >> 32),
            (middle << 32) | (p00 & 0xffffffffull)};
}

} // namespace

uint64_t uniformBelow(std::mt19937_64 &rng, uint64_t bound)
{
    auto product = multiply(rng(), bound);
    if (product.second < bound) {
        const uint64_t threshold = (0 - bound) % bound;
        while (product.second < threshold)
            product = multiply(rng(), bound);
    }
    return product.first;
}

int uniformInt(std::mt19937_64 &rng, int low, int high)
{
    const uint64_t span = static_cast<uint64_t>(static_cast<int64_t>(high) - low) + 1;
    return static_cast<int>(static_cast<int64_t>(low)
                            + static_cast<int64_t>(uniformBelow(rng, span)));
}

} // namespace timbre::models
