// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/dsp/HannWindow.h"

#include <cmath>

namespace timbre::dsp {

std::vector<float> hannWindow(int length, bool periodic)
{
    if (length <= 0)
        return {};
    if (length == 1)
        return {1.0f};
    std::vector<float> window(static_cast<size_t>(length));
    const double denominator = periodic ? length : length - 1;
    const double twoPi = 2.0 * M_PI;
    for (int n = 0; n < length; ++n)
        window[static_cast<size_t>(n)]
                = static_cast<float>(0.5 - 0.5 * std::cos(twoPi * n / denominator));
    return window;
}

} // namespace timbre::dsp
