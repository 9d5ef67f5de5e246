// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/datasets/generators/MusicGeneratorContext.h"

#include <random>

namespace timbre::datasets {

// Writers of the percussion parts: the drum groove (kick, snare, hi-hat, toms, fills) and
// the cymbals (crashes at section starts, ride patterns, splashes, china), each a part of
// its own so that the drums and cymbals stems and labels are distinct.
class MusicGeneratorDrums
{
public:
    static void groove(const MusicContext &context, const PartSpan &span, SynthPart &part,
                       std::mt19937 &rng);
    static void cymbals(const MusicContext &context, const PartSpan &span, SynthPart &part,
                        std::mt19937 &rng);
};

} // namespace timbre::datasets
