// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <vector>

namespace timbre::inference {

// Overlapping instances (docs/METHOD.md §10.6): a track's instances once more on a grid
// shifted by half an instance (the audio read from hop / 2 on), scored by the same model, so
// that each second is seen by three patches instead of one. Instance i of the plain grid
// covers [i h, (i + 1) h); shifted instance j covers [(j + 1/2) h, (j + 3/2) h) and overlaps
// plain i = j and i = j + 1 by half each.
struct InstanceOverlap
{
    // The shifted grid's offset in instances: it starts half an instance after the plain one.
    static constexpr double kShiftInstances = 0.5;

    // Each plain instance's score averaged with the shifted instances overlapping it, weights
    // 2 (itself), 1 and 1 (the shifted ones before and after; at a track's ends, or where the
    // shifted grid is shorter, only those that exist). Row-major [frames x classes] and
    // [shiftedFrames x classes]; shifted rows past frames - 1 overlap no plain instance by half
    // and are ignored. Empty when an array's size does not match its counts.
    static std::vector<float> mean(const std::vector<float> &plain, int frames,
                                   const std::vector<float> &shifted, int shiftedFrames,
                                   int classes);
};

} // namespace timbre::inference
