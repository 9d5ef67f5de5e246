// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/datasets/generators/SynthArrangement.h"
#include "core/datasets/midi/StandardMidiFile.h"

#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

namespace timbre::datasets {

// A part of a MIDI song that plays one of the instrument classes: the renderer's part, with
// its notes in song seconds, and where it came from.
struct MappedMidiPart
{
    SynthPart part;
    int channel = 0;
    int program = 0;
};

// A part of the song that is left out of the rendering, so that the audio holds nothing the
// labels do not name.
struct DroppedMidiPart
{
    int channel = 0;
    int program = 0;
    int notes = 0;
    QString reason;
};

struct MappedMidiSong
{
    std::vector<MappedMidiPart> parts;
    std::vector<DroppedMidiPart> dropped;
};

// Maps a song's parts onto the OpenMIC classes through GeneralMidiMap, the table the training
// corpora were rendered from: a melodic part belongs to a class when its program is one of
// that class's sounds or variants (honky-tonk piano, slap bass; GmClassMapping::variants), never
// when the class is open to argument (a string ensemble is no violin), so a label means on a MIDI
// song what it means in training. The percussion channel is split by key into drums and cymbals;
// keys neither class owns (congas, cowbell, ...) are dropped. `hasPreset(bank, program)` tells
// which presets the SoundFont can play; a kit it lacks falls back to the standard kit, a melodic
// preset it lacks drops the part.
MappedMidiSong mapMidiSong(const MidiSong &song,
                           const std::function<bool(int bank, int program)> &hasPreset);

// The excerpt [start, start + seconds) of a mapped song as an arrangement the SynthRenderer
// plays: the notes sounding in it, shifted to start at 0 and cut at its edges; parts silent in
// it are left out. Parts of one class and preset are merged when there are more than the
// renderer's channels; if there are still too many, the ones sounding least are left out and
// named in `leftOut` ("violin (channel 3): 1.2 s").
SynthArrangement midiExcerpt(const MappedMidiSong &song, double bpm, double start, double seconds,
                             QStringList *leftOut = nullptr);

} // namespace timbre::datasets
