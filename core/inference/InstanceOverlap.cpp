// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/inference/InstanceOverlap.h"

#include <algorithm>

namespace timbre::inference {

std::vector<float> InstanceOverlap::mean(const std::vector<float> &plain, int frames,
                                         const std::vector<float> &shifted, int shiftedFrames,
                                         int classes)
{
    if (frames < 0 || shiftedFrames < 0 || classes <= 0
        || plain.size() != size_t(frames) * size_t(classes)
        || shifted.size() != size_t(shiftedFrames) * size_t(classes))
        return {};
    std::vector<double> num(plain.begin(), plain.end());
    std::vector<double> den(plain.size(), 2.0);
    for (double &v : num)
        v *= 2.0;
    // Shifted j overlaps the second half of plain j and the first half of plain j + 1.
    const int used = std::min(shiftedFrames, frames - 1);
    for (int j = 0; j < used; ++j)
        for (int c = 0; c < classes; ++c) {
            const double s = shifted[size_t(j) * classes + c];
            for (int i : {j, j + 1}) {
                num[size_t(i) * classes + c] += s;
                den[size_t(i) * classes + c] += 1.0;
            }
        }
    std::vector<float> out(plain.size());
    for (size_t k = 0; k < out.size(); ++k)
        out[k] = float(num[k] / den[k]);
    return out;
}

} // namespace timbre::inference
