// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/kernels/FusedAttention.h"

#include "models/kernels/ActivationPool.h"
#include "models/kernels/FusedKernels.h"
#include "models/kernels/RowBlockGemm.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <cmath>

namespace timbre::models {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

namespace {

// Batch norm with this batch's statistics, then the affine map, then (relu) ReLU and dropout
// (mask may be undefined): writes x_hat and the output, returns 1/sqrt(var + eps), and updates
// the running statistics as BatchNorm1d does (unbiased variance, exponential average).
torch::Tensor normaliseBatch(const torch::Tensor &z, const FusedNorm &norm,
                             const torch::Tensor &mask, bool relu, torch::Tensor &xhat,
                             torch::Tensor &out)
{
    const int64_t N = z.size(0);
    const int64_t C = z.size(1);
    torch::Tensor mean = torch::empty({C}, torch::kFloat32);
    torch::Tensor var = torch::empty({C}, torch::kFloat32);
    torch::Tensor rstd = torch::empty({C}, torch::kFloat32);
    xhat = pooledEmpty({N, C});
    out = pooledEmpty({N, C});
    float *m = mean.data_ptr<float>();
    float *v = var.data_ptr<float>();
    float *r = rstd.data_ptr<float>();
    kernels::columnMeanVariance(z.data_ptr<float>(), N, C, m, v);
    const float eps = static_cast<float>(norm.eps);
    for (int64_t c = 0; c < C; ++c)
        r[c] = 1.0f / std::sqrt(v[c] + eps);
    kernels::normaliseAffine(z.data_ptr<float>(), m, r, norm.weight.data_ptr<float>(),
                             norm.bias.data_ptr<float>(),
                             mask.defined() ? mask.data_ptr<float>() : nullptr, relu, N, C,
                             xhat.data_ptr<float>(), out.data_ptr<float>());
    if (norm.runningMean.defined()) {
        norm.batchesTracked.add_(1);
        const double momentum = norm.momentum >= 0.0
                ? norm.momentum
                : 1.0 / norm.batchesTracked.item<double>(); // cumulative average
        const double unbiased = N > 1 ? static_cast<double>(N) / static_cast<double>(N - 1) : 1.0;
        float *rm = norm.runningMean.data_ptr<float>();
        float *rv = norm.runningVar.data_ptr<float>();
        for (int64_t c = 0; c < C; ++c) {
            rm[c] = static_cast<float>((1.0 - momentum) * rm[c] + momentum * m[c]);
            rv[c] = static_cast<float>((1.0 - momentum) * rv[c] + momentum * v[c] * unbiased);
        }
    }
    return rstd;
}

torch::Tensor contiguousFloat(const torch::Tensor &t)
{
    return t.to(torch::kFloat32).contiguous();
}

class EmbeddingFunction : public torch::autograd::Function<EmbeddingFunction>
{
public:
    // learnable = [input.weight, input.bias, W_1, gamma_1, beta_1, ..., W_L, gamma_L, beta_L]
    static variable_list forward(AutogradContext *ctx, const torch::Tensor &xIn,
                                 torch::TensorList learnable, const FusedEmbedding *e)
    {
        const torch::Tensor x = contiguousFloat(xIn);
        const int64_t N = x.size(0);
        // u = gamma_0 x_hat_0 + beta_0, the first linear layer's input.
        torch::Tensor xhat0, u;
        normaliseBatch(x, e->input, torch::Tensor(), false, xhat0, u);

        std::vector<torch::Tensor> saved {xhat0};
        torch::Tensor a = u;
        const double p = e->dropout;
        const float scale = p > 0.0 ? static_cast<float>(1.0 / (1.0 - p)) : 1.0f;
        for (size_t l = 0; l < e->linear.size(); ++l) {
            torch::Tensor z = pooledEmpty({N, e->linear[l].size(0)});
            rowBlockMm(z, a, e->linear[l].t());
            const int64_t H = z.size(1);
            torch::Tensor mask;
            if (p > 0.0) // the same stream of masks as FastDropout::apply in the composed version
                mask = e->masks->mask({N, H}, p);
            torch::Tensor xhat, y;
            const torch::Tensor rstd = normaliseBatch(z, e->norms[l], mask, true, xhat, y);
            saved.push_back(xhat);
            saved.push_back(rstd);
            saved.push_back(y);
            a = y;
        }
        // Through save_for_backward, not saved_data: the last y is this node's own output, and
        // holding it in saved_data would make a reference cycle (output -> grad_fn -> output)
        // that never frees the node or any of its activations.
        ctx->save_for_backward(saved);
        ctx->saved_data["scale"] = static_cast<double>(scale);
        std::vector<torch::Tensor> params(learnable.begin(), learnable.end());
        ctx->saved_data["params"] = params;
        return {a};
    }

