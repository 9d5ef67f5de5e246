// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/datasets/generators/MusicGenerator.h"

#include "core/datasets/generators/MusicGeneratorContext.h"
#include "core/datasets/generators/MusicGeneratorDrums.h"
#include "core/datasets/generators/MusicGeneratorParts.h"

#include <QHash>

#include <algorithm>
#include <cmath>
#include <map>

namespace timbre::datasets {

namespace {

struct Style
{
    const char *name;
    Groove groove;
    double bpmLow;
    double bpmHigh;
    double swingChance;
    double seventhChance;
    QStringList modes; // drawn uniformly
    QHash<QString, double> weights; // instrument class -> relative likelihood (default 1)
    QHash<QString, QList<int>> preferredPrograms; // class -> programs (or kits) to favour
};

const std::vector<Style> &styles()
{
    const auto s = [](const char *text) { return QString::fromLatin1(text); };
    static const std::vector<Style> list = {
            {"Pop",
             Groove::Pop,
             88,
             128,
             0.0,
             0.15,
             {s("major"), s("major"), s("minor")},
             {{s("piano"), 2.5},
              {s("guitar"), 2.5},
              {s("bass"), 2.5},
              {s("drums"), 2.5},
              {s("cymbals"), 2.0},
              {s("synthesizer"), 2.0},
              {s("voice"), 2.0}},
             {{s("drums"), {0, 8}}, {s("cymbals"), {0, 8}}, {s("guitar"), {25, 27}}}},
            {"Rock",
             Groove::Rock,
             100,
             160,
             0.0,
             0.0,
             {s("major"), s("mixolydian"), s("minor")},
             {{s("guitar"), 3.5},
              {s("bass"), 3.0},
              {s("drums"), 3.5},
              {s("cymbals"), 3.0},
              {s("organ"), 1.5},
              {s("piano"), 1.2}},
             {{s("drums"), {16, 0, 8}},
              {s("cymbals"), {16, 0, 8}},
              {s("guitar"), {29, 30, 27}},
              {s("organ"), {18, 16}},
              {s("bass"), {34, 33}}}},
            {"Jazz",
             Groove::Jazz,
             80,
             160,
             0.85,
             1.0,
             {s("major"), s("minor"), s("dorian")},
             {{s("saxophone"), 3.0},
              {s("trumpet"), 2.5},
              {s("trombone"), 2.0},
              {s("piano"), 3.0},
              {s("bass"), 3.0},
              {s("drums"), 2.5},
              {s("cymbals"), 3.0},
              {s("guitar"), 1.5},
              {s("mallet_percussion"), 1.5},
              {s("clarinet"), 2.0},
              {s("synthesizer"), 0.3}},
             {{s("drums"), {32, 40}},
              {s("cymbals"), {32, 40}},
              {s("guitar"), {26}},
              {s("bass"), {32}},
              {s("mallet_percussion"), {11}},
              {s("piano"), {0, 4}}}},
            {"Folk",
             Groove::Folk,
             80,
             140,
             0.1,
             0.0,
             {s("major"), s("mixolydian"), s("minor")},
             {{s("banjo"), 3.0},
              {s("guitar"), 3.0},
              {s("accordion"), 3.0},
              {s("violin"), 3.0},
              {s("voice"), 1.5},
              {s("flute"), 2.0},
              {s("bass"), 1.5},
              {s("synthesizer"), 0.2}},
             {{s("drums"), {8, 40}},
              {s("cymbals"), {8, 40}},
              {s("guitar"), {24, 25}},
              {s("violin"), {110, 40}},
              {s("bass"), {32}}}},
            {"Chamber",
             Groove::Chamber,
             70,
             110,
             0.0,
             0.1,
             {s("major"), s("minor")},
             {{s("violin"), 3.0},
              {s("cello"), 3.0},
              {s("flute"), 3.0},
              {s("clarinet"), 3.0},
              {s("piano"), 2.5},
              {s("trombone"), 1.0},
              {s("trumpet"), 1.0},
              {s("drums"), 0.15},
              {s("cymbals"), 0.3},
              {s("synthesizer"), 0.2},
              {s("guitar"), 0.5}},
             {{s("piano"), {0}},
              {s("organ"), {19}},
              {s("violin"), {40}},
              {s("drums"), {48, 0}},
              {s("cymbals"), {0}}}},
            {"Electronic",
             Groove::Electronic,
             110,
             140,
             0.0,
             0.2,
             {s("minor"), s("dorian")},
             {{s("synthesizer"), 4.0},
              {s("bass"), 3.0},
              {s("drums"), 3.5},
              {s("cymbals"), 2.0},
              {s("voice"), 1.2},
              {s("piano"), 1.0},
              {s("mallet_percussion"), 1.0},
              {s("cello"), 0.3},
              {s("accordion"), 0.3},
              {s("banjo"), 0.3}},
             {{s("drums"), {24, 25}},
              {s("cymbals"), {0, 16}},
              {s("bass"), {38, 39}},
              {s("voice"), {54}},
              {s("piano"), {4}}}},
            {"Funk",
             Groove::Funk,
             90,
             120,
             0.0,
             0.6,
             {s("dorian"), s("mixolydian"), s("minor")},
             {{s("bass"), 4.0},
              {s("guitar"), 3.0},
              {s("organ"), 2.0},
              {s("saxophone"), 2.0},
              {s("trumpet"), 2.0},
              {s("trombone"), 2.0},
              {s("drums"), 3.0},
              {s("cymbals"), 2.0}},
             {{s("drums"), {0, 8}},
              {s("cymbals"), {0, 8}},
              {s("guitar"), {27}},
              {s("bass"), {33, 34}},
              {s("piano"), {4}},
              {s("organ"), {16}}}},
            {"Ballad",
             Groove::Ballad,
             70,
             92,
             0.0,
             0.3,
             {s("major"), s("minor")},
             {{s("piano"), 4.0},
              {s("voice"), 3.0},
              {s("violin"), 2.0},
              {s("cello"), 2.0},
              {s("guitar"), 2.0},
              {s("bass"), 2.0},
              {s("drums"), 1.5},
              {s("cymbals"), 1.2},
              {s("flute"), 1.2}},
             {{s("drums"), {40, 0}},
              {s("cymbals"), {40, 0}},
              {s("guitar"), {24, 25}},
              {s("bass"), {35, 33}},
              {s("synthesizer"), {88, 89, 95}}}},
    };
    return list;
}

std::vector<int> modeSteps(const QString &mode)
{
    if (mode == QLatin1String("minor"))
        return {0, 2, 3, 5, 7, 8, 10};
    if (mode == QLatin1String("dorian"))
        return {0, 2, 3, 5, 7, 9, 10};
    if (mode == QLatin1String("mixolydian"))
        return {0, 2, 4, 5, 7, 9, 10};
    return {0, 2, 4, 5, 7, 9, 11};
}

// Progressions as scale degrees (0 = tonic), for modes with a major or a minor tonic.
const std::vector<std::vector<int>> &progressions(bool minorTonic, bool jazz)
{
    static const std::vector<std::vector<int>> major
            = {{0, 4, 5, 3}, {0, 3, 4, 3}, {0, 5, 3, 4}, {0, 3, 0, 4},
               {5, 3, 0, 4}, {0, 0, 3, 4}, {0, 6, 3, 0}, {0, 1, 4, 0}};
    static const std::vector<std::vector<int>> minor
            = {{0, 5, 2, 6}, {0, 3, 4, 0}, {0, 6, 5, 6}, {0, 3, 6, 2}, {0, 3, 0, 4}, {0, 0, 3, 3}};
    static const std::vector<std::vector<int>> jazzMajor
            = {{1, 4, 0, 0}, {0, 5, 1, 4}, {2, 5, 1, 4}, {0, 3, 1, 4}};
    static const std::vector<std::vector<int>> jazzMinor
            = {{1, 4, 0, 0}, {0, 3, 1, 4}, {0, 5, 1, 4}};
    if (jazz)
        return minorTonic ? jazzMinor : jazzMajor;
    return minorTonic ? minor : major;
}

QString chordSymbol(const MusicChord &chord)
{
    QString symbol = pitchClassName(chord.root);
    const auto interval = [&](size_t i) {
        return i < chord.tones.size() ? ((chord.tones[i] - chord.root) % 12 + 12) % 12 : -1;
    };
    const int third = interval(1);
    const int fifth = interval(2);
    const int seventh = interval(3);
    if (third == 3 && fifth == 6)
        symbol += seventh == 10 ? QStringLiteral("m7b5") : QStringLiteral("dim");
    else if (third == 3)
        symbol += seventh == 10 ? QStringLiteral("m7") : QStringLiteral("m");
    else if (seventh == 11)
        symbol += QStringLiteral("maj7");
    else if (seventh == 10)
        symbol += QStringLiteral("7");
    return symbol;
}

MusicChord buildChord(int tonic, const std::vector<int> &steps, int degree, bool seventh,
                      bool raiseLeadingTone)
{
    std::vector<int> scale;
    for (int step : steps)
        scale.push_back((tonic + step) % 12);
    if (raiseLeadingTone)
        scale[6] = (tonic + 11) % 12; // harmonic minor over the dominant
    MusicChord chord;
    chord.root = scale[size_t(degree)];
    const int count = seventh ? 4 : 3;
    for (int i = 0; i < count; ++i)
        chord.tones.push_back(scale[size_t((degree + 2 * i) % 7)]);
    chord.scale = scale;
    chord.symbol = chordSymbol(chord);
    return chord;
}

template<typename T> size_t weightedIndex(std::mt19937 &rng, const std::vector<T> &weights)
{
    return std::discrete_distribution<size_t>(weights.begin(), weights.end())(rng);
}

// Keeps notes of one key from overlapping: a MIDI note-off releases every voice on its key,
// so an overlap would cut the later note short at the renderer anyway.
void trimOverlaps(SynthPart &part)
{
    std::map<int, size_t> lastOfKey;
    for (size_t i = 0; i < part.notes.size(); ++i) {
        const int key = part.notes[i].key;
        const auto it = lastOfKey.find(key);
        if (it != lastOfKey.end()) {
            SynthNote &previous = part.notes[it->second];
            if (previous.end > part.notes[i].start - 0.005)
                previous.end = std::max(previous.start + 0.02, part.notes[i].start - 0.005);
        }
        lastOfKey[key] = i;
    }
}

// A rest of `seconds` somewhere inside the clip: notes starting in it are dropped and notes
// sounding into it end at its start. Left as it was when nothing would remain.
void addRest(SynthPart &part, double seconds, std::mt19937 &rng)
{
    if (part.notes.empty())
        return;
    double first = part.notes.front().start;
    double last = part.notes.front().end;
    for (const SynthNote &n : part.notes) {
        first = std::min(first, n.start);
        last = std::max(last, n.end);
    }
    if (last - first < seconds + 1.0)
        return; // too short a part to rest inside
    const double start = uniformReal(rng, first + 0.5, last - seconds - 0.5);
    const double end = start + seconds;
    std::vector<SynthNote> kept;
    for (SynthNote n : part.notes) {
        if (n.start >= start && n.start < end)
            continue;
        if (n.start < start && n.end > start)
            n.end = std::max(n.start + 0.02, start);
        kept.push_back(n);
    }
    if (!kept.empty())
        part.notes = std::move(kept);
}

} // namespace

MusicGenerator::MusicGenerator(MusicGeneratorOptions options) : m_options(std::move(options))
{
    for (const GmClassMapping &entry : GeneralMidiMap::table()) {
        GmClassMapping filtered = entry;
        filtered.sounds.clear();
        QList<GmSound> candidates = entry.sounds;
        if (m_options.variants && !entry.sounds.isEmpty())
            candidates += entry.variants;
        for (const GmSound &sound : candidates) {
            if (!m_options.soundAvailable || m_options.soundAvailable(sound))
                filtered.sounds.append(sound);
        }
        if (!filtered.sounds.isEmpty())
            m_available.append(filtered);
    }
}

QStringList MusicGenerator::availableClasses() const
{
    QStringList names;
    for (const GmClassMapping &entry : m_available)
        names.append(entry.instrument);
    return names;
}

QStringList MusicGenerator::styleNames()
{
    QStringList names;
    for (const Style &style : styles())
        names.append(QString::fromLatin1(style.name));
    return names;
}

SynthArrangement MusicGenerator::generate(std::mt19937 &rng) const
{
    SynthArrangement arrangement;
    arrangement.seconds = m_options.clipSeconds;
    if (m_available.isEmpty())
        return arrangement;

    const Style &style = styles()[size_t(uniformInt(rng, 0, int(styles().size()) - 1))];
    arrangement.style = QString::fromLatin1(style.name);
    arrangement.tonic = uniformInt(rng, 0, 11);
    arrangement.mode = style.modes[uniformInt(rng, 0, int(style.modes.size()) - 1)];
    arrangement.bpm = std::round(uniformReal(rng, style.bpmLow, style.bpmHigh));
    arrangement.swing = chance(rng, style.swingChance);

    MusicContext context;
    context.bpm = arrangement.bpm;
    context.swing = arrangement.swing;
    context.clipSeconds = m_options.clipSeconds;
    context.groove = style.groove;
    const double barSeconds = context.beatsPerBar * 60.0 / context.bpm;
    context.bars = std::max(1, int(std::ceil(m_options.clipSeconds / barSeconds - 1e-9)));
    // Slow tempi change chords twice a bar so that a short clip still moves harmonically.
    context.beatsPerChord = context.bpm < 92 && chance(rng, 0.5) ? 2.0 : 4.0;

    const bool minorTonic = arrangement.mode == QLatin1String("minor")
            || arrangement.mode == QLatin1String("dorian");
    const bool jazz = style.groove == Groove::Jazz;
    const auto &candidates = progressions(minorTonic, jazz);
    const std::vector<int> &degrees
            = candidates[size_t(uniformInt(rng, 0, int(candidates.size()) - 1))];
    const std::vector<int> steps = modeSteps(arrangement.mode);
    const bool sevenths = chance(rng, style.seventhChance);
    for (int degree : degrees) {
        const bool raise
                = arrangement.mode == QLatin1String("minor") && degree == 4 && chance(rng, 0.7);
        context.progression.push_back(buildChord(arrangement.tonic, steps, degree,
                                                 sevenths || (jazz && degree == 4), raise));
        arrangement.chords.append(context.progression.back().symbol);
    }

    // Instruments: weighted draws without replacement.
    const int available = int(m_available.size());
    const int low = std::clamp(m_options.minInstruments, 1, available);
    const int high = std::clamp(m_options.maxInstruments, low, available);
    const int count = uniformInt(rng, low, high);
    std::vector<double> weights;
    for (const GmClassMapping &entry : m_available)
        weights.push_back(style.weights.value(entry.instrument, 1.0));
    std::vector<int> chosen;
    for (int i = 0; i < count; ++i) {
        const size_t pick = weightedIndex(rng, weights);
        chosen.push_back(int(pick));
        weights[pick] = 0.0;
        if (std::all_of(weights.begin(), weights.end(), [](double w) { return w <= 0.0; }))
            break;
    }
    // Rhythm section first, so that roles such as "the melody" go to the right instruments.
    std::sort(chosen.begin(), chosen.end(), [&](int a, int b) {
        const auto rank = [&](int index) {
            const QString &name = m_available[index].instrument;
            if (name == QLatin1String("drums") || name == QLatin1String("cymbals"))
                return 0;
            return name == QLatin1String("bass") ? 1 : 2;
        };
        return rank(a) != rank(b) ? rank(a) < rank(b) : a < b;
    });

    bool haveBass = false;
    bool haveMelody = false;
    for (int index : chosen) {
        const GmClassMapping &entry = m_available[index];
        SynthPart part;
        part.instrument = entry.instrument;
        part.releaseSeconds = entry.releaseSeconds;
        const QList<int> preferred = style.preferredPrograms.value(entry.instrument);
        std::vector<double> soundWeights;
        for (const GmSound &sound : entry.sounds)
            soundWeights.push_back(preferred.contains(sound.program) ? 4.0 : 1.0);
        part.sound = entry.sounds[int(weightedIndex(rng, soundWeights))];

        QList<PartRole> roles = part.sound.roles;
        PartRole role = roles.first();
        if (roles.contains(PartRole::Bass) && !haveBass
            && (entry.instrument == QLatin1String("bass") || chance(rng, 0.4))) {
            role = PartRole::Bass;
        } else {
            roles.removeAll(PartRole::Bass);
            if (roles.isEmpty())
                roles = {PartRole::Pad};
            std::vector<double> roleWeights;
            for (PartRole candidate : roles) {
                double w = 1.0;
                if (candidate == PartRole::Melody)
                    w = haveMelody ? 0.6 : 2.0;
                roleWeights.push_back(w);
            }
            role = roles[int(weightedIndex(rng, roleWeights))];
            if (role == PartRole::Melody && haveMelody)
                role = PartRole::CounterMelody;
        }
        haveBass = haveBass || role == PartRole::Bass;
        haveMelody = haveMelody || role == PartRole::Melody;
        part.role = role;
        arrangement.parts.push_back(part);
    }

    // Late entries and early exits, bar-aligned; one part (the anchor) plays throughout so
    // that no clip opens on silence.
    const int anchor = uniformInt(rng, 0, int(arrangement.parts.size()) - 1);
    const double total = context.totalBeats();
    const double clipBeats = m_options.clipSeconds * context.bpm / 60.0;
    for (int i = 0; i < int(arrangement.parts.size()); ++i) {
        SynthPart &part = arrangement.parts[size_t(i)];
        PartSpan span {0.0, total};
        if (i != anchor && context.bars >= 2) {
            // At least 1.5 s (and one bar) of playing remains inside the clip.
            const double minBeats = std::max(double(context.beatsPerBar), 1.5 * context.bpm / 60.0);
            if (chance(rng, 0.3)) {
                const int lastStart = int(std::floor((clipBeats - minBeats) / context.beatsPerBar));
                if (lastStart >= 1)
                    span.startBeat = uniformInt(rng, 1, lastStart) * double(context.beatsPerBar);
            }
            if (chance(rng, 0.25)) {
                const int firstEnd
                        = int(std::ceil((span.startBeat + minBeats) / context.beatsPerBar));
                const int lastEnd = int(std::floor(clipBeats / context.beatsPerBar)) - 1;
                if (firstEnd <= lastEnd)
                    span.endBeat = uniformInt(rng, firstEnd, lastEnd) * double(context.beatsPerBar);
            }
        }
        for (int attempt = 0; attempt < 3 && part.notes.empty(); ++attempt) {
            if (part.role == PartRole::DrumGroove)
                MusicGeneratorDrums::groove(context, span, part, rng);
            else if (part.role == PartRole::CymbalAccents)
                MusicGeneratorDrums::cymbals(context, span, part, rng);
            else
                MusicGeneratorParts::write(context, span, part, rng);
            span = PartSpan {0.0, total};
        }
        if (part.notes.empty()) {
            // Never leave a chosen instrument silent: one held note at the start.
            const bool cymbal = part.role == PartRole::CymbalAccents;
            const int key = cymbal ? int(GmDrum::Crash1)
                    : part.role == PartRole::DrumGroove
                    ? int(GmDrum::Kick)
                    : std::clamp(part.sound.lowNote
                                         + ((context.progression[0].root - part.sound.lowNote) % 12
                                            + 12) % 12,
                                 0, 127);
            part.notes.push_back({0.0, std::min(2.0, m_options.clipSeconds), key, 90});
        }
        if (i != anchor && m_options.restProbability > 0.0 && m_options.clipSeconds >= 6.0
            && chance(rng, m_options.restProbability))
            for (int r = 0; r < std::max(1, m_options.restsPerPart); ++r)
                addRest(part, uniformReal(rng, 2.0, 4.0), rng);
        trimOverlaps(part);
    }
    if (m_options.levelSpreadDb > 0.0) {
        // FluidSynth's channel volume follows 40 log10(CC7 / 127) dB.
        for (SynthPart &part : arrangement.parts) {
            const double db = uniformReal(rng, 0.0, m_options.levelSpreadDb);
            part.volume = std::clamp(int(std::lround(127.0 * std::pow(10.0, -db / 40.0))), 1, 127);
        }
    }
    return arrangement;
}

} // namespace timbre::datasets
