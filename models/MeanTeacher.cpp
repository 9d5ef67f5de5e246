#include "models/MeanTeacher.h"

namespace timbre::models {

void emaUpdate(torch::nn::Module &teacher, torch::nn::Module &student, double alpha)
{
    torch::NoGradGuard noGrad;
    const auto tp = teacher.parameters();
    const auto sp = student.parameters();
    TORCH_CHECK(tp.size() == sp.size(), "teacher and student differ in structure");
    for (size_t i = 0; i < tp.size(); ++i)
        tp[i].mul_(alpha).add_(sp[i], 1.0 - alpha);
    const auto tb = teacher.buffers();
    const auto sb = student.buffers();
    TORCH_CHECK(tb.size() == sb.size(), "teacher and student differ in buffers");
    for (size_t i = 0; i < tb.size(); ++i) {
        if (tb[i].is_floating_point())
            tb[i].mul_(alpha).add_(sb[i], 1.0 - alpha);
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
