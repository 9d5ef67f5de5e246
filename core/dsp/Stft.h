// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/dsp/FftPlan.h"

#include <QString>

#include <cstddef>
#include <vector>

namespace timbre::dsp {

enum class SpectrumKind {
    Magnitude, // |X[k]|
    Power // |X[k]|^2
};

struct StftConfig
{
    int windowLength = 400; // samples under the (periodic Hann) window
    int hopLength = 160;
    int fftSize = 512; // >= windowLength; the windowed frame is zero-padded up to it
    // false: frame t covers samples [t*hop, t*hop + windowLength), only whole frames, so
    //        1 + (N - windowLength) / hop frames (VGGish's framing).
    // true:  frame t is centred on sample t*hop, the signal zero-padded by windowLength/2
    //        on both sides: 1 + N / hop frames (librosa >= 0.10 center=True, pad_mode
    //        "constant"; with an odd fftSize - windowLength librosa's centring differs by
    //        one sample).
    bool center = false;
    SpectrumKind kind = SpectrumKind::Magnitude;
    // Reproducible (the default) for anything stored; Fastest for views (core/dsp/FftPlan.h).
    FftPlan plan = FftPlan::Reproducible;

    // Empty when usable, otherwise why not.
    QString validate() const;
};

// Short-time Fourier transform of a mono float stream on FFTW (single precision).
//
// Streaming: push() blocks of any size, then drain the frames they completed with
// nextFrame(); finish() ends the stream (adds the right-hand padding in centre mode) and the
// last frames are drained the same way. Memory is one block plus one window, whatever the
// length of the stream. Each instance owns its aligned buffers and shares the process-wide
// FFTW plan for its size (FftwPlanCache), so instances can run on different threads at once;
// one instance is not to be used from two threads at the same time.
//
//     Stft stft(config);
//     stft.push(block.data(), block.size());
//     while (const float *spectrum = stft.nextFrame()) { /* config.fftSize/2 + 1 bins */ }
class Stft
{
public:
    explicit Stft(const StftConfig &config);
    ~Stft();
    Stft(const Stft &) = delete;
    Stft &operator=(const Stft &) = delete;

    bool isValid() const { return m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    const StftConfig &config() const { return m_config; }
    int bins() const { return m_config.fftSize / 2 + 1; }
    const std::vector<float> &window() const { return m_window; }

    void push(const float *samples, size_t count);
    // No more samples follow; frames that still fit (with centre padding) become available.
    void finish();
    // The next complete frame's spectrum (bins() values, valid until the next call on this
    // object), or nullptr when the samples pushed so far complete no further frame.
    const float *nextFrame();
    // Back to an empty stream with the same configuration.
    void reset();
    long long framesProduced() const { return m_framesProduced; }

    // Convenience: push, drain, and append the frames as rows of a [frames x bins] matrix.
    void process(const float *samples, size_t count, std::vector<float> &out);
    void finish(std::vector<float> &out);

    // The spectrum of one frame of windowLength samples (no hop bookkeeping); `spectrum`
    // receives bins() values.
    void transformFrame(const float *frame, float *spectrum);

private:
    void drainTo(std::vector<float> &out);

    StftConfig m_config;
    QString m_error;
    std::vector<float> m_window;
    std::vector<float> m_pending; // samples not yet consumed, from m_readPos on
    size_t m_readPos = 0; // start of the next frame in m_pending
    size_t m_skip = 0; // samples still to drop before the next frame (hop > window)
    bool m_finished = false;
    long long m_framesProduced = 0;
    void *m_plan = nullptr; // fftwf_plan, kept out of this header
    float *m_fftIn = nullptr; // fftwf_malloc'ed, fftSize
    void *m_fftOut = nullptr; // fftwf_complex[fftSize/2 + 1]
    std::vector<float> m_spectrum;
};

} // namespace timbre::dsp
