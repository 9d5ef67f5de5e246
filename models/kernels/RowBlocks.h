// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Rows [0, N) cut into `blocks` contiguous blocks, run in parallel over the LibTorch threads:
// the one splitting rule of the fused kernels (models/kernels/FusedKernels) and the split matrix
// products (models/kernels/RowBlockGemm), so a block's rows depend only on N and the block count.
#include <ATen/Parallel.h>

#include <cstdint>

namespace timbre::models {

// fn(block, firstRow, lastRow) for each block; one block runs on the calling thread.
template<typename Fn> void forRowBlocks(int64_t N, int64_t blocks, const Fn &fn)
{
    if (blocks == 1) {
        fn(0, 0, N);
        return;
    }
    at::parallel_for(0, blocks, 1, [&](int64_t first, int64_t last) {
        for (int64_t b = first; b < last; ++b)
            fn(b, N * b / blocks, N * (b + 1) / blocks);
    });
}

} // namespace timbre::models
