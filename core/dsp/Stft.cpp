// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/dsp/Stft.h"

#include "core/dsp/FftwPlanCache.h"
#include "core/dsp/HannWindow.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace timbre::dsp {

QString StftConfig::validate() const
{
    if (windowLength < 1)
        return QStringLiteral("STFT window length must be positive (got %1)").arg(windowLength);
    if (hopLength < 1)
        return QStringLiteral("STFT hop length must be positive (got %1)").arg(hopLength);
    if (fftSize < windowLength)
        return QStringLiteral("FFT size %1 is shorter than the window (%2 samples)")
                .arg(fftSize)
                .arg(windowLength);
    return {};
}

Stft::Stft(const StftConfig &config) : m_config(config), m_error(config.validate())
{
    if (!m_error.isEmpty())
        return;
    m_plan = FftwPlanCache::realForward(m_config.fftSize, m_config.plan);
    if (!m_plan) {
        m_error = QStringLiteral("FFTW could not plan a transform of %1 samples")
                          .arg(m_config.fftSize);
        return;
    }
    m_window = hannWindow(m_config.windowLength, true);
    m_fftIn = fftwf_alloc_real(static_cast<size_t>(m_config.fftSize));
    m_fftOut = fftwf_alloc_complex(static_cast<size_t>(bins()));
    // The zero-padded tail is never written again.
    std::fill(m_fftIn, m_fftIn + m_config.fftSize, 0.0f);
    m_spectrum.assign(static_cast<size_t>(bins()), 0.0f);
    m_pending.reserve(static_cast<size_t>(m_config.fftSize) * 4);
    reset();
}

Stft::~Stft()
{
    fftwf_free(m_fftIn);
    fftwf_free(m_fftOut);
}

void Stft::reset()
{
    m_pending.clear();
    m_readPos = 0;
    m_skip = 0;
    m_finished = false;
    m_framesProduced = 0;
    if (isValid() && m_config.center)
        m_pending.assign(static_cast<size_t>(m_config.windowLength / 2), 0.0f);
}

void Stft::push(const float *samples, size_t count)
{
    if (!isValid() || m_finished || count == 0)
        return;
    if (m_skip > 0) {
        const size_t dropped = std::min(m_skip, count);
        m_skip -= dropped;
        samples += dropped;
        count -= dropped;
        if (count == 0)
            return;
    }
    // Move what is left of the previous block to the front; that is less than a window.
    if (m_readPos > 0) {
        m_pending.erase(m_pending.begin(),
                        m_pending.begin() + static_cast<std::ptrdiff_t>(m_readPos));
        m_readPos = 0;
    }
    m_pending.insert(m_pending.end(), samples, samples + count);
}

void Stft::finish()
{
    if (!isValid() || m_finished)
        return;
    if (m_config.center) {
        size_t pad = static_cast<size_t>(m_config.windowLength / 2);
        const size_t dropped = std::min(m_skip, pad);
        m_skip -= dropped;
        pad -= dropped;
        m_pending.insert(m_pending.end(), pad, 0.0f);
    }
    m_finished = true;
}

const float *Stft::nextFrame()
{
    if (!isValid())
        return nullptr;
    const size_t window = static_cast<size_t>(m_config.windowLength);
    if (m_pending.size() - m_readPos < window)
        return nullptr;
    transformFrame(m_pending.data() + m_readPos, m_spectrum.data());
    m_readPos += static_cast<size_t>(m_config.hopLength);
    if (m_readPos > m_pending.size()) {
        m_skip = m_readPos - m_pending.size();
        m_readPos = m_pending.size();
    }
    ++m_framesProduced;
    return m_spectrum.data();
}

void Stft::transformFrame(const float *frame, float *spectrum)
{
    if (!isValid())
        return;
    const int window = m_config.windowLength;
    const float *w = m_window.data();
    float *in = m_fftIn;
    for (int n = 0; n < window; ++n)
        in[n] = frame[n] * w[n];
    auto *out = static_cast<fftwf_complex *>(m_fftOut);
    fftwf_execute_dft_r2c(static_cast<fftwf_plan>(m_plan), in, out);
    const int count = bins();
    const bool power = m_config.kind == SpectrumKind::Power;
    int k = 0;
#if defined(__SSE2__)
    // std::sqrt keeps errno semantics, which stops the compiler from vectorising this loop;
    // four bins at a time (deinterleaving re/im) makes |X| about as cheap as |X|^2.
    const float *interleaved = &out[0][0];
    for (; k + 4 <= count; k += 4) {
        const __m128 a = _mm_loadu_ps(interleaved + 2 * k); // re0 im0 re1 im1
        const __m128 b = _mm_loadu_ps(interleaved + 2 * k + 4); // re2 im2 re3 im3
        const __m128 re = _mm_shuffle_ps(a, b, _MM_SHUFFLE(2, 0, 2, 0));
        const __m128 im = _mm_shuffle_ps(a, b, _MM_SHUFFLE(3, 1, 3, 1));
        __m128 p = _mm_add_ps(_mm_mul_ps(re, re), _mm_mul_ps(im, im));
        if (!power)
            p = _mm_sqrt_ps(p);
        _mm_storeu_ps(spectrum + k, p);
    }
#endif
    for (; k < count; ++k) {
        const float p = out[k][0] * out[k][0] + out[k][1] * out[k][1];
        spectrum[k] = power ? p : std::sqrt(p);
    }
}

void Stft::drainTo(std::vector<float> &out)
{
    const size_t width = static_cast<size_t>(bins());
    while (const float *spectrum = nextFrame())
        out.insert(out.end(), spectrum, spectrum + width);
}

void Stft::process(const float *samples, size_t count, std::vector<float> &out)
{
    push(samples, count);
    drainTo(out);
}

void Stft::finish(std::vector<float> &out)
{
    finish();
    drainTo(out);
}

} // namespace timbre::dsp
