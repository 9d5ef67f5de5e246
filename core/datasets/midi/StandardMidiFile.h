// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/util/ErrorValue.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace timbre::datasets {

// One note of a Standard MIDI File, in seconds from the start of the song.
struct MidiNote
{
    double start = 0.0;
    double end = 0.0;
    int key = 60;
    int velocity = 80; // 1..127
};

// The notes one channel played with one program: a program change mid-song starts a new part,
// so every part is one instrument sound.
struct MidiPart
{
    int channel = 0; // 0-15; 9 is General MIDI percussion
    int program = 0; // 0-based; on channel 9 the drum kit
    int volume = 100; // channel volume (CC 7) times expression (CC 11) / 127, at the first note
    int pan = 64; // CC 10 at the first note
    std::vector<MidiNote> notes; // sorted by start

    bool isPercussion() const { return channel == 9; }
};

struct MidiSong
{
    QString path;
    QString title; // the first track-name meta event; empty when there is none
    int format = 0; // 0 or 1
    int tracks = 0;
    double seconds = 0.0; // when the last note ends
    double firstTempoBpm = 120.0;
    std::vector<MidiPart> parts; // in order of their first note
};

struct MidiErrorCodes
{
    enum Code {
        None = 0,
        NotFound, // no file at the path
        Unreadable, // cannot be opened or read, or too large for a MIDI file
        NotMidi, // not a Standard MIDI File, cut short, or no notes
    };
};
using MidiError = util::ErrorValue<MidiErrorCodes>;

// Reads Standard MIDI Files (format 0 and 1, metrical or SMPTE time) into notes in seconds,
// following every tempo change. Running status, note-on with velocity 0 as note-off, sysex and
// meta events are handled; a note still held at the end of the song ends with the song.
// A file that is not a MIDI file, is cut short or holds no notes is an error naming the file
// and what is wrong with it.
class StandardMidiFile
{
public:
    static MidiError read(const QString &path, MidiSong &song);
    static MidiError parse(const QByteArray &bytes, const QString &path, MidiSong &song);
};

} // namespace timbre::datasets
