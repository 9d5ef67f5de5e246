// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Seeded random orders that come out the same on every platform: the one validation split of
// the project and the shuffles and draws of the trainers. The C++ standard fixes what
// std::mt19937_64 returns but not how std::shuffle or std::uniform_int_distribution use it, so
// with libc++ or MSVC the same seed used to give another split and another batch order. These
// are written out here; uniformBelow and seededShuffle follow the algorithms of GCC's libstdc++
// step for step (tests/models/SeededOrder_test.cpp checks them against it), so runs recorded
// on Debian with std::shuffle keep their results bit for bit. Plain C++: core/ uses the split
// too. docs/ARCHITECTURE.md §1.5 (models/api).
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

namespace timbre::models {

// The bags of a hold-out: `held` and `kept` partition 0..n-1, each in ascending order.
struct SeededSplit
{
    std::vector<int> held;
    std::vector<int> kept;
};

// Holds out round(fraction x n) of 0..n-1 (fraction clamped to [0, 1]) by a Fisher-Yates
// shuffle on splitmix64 seeded with `seed`: the validation split of every trainer, the
// evaluation's thresholds and the cross-fit's folds (Sec. 3.2.2: 15 % of the training split).
SeededSplit seededSplit(int n, double fraction, uint64_t seed);

// A uniform integer in [0, bound) for bound >= 1: Lemire's multiply-and-reject on one 64-bit
// draw, as libstdc++'s uniform_int_distribution does for a 64-bit engine.
uint64_t uniformBelow(std::mt19937_64 &rng, uint64_t bound);

// A uniform integer in [low, high], low <= high (uniform_int_distribution<int>(low, high)).
int uniformInt(std::mt19937_64 &rng, int low, int high);

// Shuffles `items` in place as libstdc++'s std::shuffle does with a 64-bit engine: Fisher-Yates
// from the front, two positions drawn from one number while the range allows it.
template<typename T> void seededShuffle(std::vector<T> &items, std::mt19937_64 &rng)
{
    const uint64_t n = items.size();
    if (n < 2)
        return;
    // One draw serves two swaps when n*n fits in the engine's range (always below 2^32 items).
    if (UINT64_MAX / n >= n) {
        uint64_t i = 1;
        if (n % 2 == 0)
            std::swap(items[i++], items[uniformBelow(rng, 2)]);
        while (i != n) {
            const uint64_t range = i + 1;
            const uint64_t both = uniformBelow(rng, range * (range + 1));
            std::swap(items[i++], items[both / (range + 1)]);
            std::swap(items[i++], items[both % (range + 1)]);
        }
        return;
    }
    for (uint64_t i = 1; i != n; ++i)
        std::swap(items[i], items[uniformBelow(rng, i + 1)]);
}

} // namespace timbre::models
