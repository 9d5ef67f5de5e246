// SPDX-License-Identifier: GPL-3.0-or-later
// StandardMidiFile::parse (MThd, chunks, delta times, running status, meta and sysex events,
// tempo map, SMPTE time) on raw bytes; the notes of a parsed song lie within the song.
#include "FuzzFiles.h"
#include "core/datasets/midi/StandardMidiFile.h"

#include <cmath>

using namespace timbre::datasets;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    MidiSong song;
    if (StandardMidiFile::parse(timbre::fuzz::bytesOf(data, size), QStringLiteral("fuzz.mid"), song)
                .isError())
        return 0;
    TIMBRE_FUZZ_CHECK(!song.parts.empty(), "a parsed song has notes");
    for (const MidiPart &part : song.parts) {
        TIMBRE_FUZZ_CHECK(part.channel >= 0 && part.channel < 16, "a channel is 0..15");
        TIMBRE_FUZZ_CHECK(part.program >= 0 && part.program < 128, "a program is 0..127");
        for (const MidiNote &note : part.notes) {
            TIMBRE_FUZZ_CHECK(note.key >= 0 && note.key < 128, "a key is 0..127");
            TIMBRE_FUZZ_CHECK(!std::isnan(note.start) && note.end > note.start,
                              "a note ends after it starts");
            TIMBRE_FUZZ_CHECK(note.end <= song.seconds, "a note ends within the song");
        }
    }
    return 0;
}
