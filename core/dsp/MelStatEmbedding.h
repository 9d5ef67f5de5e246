// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/dsp/InstancePatcher.h"

#include <QString>

#include <vector>

namespace timbre::dsp {

// "melstat" (version 1), the built-in instance embedding that needs no weights: for each
// patch of framesPerPatch log-mel frames (InstancePatcher; a padded last patch is summarised
// with its padding rows, exactly as the patcher produces it), one row of 2 x bands floats:
//   [0, bands)          mean of band b over the patch's frames
//   [bands, 2 x bands)  population standard deviation (divide by N) of band b
// With the VGGish front end (64 bands) every instance is 128-d (docs/METHOD.md §2.2).
//
// Streaming: pushFrames() takes log-mel rows as LogMelExtractor appends them and emits a row
// per completed patch; finish() emits the padded last patch if the patcher pads.
class MelStatEmbedding
{
public:
    static QString id() { return QStringLiteral("melstat"); }
    static constexpr int kVersion = 1;

    explicit MelStatEmbedding(int bands = 64, const InstancePatcher &patcher = InstancePatcher());

    int bands() const { return m_bands; }
    int dimension() const { return 2 * m_bands; }
    const InstancePatcher &patcher() const { return m_patcher; }
    long long instancesProduced() const { return m_instances; }

    // frames: count rows of bands() floats. Returns the number of rows appended to `out`.
    int pushFrames(const float *frames, int count, std::vector<float> &out);
    int finish(std::vector<float> &out);
    void reset();

    // [instances x 2 bands] of a whole [frames x bands] log-mel matrix.
    static std::vector<float> compute(const float *logMel, int frames, int bands,
                                      const InstancePatcher &patcher = InstancePatcher());

private:
    void emit(std::vector<float> &out);

    int m_bands;
    InstancePatcher m_patcher;
    std::vector<float> m_patch; // framesPerPatch x bands
    int m_filled = 0;
    long long m_instances = 0;
};

} // namespace timbre::dsp
