// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/datasets/generators/MusicGeneratorParts.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace timbre::datasets {

namespace {

struct Hit
{
    double beat; // offset in the bar
    double length; // in beats
    int degree; // bass: 0 root, 1 fifth, 2 octave, 3 third
};

std::vector<int> keysWithPitchClasses(const std::vector<int> &pitchClasses, int low, int high)
{
    std::vector<int> keys;
    for (int key = std::max(0, low); key <= std::min(127, high); ++key) {
        if (std::find(pitchClasses.begin(), pitchClasses.end(), key % 12) != pitchClasses.end())
            keys.push_back(key);
    }
    return keys;
}

int nearestIndex(const std::vector<int> &keys, int target)
{
    int best = 0;
    for (int i = 1; i < int(keys.size()); ++i) {
        if (std::abs(keys[size_t(i)] - target) < std::abs(keys[size_t(best)] - target))
            best = i;
    }
    return best;
}

// Lowest key >= low with pitch class `pc`.
int lowestKey(int pc, int low)
{
    return low + (((pc - low) % 12) + 12) % 12;
}

void addNote(const MusicContext &context, SynthPart &part, double beat, double lengthBeats, int key,
             double velocity, double jitterSeconds = 0.0)
{
    const double start = std::max(0.0, context.secondsAt(beat) + jitterSeconds);
    const double end = std::min(context.clipSeconds, context.secondsAt(beat + lengthBeats));
    // A note starting in the last instants would be too short to be heard as the instrument.
    if (start >= context.clipSeconds - 0.12 || end - start < 0.04)
        return;
    part.notes.push_back({start, end, std::clamp(key, 0, 127), clampVelocity(velocity)});
}

double humanise(std::mt19937 &rng)
{
    return std::normal_distribution<double>(0.0, 0.004)(rng);
}

bool inSpan(const PartSpan &span, double beat)
{
    return beat >= span.startBeat - 1e-9 && beat < span.endBeat - 1e-9;
}

// A close voicing of `tones` near `center`, chosen among the inversions to move the least
// from `previous` (voice leading); empty `previous` means nearest to the center.
std::vector<int> voicing(const std::vector<int> &tones, int low, int high, int center,
                         const std::vector<int> &previous)
{
    std::vector<int> best;
    double bestCost = std::numeric_limits<double>::max();
    const int n = int(tones.size());
    for (int inversion = 0; inversion < n; ++inversion) {
        for (int shift = -12; shift <= 12; shift += 12) {
            std::vector<int> keys;
            int key = lowestKey(tones[size_t(inversion)], center - 7) + shift;
            keys.push_back(key);
            for (int i = 1; i < n; ++i) {
                const int pc = tones[size_t((inversion + i) % n)];
                int next = lowestKey(pc, keys.back() + 1);
                keys.push_back(next);
            }
            if (keys.front() < low || keys.back() > high)
                continue;
            double cost = 0.0;
            if (previous.size() == keys.size()) {
                for (size_t i = 0; i < keys.size(); ++i)
                    cost += std::abs(keys[i] - previous[i]);
            } else {
                double mean = 0.0;
                for (int k : keys)
                    mean += k;
                cost = std::abs(mean / n - center);
            }
            if (cost < bestCost) {
                bestCost = cost;
                best = keys;
            }
        }
    }
    if (best.empty()) { // range too narrow for the whole chord: root and fifth/third
        best.push_back(std::clamp(lowestKey(tones[0], low), low, high));
        if (tones.size() > 2 && best[0] + 7 <= high)
            best.push_back(best[0] + 7);
    }
    return best;
}

bool isPlucked(const QString &instrument)
{
    return instrument == QLatin1String("guitar") || instrument == QLatin1String("banjo");
}

bool ringsOn(const QString &instrument)
{
    return isPlucked(instrument) || instrument == QLatin1String("piano")
            || instrument == QLatin1String("mallet_percussion");
}

} // namespace

bool MusicGeneratorParts::isMonophonic(const QString &instrument)
{
    static const QStringList mono
            = {QStringLiteral("flute"),   QStringLiteral("clarinet"), QStringLiteral("saxophone"),
               QStringLiteral("trumpet"), QStringLiteral("trombone"), QStringLiteral("violin"),
               QStringLiteral("cello")};
    return mono.contains(instrument);
}

