// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/training/MeanTeacher.h"

namespace timbre::models {

namespace {

// t = alpha t + (1 - alpha) s in one pass when both are plain float tensors (the usual case);
// two LibTorch operators otherwise. The per-tensor operator overhead, not the arithmetic,
// dominated this step for ATT's small tensors.
void average(const torch::Tensor &t, const torch::Tensor &s, double alpha)
{
    if (t.scalar_type() == torch::kFloat32 && s.scalar_type() == torch::kFloat32
        && t.is_contiguous() && s.is_contiguous() && t.numel() == s.numel()) {
        float *tp = t.data_ptr<float>();
        const float *sp = s.data_ptr<float>();
        const float a = static_cast<float>(alpha);
        const float b = static_cast<float>(1.0 - alpha);
        for (int64_t i = 0, n = t.numel(); i < n; ++i)
            tp[i] = tp[i] * a + sp[i] * b;
        return;
    }
    t.mul_(alpha).add_(s, 1.0 - alpha);
}

} // namespace

void emaUpdate(torch::nn::Module &teacher, torch::nn::Module &student, double alpha)
{
    torch::NoGradGuard noGrad;
    const auto tp = teacher.parameters();
    const auto sp = student.parameters();
    TORCH_CHECK(tp.size() == sp.size(), "teacher and student differ in structure");
    for (size_t i = 0; i < tp.size(); ++i)
        average(tp[i], sp[i], alpha);
    const auto tb = teacher.buffers();
    const auto sb = student.buffers();
    TORCH_CHECK(tb.size() == sb.size(), "teacher and student differ in buffers");
    for (size_t i = 0; i < tb.size(); ++i) {
        if (tb[i].is_floating_point())
            average(tb[i], sb[i], alpha);
        else
            tb[i].copy_(sb[i]);
    }
}

void copyWeights(torch::nn::Module &target, torch::nn::Module &source)
{
    torch::NoGradGuard noGrad;
    const auto tp = target.parameters();
    const auto sp = source.parameters();
    TORCH_CHECK(tp.size() == sp.size(), "modules differ in structure");
    for (size_t i = 0; i < tp.size(); ++i)
        tp[i].copy_(sp[i]);
    const auto tb = target.buffers();
    const auto sb = source.buffers();
    TORCH_CHECK(tb.size() == sb.size(), "modules differ in buffers");
    for (size_t i = 0; i < tb.size(); ++i)
        tb[i].copy_(sb[i]);
}

} // namespace timbre::models
