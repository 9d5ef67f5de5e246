// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Element-wise kernels of ATT's fused training step (models/kernels/FusedAttention) on row-major
// [N, C] float matrices: batch-norm statistics, normalise + affine + ReLU + dropout, and the
// batch-norm / ReLU / dropout backward. Rows are split into one block per LibTorch thread;
// column sums are reduced per block, then over blocks, so a result depends on the thread count
// only through float rounding.
#include <cstdint>

namespace timbre::models::kernels {

// Per-column mean and biased variance (two passes: the variance does not cancel).
void columnMeanVariance(const float *z, int64_t N, int64_t C, float *mean, float *var);

// xhat = (z - mean) * rstd and out = gamma * xhat + beta; with relu, out = max(out, 0) * mask
// (mask may be null: no dropout).
void normaliseAffine(const float *z, const float *mean, const float *rstd, const float *gamma,
                     const float *beta, const float *mask, bool relu, int64_t N, int64_t C,
                     float *xhat, float *out);

// Backward of y = relu(gamma * xhat + beta) * mask, mask in {0, scale}, through batch norm
// with batch statistics: y > 0 exactly where the gradient passes, with factor scale. Turns
// dy into dz in place and writes dgamma and dbeta.
void normReluDropoutBackward(float *dy, const float *y, const float *xhat, const float *gamma,
                             const float *rstd, int64_t N, int64_t C, float scale, float *dgamma,
                             float *dbeta);

} // namespace timbre::models::kernels