void MusicGeneratorParts::write(const MusicContext &context, const PartSpan &span, SynthPart &part,
                                std::mt19937 &rng)
{
    switch (part.role) {
    case PartRole::Bass:
        bass(context, span, part, rng);
        break;
    case PartRole::Melody:
        melody(context, span, part, rng, false);
        break;
    case PartRole::CounterMelody:
        melody(context, span, part, rng, true);
        break;
    case PartRole::Comping:
        comping(context, span, part, rng);
        break;
    case PartRole::Arpeggio:
        arpeggio(context, span, part, rng);
        break;
    case PartRole::Pad:
        pad(context, span, part, rng);
        break;
    case PartRole::DrumGroove:
    case PartRole::CymbalAccents:
        break; // MusicGeneratorDrums
    }
    std::sort(part.notes.begin(), part.notes.end(),
              [](const SynthNote &a, const SynthNote &b) { return a.start < b.start; });
}

void MusicGeneratorParts::bass(const MusicContext &context, const PartSpan &span, SynthPart &part,
                               std::mt19937 &rng)
{
    static const std::vector<Hit> whole = {{0, 3.8, 0}};
    static const std::vector<Hit> halves = {{0, 1.9, 0}, {2, 1.9, 1}};
    static const std::vector<Hit> boomChick = {{0, 0.9, 0}, {2, 0.9, 1}};
    static const std::vector<Hit> pumping
            = {{0, 0.45, 0}, {0.5, 0.45, 0}, {1, 0.45, 0}, {1.5, 0.45, 0},
               {2, 0.45, 0}, {2.5, 0.45, 0}, {3, 0.45, 0}, {3.5, 0.45, 0}};
    static const std::vector<Hit> rockDrive
            = {{0, 0.9, 0}, {1.5, 0.4, 0}, {2, 0.9, 1}, {3, 0.4, 0}, {3.5, 0.4, 2}};
    static const std::vector<Hit> funk = {{0, 0.4, 0},    {0.75, 0.2, 2}, {1.5, 0.4, 0},
                                          {2.25, 0.2, 1}, {2.5, 0.4, 0},  {3.5, 0.25, 2}};
    static const std::vector<Hit> offbeat
            = {{0.5, 0.4, 0}, {1.5, 0.4, 0}, {2.5, 0.4, 0}, {3.5, 0.4, 0}};
    static const std::vector<Hit> pop = {{0, 1.4, 0}, {1.5, 0.4, 0}, {2, 0.9, 1}, {3, 0.9, 0}};
    static const std::vector<Hit> walking = {};

    const auto choices = [&]() -> std::vector<const std::vector<Hit> *> {
        switch (context.groove) {
        case Groove::Rock:
            return {&pumping, &rockDrive, &halves};
        case Groove::Pop:
            return {&pop, &pumping, &halves};
        case Groove::Funk:
            return {&funk};
        case Groove::Jazz:
            return {&walking, &walking, &halves};
        case Groove::Ballad:
        case Groove::Chamber:
            return {&whole, &halves};
        case Groove::Electronic:
            return {&offbeat, &pumping};
        case Groove::Folk:
            return {&boomChick, &halves};
        }
        return {&halves};
    }();
    const std::vector<Hit> &pattern = *choices[size_t(uniformInt(rng, 0, int(choices.size()) - 1))];
    const int low = part.sound.lowNote;
    const int high = part.sound.highNote;
    const int lift = (high - low >= 24 && chance(rng, 0.3)) ? 12 : 0;
    const double base = uniformReal(rng, 80, 100);
    const auto place = [&](int pc) {
        int key = lowestKey(pc, low) + lift;
        return key > high ? key - 12 : key;
    };

    if (&pattern == &walking) {
        int previous = place(context.chordAt(span.startBeat).root);
        for (double beat = std::ceil(span.startBeat); beat < span.endBeat; beat += 1.0) {
            const MusicChord &chord = context.chordAt(beat);
            const double intoChord = std::fmod(beat, context.beatsPerChord);
            int key;
            if (intoChord < 1e-9) {
                key = place(chord.root);
                if (std::abs(key + 12 - previous) < std::abs(key - previous) && key + 12 <= high)
                    key += 12;
            } else if (intoChord > context.beatsPerChord - 1.5) {
                // Approach the next root from a semitone or a scale step away.
                const int next = place(context.chordAt(beat + 1.0).root);
                const int target = std::abs(next + 12 - previous) < std::abs(next - previous)
                                && next + 12 <= high
                        ? next + 12
                        : next;
                key = target + (chance(rng, 0.5) ? 1 : -1) * (chance(rng, 0.6) ? 1 : 2);
            } else {
                const std::vector<int> tones = keysWithPitchClasses(chord.tones, low, high);
                const int idx = nearestIndex(tones, previous + (chance(rng, 0.5) ? 3 : -3));
                key = tones.empty() ? previous : tones[size_t(idx)];
            }
            key = std::clamp(key, low, high);
            addNote(context, part, beat, 0.92, key,
                    base + (intoChord < 1e-9 ? 6 : 0) + std::normal_distribution<double>(0, 5)(rng),
                    humanise(rng));
            previous = key;
        }
        return;
    }

    const int firstBar = int(std::floor(span.startBeat / context.beatsPerBar));
    for (int bar = firstBar; bar * context.beatsPerBar < span.endBeat; ++bar) {
        for (const Hit &hit : pattern) {
            const double beat = bar * context.beatsPerBar + hit.beat;
            if (!inSpan(span, beat))
                continue;
            const MusicChord &chord = context.chordAt(beat);
            const int root = place(chord.root);
            int key = root;
            if (hit.degree == 1)
                key = root + 7 <= high ? root + 7 : root - 5;
            else if (hit.degree == 2)
                key = root + 12 <= high ? root + 12 : root;
            else if (hit.degree == 3 && chord.tones.size() > 1)
                key = lowestKey(chord.tones[1], root);
            const bool downbeat = std::fmod(hit.beat, 2.0) < 1e-9;
            addNote(context, part, beat, hit.length, std::clamp(key, low, high),
                    base + (downbeat ? 6 : -4) + std::normal_distribution<double>(0, 5)(rng),
                    humanise(rng));
        }
    }
}