    static variable_list backward(AutogradContext *ctx, variable_list gradOutputs)
    {
        const variable_list saved = ctx->get_saved_variables();
        const std::vector<torch::Tensor> params = ctx->saved_data["params"].toTensorVector();
        const float scale = static_cast<float>(ctx->saved_data["scale"].toDouble());
        const torch::Tensor &xhat0 = saved[0];
        const size_t L = (saved.size() - 1) / 3;
        variable_list grads(2 + params.size());
        // grads[0]: x (none); grads[1 + i]: params[i]; last: the FusedEmbedding pointer.
        const torch::Tensor incoming = gradOutputs[0];
        torch::Tensor dy = pooledEmpty(incoming.sizes());
        dy.copy_(incoming);
        for (size_t l = L; l-- > 0;) {
            const torch::Tensor &xhat = saved[1 + 3 * l];
            const torch::Tensor &rstd = saved[2 + 3 * l + 0];
            const torch::Tensor &y = saved[3 + 3 * l];
            const torch::Tensor &W = params[2 + 3 * l];
            const torch::Tensor gamma = params[3 + 3 * l].contiguous();
            const int64_t N = y.size(0);
            const int64_t H = y.size(1);
            torch::Tensor dgamma = torch::empty({H}, torch::kFloat32);
            torch::Tensor dbeta = torch::empty({H}, torch::kFloat32);
            kernels::normReluDropoutBackward(dy.data_ptr<float>(), y.data_ptr<float>(),
                                             xhat.data_ptr<float>(), gamma.data_ptr<float>(),
                                             rstd.data_ptr<float>(), N, H, scale,
                                             dgamma.data_ptr<float>(), dbeta.data_ptr<float>());
            grads[1 + 3 + 3 * l] = dgamma;
            grads[1 + 4 + 3 * l] = dbeta;
            const torch::Tensor dz = dy;
            if (l > 0) {
                const torch::Tensor &previous = saved[3 + 3 * (l - 1)];
                grads[1 + 2 + 3 * l] = rowBlockMm(dz.t(), previous, false);
                dy = rowBlockMm(dz, W);
            } else {
                // First layer: its input is u = gamma_0 x_hat_0 + beta_0 with u a function of
                // the input batch norm's parameters only (x needs no gradient). With
                // G = dz^T x_hat_0 and s = sum_n dz:
                //   dW_1 = G diag(gamma_0) + s beta_0^T,
                //   dgamma_0 = colsum(W_1 .* G),  dbeta_0 = W_1^T s,
                // which saves the [N, H] x [H, D] product dL/du = dz W_1.
                const torch::Tensor G = rowBlockMm(dz.t(), xhat0);
                const torch::Tensor s = dz.sum(0);
                const torch::Tensor &gamma0 = params[0];
                const torch::Tensor &beta0 = params[1];
                grads[1 + 2] = torch::addr(G * gamma0.unsqueeze(0), s, beta0);
                grads[1 + 0] = (W * G).sum(0);
                grads[1 + 1] = torch::mv(W.t(), s);
            }
        }
        return grads;
    }
};

constexpr float kAttentionFloor = 1e-7f;
constexpr float kAttentionCeiling = 1.0f - 1e-7f;

class HeadsFunction : public torch::autograd::Function<HeadsFunction>
{
public:
    static variable_list forward(AutogradContext *ctx, const torch::Tensor &hIn,
                                 const torch::Tensor &instanceWeight,
                                 const torch::Tensor &instanceBias,
                                 const torch::Tensor &attentionWeight,
                                 const torch::Tensor &attentionBias, int64_t T)
    {
        const torch::Tensor h = contiguousFloat(hIn);
        const int64_t N = h.size(0);
        const int64_t C = instanceWeight.size(0);
        const int64_t B = N / T;
        // Both heads in one product: [N, 2C] = h [W_f; W_a]^T + [b_f; b_a].
        const torch::Tensor weights = torch::cat({instanceWeight, attentionWeight}, 0);
        torch::Tensor sig = pooledEmpty({N, 2 * C});
        rowBlockAddmm(sig, torch::cat({instanceBias, attentionBias}), h, weights.t());
        sig.sigmoid_();
        torch::Tensor instance = pooledEmpty({B, T, C});
        torch::Tensor attention = pooledEmpty({B, T, C});
        torch::Tensor clip = torch::empty({B, C}, torch::kFloat32);
        torch::Tensor total = torch::empty({B, C}, torch::kFloat32); // sum_t a
        torch::Tensor raw = torch::empty({B, C}, torch::kFloat32); // S(X) before the clamp
        const float *sp = sig.data_ptr<float>();
        float *fp = instance.data_ptr<float>();
        float *wp = attention.data_ptr<float>();
        float *cp = clip.data_ptr<float>();
        float *ap = total.data_ptr<float>();
        float *rp = raw.data_ptr<float>();
        // Bags are independent: split them over the LibTorch threads.
        at::parallel_for(0, B, 32, [&](int64_t firstBag, int64_t lastBag) {
            for (int64_t b = firstBag; b < lastBag; ++b) {
                float *__restrict A = ap + b * C;
                float *__restrict S = rp + b * C;
                std::fill(A, A + C, 0.0f);
                std::fill(S, S + C, 0.0f);
                for (int64_t t = 0; t < T; ++t) {
                    const float *__restrict row = sp + (b * T + t) * 2 * C;
                    float *__restrict f = fp + (b * T + t) * C;
                    for (int64_t c = 0; c < C; ++c) {
                        const float a = std::clamp(row[C + c], kAttentionFloor, kAttentionCeiling);
                        f[c] = row[c];
                        A[c] += a;
                        S[c] += a * row[c];
                    }
                }
                for (int64_t c = 0; c < C; ++c) {
                    S[c] /= A[c]; // Eq. 3.3 with w = a / sum a (Eq. 3.4)
                    cp[b * C + c] = std::clamp(S[c], 0.0f, 1.0f);
                }
                for (int64_t t = 0; t < T; ++t) {
                    const float *__restrict row = sp + (b * T + t) * 2 * C;
                    float *__restrict w = wp + (b * T + t) * C;
                    for (int64_t c = 0; c < C; ++c)
                        w[c] = std::clamp(row[C + c], kAttentionFloor, kAttentionCeiling) / A[c];
                }
            }
        });
        ctx->save_for_backward({h, weights, sig, total, raw});
        ctx->saved_data["T"] = T;
        ctx->mark_non_differentiable({instance, attention});
        return {clip, instance, attention};
    }

