// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Matrix products for ATT's fused kernels, split by hand over the LibTorch threads.
//
// Why: the products here are small ([1280 x 128] x [128 x 128] per ATT step) and OpenBLAS's
// own threading of them is erratic on the build machine: measured 70-117 GFLOP/s for the
// same call on 2 threads from one run to the next, some shapes no faster than on one thread
// (docs/BENCHMARKS.md, "Training"). Cutting the output into one block of rows per thread and
// computing each block with one single-threaded BLAS call (OpenBLAS runs serially inside an
// OpenMP parallel region) measured a steady ~120 GFLOP/s. The result is the same product:
// every output element is computed by one call over the whole inner dimension.
#include <torch/torch.h>

namespace timbre::models {

// out = a b, out [M, N] contiguous float, a [M, K] and b [K, N] any strides BLAS accepts
// (a transposed view is fine). Rows of out are split across the threads.
void rowBlockMm(torch::Tensor &out, const torch::Tensor &a, const torch::Tensor &b);

// out = bias + a b with bias [N] added to every row.
void rowBlockAddmm(torch::Tensor &out, const torch::Tensor &bias, const torch::Tensor &a,
                   const torch::Tensor &b);

// A new [M, N] result of a b, from the activation pool when pooled is true.
torch::Tensor rowBlockMm(const torch::Tensor &a, const torch::Tensor &b, bool pooled = true);

} // namespace timbre::models
