// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/dsp/TrackSpectrogram.h"

#include "core/dsp/MelFilterbank.h"

#include <algorithm>
#include <cmath>

namespace timbre::dsp {

namespace {

double melOf(double hz)
{
    return MelFilterbank::hzToMel(hz, MelScale::Htk);
}

double hzOf(double mel)
{
    return MelFilterbank::melToHz(mel, MelScale::Htk);
}

} // namespace

std::vector<double> TrackSpectrogramConfig::rowFrequenciesHz() const
{
    std::vector<double> out(static_cast<size_t>(rows()));
    for (int r = 0; r < rows(); ++r)
        out[size_t(r)] = hzForRow(r);
    return out;
}

// Mel band b peaks at edge b + 1 of melBands + 2 edges evenly spaced in mel (MelFilterbank).
double TrackSpectrogramConfig::rowForHz(double hz) const
{
    if (scale == Linear)
        return hz * fftSize / sampleRate;
    const double lo = melOf(fMin);
    const double step = (melOf(sampleRate / 2.0) - lo) / (melBands + 1);
    return (melOf(std::max(hz, 0.0)) - lo) / step - 1.0;
}

double TrackSpectrogramConfig::hzForRow(double row) const
{
    if (scale == Linear)
        return row * sampleRate / fftSize;
    const double lo = melOf(fMin);
    const double step = (melOf(sampleRate / 2.0) - lo) / (melBands + 1);
    return hzOf(std::max(0.0, lo + (row + 1.0) * step));
}

TrackSpectrogram::TrackSpectrogram(const QString &path, const TrackSpectrogramConfig &config,
                                   double expectedSeconds, bool durationIsEstimate)
    : m_path(path), m_config(config), m_rows(config.rows()),
      m_durationIsEstimate(durationIsEstimate)
{
    m_chunkCount
            = (static_cast<long long>(kMaxSeconds * config.framesPerSecond()) + kChunkFrames - 1)
            / kChunkFrames;
    m_capacityFrames = m_chunkCount * kChunkFrames;
    m_chunks = std::make_unique<Chunk[]>(size_t(m_chunkCount));
    m_expectedFrames.store(
            std::clamp(static_cast<long long>(expectedSeconds * config.framesPerSecond()) + 1, 1LL,
                       m_capacityFrames));
}

TrackSpectrogram::~TrackSpectrogram() = default;

double TrackSpectrogram::durationSeconds() const
{
    return double(frameCount()) / framesPerSecond();
}

long long TrackSpectrogram::frameCount() const
{
    return m_expectedFrames.load(std::memory_order_acquire);
}

QString TrackSpectrogram::errorString() const
{
    return isFinished() ? m_error : QString();
}

const float *TrackSpectrogram::frame(long long index) const
{
    if (index < 0 || index >= m_capacityFrames)
        return nullptr;
    const Chunk &chunk = m_chunks[size_t(index / kChunkFrames)];
    const int offset = int(index % kChunkFrames);
    if (chunk.written.load(std::memory_order_acquire) <= offset)
        return nullptr;
    return chunk.data.get() + size_t(offset) * size_t(m_rows);
}

long long TrackSpectrogram::framesAvailable(long long first, long long count) const
{
    long long n = 0;
    const long long end = std::min(first + count, m_capacityFrames);
    for (long long i = std::max(first, 0LL); i < end;) {
        const long long chunkEnd = (i / kChunkFrames + 1) * kChunkFrames;
        const long long written = (i / kChunkFrames) * kChunkFrames
                + m_chunks[size_t(i / kChunkFrames)].written.load(std::memory_order_acquire);
        n += std::max(0LL, std::min({written, chunkEnd, end}) - i);
        i = chunkEnd;
    }
    return n;
}

long long TrackSpectrogram::contiguousFrames() const
{
    long long n = 0;
    for (long long c = 0; c < m_chunkCount; ++c) {
        const int written = m_chunks[size_t(c)].written.load(std::memory_order_acquire);
        n += written;
        if (written < kChunkFrames)
            break;
    }
    return n;
}

float *TrackSpectrogram::writableFrame(long long index)
{
    if (index < 0 || index >= m_capacityFrames)
        return nullptr;
    Chunk &chunk = m_chunks[size_t(index / kChunkFrames)];
    if (!chunk.data)
        chunk.data = std::make_unique<float[]>(size_t(kChunkFrames) * size_t(m_rows));
    return chunk.data.get() + size_t(index % kChunkFrames) * size_t(m_rows);
}

void TrackSpectrogram::publish(long long firstFrame, long long endFrame)
{
    endFrame = std::min(endFrame, m_capacityFrames);
    for (long long c = firstFrame / kChunkFrames; c * kChunkFrames < endFrame; ++c) {
        const long long written = std::min<long long>(kChunkFrames, endFrame - c * kChunkFrames);
        m_chunks[size_t(c)].written.store(int(written), std::memory_order_release);
    }
    // A longer track than the container said: grow the estimate as frames arrive.
    long long expected = m_expectedFrames.load(std::memory_order_relaxed);
    while (endFrame > expected
           && !m_expectedFrames.compare_exchange_weak(expected, endFrame,
                                                      std::memory_order_release)) { }
}

void TrackSpectrogram::finish(const QString &error)
{
    m_error = error;
    m_expectedFrames.store(std::max(1LL, contiguousFrames()), std::memory_order_release);
    m_finished.store(true, std::memory_order_release);
}

} // namespace timbre::dsp