    static variable_list backward(AutogradContext *ctx, variable_list gradOutputs)
    {
        const variable_list saved = ctx->get_saved_variables();
        const torch::Tensor &h = saved[0];
        const torch::Tensor &weights = saved[1];
        const torch::Tensor &sig = saved[2];
        const torch::Tensor &total = saved[3];
        const torch::Tensor &raw = saved[4];
        const int64_t T = ctx->saved_data["T"].toInt();
        const int64_t N = h.size(0);
        const int64_t C = weights.size(0) / 2;
        const int64_t B = N / T;
        if (!gradOutputs[0].defined())
            return variable_list(6);
        const torch::Tensor dclip = gradOutputs[0].to(torch::kFloat32).contiguous();
        torch::Tensor dlogits = pooledEmpty({N, 2 * C});
        const float *sp = sig.data_ptr<float>();
        const float *ap = total.data_ptr<float>();
        const float *rp = raw.data_ptr<float>();
        const float *gp = dclip.data_ptr<float>();
        float *dp = dlogits.data_ptr<float>();
        at::parallel_for(0, B, 32, [&](int64_t firstBag, int64_t lastBag) {
            std::vector<float> ds(static_cast<size_t>(C)), invA(static_cast<size_t>(C));
            for (int64_t b = firstBag; b < lastBag; ++b) {
                for (int64_t c = 0; c < C; ++c) {
                    const float s = rp[b * C + c];
                    // clamp(S, 0, 1) passes the gradient only inside [0, 1].
                    ds[c] = (s >= 0.0f && s <= 1.0f) ? gp[b * C + c] : 0.0f;
                    invA[c] = 1.0f / ap[b * C + c];
                }
                for (int64_t t = 0; t < T; ++t) {
                    const float *__restrict row = sp + (b * T + t) * 2 * C;
                    float *__restrict d = dp + (b * T + t) * 2 * C;
                    for (int64_t c = 0; c < C; ++c) {
                        const float f = row[c];
                        const float sa = row[C + c];
                        const bool inside = sa >= kAttentionFloor && sa <= kAttentionCeiling;
                        const float a = std::clamp(sa, kAttentionFloor, kAttentionCeiling);
                        // dS/df_t = w_t; dS/da_t = (f_t - S) / sum a.
                        d[c] = ds[c] * a * invA[c] * f * (1.0f - f);
                        d[C + c] = inside ? ds[c] * (f - rp[b * C + c]) * invA[c] * sa * (1.0f - sa)
                                          : 0.0f;
                    }
                }
            }
        });
        const torch::Tensor dweights = rowBlockMm(dlogits.t(), h, false);
        const torch::Tensor dbias = dlogits.sum(0);
        torch::Tensor dh = rowBlockMm(dlogits, weights);
        return {dh,
                dweights.narrow(0, 0, C),
                dbias.narrow(0, 0, C),
                dweights.narrow(0, C, C),
                dbias.narrow(0, C, C),
                torch::Tensor()};
    }
};

} // namespace

torch::Tensor fusedEmbeddingTraining(const torch::Tensor &x, const FusedEmbedding &e)
{
    std::vector<torch::Tensor> learnable {e.input.weight, e.input.bias};
    for (size_t l = 0; l < e.linear.size(); ++l) {
        learnable.push_back(e.linear[l]);
        learnable.push_back(e.norms[l].weight);
        learnable.push_back(e.norms[l].bias);
    }
    return EmbeddingFunction::apply(x, torch::TensorList(learnable), &e)[0];
}

namespace {

// Eval-mode batch norm as y = s * x + t per column.
std::pair<torch::Tensor, torch::Tensor> scaleAndShift(const FusedNorm &n)
{
    const torch::Tensor s = n.weight / torch::sqrt(n.runningVar + n.eps);
    return {s, n.bias - n.runningMean * s};
}

} // namespace

torch::Tensor foldedEmbeddingInference(const torch::Tensor &xIn, const FusedEmbedding &e)
{
    torch::NoGradGuard noGrad;
    const torch::Tensor x = contiguousFloat(xIn);
    const auto [s0, t0] = scaleAndShift(e.input);
    torch::Tensor a = x;
    for (size_t l = 0; l < e.linear.size(); ++l) {
        const auto [s, t] = scaleAndShift(e.norms[l]);
        torch::Tensor W = e.linear[l] * s.unsqueeze(1);
        torch::Tensor b = t;
        if (l == 0) {
            // W (s0 x + t0) = (W diag(s0)) x + W t0.
            b = t + torch::mv(W, t0);
            W = W * s0.unsqueeze(0);
        }
        torch::Tensor next = torch::empty({a.size(0), W.size(0)}, torch::kFloat32);
        rowBlockAddmm(next, b, a, W.t());
        a = next.relu_();
    }
    return a;
}

FusedHeadsOutput fusedAttentionHeads(const torch::Tensor &h, int64_t T,
                                     const torch::Tensor &instanceWeight,
                                     const torch::Tensor &instanceBias,
                                     const torch::Tensor &attentionWeight,
                                     const torch::Tensor &attentionBias)
{
    const variable_list out = HeadsFunction::apply(h, instanceWeight, instanceBias, attentionWeight,
                                                   attentionBias, T);
    return {out[0], out[1], out[2]};
}

} // namespace timbre::models
