// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <vector>

namespace timbre::inference {

// The level cue (docs/METHOD.md §10.7): within one track, the seconds where an instrument
// plays are louder than those where it rests (it adds its own sound to the mix), a cue the
// learned embedding carries poorly. Each instance score is moved on the logit scale by its
// level relative to the track's mean level:
//   s'_i = sigmoid(logit(s_i) + w (L_i - mean_j L_j)),  L_i = max(level_i, max_j level_j - 60)
// with w per dB; the floor keeps silent stretches (-100 dB) from swamping the mean. A
// constant offset per track leaves every within-track ranking of the level alone, so the
// mastering level of a file does not matter there. The weight was chosen on the development
// songs (docs/RESULTS.md, "The level of each second").
struct InstanceLevel
{
    static constexpr float kWeightPerDb = 0.4f;
    static constexpr float kFloorBelowMaxDb = 60.0f;

    // Row-major [frames x classes] scores in (0, 1) and [frames] levels in dB. Empty when a
    // size does not match. window > 0: each level relative to the mean of the `window`
    // instances centred on it (odd; cut at the track's ends) instead of the whole track's, so
    // that a long track's louder and quieter sections each keep their own reference.
    static std::vector<float> blend(const std::vector<float> &scores, int frames, int classes,
                                    const std::vector<float> &levelsDb,
                                    float weightPerDb = kWeightPerDb, int window = 0);
    // The levels floored and centred on their mean (window 0) or their centred moving mean,
    // as blend() uses them.
    static std::vector<float> relative(const std::vector<float> &levelsDb, int window = 0);
};

} // namespace timbre::inference
