// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/datasets/generators/SynthArrangement.h"
#include "core/datasets/generators/SynthError.h"

#include <QString>

#include <vector>

namespace timbre::datasets {

// Renders the parts of an arrangement with Sonivox EAS (Debian's libsonivox3, the General MIDI
// synthesiser of Android) and its built-in wavetable: a sample set of its own, recorded and
// looped by Sonic Network, neither FluidR3's nor freepats'. SynthRenderer uses it when given
// the name `sonivox` instead of a SoundFont; it adds a fifth independent sound to the cnn
// front end's training renders (docs/RESULTS.md, "A fifth sample set for the front end").
//
// Each part is written as a one-channel Standard MIDI File (partMidiFile)
// and rendered alone by a fresh EAS instance (so the stems are exact), reverb and chorus
// bypassed, at EAS's own rate (22.05 kHz in Debian's build) and brought to 44.1 kHz by
// upsample2x(). Built without libsonivox, open() says so.
class SonivoxRenderer
{
public:
    // The --soundfont value that selects it.
    static QString name() { return QStringLiteral("sonivox"); }
    static bool isSonivox(const QString &soundFont);
    // Whether this build links libsonivox.
    static bool available();

    // Checks that EAS starts. SynthFailed names `sonivox` and why.
    SynthError open();
    bool isOpen() const { return m_open; }
    // The built-in set has every General MIDI program in bank 0 and one drum kit (128, 0).
    static bool hasPreset(int bank, int program);

    // [2 * parts] planar buffers of `frames` samples at 44.1 kHz, as TimidityRenderer's.
    SynthError renderParts(const SynthArrangement &arrangement, const std::vector<int> &pans,
                           qint64 frames, std::vector<std::vector<float>> &planar) const;

    // Doubles the rate of one channel: the input samples are kept at the even positions and
    // the odd ones interpolated by a Blackman-windowed sinc (32 taps). A tone below 0.4 of the
    // input rate (8.8 kHz from EAS) comes through within 0.1 %, its mirror image above 11 kHz
    // at least 78 dB down (92 dB for a tone at 5 kHz; only 25 dB for one at 10 kHz).
    static std::vector<float> upsample2x(const std::vector<float> &in);

private:
    bool m_open = false;
};

} // namespace timbre::datasets
