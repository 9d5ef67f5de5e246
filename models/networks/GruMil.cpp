// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/networks/GruMil.h"

namespace timbre::models {

GruMilImpl::GruMilImpl(const GruMilOptions &opts) : options(opts)
{
    using namespace torch::nn;
    gru = register_module("gru",
                          GRU(GRUOptions(opts.inputDim(), opts.hidden())
                                      .num_layers(opts.layers())
                                      .bidirectional(true)
                                      .batch_first(true)
                                      .dropout(opts.layers() > 1 ? opts.dropout() : 0.0)));
    output = register_module("output", Linear(2 * opts.hidden(), opts.numClasses()));
}

MilOutput GruMilImpl::forward(const BagBatch &batch)
{
    torch::Tensor hidden;
    if (batch.mask.defined()) {
        // Packed so that each direction starts and ends at the bag's real instances.
        const torch::Tensor lengths = torch::tensor(batch.lengths, torch::kInt64);
        auto packed = torch::nn::utils::rnn::pack_padded_sequence(batch.features, lengths,
                                                                  /*batch_first=*/true,
                                                                  /*enforce_sorted=*/false);
        hidden = std::get<1>(gru->forward_with_packed_input(packed));
    } else {
        hidden = std::get<1>(gru(batch.features));
    }
    // hidden: [layers * 2, B, H]; the last two rows are the top layer's two directions.
    const auto L = hidden.size(0);
    const torch::Tensor embedding = torch::cat({hidden[L - 2], hidden[L - 1]}, 1);
    MilOutput out;
    out.clip = torch::sigmoid(output(embedding));
    return out;
}

std::vector<torch::Tensor> GruMilImpl::headParameters()
{
    return output->parameters();
}

} // namespace timbre::models
