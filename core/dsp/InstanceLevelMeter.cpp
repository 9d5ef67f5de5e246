// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/dsp/InstanceLevelMeter.h"

#include <algorithm>
#include <cmath>

namespace timbre::dsp {

float InstanceLevelMeter::decibels(double meanSquare)
{
    return float(10.0 * std::log10(meanSquare + 1e-10));
}

void InstanceLevelMeter::push(const float *samples, size_t count)
{
    if (m_window == 0)
        return;
    size_t i = 0;
    while (i < count) {
        const size_t take = std::min(count - i, m_window - m_filled);
        for (size_t k = 0; k < take; ++k)
            m_sum += double(samples[i + k]) * double(samples[i + k]);
        i += take;
        m_filled += take;
        if (m_filled == m_window) {
            m_levels.push_back(decibels(m_sum / double(m_window)));
            m_sum = 0.0;
            m_filled = 0;
        }
    }
}

std::vector<float> InstanceLevelMeter::levelsDb() const
{
    std::vector<float> out = m_levels;
    if (m_filled > 0)
        out.push_back(decibels(m_sum / double(m_filled)));
    return out;
}

} // namespace timbre::dsp
