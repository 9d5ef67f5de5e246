// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/dsp/InstancePatcher.h"

#include <algorithm>
#include <cstring>

namespace timbre::dsp {

InstancePatcher::InstancePatcher(int framesPerPatch, LastPatch lastPatch, float padValue)
    : m_framesPerPatch(std::max(1, framesPerPatch)), m_lastPatch(lastPatch), m_padValue(padValue)
{ }

int InstancePatcher::patchCount(int frames, int framesPerPatch, bool padLast)
{
    if (frames <= 0 || framesPerPatch <= 0)
        return 0;
    const int whole = frames / framesPerPatch;
    return whole + ((padLast && frames % framesPerPatch != 0) ? 1 : 0);
}

int InstancePatcher::patchCount(int frames) const
{
    return patchCount(frames, m_framesPerPatch, padsLast());
}

bool InstancePatcher::patch(const float *frames, int frameCount, int bands, int index,
                            float *out) const
{
    if (index < 0 || index >= patchCount(frameCount) || bands <= 0)
        return false;
    const size_t width = static_cast<size_t>(bands);
    const int first = index * m_framesPerPatch;
    const int real = std::min(m_framesPerPatch, frameCount - first);
    std::memcpy(out, frames + static_cast<size_t>(first) * width,
                static_cast<size_t>(real) * width * sizeof(float));
    const float *lastRow = frames + static_cast<size_t>(first + real - 1) * width;
    for (int r = real; r < m_framesPerPatch; ++r) {
        float *row = out + static_cast<size_t>(r) * width;
        if (m_lastPatch == LastPatch::PadRepeatEdge)
            std::memcpy(row, lastRow, width * sizeof(float));
        else
            std::fill(row, row + width, m_padValue);
    }
    return true;
}

std::vector<float> InstancePatcher::patches(const float *frames, int frameCount, int bands) const
{
    const int count = patchCount(frameCount);
    if (bands <= 0 || count == 0)
        return {};
    const size_t patchSize = static_cast<size_t>(m_framesPerPatch) * static_cast<size_t>(bands);
    std::vector<float> out(static_cast<size_t>(count) * patchSize);
    for (int i = 0; i < count; ++i)
        patch(frames, frameCount, bands, i, out.data() + static_cast<size_t>(i) * patchSize);
    return out;
}

} // namespace timbre::dsp
