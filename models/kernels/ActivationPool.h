// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Float buffers for the fused training kernels, handed back to a free list when their tensor
// dies and reused by the next step. Why: a step allocates the same few dozen activation
// buffers every time; fresh allocations cost a page fault per 4 KiB on first touch, and on a
// machine that pages out idle memory proactively (this build machine runs DAMON's pageout
// scheme) even glibc's retained heap keeps faulting. Reused buffers stay hot.
#include <torch/torch.h>

namespace timbre::models {

// An uninitialised contiguous float32 tensor whose memory comes from the pool.
torch::Tensor pooledEmpty(at::IntArrayRef sizes);

// Frees the idle buffers (trainers call it when they finish).
void releasePooledMemory();

// Bytes handed out and not yet given back: zero once every step's tensors are gone, which is
// how the tests catch an autograd node that never dies (and keeps its activations alive).
size_t pooledLiveBytes();

} // namespace timbre::models
