// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <string>
#include <vector>

namespace timbre::models {

// Strongly labelled 1 s examples for instrument activity detection (thesis Sec. 2.4): each
// example is a log-mel patch (44.1 kHz, window 2048, hop 512, 96 mel bands, dB: 96 x 86) with
// the activity of every instrument during that second.
struct StrongSet
{
    int bands = 96;
    int frames = 86;
    int numClasses = 0;
    // [N x bands x frames] row-major: band-major, frames contiguous.
    std::vector<float> inputs;
    // [N x numClasses], 1 = instrument active during the second, 0 = inactive.
    std::vector<float> targets;
    // [N] (or empty): the track each second comes from, for track-level pooling; seconds of
    // one track are expected in time order.
    std::vector<int> trackIndex;
    // Optional: one name per class.
    std::vector<std::string> classNames;

    int size() const
    {
        const int patch = bands * frames;
        return patch > 0 ? static_cast<int>(inputs.size() / static_cast<size_t>(patch)) : 0;
    }
    // Copies the given examples in that order; indices must be valid.
    StrongSet subset(const std::vector<int> &indices) const
    {
        StrongSet out;
        out.bands = bands;
        out.frames = frames;
        out.numClasses = numClasses;
        out.classNames = classNames;
        const size_t patch = static_cast<size_t>(bands) * frames;
        for (int i : indices) {
            out.inputs.insert(out.inputs.end(), inputs.begin() + i * patch,
                              inputs.begin() + (i + 1) * patch);
            out.targets.insert(out.targets.end(), targets.begin() + size_t(i) * numClasses,
                               targets.begin() + size_t(i + 1) * numClasses);
            if (!trackIndex.empty())
                out.trackIndex.push_back(trackIndex[i]);
        }
        return out;
    }
    // "" when every size agrees, else what is wrong.
    std::string validate() const
    {
        if (bands <= 0 || frames <= 0)
            return "bands and frames must be positive";
        if (numClasses <= 0)
            return "numClasses must be positive";
        const size_t patch = static_cast<size_t>(bands) * frames;
        if (inputs.size() % patch != 0)
            return "inputs is not a whole number of bands x frames patches";
        const size_t n = inputs.size() / patch;
        if (targets.size() != n * numClasses)
            return "targets must hold numClasses values per example";
        if (!trackIndex.empty() && trackIndex.size() != n)
            return "trackIndex must be empty or hold one entry per example";
        if (!classNames.empty() && classNames.size() != static_cast<size_t>(numClasses))
            return "classNames must be empty or hold numClasses names";
        return std::string();
    }
};

} // namespace timbre::models
