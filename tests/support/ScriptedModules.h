// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Test fixture (LibTorch side): small TorchScript modules built in C++, for
// tests/models/ScriptedEmbedding_test and tests/support/make_scripted_module.
#include "BandMeanLinear.h"

#include <torch/script.h>
#include <torch/torch.h>

namespace timbre::testing {

// See BandMeanLinear.h: [batch, 1, 96, 64] -> [batch, dimension].
inline torch::jit::Module bandMeanLinearModule(int dimension, float scale = 1.0f)
{
    torch::Tensor w = torch::empty({64, dimension});
    torch::Tensor b = torch::empty({dimension});
    for (int band = 0; band < 64; ++band)
        for (int j = 0; j < dimension; ++j)
            w[band][j] = scale * bandMeanWeight(band, j);
    for (int j = 0; j < dimension; ++j)
        b[j] = bandMeanBias(j);
    torch::jit::Module m("BandMeanLinear");
    m.register_parameter("w", w, false);
    m.register_parameter("b", b, false);
    m.define(R"(
def forward(self, x):
    means = torch.mean(x, [2]).reshape([x.size(0), 64])
    return torch.mm(means, self.w) + self.b
)");
    return m;
}

// Returns [batch, 7, 3]: the shape check must refuse it.
inline torch::jit::Module wrongShapeModule()
{
    torch::jit::Module m("WrongShape");
    m.define(R"(
def forward(self, x):
    return x.reshape([x.size(0), 6144]).narrow(1, 0, 21).reshape([x.size(0), 7, 3])
)");
    return m;
}

// Returns a tuple rather than a tensor.
inline torch::jit::Module tupleModule()
{
    torch::jit::Module m("Tuple");
    m.define(R"(
def forward(self, x):
    return (x, x)
)");
    return m;
}

// Expects [batch, 1, 100, 64]: forward fails on VGGish patches.
inline torch::jit::Module wrongInputModule()
{
    torch::jit::Module m("WrongInput");
    m.define(R"(
def forward(self, x):
    return x.reshape([x.size(0), 6400])
)");
    return m;
}

// Integer features: refused, extractors return floats.
inline torch::jit::Module integerModule()
{
    torch::jit::Module m("Integer");
    m.define(R"(
def forward(self, x):
    return torch.mean(x, [1, 2]).long()
)");
    return m;
}

} // namespace timbre::testing
