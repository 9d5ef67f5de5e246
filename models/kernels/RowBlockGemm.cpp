// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/kernels/RowBlockGemm.h"

#include "models/kernels/ActivationPool.h"

#include "models/kernels/RowBlocks.h"

#include <algorithm>

namespace timbre::models {

namespace {

// Below this many output rows per block a second thread costs more than it saves.
constexpr int64_t kMinRowsPerBlock = 16;

template<typename Product>
void forOutputRowBlocks(torch::Tensor &out, const torch::Tensor &a, const Product &product)
{
    TORCH_CHECK(out.dim() == 2 && out.is_contiguous() && out.scalar_type() == torch::kFloat32,
                "rowBlockMm needs a contiguous float matrix to write");
    const int64_t M = out.size(0);
    const int64_t blocks
            = std::max<int64_t>(1, std::min<int64_t>(at::get_num_threads(), M / kMinRowsPerBlock));
    forRowBlocks(M, blocks, [&](int64_t, int64_t r0, int64_t r1) {
        // Grad mode is thread-local and OpenMP's workers do not inherit the caller's: out=
        // products refuse inputs that require grad unless it is off in every block.
        torch::NoGradGuard noGrad;
        torch::Tensor slice = out.narrow(0, r0, r1 - r0);
        product(slice, a.narrow(0, r0, r1 - r0));
    });
}

} // namespace

void rowBlockMm(torch::Tensor &out, const torch::Tensor &a, const torch::Tensor &b)
{
    forOutputRowBlocks(
            out, a, [&](torch::Tensor &o, const torch::Tensor &rows) { at::mm_out(o, rows, b); });
}

void rowBlockAddmm(torch::Tensor &out, const torch::Tensor &bias, const torch::Tensor &a,
                   const torch::Tensor &b)
{
    forOutputRowBlocks(out, a, [&](torch::Tensor &o, const torch::Tensor &rows) {
        at::addmm_out(o, bias, rows, b);
    });
}

torch::Tensor rowBlockMm(const torch::Tensor &a, const torch::Tensor &b, bool pooled)
{
    torch::Tensor out = pooled ? pooledEmpty({a.size(0), b.size(1)})
                               : torch::empty({a.size(0), b.size(1)}, torch::kFloat32);
    rowBlockMm(out, a, b);
    return out;
}

} // namespace timbre::models
