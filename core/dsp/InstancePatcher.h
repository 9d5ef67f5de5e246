// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <vector>

namespace timbre::dsp {

// Cuts a row-major [frames x bands] log-mel matrix into non-overlapping patches of
// framesPerPatch frames: the instances of docs/METHOD.md §1, §2.1 (96 frames = 0.96 s at
// VGGish's 10 ms hop). Frames after the last whole patch either go (Drop, VGGish's own framing,
// which gives OpenMIC-2018's 10 instances for a 10 s clip) or make one more patch padded up to
// framesPerPatch rows:
//   PadRepeatEdge - copies of the last real frame (keeps the patch's level and spectrum
//                   shape, so statistics over it stay close to those of its real frames);
//   PadConstant   - rows of padValue (e.g. ln(0.01), the VGGish log-mel of silence; 0 is
//                   the literal zero padding).
// A stream shorter than one patch gives no patch with Drop and one padded patch otherwise.
class InstancePatcher
{
public:
    enum class LastPatch { Drop, PadRepeatEdge, PadConstant };

    explicit InstancePatcher(int framesPerPatch = 96, LastPatch lastPatch = LastPatch::Drop,
                             float padValue = 0.0f);

    int framesPerPatch() const { return m_framesPerPatch; }
    LastPatch lastPatch() const { return m_lastPatch; }
    float padValue() const { return m_padValue; }
    bool padsLast() const { return m_lastPatch != LastPatch::Drop; }

    static int patchCount(int frames, int framesPerPatch, bool padLast);
    int patchCount(int frames) const;

    // Writes patch `index` (framesPerPatch x bands floats) into `patch`; false when the
    // index is out of range.
    bool patch(const float *frames, int frameCount, int bands, int index, float *patch) const;
    // All patches, [patches x framesPerPatch x bands].
    std::vector<float> patches(const float *frames, int frameCount, int bands) const;

private:
    int m_framesPerPatch;
    LastPatch m_lastPatch;
    float m_padValue;
};

} // namespace timbre::dsp
