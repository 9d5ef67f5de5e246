// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The "cnn" instance embedding (docs/METHOD.md §2.3): a small VGG-like CNN over one VGGish
// log-mel patch (96 frames x 64 mel bands, 0.96 s), giving one D-dimensional instance feature
// per patch, as VGGish does for the thesis (Appendix B: conv blocks, then a 128-d fully
// connected layer). Smaller than VGGish and than the Sec. 2.4 CNN (Table 2.1: 64-128-256-640
// filters) so that it trains in minutes and runs at well over 100x real time on two CPU cores:
// 8-16-32-64 channels train about 3x faster than 16-32-64-128 here (docs/BENCHMARKS.md).
#include <torch/torch.h>

#include <vector>

namespace timbre::models {

struct PatchCnnOptions
{
    // Output channels of each conv block (3x3, batch norm, ReLU); 2x2 max pooling after every
    // block but the last. Four blocks take 96 x 64 down to 12 x 8.
    TORCH_ARG(std::vector<int64_t>, channels) = std::vector<int64_t>({8, 16, 32, 64});
    TORCH_ARG(int64_t, embedDim) = 128;
    TORCH_ARG(int64_t, frames) = 96;
    TORCH_ARG(int64_t, bands) = 64;
};

class PatchCnnImpl : public torch::nn::Module
{
public:
    explicit PatchCnnImpl(const PatchCnnOptions &options = {});
    // [N, 1, frames, bands] log-mel patches -> [N, embedDim].
    torch::Tensor forward(const torch::Tensor &patches);

    // Mel bands left after the pooling, i.e. the width the head flattens with the channels.
    int64_t pooledBands() const;
    // Stores the conv weights channels-last (the layout forward runs in); call again after
    // loading weights, which arrive in the default layout.
    void toChannelsLast();

    // Runs every batch norm with its stored affine map, also in training (a CNN started from
    // an exported script, whose norms are folded: see loadPatchCnnScript); their statistics
    // stay as they are and only the convolutions, their shifts and the head learn.
    void setFoldedNorms(bool folded);
    bool foldedNorms() const { return folded_; }
    // Whether the CNN learns (false: every parameter without gradients, e.g. while only the
    // head trains); the fixed parts of folded norms stay fixed either way.
    void setLearning(bool learning);

    PatchCnnOptions options;
    // Batch norm on the raw log-mel input: ln(mel + 0.01) spans about -4.6 .. 5, far from the
    // unit scale the first convolution's default initialisation assumes.
    torch::nn::BatchNorm2d inputNorm {nullptr};
    std::vector<torch::nn::Conv2d> convs;
    std::vector<torch::nn::BatchNorm2d> norms;
    // Time is averaged away (an instance is one patch, where in the patch a note falls does
    // not matter), frequency is kept: timbre lives in where the energy sits across the bands.
    torch::nn::Linear head {nullptr};

private:
    torch::Tensor norm(torch::nn::BatchNorm2d &n, const torch::Tensor &x);
    bool folded_ = false;
};

TORCH_MODULE(PatchCnn);

} // namespace timbre::models
