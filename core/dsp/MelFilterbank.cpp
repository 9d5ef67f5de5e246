// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/dsp/MelFilterbank.h"

#include <algorithm>
#include <cmath>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace timbre::dsp {

namespace {

// Slaney's Auditory Toolbox constants, as librosa.core.convert.hz_to_mel (htk=False).
constexpr double kSlaneyLinearStep = 200.0 / 3.0; // Hz per mel below 1 kHz
constexpr double kSlaneyBreakHz = 1000.0;
constexpr double kSlaneyBreakMel = kSlaneyBreakHz / kSlaneyLinearStep; // 15
const double kSlaneyLogStep = std::log(6.4) / 27.0; // mel step is a factor 6.4^(1/27) above

} // namespace

QString MelFilterbankConfig::validate() const
{
    if (sampleRate <= 0)
        return QStringLiteral("mel filterbank sample rate must be positive (got %1)")
                .arg(sampleRate);
    if (fftSize < 2)
        return QStringLiteral("mel filterbank FFT size must be at least 2 (got %1)").arg(fftSize);
    if (bands < 1)
        return QStringLiteral("mel filterbank needs at least one band (got %1)").arg(bands);
    if (!(fMin >= 0.0) || !(fMax > fMin) || fMax > sampleRate / 2.0 + 1e-9)
        return QStringLiteral("mel filterbank range %1..%2 Hz is not within 0..%3 Hz")
                .arg(fMin)
                .arg(fMax)
                .arg(sampleRate / 2.0);
    return {};
}

double MelFilterbank::hzToMel(double hz, MelScale scale)
{
    if (scale == MelScale::Htk)
        return 2595.0 * std::log10(1.0 + hz / 700.0);
    if (hz < kSlaneyBreakHz)
        return hz / kSlaneyLinearStep;
    return kSlaneyBreakMel + std::log(hz / kSlaneyBreakHz) / kSlaneyLogStep;
}

double MelFilterbank::melToHz(double mel, MelScale scale)
{
    if (scale == MelScale::Htk)
        return 700.0 * (std::pow(10.0, mel / 2595.0) - 1.0);
    if (mel < kSlaneyBreakMel)
        return mel * kSlaneyLinearStep;
    return kSlaneyBreakHz * std::exp(kSlaneyLogStep * (mel - kSlaneyBreakMel));
}

MelFilterbank::MelFilterbank(const MelFilterbankConfig &config)
    : m_config(config), m_error(config.validate())
{
    if (!m_error.isEmpty()) {
        m_config.bands = 0;
        return;
    }
    const int bandCount = m_config.bands;
    const int binTotal = bins();
    const MelScale scale = m_config.scale;
    const double melLow = hzToMel(m_config.fMin, scale);
    const double melHigh = hzToMel(m_config.fMax, scale);

    std::vector<double> edgesMel(static_cast<size_t>(bandCount) + 2);
    m_edgesHz.resize(edgesMel.size());
    for (size_t i = 0; i < edgesMel.size(); ++i) {
        edgesMel[i] = melLow + (melHigh - melLow) * static_cast<double>(i) / (bandCount + 1);
        m_edgesHz[i] = melToHz(edgesMel[i], scale);
    }

    std::vector<double> binHz(static_cast<size_t>(binTotal));
    std::vector<double> binMel(binHz.size());
    for (int k = 0; k < binTotal; ++k) {
        binHz[static_cast<size_t>(k)]
                = static_cast<double>(k) * m_config.sampleRate / m_config.fftSize;
        binMel[static_cast<size_t>(k)] = hzToMel(binHz[static_cast<size_t>(k)], scale);
    }

    const bool inMel = m_config.triangles == MelTriangles::Mel;
    const std::vector<double> &edges = inMel ? edgesMel : m_edgesHz;
    const std::vector<double> &position = inMel ? binMel : binHz;

    m_first.assign(static_cast<size_t>(bandCount), 0);
    m_count.assign(static_cast<size_t>(bandCount), 0);
    m_offset.assign(static_cast<size_t>(bandCount), 0);
    std::vector<float> row(static_cast<size_t>(binTotal));
    for (int b = 0; b < bandCount; ++b) {
        const size_t i = static_cast<size_t>(b);
        const double lower = edges[i];
        const double centre = edges[i + 1];
        const double upper = edges[i + 2];
        const double scaleFactor
                = m_config.norm == MelNorm::Slaney ? 2.0 / (m_edgesHz[i + 2] - m_edgesHz[i]) : 1.0;
        int first = -1;
        int last = -1;
        for (int k = 0; k < binTotal; ++k) {
            const double x = position[static_cast<size_t>(k)];
            const double rising = (x - lower) / (centre - lower);
            const double falling = (upper - x) / (upper - centre);
            double w = std::max(0.0, std::min(rising, falling));
            // VGGish: "HTK excludes the spectrogram DC bin".
            if (inMel && k == 0)
                w = 0.0;
            row[static_cast<size_t>(k)] = static_cast<float>(w * scaleFactor);
            if (w > 0.0) {
                if (first < 0)
                    first = k;
                last = k;
            }
        }
        m_offset[i] = m_weights.size();
        if (first >= 0) {
            // Runs are a multiple of 4 bins long (apply() sums 4 lanes at a time), grown
            // with zero weights to the left so they never read past the last bin.
            int count = last - first + 1;
            const int rounded = std::min(binTotal, (count + 3) / 4 * 4);
            if (rounded % 4 == 0) {
                first = std::max(0, last + 1 - rounded);
                count = last + 1 - first;
            }
            m_first[i] = first;
            m_count[i] = count;
            m_weights.insert(m_weights.end(), row.begin() + first, row.begin() + first + count);
        }
    }
}

float MelFilterbank::weight(int band, int bin) const
{
    if (band < 0 || band >= bands() || bin < 0 || bin >= bins())
        return 0.0f;
    const size_t i = static_cast<size_t>(band);
    const int k = bin - m_first[i];
    if (k < 0 || k >= m_count[i])
        return 0.0f;
    return m_weights[m_offset[i] + static_cast<size_t>(k)];
}

std::vector<float> MelFilterbank::denseWeights() const
{
    std::vector<float> dense(static_cast<size_t>(bands()) * static_cast<size_t>(bins()), 0.0f);
    for (int b = 0; b < bands(); ++b)
        for (int k = 0; k < binCount(b); ++k)
            dense[static_cast<size_t>(b) * static_cast<size_t>(bins())
                  + static_cast<size_t>(firstBin(b) + k)]
                    = m_weights[m_offset[static_cast<size_t>(b)] + static_cast<size_t>(k)];
    return dense;
}

void MelFilterbank::apply(const float *spectrum, float *mel) const
{
    const int bandCount = bands();
    for (int b = 0; b < bandCount; ++b) {
        const size_t i = static_cast<size_t>(b);
        const float *w = m_weights.data() + m_offset[i];
        const float *x = spectrum + m_first[i];
        const int count = m_count[i];
        int k = 0;
        float sum = 0.0f;
#if defined(__SSE2__)
        __m128 lanes = _mm_setzero_ps();
        for (; k + 4 <= count; k += 4)
            lanes = _mm_add_ps(lanes, _mm_mul_ps(_mm_loadu_ps(w + k), _mm_loadu_ps(x + k)));
        float parts[4];
        _mm_storeu_ps(parts, lanes);
        sum = (parts[0] + parts[1]) + (parts[2] + parts[3]);
#endif
        for (; k < count; ++k)
            sum += w[k] * x[k];
        mel[b] = sum;
    }
}

} // namespace timbre::dsp
