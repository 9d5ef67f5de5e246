// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Test fixture shared by tests/models (which build the module with LibTorch) and tests/core
// (which cannot include torch and compute the expected values by hand): the TorchScript
// extractor "band-mean linear" maps a [batch, 1, 96, 64] log-mel patch to
//   y[j] = scale * sum_b mean_f(x[f][b]) * weight(b, j) + bias(j),   j < dimension,
// i.e. a fixed projection of the per-band means (melstat's first 64 columns), so a test can
// tell frames from bands and patch from patch.
namespace timbre::testing {

inline float bandMeanWeight(int band, int j)
{
    return 0.01f * float((band * 7 + j * 3) % 11 - 5);
}

inline float bandMeanBias(int j)
{
    return 0.1f * float(j);
}

// The expected output for one patch's band means (64 floats).
inline float bandMeanLinear(const float *bandMeans, int j, float scale = 1.0f)
{
    double y = 0.0;
    for (int b = 0; b < 64; ++b)
        y += double(bandMeans[b]) * double(scale * bandMeanWeight(b, j));
    return float(y) + bandMeanBias(j);
}

} // namespace timbre::testing
