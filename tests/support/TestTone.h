// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A mono sine written as WAV for the track view's tests.
#include "core/audio/AudioEncoder.h"

#include <QString>

#include <cmath>
#include <vector>

namespace timbre::testing {

inline QString writeToneWav(const QString &path, double hz, double seconds, float amplitude = 0.5f,
                            int rate = 16000)
{
    std::vector<float> x(static_cast<size_t>(seconds * rate));
    for (size_t n = 0; n < x.size(); ++n)
        x[n] = amplitude * float(std::sin(2.0 * M_PI * hz * double(n) / rate));
    const auto e = audio::AudioEncoder::write(path, x, 1, rate, audio::AudioFormat::Wav);
    return e.isError() ? QString() : path;
}

} // namespace timbre::testing
