// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/networks/PatchCnnScript.h"

#include <map>
#include <sstream>
#include <stdexcept>

namespace timbre::models {

namespace {

// Scale and shift that an eval-mode batch norm applies per channel.
std::pair<torch::Tensor, torch::Tensor> normAffine(torch::nn::BatchNorm2d &norm)
{
    const torch::Tensor scale = norm->weight / (norm->running_var + norm->options.eps()).sqrt();
    const torch::Tensor shift = norm->bias - norm->running_mean * scale;
    return {scale, shift};
}

} // namespace

torch::jit::Module scriptPatchCnn(PatchCnnImpl &cnn)
{
    torch::NoGradGuard noGrad;
    torch::jit::Module m("TimbrePatchCnn");
    auto constant = [&m](const std::string &name, const torch::Tensor &t) {
        m.register_parameter(name, t.detach().clone(), false);
    };
    const auto [inScale, inShift] = normAffine(cnn.inputNorm);
    constant("in_scale", inScale.view({1, 1, 1, 1}));
    constant("in_shift", inShift.view({1, 1, 1, 1}));
    std::ostringstream body;
    // Channels-last as PatchCnn runs (faster convolutions); a script built in C++ does not
    // see the name torch.channels_last, hence c10::MemoryFormat's number.
    body << "\ndef forward(self, x):\n"
         << "    x = (x * self.in_scale + self.in_shift).contiguous(memory_format="
         << static_cast<int>(c10::MemoryFormat::ChannelsLast) << ")\n";
    const size_t blocks = cnn.convs.size();
    for (size_t i = 0; i < blocks; ++i) {
        const auto [scale, shift] = normAffine(cnn.norms[i]);
        const std::string w = "w" + std::to_string(i);
        const std::string b = "b" + std::to_string(i);
        constant(w,
                 (cnn.convs[i]->weight * scale.view({-1, 1, 1, 1}))
                         .contiguous(torch::MemoryFormat::ChannelsLast));
        constant(b, shift);
        body << "    x = torch.relu(torch.conv2d(x, self." << w << ", self." << b
             << ", [1, 1], [1, 1]))\n";
        if (i + 1 < blocks)
            body << "    x = torch.max_pool2d(x, [2, 2])\n";
    }
    constant("head_w", cnn.head->weight);
    constant("head_b", cnn.head->bias);
    body << "    x = torch.flatten(torch.mean(x, [2]), 1)\n"
         << "    return torch.linear(x, self.head_w, self.head_b)\n";
    m.define(body.str());
    m.eval();
    return m;
}

void loadPatchCnnScript(PatchCnnImpl &cnn, const torch::jit::Module &script)
{
    std::map<std::string, torch::Tensor> stored;
    for (const auto &p : script.named_parameters(/*recurse=*/false))
        stored[p.name] = p.value;
    auto take = [&stored](const std::string &name, const torch::Tensor &like) {
        const auto it = stored.find(name);
        if (it == stored.end())
            throw std::runtime_error("not a PatchCnn script: no '" + name + "'");
        if (it->second.numel() != like.numel()
            || (it->second.dim() == like.dim() && it->second.sizes() != like.sizes()))
            throw std::runtime_error("'" + name + "' has " + std::to_string(it->second.numel())
                                     + " values where this CNN has " + std::to_string(like.numel())
                                     + " (other conv widths or embedding size)");
        return it->second.reshape(like.sizes()).to(torch::kFloat);
    };
    auto fold = [](torch::nn::BatchNorm2d &norm, const torch::Tensor &scale,
                   const torch::Tensor &shift) {
        norm->weight.copy_(scale);
        norm->bias.copy_(shift);
        norm->running_mean.zero_();
        norm->running_var.fill_(1.0 - norm->options.eps());
    };
    torch::NoGradGuard noGrad;
    fold(cnn.inputNorm, take("in_scale", cnn.inputNorm->weight),
         take("in_shift", cnn.inputNorm->bias));
    for (size_t i = 0; i < cnn.convs.size(); ++i) {
        const std::string n = std::to_string(i);
        cnn.convs[i]->weight.copy_(take("w" + n, cnn.convs[i]->weight));
        fold(cnn.norms[i], torch::ones_like(cnn.norms[i]->weight),
             take("b" + n, cnn.norms[i]->bias));
    }
    if (stored.count("w" + std::to_string(cnn.convs.size())))
        throw std::runtime_error("the script has more conv blocks than this CNN");
    cnn.head->weight.copy_(take("head_w", cnn.head->weight));
    cnn.head->bias.copy_(take("head_b", cnn.head->bias));
    cnn.setFoldedNorms(true);
}

} // namespace timbre::models
