// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/datasets/generators/SynthArrangement.h"
#include "core/datasets/generators/SynthError.h"

#include <QSet>
#include <QString>

#include <vector>

namespace timbre::datasets {

// Renders the parts of an arrangement with TiMidity++ (Debian's `timidity`) and the patches a
// TiMidity configuration names (/etc/timidity/freepats.cfg: the freepats GUS patches): another
// synthesiser, not only another SoundFont, for testing what a model learned from FluidSynth
// renders (docs/RESULTS.md, "One SoundFont"). SynthRenderer uses it when given a .cfg instead
// of a SoundFont, and does the rest (activity gating, mix, gain) as for FluidSynth.
//
// Each part is written as a one-channel Standard MIDI File (partMidiFile) and rendered alone (so
// the stems are exact), reverb and chorus off, 44.1 kHz stereo 16-bit WAV, then read back. A preset
// exists only where the configuration maps it: freepats has about half of General MIDI, and a
// program it lacks would be silent under a label that says it plays.
class TimidityRenderer
{
public:
    // Reads the configuration (its `dir`, `source`, `bank` and `drumset` lines) and finds the
    // timidity program. SoundFontMissing / SoundFontUnreadable / SynthFailed name the file.
    SynthError open(const QString &configPath);
    QString configPath() const { return m_config; }
    bool hasPreset(int bank, int program) const;

    // [2 * parts] planar buffers of `frames` samples (left, right per part), the parts' dry
    // signals at 44.1 kHz. pans: the MIDI pan of each part.
    SynthError renderParts(const SynthArrangement &arrangement, const std::vector<int> &pans,
                           qint64 frames, std::vector<std::vector<float>> &planar) const;

    // Interleaved 16-bit PCM WAV as planar float [channels][frames]; empty on a format it
    // does not read (*why says what).
    static std::vector<std::vector<float>> readPcm16Wav(const QByteArray &wav, int *sampleRate,
                                                        QString *why);

private:
    QString m_config;
    QString m_program; // the timidity executable
    QSet<int> m_programs; // bank * 128 + program: melodic bank 0.., drum kits as 128 * 128 + kit
};

} // namespace timbre::datasets
