// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/inference/InstanceLevel.h"

#include <algorithm>
#include <cmath>

namespace timbre::inference {

std::vector<float> InstanceLevel::relative(const std::vector<float> &levelsDb, int window)
{
    if (levelsDb.empty())
        return {};
    const float floor = *std::max_element(levelsDb.begin(), levelsDb.end()) - kFloorBelowMaxDb;
    const size_t n = levelsDb.size();
    std::vector<double> floored(n);
    std::vector<double> prefix(n + 1, 0.0);
    for (size_t i = 0; i < n; ++i) {
        floored[i] = std::max(levelsDb[i], floor);
        prefix[i + 1] = prefix[i] + floored[i];
    }
    // window 0: every instance's reference is the whole track's mean.
    const size_t half = window > 0 ? size_t(window / 2) : n;
    std::vector<float> out(n);
    for (size_t i = 0; i < n; ++i) {
        const size_t lo = i > half ? i - half : 0;
        const size_t hi = std::min(n, i + half + 1);
        out[i] = float(floored[i] - (prefix[hi] - prefix[lo]) / double(hi - lo));
    }
    return out;
}

std::vector<float> InstanceLevel::blend(const std::vector<float> &scores, int frames, int classes,
                                        const std::vector<float> &levelsDb, float weightPerDb,
                                        int window)
{
    if (frames < 0 || classes <= 0 || levelsDb.size() != size_t(frames)
        || scores.size() != size_t(frames) * size_t(classes))
        return {};
    const std::vector<float> rel = relative(levelsDb, window);
    std::vector<float> out(scores.size());
    for (int f = 0; f < frames; ++f)
        for (int c = 0; c < classes; ++c) {
            const size_t i = size_t(f) * size_t(classes) + size_t(c);
            const double s = std::clamp(double(scores[i]), 1e-6, 1.0 - 1e-6);
            const double z = std::log(s / (1.0 - s)) + double(weightPerDb) * rel[size_t(f)];
            out[i] = float(1.0 / (1.0 + std::exp(-z)));
        }
    return out;
}

} // namespace timbre::inference
