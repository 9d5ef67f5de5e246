// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/inference/InstanceLevel.h"

#include <algorithm>
#include <cmath>

namespace timbre::inference {

std::vector<float> InstanceLevel::relative(const std::vector<float> &levelsDb)
{
    if (levelsDb.empty())
        return {};
    const float floor = *std::max_element(levelsDb.begin(), levelsDb.end()) - kFloorBelowMaxDb;
    std::vector<float> out(levelsDb.size());
    double sum = 0.0;
    for (size_t i = 0; i < levelsDb.size(); ++i) {
        out[i] = std::max(levelsDb[i], floor);
        sum += out[i];
    }
    const float mean = float(sum / double(out.size()));
    for (float &v : out)
        v -= mean;
    return out;
}

std::vector<float> InstanceLevel::blend(const std::vector<float> &scores, int frames, int classes,
                                        const std::vector<float> &levelsDb, float weightPerDb)
{
    if (frames < 0 || classes <= 0 || levelsDb.size() != size_t(frames)
        || scores.size() != size_t(frames) * size_t(classes))
        return {};
    const std::vector<float> rel = relative(levelsDb);
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
