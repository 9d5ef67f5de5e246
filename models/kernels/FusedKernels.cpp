// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/kernels/FusedKernels.h"
#include "models/kernels/RowBlocks.h"
#include "models/kernels/VectorClones.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <vector>

namespace timbre::models::kernels {

namespace {

// Below this many rows per block a second thread costs more than it saves.
constexpr int64_t kMinRowsPerBlock = 256;

int64_t blockCount(int64_t N)
{
    return std::max<int64_t>(1, std::min<int64_t>(at::get_num_threads(), N / kMinRowsPerBlock));
}

// out[c] = sum over blocks of partial[b * C + c].
void reduceBlocks(const std::vector<float> &partial, int64_t blocks, int64_t C, float *out)
{
    std::copy(partial.begin(), partial.begin() + C, out);
    for (int64_t b = 1; b < blocks; ++b)
        for (int64_t c = 0; c < C; ++c)
            out[c] += partial[static_cast<size_t>(b * C + c)];
}

TIMBRE_VECTOR_CLONES void sumRows(const float *__restrict z, int64_t first, int64_t last, int64_t C,
                                  float *__restrict sum)
{
    std::fill(sum, sum + C, 0.0f);
    for (int64_t n = first; n < last; ++n) {
        const float *__restrict row = z + n * C;
        for (int64_t c = 0; c < C; ++c)
            sum[c] += row[c];
    }
}

TIMBRE_VECTOR_CLONES void sumSquaredDeviations(const float *__restrict z, int64_t first,
                                               int64_t last, int64_t C,
                                               const float *__restrict mean, float *__restrict sum)
{
    std::fill(sum, sum + C, 0.0f);
    for (int64_t n = first; n < last; ++n) {
        const float *__restrict row = z + n * C;
        for (int64_t c = 0; c < C; ++c) {
            const float d = row[c] - mean[c];
            sum[c] += d * d;
        }
    }
}

TIMBRE_VECTOR_CLONES void normaliseRows(const float *__restrict z, const float *__restrict mean,
                                        const float *__restrict rstd, const float *__restrict gamma,
                                        const float *__restrict beta, const float *__restrict mask,
                                        bool relu, int64_t first, int64_t last, int64_t C,
                                        float *__restrict xhat, float *__restrict out)
{
    for (int64_t n = first; n < last; ++n) {
        const float *__restrict zr = z + n * C;
        float *__restrict xr = xhat + n * C;
        float *__restrict yr = out + n * C;
        for (int64_t c = 0; c < C; ++c)
            xr[c] = (zr[c] - mean[c]) * rstd[c];
        if (!relu) {
            for (int64_t c = 0; c < C; ++c)
                yr[c] = gamma[c] * xr[c] + beta[c];
        } else if (mask) {
            const float *__restrict mr = mask + n * C;
            for (int64_t c = 0; c < C; ++c)
                yr[c] = std::max(gamma[c] * xr[c] + beta[c], 0.0f) * mr[c];
        } else {
            for (int64_t c = 0; c < C; ++c)
                yr[c] = std::max(gamma[c] * xr[c] + beta[c], 0.0f);
        }
    }
}

// Gate the incoming gradient (y > 0: times scale, else 0) and sum it and gate * xhat.
TIMBRE_VECTOR_CLONES void gateRows(float *__restrict dy, const float *__restrict y,
                                   const float *__restrict xhat, int64_t first, int64_t last,
                                   int64_t C, float scale, float *__restrict sumGate,
                                   float *__restrict sumGateXhat)
{
    std::fill(sumGate, sumGate + C, 0.0f);
    std::fill(sumGateXhat, sumGateXhat + C, 0.0f);
    for (int64_t n = first; n < last; ++n) {
        float *__restrict g = dy + n * C;
        const float *__restrict yr = y + n * C;
        const float *__restrict xr = xhat + n * C;
        for (int64_t c = 0; c < C; ++c) {
            const float gate = (yr[c] > 0.0f ? scale : 0.0f) * g[c];
            g[c] = gate;
            sumGate[c] += gate;
            sumGateXhat[c] += gate * xr[c];
        }
    }
}

// dz = k * (g - meanGate - xhat * meanGateXhat), k = gamma * rstd.
TIMBRE_VECTOR_CLONES void batchNormInputGradient(float *__restrict g, const float *__restrict xhat,
                                                 const float *__restrict k,
                                                 const float *__restrict meanGate,
                                                 const float *__restrict meanGateXhat,
                                                 int64_t first, int64_t last, int64_t C)
{
    for (int64_t n = first; n < last; ++n) {
        float *__restrict gr = g + n * C;
        const float *__restrict xr = xhat + n * C;
        for (int64_t c = 0; c < C; ++c)
            gr[c] = k[c] * (gr[c] - meanGate[c] - xr[c] * meanGateXhat[c]);
    }
}

} // namespace

void columnMeanVariance(const float *z, int64_t N, int64_t C, float *mean, float *var)
{
    const int64_t blocks = blockCount(N);
    std::vector<float> partial(static_cast<size_t>(blocks * C));
    forRowBlocks(N, blocks, [&](int64_t b, int64_t first, int64_t last) {
        sumRows(z, first, last, C, partial.data() + b * C);
    });
    reduceBlocks(partial, blocks, C, mean);
    const float invN = 1.0f / static_cast<float>(N);
    for (int64_t c = 0; c < C; ++c)
        mean[c] *= invN;
    forRowBlocks(N, blocks, [&](int64_t b, int64_t first, int64_t last) {
        sumSquaredDeviations(z, first, last, C, mean, partial.data() + b * C);
    });
    reduceBlocks(partial, blocks, C, var);
    for (int64_t c = 0; c < C; ++c)
        var[c] *= invN;
}

void normaliseAffine(const float *z, const float *mean, const float *rstd, const float *gamma,
                     const float *beta, const float *mask, bool relu, int64_t N, int64_t C,
                     float *xhat, float *out)
{
    forRowBlocks(N, blockCount(N), [&](int64_t, int64_t first, int64_t last) {
        normaliseRows(z, mean, rstd, gamma, beta, mask, relu, first, last, C, xhat, out);
    });
}

void normReluDropoutBackward(float *dy, const float *y, const float *xhat, const float *gamma,
                             const float *rstd, int64_t N, int64_t C, float scale, float *dgamma,
                             float *dbeta)
{
    const int64_t blocks = blockCount(N);
    std::vector<float> sums(static_cast<size_t>(2 * blocks * C));
    forRowBlocks(N, blocks, [&](int64_t b, int64_t first, int64_t last) {
        gateRows(dy, y, xhat, first, last, C, scale, sums.data() + 2 * b * C,
                 sums.data() + (2 * b + 1) * C);
    });
    std::fill(dbeta, dbeta + C, 0.0f);
    std::fill(dgamma, dgamma + C, 0.0f);
    for (int64_t b = 0; b < blocks; ++b) {
        for (int64_t c = 0; c < C; ++c) {
            dbeta[c] += sums[static_cast<size_t>(2 * b * C + c)];
            dgamma[c] += sums[static_cast<size_t>((2 * b + 1) * C + c)];
        }
    }
    // dz = gamma * rstd * (g - mean(g) - xhat * mean(g * xhat)): the batch-norm backward
    // including the batch statistics' own dependence on z.
    const float invN = 1.0f / static_cast<float>(N);
    std::vector<float> k(static_cast<size_t>(C)), meanGate(static_cast<size_t>(C)),
            meanGateXhat(static_cast<size_t>(C));
    for (int64_t c = 0; c < C; ++c) {
        k[c] = gamma[c] * rstd[c];
        meanGate[c] = dbeta[c] * invN;
        meanGateXhat[c] = dgamma[c] * invN;
    }
    forRowBlocks(N, blocks, [&](int64_t, int64_t first, int64_t last) {
        batchNormInputGradient(dy, xhat, k.data(), meanGate.data(), meanGateXhat.data(), first,
                               last, C);
    });
}

} // namespace timbre::models::kernels