void MusicGeneratorParts::melody(const MusicContext &context, const PartSpan &span, SynthPart &part,
                                 std::mt19937 &rng, bool counter)
{
    static const std::vector<std::vector<double>> leadRhythms = {
            {1, 1, 1, 1}, {2, 1, 1}, {1.5, 0.5, 2}, {0.5, 0.5, 1, 2},           {1, 0.5, 0.5, 1, 1},
            {3, 1},       {2, 2},    {1, 1, 2},     {0.5, 0.5, 0.5, 0.5, 1, 1}, {0.5, 1, 0.5, 2}};
    static const std::vector<std::vector<double>> counterRhythms
            = {{2, 2}, {4}, {3, 1}, {2, 1, 1}, {1, 1, 2}};
    const auto &rhythms = counter ? counterRhythms : leadRhythms;

    const int fullLow = part.sound.lowNote + 2;
    const int fullHigh = part.sound.highNote - 3;
    const int width = fullHigh - fullLow;
    // The lead takes the middle of the range, a counter line the lower part.
    const int low = counter ? fullLow : fullLow + width / 6;
    const int high = counter ? fullLow + width * 3 / 5 : fullHigh - width / 6;
    const double base = uniformReal(rng, counter ? 60 : 72, counter ? 80 : 96);
    const bool sustained = MusicGeneratorParts::isMonophonic(part.instrument)
            || part.instrument == QLatin1String("voice")
            || part.instrument == QLatin1String("organ")
            || part.instrument == QLatin1String("accordion");
    const double articulation = sustained ? 0.95 : 0.85;

    int current = (low + high) / 2;
    {
        const std::vector<int> tones
                = keysWithPitchClasses(context.chordAt(span.startBeat).tones, low, high);
        if (!tones.empty())
            current = tones[size_t(nearestIndex(tones, current))];
    }
    int direction = chance(rng, 0.5) ? 1 : -1;
    const int firstBar = int(std::floor(span.startBeat / context.beatsPerBar));
    for (int bar = firstBar; bar * context.beatsPerBar < span.endBeat; ++bar) {
        const std::vector<double> &rhythm
                = rhythms[size_t(uniformInt(rng, 0, int(rhythms.size()) - 1))];
        const bool phraseEnd = (bar - firstBar) % 2 == 1;
        double beat = bar * context.beatsPerBar;
        for (size_t i = 0; i < rhythm.size(); ++i) {
            const double length = rhythm[i];
            const double at = beat;
            beat += length;
            if (!inSpan(span, at))
                continue;
            const bool last = i + 1 == rhythm.size();
            if ((phraseEnd && last && chance(rng, 0.5)) || chance(rng, counter ? 0.05 : 0.1))
                continue; // a breath
            const MusicChord &chord = context.chordAt(at);
            const std::vector<int> scale = keysWithPitchClasses(chord.scale, low, high);
            if (scale.empty())
                continue;
            int index = nearestIndex(scale, current);
            const double r = uniformReal(rng, 0, 1);
            const int step = r < 0.55 ? 1 : r < 0.75 ? 2 : r < 0.85 ? 0 : uniformInt(rng, 3, 4);
            if (chance(rng, 0.3))
                direction = -direction;
            index += direction * step;
            if (index < 0 || index >= int(scale.size())) {
                direction = -direction;
                index = std::clamp(index + 2 * direction * step, 0, int(scale.size()) - 1);
            }
            int key = scale[size_t(index)];
            const bool strong = std::fmod(at, 2.0) < 1e-9;
            if (strong || counter) {
                const std::vector<int> tones = keysWithPitchClasses(chord.tones, low, high);
                if (!tones.empty()) {
                    const int snapped = tones[size_t(nearestIndex(tones, key))];
                    if (std::abs(snapped - key) <= 2)
                        key = snapped;
                }
            }
            // Phrases rise and fall in loudness with the bar pair.
            const double arch
                    = 6.0 * std::sin(3.14159265358979 * ((at / context.beatsPerBar) - bar));
            addNote(context, part, at, std::min(length, span.endBeat - at) * articulation, key,
                    base + (strong ? 7 : 0) + arch + std::normal_distribution<double>(0, 5)(rng),
                    humanise(rng));
            current = key;
        }
    }
}

