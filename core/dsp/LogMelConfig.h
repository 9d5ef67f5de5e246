// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/dsp/MelFilterbank.h"
#include "core/dsp/Stft.h"

#include <QString>

namespace timbre::dsp {

// Everything that defines a log-mel front end (docs/METHOD.md §2.1, §2.5). Two presets:
// VGGish's (the thesis' instance features) and the thesis' strong-label front end (Sec. 2.4).
struct LogMelConfig
{
    enum Compression {
        LogOffset, // ln(mel + logOffset)                       (VGGish: offset 0.01)
        Decibel // 10 log10(max(mel, 1e-10)) for power, 20 log10(max(mel, 1e-5)) for magnitude,
                // floored at (maximum over the stream - topDb) when topDb > 0
                // (librosa.power_to_db / amplitude_to_db with ref = 1)
    };

    int sampleRate = 16000;
    int windowLength = 400;
    int hopLength = 160;
    int fftSize = 512;
    int melBands = 64;
    double fMin = 125.0;
    double fMax = 7500.0;
    MelScale scale = MelScale::Htk;
    MelTriangles triangles = MelTriangles::Mel;
    MelNorm norm = MelNorm::None;
    bool center = false; // see StftConfig::center
    bool power = false; // mel of |X|^2 rather than |X|
    Compression compression = LogOffset;
    float logOffset = 0.01f;
    float topDb = 0.0f; // Decibel only; <= 0 disables the floor
    FftPlan plan = FftPlan::Reproducible; // see StftConfig::plan

    // 16 kHz, 25 ms window (400), 10 ms hop (160), FFT 512, 64 HTK bands from 125 to 7500 Hz
    // with triangles linear in mel and no weight on DC (VGGish's mel_features.py), magnitude,
    // ln(mel + 0.01), no centring: 100 frames per second, 96-frame patches of 0.96 s.
    static LogMelConfig vggish();
    // The thesis' strong-label input (Sec. 2.4): 44.1 kHz, window 2048 (46.4 ms), hop 512
    // (11.6 ms), 96 bands over 0..22050 Hz on librosa's defaults (Slaney scale, Slaney area
    // norm, centred frames), power -> dB with top_db 80. The thesis says "magnitude ...
    // decibel scaling": 10 log10 |X|^2 is that same 20 log10 |X|.
    static LogMelConfig strongLabel();

    StftConfig stftConfig() const;
    MelFilterbankConfig melConfig() const;
    double framesPerSecond() const { return static_cast<double>(sampleRate) / hopLength; }
    // Empty when usable, otherwise why not.
    QString validate() const;
    // A stable one-line description of every field (for feature-store keys and logs).
    QString toString() const;

    bool operator==(const LogMelConfig &other) const;
    bool operator!=(const LogMelConfig &other) const { return !(*this == other); }
};

} // namespace timbre::dsp
