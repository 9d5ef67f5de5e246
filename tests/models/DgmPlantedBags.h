// SPDX-License-Identifier: GPL-3.0-or-later
// Test fixture: small multi-instance sets with planted evidence. Class c, when present, adds
// `strength` to feature dims [4c, 4c + 4) of a random half of the bag's instances; each label
// is observed with probability `observedRate`.
#pragma once

#include "models/api/BagSet.h"

#include <random>
#include <vector>

namespace timbre::models::testing {

inline BagSet plantedBags(int bags, int classes, double observedRate, unsigned seed,
                          bool variableLength = false, float strength = 2.0f)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> noise(0.0f, 1.0f);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    BagSet set;
    set.featureDim = 4 * classes + 4;
    set.numClasses = classes;
    for (int c = 0; c < classes; ++c)
        set.classNames.push_back("instrument" + std::to_string(c));
    for (int b = 0; b < bags; ++b) {
        const int n = variableLength ? 4 + static_cast<int>(unit(rng) * 9) : 8;
        std::vector<float> features(static_cast<size_t>(n) * set.featureDim);
        for (float &f : features)
            f = noise(rng);
        std::vector<float> labels(classes);
        std::vector<uint8_t> observed(classes);
        for (int c = 0; c < classes; ++c) {
            labels[c] = unit(rng) < 0.35 ? 1.0f : 0.0f;
            observed[c] = unit(rng) < observedRate ? 1 : 0;
            if (labels[c] > 0) {
                for (int i = 0; i < n; ++i) {
                    if (i > 0 && unit(rng) < 0.5)
                        continue;
                    for (int d = 4 * c; d < 4 * c + 4; ++d)
                        features[static_cast<size_t>(i) * set.featureDim + d] += strength;
                }
            }
        }
        set.appendBag(features.data(), n, labels.data(), observed.data());
    }
    return set;
}

// Area under the ROC curve of scores against 0/1 truth (ties count one half).
inline double auroc(const std::vector<float> &scores, const std::vector<float> &truth)
{
    double pairs = 0;
    double wins = 0;
    for (size_t i = 0; i < scores.size(); ++i) {
        if (truth[i] < 0.5f)
            continue;
        for (size_t j = 0; j < scores.size(); ++j) {
            if (truth[j] > 0.5f)
                continue;
            pairs += 1;
            wins += scores[i] > scores[j] ? 1.0 : scores[i] == scores[j] ? 0.5 : 0.0;
        }
    }
    return pairs > 0 ? wins / pairs : 0.5;
}

// Column c of a row-major [n x classes] table.
inline std::vector<float> column(const std::vector<float> &table, int classes, int c)
{
    std::vector<float> out;
    for (size_t i = c; i < table.size(); i += classes)
        out.push_back(table[i]);
    return out;
}

} // namespace timbre::models::testing
