// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/datasets/generators/GeneralMidiMap.h"

#include "core/util/OpenMicClasses.h"

namespace timbre::datasets {

namespace {

using R = PartRole;

GmSound melodic(const char *name, int program, int low, int high, QList<PartRole> roles)
{
    return GmSound {QString::fromUtf8(name), 0, program, low, high, std::move(roles)};
}

GmSound kit(const char *name, int kitNumber, PartRole role)
{
    return GmSound {QString::fromUtf8(name), 128, kitNumber, 0, 127, {role}};
}

GmClassMapping mapping(const QString &instrument)
{
    GmClassMapping m;
    m.instrument = instrument;
    const auto is = [&](const char *name) { return instrument == QLatin1String(name); };

    // Programs are 0-based GM numbers; ranges are the comfortable registers of the real
    // instruments (written pitch for the transposing ones is irrelevant here: MIDI sounds).
    if (is("accordion")) {
        m.sounds = {melodic("Accordion", 21, 53, 84, {R::Comping, R::Melody, R::Pad}),
                    melodic("Tango accordion", 23, 53, 84, {R::Comping, R::Melody, R::Pad})};
        m.releaseSeconds = 0.2;
    } else if (is("banjo")) {
        m.sounds = {melodic("Banjo", 105, 50, 81, {R::Arpeggio, R::Comping, R::Melody})};
        m.releaseSeconds = 0.6;
    } else if (is("bass")) {
        m.sounds = {melodic("Acoustic bass", 32, 28, 55, {R::Bass}),
                    melodic("Finger bass", 33, 28, 55, {R::Bass}),
                    melodic("Pick bass", 34, 28, 55, {R::Bass}),
                    melodic("Fretless bass", 35, 28, 55, {R::Bass}),
                    melodic("Synth bass 1", 38, 28, 52, {R::Bass}),
                    melodic("Synth bass 2", 39, 28, 52, {R::Bass})};
        m.releaseSeconds = 0.3;
        m.variants = {melodic("Slap bass 1", 36, 28, 55, {R::Bass}),
                      melodic("Slap bass 2", 37, 28, 55, {R::Bass})};
    } else if (is("cello")) {
        m.sounds = {melodic("Cello", 42, 36, 69, {R::Melody, R::Pad, R::Bass})};
        m.releaseSeconds = 0.3;
    } else if (is("clarinet")) {
        m.sounds = {melodic("Clarinet", 71, 50, 86, {R::Melody, R::Pad})};
        m.releaseSeconds = 0.2;
    } else if (is("cymbals")) {
        // Crash, ride, ride bell, splash and china on their own channel: hi-hats stay drums.
        m.sounds = {kit("Standard kit cymbals", 0, R::CymbalAccents),
                    kit("Room kit cymbals", 8, R::CymbalAccents),
                    kit("Power kit cymbals", 16, R::CymbalAccents),
                    kit("Jazz kit cymbals", 32, R::CymbalAccents),
                    kit("Brush kit cymbals", 40, R::CymbalAccents)};
        m.drumKeys = {GmDrum::Crash1, GmDrum::Ride1,  GmDrum::China, GmDrum::RideBell,
                      GmDrum::Splash, GmDrum::Crash2, GmDrum::Ride2};
        m.releaseSeconds = 0.5;
    } else if (is("drums")) {
        m.sounds = {kit("Standard kit", 0, R::DrumGroove), kit("Room kit", 8, R::DrumGroove),
                    kit("Power kit", 16, R::DrumGroove),   kit("Electronic kit", 24, R::DrumGroove),
                    kit("TR-808 kit", 25, R::DrumGroove),  kit("Jazz kit", 32, R::DrumGroove),
                    kit("Brush kit", 40, R::DrumGroove)};
        m.drumKeys = {GmDrum::AcousticKick, GmDrum::Kick,        GmDrum::SideStick,
                      GmDrum::Snare,        GmDrum::Clap,        GmDrum::ElectricSnare,
                      GmDrum::LowFloorTom,  GmDrum::ClosedHiHat, GmDrum::HighFloorTom,
                      GmDrum::PedalHiHat,   GmDrum::LowTom,      GmDrum::OpenHiHat,
                      GmDrum::LowMidTom,    GmDrum::HighMidTom,  GmDrum::HighTom};
        m.releaseSeconds = 0.3;
    } else if (is("flute")) {
        m.sounds = {melodic("Flute", 73, 60, 93, {R::Melody, R::Pad})};
        m.releaseSeconds = 0.2;
    } else if (is("guitar")) {
        m.sounds = {
                melodic("Nylon guitar", 24, 40, 76, {R::Comping, R::Arpeggio, R::Melody}),
                melodic("Steel guitar", 25, 40, 76, {R::Comping, R::Arpeggio, R::Melody}),
                melodic("Jazz guitar", 26, 40, 76, {R::Comping, R::Melody}),
                melodic("Clean electric guitar", 27, 40, 79, {R::Comping, R::Arpeggio, R::Melody}),
                melodic("Overdriven guitar", 29, 40, 79, {R::Comping, R::Melody}),
                melodic("Distortion guitar", 30, 40, 79, {R::Comping, R::Melody})};
        m.releaseSeconds = 0.5;
        m.variants = {melodic("Muted electric guitar", 28, 40, 79, {R::Comping, R::Arpeggio})};
    } else if (is("mallet_percussion")) {
        m.sounds = {melodic("Vibraphone", 11, 53, 89, {R::Melody, R::Arpeggio, R::Comping}),
                    melodic("Marimba", 12, 45, 96, {R::Melody, R::Arpeggio}),
                    melodic("Xylophone", 13, 65, 96, {R::Melody, R::Arpeggio}),
                    melodic("Glockenspiel", 9, 79, 108, {R::Melody})};
        m.releaseSeconds = 0.8;
    } else if (is("mandolin")) {
        m.unusedReason = QStringLiteral(
                "no General MIDI program; a guitar or banjo preset would teach the wrong timbre");
    } else if (is("organ")) {
        m.sounds = {melodic("Drawbar organ", 16, 36, 96, {R::Comping, R::Pad, R::Melody}),
                    melodic("Percussive organ", 17, 36, 96, {R::Comping, R::Melody}),
                    melodic("Rock organ", 18, 36, 96, {R::Comping, R::Pad, R::Melody}),
                    melodic("Church organ", 19, 36, 96, {R::Pad})};
        m.releaseSeconds = 0.2;
        m.variants = {melodic("Reed organ", 20, 36, 96, {R::Comping, R::Pad})};
    } else if (is("piano")) {
        m.sounds
                = {melodic("Acoustic grand piano", 0, 36, 96, {R::Comping, R::Arpeggio, R::Melody}),
                   melodic("Bright piano", 1, 36, 96, {R::Comping, R::Arpeggio, R::Melody}),
                   melodic("Electric grand piano", 2, 36, 96, {R::Comping, R::Melody}),
                   melodic("Electric piano", 4, 36, 88, {R::Comping, R::Arpeggio, R::Melody})};
        m.releaseSeconds = 0.6;
        m.variants = {melodic("Honky-tonk piano", 3, 36, 96, {R::Comping, R::Arpeggio, R::Melody}),
                      melodic("Electric piano 2", 5, 36, 88, {R::Comping, R::Arpeggio, R::Melody})};
    } else if (is("saxophone")) {
        m.sounds = {melodic("Soprano sax", 64, 56, 87, {R::Melody}),
                    melodic("Alto sax", 65, 49, 81, {R::Melody, R::Pad}),
                    melodic("Tenor sax", 66, 44, 76, {R::Melody, R::Pad}),
                    melodic("Baritone sax", 67, 36, 69, {R::Melody, R::Pad})};
        m.releaseSeconds = 0.2;
    } else if (is("synthesizer")) {
        m.sounds = {melodic("Square lead", 80, 48, 88, {R::Melody, R::Arpeggio}),
                    melodic("Sawtooth lead", 81, 48, 88, {R::Melody, R::Arpeggio}),
                    melodic("Bass + lead", 87, 40, 79, {R::Melody, R::Arpeggio}),
                    melodic("New age pad", 88, 48, 84, {R::Pad}),
                    melodic("Warm pad", 89, 48, 84, {R::Pad}),
                    melodic("Polysynth pad", 90, 48, 84, {R::Pad, R::Comping}),
                    melodic("Sweep pad", 95, 48, 84, {R::Pad})};
        m.releaseSeconds = 0.5;
        m.variants = {melodic("Chiff lead", 83, 48, 88, {R::Melody, R::Arpeggio}),
                      melodic("Charang lead", 84, 48, 88, {R::Melody, R::Arpeggio}),
                      melodic("Fifths lead", 86, 48, 88, {R::Melody}),
                      melodic("Bowed pad", 92, 48, 84, {R::Pad}),
                      melodic("Metallic pad", 93, 48, 84, {R::Pad}),
                      melodic("Halo pad", 94, 48, 84, {R::Pad})};
    } else if (is("trombone")) {
        m.sounds = {melodic("Trombone", 57, 40, 72, {R::Melody, R::Pad})};
        m.releaseSeconds = 0.2;
    } else if (is("trumpet")) {
        m.sounds = {melodic("Trumpet", 56, 55, 84, {R::Melody, R::Pad}),
                    melodic("Muted trumpet", 59, 55, 82, {R::Melody})};
        m.releaseSeconds = 0.2;
    } else if (is("ukulele")) {
        m.unusedReason = QStringLiteral(
                "no General MIDI program; a nylon guitar would be a mislabelled guitar");
    } else if (is("violin")) {
        m.sounds = {melodic("Violin", 40, 55, 93, {R::Melody, R::Pad}),
                    melodic("Fiddle", 110, 55, 88, {R::Melody})};
        m.releaseSeconds = 0.3;
    } else if (is("voice")) {
        m.sounds = {melodic("Choir aahs", 52, 48, 79, {R::Pad, R::Melody}),
                    melodic("Voice oohs", 53, 48, 79, {R::Pad, R::Melody}),
                    melodic("Synth voice", 54, 48, 79, {R::Pad})};
        m.releaseSeconds = 0.4;
    } else {
        m.unusedReason = QStringLiteral("no mapping to General MIDI");
    }
    return m;
}

} // namespace

const QList<GmClassMapping> &GeneralMidiMap::table()
{
    static const QList<GmClassMapping> entries = [] {
        QList<GmClassMapping> list;
        for (const QString &name : timbre::openMicClasses())
            list.append(mapping(name));
        return list;
    }();
    return entries;
}

const GmClassMapping *GeneralMidiMap::find(const QString &instrument)
{
    for (const GmClassMapping &entry : table()) {
        if (entry.instrument == instrument)
            return &entry;
    }
    return nullptr;
}

QStringList GeneralMidiMap::usedClasses()
{
    QStringList names;
    for (const GmClassMapping &entry : table()) {
        if (!entry.sounds.isEmpty())
            names.append(entry.instrument);
    }
    return names;
}

QStringList GeneralMidiMap::unusedClasses()
{
    QStringList names;
    for (const GmClassMapping &entry : table()) {
        if (entry.sounds.isEmpty())
            names.append(entry.instrument);
    }
    return names;
}

QString GeneralMidiMap::roleName(PartRole role)
{
    switch (role) {
    case PartRole::Bass:
        return QStringLiteral("bass");
    case PartRole::Melody:
        return QStringLiteral("melody");
    case PartRole::CounterMelody:
        return QStringLiteral("counter-melody");
    case PartRole::Comping:
        return QStringLiteral("comping");
    case PartRole::Arpeggio:
        return QStringLiteral("arpeggio");
    case PartRole::Pad:
        return QStringLiteral("pad");
    case PartRole::DrumGroove:
        return QStringLiteral("drum groove");
    case PartRole::CymbalAccents:
        return QStringLiteral("cymbal accents");
    }
    return {};
}

} // namespace timbre::datasets
