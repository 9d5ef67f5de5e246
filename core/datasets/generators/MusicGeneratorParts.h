// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/datasets/generators/MusicGeneratorContext.h"

#include <random>
#include <vector>

namespace timbre::datasets {

// Writers of the pitched parts (bass, melody, counter-melody, comping, arpeggios, pads) over
// a clip's harmony, each in the register of the sound that plays it.
class MusicGeneratorParts
{
public:
    // `part.sound` and `part.role` are set; fills `part.notes` inside `span`.
    static void write(const MusicContext &context, const PartSpan &span, SynthPart &part,
                      std::mt19937 &rng);

    // Instruments that play one note at a time (their pads become a single sustained line).
    static bool isMonophonic(const QString &instrument);

private:
    static void bass(const MusicContext &context, const PartSpan &span, SynthPart &part,
                     std::mt19937 &rng);
    static void melody(const MusicContext &context, const PartSpan &span, SynthPart &part,
                       std::mt19937 &rng, bool counter);
    static void comping(const MusicContext &context, const PartSpan &span, SynthPart &part,
                        std::mt19937 &rng);
    static void arpeggio(const MusicContext &context, const PartSpan &span, SynthPart &part,
                         std::mt19937 &rng);
    static void pad(const MusicContext &context, const PartSpan &span, SynthPart &part,
                    std::mt19937 &rng);
};

} // namespace timbre::datasets
