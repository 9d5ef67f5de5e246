// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The CNN front end and the ATT head trained as one network on weak clip labels
// (docs/METHOD.md §2.3): a bag is a clip's log-mel patches, each patch goes through PatchCnn to
// an instance embedding, and ATT (Sec. 3.2.2, Eq. 3.3/3.4) pools the instance scores with its
// attention. After training the CNN is frozen and exported as the "cnn" extractor, and the ATT
// part is an ordinary "att" checkpoint over its features.
#include "models/networks/AttentionMil.h"
#include "models/networks/PatchCnn.h"

namespace timbre::models {

class PatchAttentionMilImpl : public torch::nn::Module
{
public:
    PatchAttentionMilImpl(const PatchCnnOptions &cnnOptions,
                          const AttentionMilOptions &attentionOptions);
    // patches: [B, T, frames, bands] (every bag T patches, no padding).
    MilOutput forward(const torch::Tensor &patches);
    // The same, also handing out the instance embeddings [B * T, D] (bag-major) when
    // embedded is given.
    MilOutput forward(const torch::Tensor &patches, torch::Tensor *embedded);

    PatchCnn cnn {nullptr};
    AttentionMil attention {nullptr};
};

TORCH_MODULE(PatchAttentionMil);

} // namespace timbre::models
