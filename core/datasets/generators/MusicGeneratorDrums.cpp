// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/datasets/generators/MusicGeneratorDrums.h"

#include <cstring>

namespace timbre::datasets {

namespace {

// One drum voice over a bar of sixteenth notes: 'x' a hit, 'X' an accent, 'g' a ghost note.
struct Lane
{
    int key;
    const char *steps;
    double seconds; // how long the note is held before its note-off
};

using Pattern = std::vector<Lane>;

std::vector<Pattern> patternsFor(Groove groove)
{
    using namespace GmDrum;
    switch (groove) {
    case Groove::Rock:
        return {{{Kick, "x.......x.x.....", 0.25},
                 {Snare, "....X.......X...", 0.25},
                 {ClosedHiHat, "x.x.x.x.x.x.x.x.", 0.12}},
                {{AcousticKick, "x.....x...x.....", 0.25},
                 {Snare, "....X.......X...", 0.25},
                 {ClosedHiHat, "X.x.X.x.X.x.X.x.", 0.12}}};
    case Groove::Pop:
        return {{{Kick, "x.....x.x.......", 0.25},
                 {Snare, "....X.......X...", 0.25},
                 {ClosedHiHat, "x.x.x.x.x.x.x...", 0.12},
                 {OpenHiHat, "..............x.", 0.3}},
                {{Kick, "x.......x.x.....", 0.25},
                 {Clap, "....X.......X...", 0.25},
                 {ClosedHiHat, "xxxxxxxxxxxxxxxx", 0.1}}};
    case Groove::Funk:
        return {{{Kick, "x..x..x...x..x..", 0.2},
                 {Snare, "....X..g.g..X..g", 0.2},
                 {ClosedHiHat, "xxxxxxxxxxxxxxxx", 0.08}},
                {{Kick, "x.x....x..x.....", 0.2},
                 {Snare, "....X..g....X.g.", 0.2},
                 {ClosedHiHat, "x.xxx.xxx.xxx.x.", 0.08},
                 {OpenHiHat, "....x...........", 0.3}}};
    case Groove::Jazz:
        return {{{Kick, "g...g...g...g...", 0.25},
                 {PedalHiHat, "....x.......x...", 0.15},
                 {Snare, "......g.......g.", 0.2}},
                {{Kick, "x...........g...", 0.25},
                 {PedalHiHat, "....x.......x...", 0.15},
                 {Snare, "..g.....g.g...g.", 0.2}}};
    case Groove::Ballad:
    case Groove::Chamber:
        return {{{Kick, "x.......x.......", 0.3},
                 {SideStick, "....x.......x...", 0.2},
                 {ClosedHiHat, "x...x...x...x...", 0.12}},
                {{Kick, "x.........x.....", 0.3},
                 {Snare, "........X.......", 0.3},
                 {ClosedHiHat, "x.x.x.x.x.x.x.x.", 0.12}}};
    case Groove::Electronic:
        return {{{Kick, "X...X...X...X...", 0.25},
                 {Clap, "....X.......X...", 0.25},
                 {OpenHiHat, "..x...x...x...x.", 0.2},
                 {ClosedHiHat, "x.x.x.x.x.x.x.x.", 0.08}},
                {{Kick, "x..x..x...x.....", 0.3},
                 {Clap, "....X.......X...", 0.25},
                 {ClosedHiHat, "xxxxxxxxxxxxxxxx", 0.08}}};
    case Groove::Folk:
        return {{{Kick, "x.......x.......", 0.3},
                 {Snare, "....x.......x...", 0.25},
                 {ClosedHiHat, "x...x...x...x...", 0.12}}};
    }
    return {};
}

void addHit(const MusicContext &context, SynthPart &part, double beat, int key, double velocity,
            double seconds)
{
    const double start = context.secondsAt(beat);
    if (start >= context.clipSeconds - 0.12)
        return;
    const double end = std::min(context.clipSeconds, start + seconds);
    part.notes.push_back({start, end, key, clampVelocity(velocity)});
}

double jitter(std::mt19937 &rng, double spread)
{
    return std::normal_distribution<double>(0.0, spread)(rng);
}

} // namespace

void MusicGeneratorDrums::groove(const MusicContext &context, const PartSpan &span, SynthPart &part,
                                 std::mt19937 &rng)
{
    using namespace GmDrum;
    const std::vector<Pattern> patterns = patternsFor(context.groove);
    const Pattern &pattern = patterns[size_t(uniformInt(rng, 0, int(patterns.size()) - 1))];
    const double base = uniformReal(rng, 78, 96);
    const double fillChance = context.groove == Groove::Electronic ? 0.2 : 0.55;
    const int firstBar = int(std::floor(span.startBeat / context.beatsPerBar));
    const int lastBar = int(std::ceil(span.endBeat / context.beatsPerBar)) - 1;
    for (int bar = firstBar; bar <= lastBar; ++bar) {
        const double barBeat = bar * double(context.beatsPerBar);
        const bool fill = ((bar - firstBar) % 4 == 3 || bar == lastBar) && bar > firstBar
                && chance(rng, fillChance);
        const int fillFrom = fill ? 8 + 4 * uniformInt(rng, 0, 1) : 16;
        for (const Lane &lane : pattern) {
            for (int step = 0; step < 16 && step < int(std::strlen(lane.steps)); ++step) {
                const char mark = lane.steps[step];
                const double beat = barBeat + step * 0.25;
                if (mark == '.' || beat < span.startBeat || beat >= span.endBeat)
                    continue;
                // The fill replaces snare and hats; the kick keeps the time.
                if (step >= fillFrom && lane.key != Kick && lane.key != AcousticKick)
                    continue;
                double velocity = mark == 'X' ? base + 14 : mark == 'g' ? 34 : base;
                if ((lane.key == ClosedHiHat || lane.key == OpenHiHat) && step % 4 != 0)
                    velocity -= 12; // hats lean on the beat
                addHit(context, part, beat, lane.key, velocity + jitter(rng, 6), lane.seconds);
            }
        }
        if (fill) {
            static const int toms[]
                    = {HighTom, HighMidTom, LowMidTom, LowTom, LowFloorTom, HighFloorTom};
            int tom = 0;
            for (int step = fillFrom; step < 16; ++step) {
                const double beat = barBeat + step * 0.25;
                if (beat >= span.endBeat)
                    break;
                if (step % 2 == 1 && chance(rng, 0.35))
                    continue;
                const bool snare = chance(rng, 0.25);
                const int key = snare ? Snare : toms[std::min(5, tom++ / 2)];
                addHit(context, part, beat, key, base + 4 + jitter(rng, 6), 0.35);
            }
        }
    }
    std::sort(part.notes.begin(), part.notes.end(),
              [](const SynthNote &a, const SynthNote &b) { return a.start < b.start; });
}

void MusicGeneratorDrums::cymbals(const MusicContext &context, const PartSpan &span,
                                  SynthPart &part, std::mt19937 &rng)
{
    using namespace GmDrum;
    // 0: crashes only, 1: ride eighths, 2: jazz ride, 3: ride bell on the beat
    int mode = 0;
    switch (context.groove) {
    case Groove::Jazz:
        mode = chance(rng, 0.85) ? 2 : 0;
        break;
    case Groove::Rock:
    case Groove::Pop:
    case Groove::Funk:
        mode = chance(rng, 0.5) ? 1 : 0;
        break;
    case Groove::Electronic:
        mode = chance(rng, 0.5) ? 3 : 0;
        break;
    case Groove::Ballad:
    case Groove::Chamber:
    case Groove::Folk:
        mode = chance(rng, 0.3) ? 1 : 0;
        break;
    }
    const double base = uniformReal(rng, 75, 95);
    const int crashKey = chance(rng, 0.5) ? Crash1 : Crash2;
    const int crashEvery = chance(rng, 0.5) ? 2 : 4;
    const int firstBar = int(std::floor(span.startBeat / context.beatsPerBar));
    const int lastBar = int(std::ceil(span.endBeat / context.beatsPerBar)) - 1;
    for (int bar = firstBar; bar <= lastBar; ++bar) {
        const double barBeat = bar * double(context.beatsPerBar);
        const int index = bar - firstBar;
        const bool crash = index % crashEvery == 0 && (index > 0 || chance(rng, 0.8));
        if (crash && barBeat >= span.startBeat - 1e-9)
            addHit(context, part, barBeat, crashKey, base + 15 + jitter(rng, 5), 2.5);
        // A splash or china pushes into the next phrase now and then.
        if (bar < lastBar && (index + 1) % crashEvery == 0 && chance(rng, 0.3)) {
            const double beat = barBeat + 3.5;
            if (beat >= span.startBeat && beat < span.endBeat) {
                const bool china = context.groove == Groove::Rock && chance(rng, 0.5);
                addHit(context, part, beat, china ? China : Splash, base + 5 + jitter(rng, 5),
                       china ? 1.5 : 1.0);
            }
        }
        for (int step = 0; step < 16; ++step) {
            const double beat = barBeat + step * 0.25;
            if (beat < span.startBeat || beat >= span.endBeat || (crash && step == 0))
                continue;
            int key = -1;
            double velocity = base - 10;
            if (mode == 1 && step % 2 == 0) {
                key = Ride1;
                velocity += step % 4 == 0 ? 6 : -4;
            } else if (mode == 2 && (step % 4 == 0 || step == 6 || step == 14)) {
                key = Ride1; // ding, ding-ga-ding: the skip notes fall on the swung eighth
                velocity += (step == 4 || step == 12) ? 8 : 0;
            } else if (mode == 3 && step % 4 == 2) {
                key = RideBell;
            }
            if (key >= 0)
                addHit(context, part, beat, key, velocity + jitter(rng, 5), 0.8);
        }
    }
    std::sort(part.notes.begin(), part.notes.end(),
              [](const SynthNote &a, const SynthNote &b) { return a.start < b.start; });
}

} // namespace timbre::datasets
