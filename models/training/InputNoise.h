// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Gaussian noise on a training batch's instance features (docs/METHOD.md §5.5, `--set
// input_noise=S`): every feature dimension d gets S x sd_d x N(0, 1), sd_d being that
// dimension's standard deviation over the training instances. It keeps a head from resting on
// cues held by a few dimensions and makes it use what many dimensions agree on. Meant for heads
// trained on one kind of recording; on the one-SoundFont transfer it gained on the development
// songs but lost on both test sets (docs/RESULTS.md), so it is off by default.
#include <torch/torch.h>

namespace timbre::models {

// Per-dimension standard deviation of instances [N, D] (or [B, T, D], all rows real), times
// scale: the noise's standard deviation per dimension, [D].
torch::Tensor inputNoiseScale(const torch::Tensor &instances, double scale);

// features [B, T, D] plus noise of standard deviation scale [D] (torch's default generator,
// seeded by the trainer). Padding rows get noise too; the masks keep it out of every score.
torch::Tensor withInputNoise(const torch::Tensor &features, const torch::Tensor &scale);

} // namespace timbre::models
