// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/datasets/generators/GeneralMidiMap.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace timbre::datasets {

// One note of a part, in seconds from the start of the clip.
struct SynthNote
{
    double start = 0.0;
    double end = 0.0;
    int key = 60; // MIDI key (percussion: the GM drum key)
    int velocity = 80; // 1..127
};

// A contiguous stretch during which a part sounds (strong label), in seconds.
struct ActivityRegion
{
    double start = 0.0;
    double end = 0.0;
};

// One instrument's part: the class it stands for, the preset that plays it, and its notes.
struct SynthPart
{
    QString instrument; // OpenMIC class
    GmSound sound;
    PartRole role = PartRole::Melody;
    double releaseSeconds = 0.25; // from the class mapping
    int volume = 100; // MIDI channel volume (CC 7) the part is rendered at
    int pan = -1; // MIDI pan (CC 10); -1: the renderer places the part by its role
    std::vector<SynthNote> notes; // sorted by start
};

// A clip's music: the harmony it was written over and one part per instrument.
struct SynthArrangement
{
    int tonic = 0; // pitch class, 0 = C
    QString mode; // "major", "minor", "dorian", "mixolydian"
    double bpm = 120.0;
    bool swing = false;
    QString style; // also the genre tag
    QStringList chords; // the progression, one symbol per chord ("Am", "G7")
    double seconds = 10.0; // clip length
    std::vector<SynthPart> parts;

    // "D minor", "F# dorian".
    QString keyName() const;
};

// The activity of a part: each note spans [start, end + release], clipped to the clip;
// spans closer than `mergeGap` seconds are merged. Notes are the only source, so the regions
// are the strong labels of the part.
std::vector<ActivityRegion> activityRegions(const SynthPart &part, double clipSeconds,
                                            double mergeGap = 0.25);

QString pitchClassName(int pitchClass);

} // namespace timbre::datasets
