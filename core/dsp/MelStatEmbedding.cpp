// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/dsp/MelStatEmbedding.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace timbre::dsp {

MelStatEmbedding::MelStatEmbedding(int bands, const InstancePatcher &patcher)
    : m_bands(std::max(1, bands)), m_patcher(patcher),
      m_patch(static_cast<size_t>(patcher.framesPerPatch()) * static_cast<size_t>(m_bands))
{ }

void MelStatEmbedding::reset()
{
    m_filled = 0;
    m_instances = 0;
}

int MelStatEmbedding::pushFrames(const float *frames, int count, std::vector<float> &out)
{
    const size_t width = static_cast<size_t>(m_bands);
    const int perPatch = m_patcher.framesPerPatch();
    int emitted = 0;
    while (count > 0) {
        const int take = std::min(count, perPatch - m_filled);
        std::memcpy(m_patch.data() + static_cast<size_t>(m_filled) * width, frames,
                    static_cast<size_t>(take) * width * sizeof(float));
        m_filled += take;
        frames += static_cast<size_t>(take) * width;
        count -= take;
        if (m_filled == perPatch) {
            emit(out);
            ++emitted;
        }
    }
    return emitted;
}

int MelStatEmbedding::finish(std::vector<float> &out)
{
    if (m_filled == 0 || !m_patcher.padsLast()) {
        m_filled = 0;
        return 0;
    }
    // Pad through the patcher so the statistics describe the very patch it would produce.
    const std::vector<float> real(m_patch.begin(),
                                  m_patch.begin()
                                          + static_cast<std::ptrdiff_t>(m_filled)
                                                  * static_cast<std::ptrdiff_t>(m_bands));
    m_patcher.patch(real.data(), m_filled, m_bands, 0, m_patch.data());
    emit(out);
    return 1;
}

void MelStatEmbedding::emit(std::vector<float> &out)
{
    const size_t width = static_cast<size_t>(m_bands);
    const int rows = m_patcher.framesPerPatch();
    const size_t start = out.size();
    out.resize(start + 2 * width);
    float *means = out.data() + start;
    float *stds = means + width;
    // Two passes in double: exact enough to match a hand computation to float precision.
    for (size_t b = 0; b < width; ++b) {
        double sum = 0.0;
        for (int r = 0; r < rows; ++r)
            sum += m_patch[static_cast<size_t>(r) * width + b];
        const double mean = sum / rows;
        double squares = 0.0;
        for (int r = 0; r < rows; ++r) {
            const double d = m_patch[static_cast<size_t>(r) * width + b] - mean;
            squares += d * d;
        }
        means[b] = static_cast<float>(mean);
        stds[b] = static_cast<float>(std::sqrt(squares / rows));
    }
    m_filled = 0;
    ++m_instances;
}

std::vector<float> MelStatEmbedding::compute(const float *logMel, int frames, int bands,
                                             const InstancePatcher &patcher)
{
    MelStatEmbedding embedding(bands, patcher);
    std::vector<float> out;
    if (frames > 0 && bands > 0) {
        embedding.pushFrames(logMel, frames, out);
        embedding.finish(out);
    }
    return out;
}

} // namespace timbre::dsp
