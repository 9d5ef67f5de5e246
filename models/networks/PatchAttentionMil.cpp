// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/networks/PatchAttentionMil.h"

namespace timbre::models {

PatchAttentionMilImpl::PatchAttentionMilImpl(const PatchCnnOptions &cnnOptions,
                                             const AttentionMilOptions &attentionOptions)
{
    cnn = register_module("cnn", PatchCnn(cnnOptions));
    attention = register_module("attention", AttentionMil(attentionOptions));
    // The fused kernels compute no gradient for their input; here the input is the CNN's
    // output and must learn, so the head runs LibTorch's composed operators.
    attention->fusedKernels = false;
}

MilOutput PatchAttentionMilImpl::forward(const torch::Tensor &patches)
{
    return forward(patches, nullptr);
}

MilOutput PatchAttentionMilImpl::forward(const torch::Tensor &patches, torch::Tensor *embeddedOut)
{
    const int64_t B = patches.size(0);
    const int64_t T = patches.size(1);
    const torch::Tensor embedded
            = cnn->forward(patches.reshape({B * T, 1, patches.size(2), patches.size(3)}));
    if (embeddedOut)
        *embeddedOut = embedded;
    BagBatch batch;
    batch.features = embedded.reshape({B, T, embedded.size(1)});
    batch.lengths.assign(static_cast<size_t>(B), T);
    return attention->forward(batch);
}

} // namespace timbre::models
