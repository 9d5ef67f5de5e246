// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QList>
#include <QString>
#include <QStringList>

namespace timbre::datasets {

// What a part does in an arrangement (MusicGenerator decides per clip).
enum class PartRole {
    Bass, // roots and fifths, walking or pumping
    Melody, // the lead line, mostly stepwise in the scale
    CounterMelody, // a second, slower line around chord tones
    Comping, // rhythmic chords
    Arpeggio, // broken chords
    Pad, // sustained chords
    DrumGroove, // kick, snare, hi-hat, toms
    CymbalAccents, // crashes, ride patterns, splashes
};

// General MIDI percussion key numbers (channel 10 / bank 128).
namespace GmDrum {
enum : int {
    AcousticKick = 35,
    Kick = 36,
    SideStick = 37,
    Snare = 38,
    Clap = 39,
    ElectricSnare = 40,
    LowFloorTom = 41,
    ClosedHiHat = 42,
    HighFloorTom = 43,
    PedalHiHat = 44,
    LowTom = 45,
    OpenHiHat = 46,
    LowMidTom = 47,
    HighMidTom = 48,
    Crash1 = 49,
    HighTom = 50,
    Ride1 = 51,
    China = 52,
    RideBell = 53,
    Splash = 55,
    Crash2 = 57,
    Ride2 = 59,
};
}

// One SoundFont preset that can stand for a class.
struct GmSound
{
    QString name; // "Nylon guitar"
    int bank = 0; // 0: melodic GM bank; 128: percussion kits
    int program = 0; // 0-based GM program, or the kit number when bank == 128
    int lowNote = 0; // comfortable range (MIDI keys) for pitched parts
    int highNote = 127;
    QList<PartRole> roles; // what this sound is asked to play
};

// The mapping of one OpenMIC-2018 class.
struct GmClassMapping
{
    QString instrument; // the OpenMIC class name
    QList<GmSound> sounds; // candidates; empty: the class is never used
    // Programs that are plainly the same instrument in another variant (honky-tonk piano, slap
    // bass): a MIDI song's part in one of them is labelled with the class, and the synth corpus
    // uses them only when asked (MusicGeneratorOptions::variants), so existing seeds keep
    // their music.
    QList<GmSound> variants;
    QList<int> drumKeys; // the percussion keys this class owns (drums / cymbals)
    // How long after a note-off the instrument still counts as sounding (release tails);
    // activity regions and the stems' silence outside them follow this.
    double releaseSeconds = 0.25;
    QString unusedReason; // why `sounds` is empty
};

// The one table mapping OpenMIC-2018 classes (timbre::openMicClasses()) to General MIDI.
// Drums and cymbals are both rendered from percussion kits, but as separate parts on separate
// channels, each playing only its own keys, so their stems and labels stay distinct.
class GeneralMidiMap
{
public:
    // One entry per OpenMIC class, in the dataset's class order.
    static const QList<GmClassMapping> &table();
    static const GmClassMapping *find(const QString &instrument);
    static QStringList usedClasses();
    static QStringList unusedClasses();
    static QString roleName(PartRole role);
    static bool isPercussion(const GmSound &sound) { return sound.bank == 128; }
};

} // namespace timbre::datasets