void MusicGeneratorParts::comping(const MusicContext &context, const PartSpan &span,
                                  SynthPart &part, std::mt19937 &rng)
{
    using Rhythm = std::vector<std::pair<double, double>>; // onset, length in beats
    std::vector<Rhythm> choices;
    switch (context.groove) {
    case Groove::Rock:
        choices = {{{0, 0.45},
                    {0.5, 0.45},
                    {1, 0.45},
                    {1.5, 0.45},
                    {2, 0.45},
                    {2.5, 0.45},
                    {3, 0.45},
                    {3.5, 0.45}},
                   {{0, 1.5}, {1.5, 0.5}, {2, 1.5}, {3.5, 0.5}}};
        break;
    case Groove::Pop:
        choices = {{{0, 0.95}, {1, 0.95}, {2, 0.95}, {3, 0.95}}, {{0, 1.5}, {1.5, 1}, {2.5, 1.5}}};
        break;
    case Groove::Funk:
        choices = {{{0, 0.2}, {0.75, 0.2}, {1.5, 0.2}, {2.25, 0.2}, {2.75, 0.2}, {3.5, 0.2}},
                   {{0.5, 0.2}, {1.25, 0.2}, {2.5, 0.2}, {3.25, 0.2}}};
        break;
    case Groove::Jazz:
        choices = {{{0, 0.4}, {1.5, 0.8}}, {{1, 0.4}, {2.5, 0.4}, {3.5, 0.3}}};
        break;
    case Groove::Ballad:
        choices = {{{0, 3.9}}, {{0, 1.9}, {2, 1.9}}};
        break;
    case Groove::Electronic:
        choices = {{{0.5, 0.3}, {1.5, 0.3}, {2.5, 0.3}, {3.5, 0.3}},
                   {{0, 0.4}, {0.75, 0.4}, {1.5, 0.4}, {2.5, 0.9}}};
        break;
    case Groove::Folk:
        choices = {{{0, 0.9}, {1, 0.9}, {2, 0.9}, {3, 0.9}},
                   {{0, 1.4}, {1.5, 0.9}, {2.5, 0.5}, {3, 0.9}}};
        break;
    case Groove::Chamber:
        choices = {{{0, 1.9}, {2, 1.9}}, {{0, 3.9}}};
        break;
    }
    const Rhythm &rhythm = choices[size_t(uniformInt(rng, 0, int(choices.size()) - 1))];
    const bool powerChords = part.sound.program == 29 || part.sound.program == 30;
    int low = std::max(part.sound.lowNote, powerChords ? 40 : 48);
    int high = std::min(part.sound.highNote, powerChords ? 64 : 79);
    if (high - low < 12) {
        low = part.sound.lowNote;
        high = part.sound.highNote;
    }
    const int center = (low + high) / 2;
    const bool strum = isPlucked(part.instrument);
    const double base = uniformReal(rng, 62, 88);
    std::vector<int> previous;
    int stroke = 0;
    const int firstBar = int(std::floor(span.startBeat / context.beatsPerBar));
    for (int bar = firstBar; bar * context.beatsPerBar < span.endBeat; ++bar) {
        for (const auto &[onset, length] : rhythm) {
            const double beat = bar * context.beatsPerBar + onset;
            if (!inSpan(span, beat))
                continue;
            const MusicChord &chord = context.chordAt(beat);
            std::vector<int> keys;
            if (powerChords) {
                const int root = lowestKey(chord.root, low);
                keys = {root, root + 7, root + 12};
            } else {
                keys = voicing(chord.tones, low, high, center, previous);
                previous = keys;
            }
            const double velocity = base + (std::fmod(onset, 1.0) < 1e-9 ? 5 : 0)
                    + std::normal_distribution<double>(0, 4)(rng);
            const bool down = stroke++ % 2 == 0;
            const double chordEnd = std::min(beat + length, span.endBeat);
            for (size_t i = 0; i < keys.size(); ++i) {
                const size_t string = down ? i : keys.size() - 1 - i;
                const double offset = strum ? 0.012 * double(i) : 0.0;
                addNote(context, part, beat, chordEnd - beat, keys[string],
                        velocity - (strum ? 2.0 * double(i) : 0.0), offset + humanise(rng));
            }
        }
    }
}

