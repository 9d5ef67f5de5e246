// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/dsp/LogMelExtractor.h"

#include <algorithm>
#include <cmath>

namespace timbre::dsp {

LogMelExtractor::LogMelExtractor(const LogMelConfig &config)
    : m_config(config), m_error(config.validate()), m_stft(config.stftConfig()),
      m_mel(config.melConfig())
{
    if (m_error.isEmpty() && !m_stft.isValid())
        m_error = m_stft.errorString();
    if (m_error.isEmpty() && !m_mel.isValid())
        m_error = m_mel.errorString();
}

void LogMelExtractor::reset()
{
    m_stft.reset();
    m_frames = 0;
    m_firstRowIndex = 0;
    m_started = false;
    m_maxDb = -1e30f;
}

int LogMelExtractor::push(const float *samples, size_t count, std::vector<float> &out)
{
    if (!isValid())
        return 0;
    m_stft.push(samples, count);
    return drain(out);
}

int LogMelExtractor::finish(std::vector<float> &out)
{
    if (!isValid())
        return 0;
    m_stft.finish();
    const int rows = drain(out);
    if (m_config.compression == LogMelConfig::Decibel && m_config.topDb > 0.0f && m_started) {
        const float floorDb = m_maxDb - m_config.topDb;
        const size_t begin = std::min(m_firstRowIndex, out.size());
        for (size_t i = begin; i < out.size(); ++i)
            out[i] = std::max(out[i], floorDb);
    }
    return rows;
}

int LogMelExtractor::drain(std::vector<float> &out)
{
    const size_t width = static_cast<size_t>(bands());
    const bool decibel = m_config.compression == LogMelConfig::Decibel;
    // librosa: power_to_db uses amin 1e-10, amplitude_to_db 1e-5 (= sqrt of it) and 20 log10.
    const float amin = m_config.power ? 1e-10f : 1e-5f;
    const float dbPerNeper = (m_config.power ? 10.0f : 20.0f) / std::log(10.0f);
    const float offset = m_config.logOffset;
    int rows = 0;
    while (const float *spectrum = m_stft.nextFrame()) {
        if (!m_started) {
            m_firstRowIndex = out.size();
            m_started = true;
        }
        const size_t start = out.size();
        out.resize(start + width);
        float *row = out.data() + start;
        m_mel.apply(spectrum, row);
        if (decibel) {
            float rowMax = m_maxDb;
            for (size_t b = 0; b < width; ++b) {
                row[b] = dbPerNeper * std::log(std::max(row[b], amin));
                rowMax = std::max(rowMax, row[b]);
            }
            m_maxDb = rowMax;
        } else {
            for (size_t b = 0; b < width; ++b)
                row[b] = std::log(row[b] + offset);
        }
        ++rows;
    }
    m_frames += rows;
    return rows;
}

std::vector<float> LogMelExtractor::compute(const LogMelConfig &config, const float *samples,
                                            size_t count)
{
    LogMelExtractor extractor(config);
    std::vector<float> out;
    if (!extractor.isValid())
        return out;
    extractor.push(samples, count, out);
    extractor.finish(out);
    return out;
}

} // namespace timbre::dsp
