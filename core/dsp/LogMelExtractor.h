// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/dsp/LogMelConfig.h"
#include "core/dsp/MelFilterbank.h"
#include "core/dsp/Stft.h"

#include <QString>

#include <cstddef>
#include <vector>

namespace timbre::dsp {

// Streaming log-mel spectrogram: push blocks of mono samples at config.sampleRate and every
// frame they complete is appended as a row of melBands floats to a caller's row-major
// [frames x bands] vector (reserve it to avoid regrowth). Nothing is allocated per frame.
//
// topDb (Decibel only) needs the whole stream's maximum, so finish() applies that floor to
// the rows this extractor appended to `out` since reset(); a caller that drains `out` while
// streaming should set topDb to 0.
class LogMelExtractor
{
public:
    explicit LogMelExtractor(const LogMelConfig &config);

    bool isValid() const { return m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    const LogMelConfig &config() const { return m_config; }
    int bands() const { return m_config.melBands; }
    const MelFilterbank &filterbank() const { return m_mel; }
    long long framesProduced() const { return m_frames; }

    // Returns the number of rows appended.
    int push(const float *samples, size_t count, std::vector<float> &out);
    int finish(std::vector<float> &out);
    void reset();

    // The whole of `samples` at once: [frames x bands], frames = rows of the result / bands.
    static std::vector<float> compute(const LogMelConfig &config, const float *samples,
                                      size_t count);

private:
    int drain(std::vector<float> &out);

    LogMelConfig m_config;
    QString m_error;
    Stft m_stft;
    MelFilterbank m_mel;
    long long m_frames = 0;
    size_t m_firstRowIndex = 0; // out.size() when this stream's first row was appended
    bool m_started = false;
    float m_maxDb = -1e30f;
};

} // namespace timbre::dsp