void MusicGeneratorParts::arpeggio(const MusicContext &context, const PartSpan &span,
                                   SynthPart &part, std::mt19937 &rng)
{
    const double step = context.bpm < 100 ? 0.25 : 0.5;
    const int shape = uniformInt(rng, 0, 2); // up, up-down, alberti
    const int low = std::max(part.sound.lowNote, std::min(part.sound.highNote - 19, 48));
    const int high = std::min(part.sound.highNote, low + 19);
    const double ring = ringsOn(part.instrument) ? 1.8 : 0.9;
    const double base = uniformReal(rng, 60, 85);
    const double firstBeat = std::ceil(span.startBeat / step - 1e-9) * step;
    int position = 0;
    const MusicChord *last = nullptr;
    for (double beat = firstBeat; beat < span.endBeat - 1e-9; beat += step) {
        const MusicChord &chord = context.chordAt(beat);
        if (&chord != last) {
            position = 0;
            last = &chord;
        }
        const std::vector<int> keys = keysWithPitchClasses(chord.tones, low, high);
        if (keys.empty())
            continue;
        const int n = int(keys.size());
        int index = 0;
        if (shape == 0) {
            index = position % n;
        } else if (shape == 1) {
            const int period = std::max(1, 2 * n - 2);
            const int p = position % period;
            index = p < n ? p : period - p;
        } else {
            static const int alberti[4] = {0, 2, 1, 2};
            index = std::min(n - 1, alberti[position % 4]);
        }
        ++position;
        const bool accent = std::fmod(beat, 1.0) < 1e-9;
        addNote(context, part, beat, std::min(step * ring, span.endBeat - beat),
                keys[size_t(index)],
                base + (accent ? 8 : 0) + std::normal_distribution<double>(0, 4)(rng),
                humanise(rng));
    }
}

void MusicGeneratorParts::pad(const MusicContext &context, const PartSpan &span, SynthPart &part,
                              std::mt19937 &rng)
{
    const bool mono = isMonophonic(part.instrument);
    const int low = std::max(part.sound.lowNote, mono ? part.sound.lowNote : 48);
    const int high = std::min(part.sound.highNote, mono ? part.sound.highNote - 5 : 81);
    const int center = (low + high) / 2;
    const double base = uniformReal(rng, 55, 75);
    std::vector<int> previous;
    int line = center;
    const double first = std::floor(span.startBeat / context.beatsPerChord) * context.beatsPerChord;
    for (double slot = first; slot < span.endBeat - 1e-9; slot += context.beatsPerChord) {
        const double beat = std::max(slot, span.startBeat);
        const double end = std::min(slot + context.beatsPerChord, span.endBeat);
        if (end - beat < 0.5)
            continue;
        const MusicChord &chord = context.chordAt(beat);
        const double velocity = base + std::normal_distribution<double>(0, 4)(rng);
        if (mono) {
            // A guide-tone line: the chord tone closest to the previous note.
            const std::vector<int> tones = keysWithPitchClasses(chord.tones, low, high);
            if (tones.empty())
                continue;
            line = tones[size_t(nearestIndex(tones, line))];
            addNote(context, part, beat, (end - beat) * 0.97, line, velocity, humanise(rng));
            continue;
        }
        const std::vector<int> keys = voicing(chord.tones, low, high, center, previous);
        previous = keys;
        for (int key : keys)
            addNote(context, part, beat, (end - beat) * 0.98, key, velocity, humanise(rng));
    }
}

} // namespace timbre::datasets
