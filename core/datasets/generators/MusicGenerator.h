// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/datasets/generators/GeneralMidiMap.h"
#include "core/datasets/generators/SynthArrangement.h"

#include <QList>
#include <QStringList>

#include <functional>
#include <random>

namespace timbre::datasets {

struct MusicGeneratorOptions
{
    double clipSeconds = 10.0;
    int minInstruments = 1;
    int maxInstruments = 5;
    // Chance that a part other than the anchor also rests for 2-4 s inside the clip (its
    // notes starting there are dropped), so that where an instrument plays varies within a
    // clip, not only at its edges (weak labels teach timing only through such variation;
    // docs/RESULTS.md, "Training clips whose parts also rest inside the clip"). 0 draws
    // nothing, so existing seeds give the same music as before.
    double restProbability = 0.0;
    // How many such rests a resting part takes (each 2-4 s, drawn where the part still plays;
    // they may meet). 1 keeps existing seeds' music.
    int restsPerPart = 1;
    // Whether the classes' variant programs (GmClassMapping::variants: honky-tonk piano, slap
    // bass, ...) are drawn too. Off keeps existing seeds' music.
    bool variants = false;
    // > 0: each part's channel volume is drawn so that its level lies 0..levelSpreadDb dB
    // below full (drawn after the music, so existing seeds keep their notes): mixes in which
    // the bass sits under the drums, as in songs people arrange. 0: every part at one level.
    double levelSpreadDb = 0.0;
    // Whether the renderer can play a sound (a SoundFont may lack some presets); unset: all.
    std::function<bool(const GmSound &)> soundAvailable;
};

// Writes one clip's music: a style (which sets tempo range, feel, drum kit and which
// instruments are likely), a key and mode, a chord progression, then 1..N instruments from
// GeneralMidiMap with a role each (bass line, melody, counter-melody, comping, arpeggio, pad,
// drum groove, cymbal accents) in the register of the sound chosen for it. Some parts enter
// late or stop early, so a clip-level label covers only part of the clip.
// Every random choice comes from the generator passed in: the same seed gives the same music.
class MusicGenerator
{
public:
    explicit MusicGenerator(MusicGeneratorOptions options = {});

    SynthArrangement generate(std::mt19937 &rng) const;

    // Classes that can appear: mapped in GeneralMidiMap and with at least one playable sound.
    QStringList availableClasses() const;
    static QStringList styleNames();

private:
    MusicGeneratorOptions m_options;
    QList<GmClassMapping> m_available; // sounds filtered by `soundAvailable`
};

} // namespace timbre::datasets
