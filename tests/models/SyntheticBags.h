// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Test fixture: small multi-instance data sets with planted weak structure. A positive bag of
// class c holds class c's pattern in a random subset of its instances; labels are observed
// with a given probability.
#include "models/api/BagSet.h"

#include <random>

namespace timbre::models::testing {

inline BagSet syntheticBags(int bags, int dim, int classes, int minInstances, int maxInstances,
                            double observedFraction, uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<float> noise(0.0f, 1.0f);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    std::uniform_int_distribution<int> length(minInstances, maxInstances);
    std::vector<std::vector<float>> patterns(classes, std::vector<float>(dim));
    for (auto &p : patterns)
        for (auto &v : p)
            v = 2.0f * noise(rng);
    BagSet set;
    set.featureDim = dim;
    set.numClasses = classes;
    for (int c = 0; c < classes; ++c)
        set.classNames.push_back("c" + std::to_string(c));
    for (int b = 0; b < bags; ++b) {
        const int n = length(rng);
        std::vector<float> x(static_cast<size_t>(n) * dim);
        for (auto &v : x)
            v = noise(rng);
        std::vector<float> y(classes);
        std::vector<uint8_t> o(classes);
        for (int c = 0; c < classes; ++c) {
            y[c] = uniform(rng) < 0.3 ? 1.0f : 0.0f;
            o[c] = uniform(rng) < observedFraction ? 1 : 0;
            if (y[c] > 0) {
                for (int i = 0; i < n; ++i) {
                    if (i == 0 || uniform(rng) < 0.4) {
                        for (int d = 0; d < dim; ++d)
                            x[static_cast<size_t>(i) * dim + d] += patterns[c][d];
                    }
                }
            }
        }
        set.appendBag(x.data(), n, y.data(), o.data(), "bag" + std::to_string(b));
    }
    return set;
}

} // namespace timbre::models::testing
