// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/kernels/FusedAdam.h"
#include "models/kernels/VectorClones.h"

#include <ATen/Parallel.h>

#include <cmath>

namespace timbre::models {

namespace {

struct AdamScalars
{
    float beta1, beta2, weightDecay, eps, stepSize, rootCorrection2;
};

// The float arithmetic of Adam::step, element by element:
//   g += wd * p;  m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2;
//   p -= step_size * m / (sqrt(v) / sqrt(bc2) + eps).
TIMBRE_VECTOR_CLONES_NO_ERRNO void adamUpdate(float *__restrict p, const float *__restrict g,
                                              float *__restrict m, float *__restrict v, int64_t n,
                                              AdamScalars s)
{
    for (int64_t i = 0; i < n; ++i) {
        const float grad = g[i] + s.weightDecay * p[i];
        m[i] = m[i] * s.beta1 + (1.0f - s.beta1) * grad;
        v[i] = v[i] * s.beta2 + (1.0f - s.beta2) * grad * grad;
        p[i] -= s.stepSize * m[i] / (std::sqrt(v[i]) / s.rootCorrection2 + s.eps);
    }
}

} // namespace

void fusedAdamStep(torch::optim::Adam &optimizer)
{
    torch::NoGradGuard noGrad;
    for (auto &group : optimizer.param_groups()) {
        auto &options = static_cast<torch::optim::AdamOptions &>(group.options());
        if (options.amsgrad()) {
            optimizer.step();
            return;
        }
    }
    for (auto &group : optimizer.param_groups()) {
        auto &options = static_cast<torch::optim::AdamOptions &>(group.options());
        for (auto &p : group.params()) {
            if (!p.grad().defined())
                continue;
            const std::string key = c10::guts::to_string(p.unsafeGetTensorImpl());
            auto &stateMap = optimizer.state();
            auto found = stateMap.find(key);
            if (found == stateMap.end()) {
                auto state = std::make_unique<torch::optim::AdamParamState>();
                state->step(0);
                state->exp_avg(torch::zeros_like(p, torch::MemoryFormat::Preserve));
                state->exp_avg_sq(torch::zeros_like(p, torch::MemoryFormat::Preserve));
                found = stateMap.emplace(key, std::move(state)).first;
            }
            auto &state = static_cast<torch::optim::AdamParamState &>(*found->second);
            const bool plain = p.scalar_type() == torch::kFloat32 && p.is_contiguous()
                    && p.grad().is_contiguous() && state.exp_avg().is_contiguous()
                    && state.exp_avg_sq().is_contiguous()
                    && p.grad().scalar_type() == torch::kFloat32;
            TORCH_CHECK(plain, "fusedAdamStep needs contiguous float32 parameters");
            state.step(state.step() + 1);
            const double beta1 = std::get<0>(options.betas());
            const double beta2 = std::get<1>(options.betas());
            const double correction1 = 1.0 - std::pow(beta1, static_cast<double>(state.step()));
            const double correction2 = 1.0 - std::pow(beta2, static_cast<double>(state.step()));
            AdamScalars s;
            s.beta1 = static_cast<float>(beta1);
            s.beta2 = static_cast<float>(beta2);
            s.weightDecay = static_cast<float>(options.weight_decay());
            s.eps = static_cast<float>(options.eps());
            s.stepSize = static_cast<float>(options.lr() / correction1);
            s.rootCorrection2 = static_cast<float>(std::sqrt(correction2));
            float *param = p.data_ptr<float>();
            const float *grad = p.grad().data_ptr<float>();
            float *m = state.exp_avg().data_ptr<float>();
            float *v = state.exp_avg_sq().data_ptr<float>();
            // Element-wise, so any split gives the same result; FC's 1M-parameter layers made
            // a one-thread pass the slowest part of its step.
            at::parallel_for(0, p.numel(), 1 << 16, [&](int64_t first, int64_t last) {
                adamUpdate(param + first, grad + first, m + first, v + first, last - first, s);
            });
        }
    }
}

} // namespace timbre::models
