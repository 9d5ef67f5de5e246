// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/datasets/generators/SynthArrangement.h"

#include <QString>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace timbre::datasets {

// The feel a style asks the drums, bass and comping to play.
enum class Groove { Rock, Pop, Funk, Jazz, Ballad, Electronic, Folk, Chamber };

// One chord of the progression: pitch classes (root first) and the scale the melody uses
// over it (the mode, with the chord's own alterations such as a raised leading tone).
struct MusicChord
{
    int root = 0;
    std::vector<int> tones;
    std::vector<int> scale;
    QString symbol;
};

// Where a part plays, in beats from the start of the clip (late entries, early exits).
struct PartSpan
{
    double startBeat = 0.0;
    double endBeat = 0.0;
};

// Everything the part writers share about one clip: tempo, metre, feel and harmony.
struct MusicContext
{
    double bpm = 120.0;
    bool swing = false;
    int beatsPerBar = 4;
    double clipSeconds = 10.0;
    int bars = 1; // enough bars to cover the clip (the last one may be cut)
    Groove groove = Groove::Pop;
    std::vector<MusicChord> progression; // cycled through the clip
    double beatsPerChord = 4.0;

    double totalBeats() const { return bars * double(beatsPerBar); }
    // Beat position to seconds; with swing, off-beat eighths fall on the triplet.
    double secondsAt(double beat) const
    {
        double position = beat;
        if (swing) {
            const double whole = std::floor(beat);
            const double frac = beat - whole;
            position = whole
                    + (frac < 0.5 ? frac * (2.0 / 3.0) / 0.5
                                  : 2.0 / 3.0 + (frac - 0.5) * (1.0 / 3.0) / 0.5);
        }
        return position * 60.0 / bpm;
    }
    const MusicChord &chordAt(double beat) const
    {
        const int index = int(std::floor(beat / beatsPerChord + 1e-9));
        return progression[size_t(index) % progression.size()];
    }
};

// Uniform helpers over the clip's generator (never a global RNG).
inline double uniformReal(std::mt19937 &rng, double low, double high)
{
    return std::uniform_real_distribution<double>(low, high)(rng);
}

inline int uniformInt(std::mt19937 &rng, int low, int high)
{
    return std::uniform_int_distribution<int>(low, high)(rng);
}

inline bool chance(std::mt19937 &rng, double probability)
{
    return uniformReal(rng, 0.0, 1.0) < probability;
}

inline int clampVelocity(double velocity)
{
    return std::clamp(int(std::lround(velocity)), 1, 127);
}

} // namespace timbre::datasets
