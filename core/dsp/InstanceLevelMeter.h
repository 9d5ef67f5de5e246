// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <cstddef>
#include <vector>

namespace timbre::dsp {

// The level of each instance of a track: the mean square of the samples in consecutive
// windows of `instanceSamples` (an instance's hop: 96 frames of 160 samples at 16 kHz for
// VGGish patches, 0.96 s), in dB, streamed block by block as the decoder delivers them.
// Within a track the seconds where an instrument plays are louder than those where it rests,
// a cue the learned embedding does not carry well (docs/METHOD.md §10.7).
class InstanceLevelMeter
{
public:
    explicit InstanceLevelMeter(size_t instanceSamples) : m_window(instanceSamples) { }

    void push(const float *samples, size_t count);
    // 10 log10(mean square + 1e-10) per window: the whole windows so far, then a last partial
    // one when any samples are left over (the partial patch an instance patcher may pad).
    std::vector<float> levelsDb() const;
    size_t wholeWindows() const { return m_levels.size(); }

    static float decibels(double meanSquare);

private:
    size_t m_window;
    size_t m_filled = 0;
    double m_sum = 0.0;
    std::vector<float> m_levels;
};

} // namespace timbre::dsp
