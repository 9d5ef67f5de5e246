// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/audio/AudioError.h"

#include <vector>

namespace timbre::features {

// An [instances x dimension] matrix of one track's features, row-major, with the track's
// decoded duration and the decoding error if there was one (then rows == 0).
struct FeatureMatrix
{
    int rows = 0;
    int cols = 0;
    std::vector<float> values;
    double durationSeconds = 0;
    audio::AudioError error;
    // The level of each instance's audio in dB (dsp::InstanceLevelMeter), one per instance of
    // the extractor's grid (for a log-mel matrix: per instance its frames would make), for
    // the '+level' localisation scores (docs/METHOD.md §10.7).
    std::vector<float> levelsDb;

    bool ok() const { return !error.isError(); }
    const float *row(int i) const { return values.data() + static_cast<size_t>(i) * cols; }
};

} // namespace timbre::features
