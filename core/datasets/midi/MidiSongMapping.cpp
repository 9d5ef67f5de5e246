// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/datasets/midi/MidiSongMapping.h"

#include "core/datasets/generators/GeneralMidiMap.h"
#include "core/datasets/generators/SynthRenderer.h"

#include <QMap>
#include <QSet>

#include <algorithm>

namespace timbre::datasets {

namespace {

SynthNote toSynthNote(const MidiNote &note)
{
    return SynthNote {note.start, note.end, note.key, std::clamp(note.velocity, 1, 127)};
}

double soundingSeconds(const SynthPart &part)
{
    double total = 0.0;
    for (const ActivityRegion &region : activityRegions(part, 1.0e9))
        total += region.end - region.start;
    return total;
}

// The class and sound a melodic program stands for: one of the class's sounds or variants;
// null when none.
const GmClassMapping *classOf(int program, GmSound &sound)
{
    for (const GmClassMapping &entry : GeneralMidiMap::table()) {
        for (const GmSound &candidate : entry.sounds) {
            if (candidate.bank == 0 && candidate.program == program) {
                sound = candidate;
                return &entry;
            }
        }
    }
    for (const GmClassMapping &entry : GeneralMidiMap::table()) {
        for (const GmSound &candidate : entry.variants) {
            if (candidate.program == program) {
                sound = candidate;
                return &entry;
            }
        }
    }
    return nullptr;
}

// The class's sound for a kit number, or a plain one named after the kit.
GmSound kitSound(const GmClassMapping &entry, int kit)
{
    for (const GmSound &sound : entry.sounds) {
        if (sound.program == kit)
            return sound;
    }
    GmSound sound = entry.sounds.value(0);
    sound.name = QStringLiteral("Kit %1 %2").arg(kit).arg(entry.instrument);
    sound.program = kit;
    return sound;
}

void mapPercussion(const MidiPart &source, const std::function<bool(int, int)> &hasPreset,
                   MappedMidiSong &out)
{
    const int kit = hasPreset(128, source.program) ? source.program : 0;
    if (!hasPreset(128, kit)) {
        // A sound set without drums (recorded instruments, say) leaves the part out, as it
        // leaves out a melodic program it lacks, instead of failing the whole render.
        out.dropped.push_back({source.channel, source.program, int(source.notes.size()),
                               QStringLiteral("the SoundFont has no drum kit (bank 128)")});
        return;
    }
    QSet<int> owned; // keys drums or cymbals play
    for (const QString &name : {QStringLiteral("drums"), QStringLiteral("cymbals")}) {
        const GmClassMapping *entry = GeneralMidiMap::find(name);
        if (!entry || entry->sounds.isEmpty())
            continue;
        MappedMidiPart mapped;
        mapped.channel = source.channel;
        mapped.program = source.program;
        mapped.part.instrument = name;
        mapped.part.sound = kitSound(*entry, kit);
        mapped.part.role = mapped.part.sound.roles.value(0, PartRole::DrumGroove);
        mapped.part.releaseSeconds = entry->releaseSeconds;
        mapped.part.volume = source.volume;
        mapped.part.pan = source.pan;
        for (const MidiNote &note : source.notes) {
            if (entry->drumKeys.contains(note.key))
                mapped.part.notes.push_back(toSynthNote(note));
        }
        for (int key : entry->drumKeys)
            owned.insert(key);
        if (!mapped.part.notes.empty())
            out.parts.push_back(std::move(mapped));
    }
    QMap<int, int> unowned; // key -> notes
    for (const MidiNote &note : source.notes) {
        if (!owned.contains(note.key))
            ++unowned[note.key];
    }
    if (!unowned.isEmpty()) {
        QStringList keys;
        int notes = 0;
        for (auto it = unowned.cbegin(); it != unowned.cend(); ++it) {
            keys.append(QString::number(it.key()));
            notes += it.value();
        }
        out.dropped.push_back({source.channel, source.program, notes,
                               QStringLiteral("percussion keys no class owns (%1)")
                                       .arg(keys.join(QStringLiteral(", ")))});
    }
}

} // namespace

MappedMidiSong mapMidiSong(const MidiSong &song, const std::function<bool(int, int)> &hasPreset)
{
    MappedMidiSong out;
    for (const MidiPart &source : song.parts) {
        if (source.isPercussion()) {
            mapPercussion(source, hasPreset, out);
            continue;
        }
        GmSound sound;
        const GmClassMapping *owner = classOf(source.program, sound);
        const int notes = int(source.notes.size());
        if (!owner) {
            out.dropped.push_back({source.channel, source.program, notes,
                                   QStringLiteral("program %1 stands for none of the classes")
                                           .arg(source.program)});
            continue;
        }
        if (!hasPreset(0, source.program)) {
            out.dropped.push_back({source.channel, source.program, notes,
                                   QStringLiteral("the SoundFont has no preset for program %1")
                                           .arg(source.program)});
            continue;
        }
        MappedMidiPart mapped;
        mapped.channel = source.channel;
        mapped.program = source.program;
        mapped.part.instrument = owner->instrument;
        mapped.part.sound = sound;
        mapped.part.role = sound.roles.value(0, PartRole::Melody);
        mapped.part.releaseSeconds = owner->releaseSeconds;
        mapped.part.volume = source.volume;
        mapped.part.pan = source.pan;
        for (const MidiNote &note : source.notes)
            mapped.part.notes.push_back(toSynthNote(note));
        out.parts.push_back(std::move(mapped));
    }
    return out;
}

SynthArrangement midiExcerpt(const MappedMidiSong &song, double bpm, double start, double seconds,
                             QStringList *leftOut)
{
    SynthArrangement arrangement;
    arrangement.bpm = bpm;
    arrangement.style = QStringLiteral("MIDI");
    arrangement.seconds = seconds;
    std::vector<std::pair<SynthPart, int>> parts; // with the source channel
    for (const MappedMidiPart &mapped : song.parts) {
        SynthPart part = mapped.part;
        part.notes.clear();
        for (const SynthNote &note : mapped.part.notes) {
            if (note.end <= start || note.start >= start + seconds)
                continue;
            SynthNote shifted = note;
            shifted.start = std::max(0.0, note.start - start);
            shifted.end = std::min(seconds, note.end - start);
            if (shifted.end > shifted.start)
                part.notes.push_back(shifted);
        }
        if (!part.notes.empty())
            parts.emplace_back(std::move(part), mapped.channel);
    }

    if (int(parts.size()) > SynthRenderer::kMaxParts) {
        // One channel each for parts of the same class and preset: the sound is the same, so
        // only the channel's volume and pan are lost (the louder volume is kept).
        std::vector<std::pair<SynthPart, int>> merged;
        for (auto &[part, channel] : parts) {
            auto same = std::find_if(merged.begin(), merged.end(), [&](const auto &other) {
                return other.first.instrument == part.instrument
                        && other.first.sound.bank == part.sound.bank
                        && other.first.sound.program == part.sound.program;
            });
            if (same == merged.end()) {
                merged.emplace_back(std::move(part), channel);
                continue;
            }
            same->first.volume = std::max(same->first.volume, part.volume);
            same->first.notes.insert(same->first.notes.end(), part.notes.begin(), part.notes.end());
            std::stable_sort(
                    same->first.notes.begin(), same->first.notes.end(),
                    [](const SynthNote &a, const SynthNote &b) { return a.start < b.start; });
        }
        parts = std::move(merged);
    }
    if (int(parts.size()) > SynthRenderer::kMaxParts) {
        std::vector<double> sounding;
        for (const auto &entry : parts)
            sounding.push_back(soundingSeconds(entry.first));
        std::vector<size_t> order(parts.size());
        for (size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        std::stable_sort(order.begin(), order.end(),
                         [&](size_t a, size_t b) { return sounding[a] > sounding[b]; });
        std::vector<bool> keep(parts.size(), false);
        for (size_t i = 0; i < size_t(SynthRenderer::kMaxParts); ++i)
            keep[order[i]] = true;
        std::vector<std::pair<SynthPart, int>> kept;
        for (size_t i = 0; i < parts.size(); ++i) {
            if (keep[i])
                kept.push_back(std::move(parts[i]));
            else if (leftOut)
                leftOut->append(QStringLiteral("%1 (channel %2): %3 s")
                                        .arg(parts[i].first.instrument)
                                        .arg(parts[i].second + 1)
                                        .arg(sounding[i], 0, 'f', 1));
        }
        parts = std::move(kept);
    }
    for (auto &entry : parts)
        arrangement.parts.push_back(std::move(entry.first));
    return arrangement;
}

} // namespace timbre::datasets
