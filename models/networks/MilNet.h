// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Internal: the common shape of the bag-level networks (ATT, FC, FC_T, RNN): a batch of padded
// bags in, clip / instance / attention scores out (docs/ARCHITECTURE.md §8).
#include "models/kernels/FastDropout.h"

#include <torch/torch.h>

#include <memory>
#include <string>
#include <vector>

namespace timbre::models {

struct BagBatch
{
    torch::Tensor features; // [B, T, D], bags padded with zeros to the longest
    // [B, T] float, 1 for real instances and 0 for padding; undefined when every bag has T
    // instances, which lets the models skip all masking work.
    torch::Tensor mask;
    // Flat indices into B * T of the real instances; undefined when mask is.
    torch::Tensor validRows;
    std::vector<int64_t> lengths; // B entries
};

struct MilOutput
{
    torch::Tensor clip; // [B, C] probabilities
    torch::Tensor instance; // [B, T, C] instance probabilities (0 at padding); undefined for FC/RNN
    torch::Tensor attention; // [B, T, C] normalised over each bag's instances; ATT only
};

class MilNetImpl : public torch::nn::Module
{
public:
    virtual MilOutput forward(const BagBatch &batch) = 0;
    // The parameters Table 3.2's "heads only" fine-tuning trains (everything else is frozen).
    virtual std::vector<torch::Tensor> headParameters() = 0;
    // Dropout masks come from this module's own seeded generator (deterministic runs).
    void reseedDropout(uint64_t seed) { m_dropout.reseed(seed); }

protected:
    FastDropout m_dropout;
};

// "att", "fct", "fc", "rnn"; nullptr for other kinds. options may carry "hidden" etc.
std::shared_ptr<MilNetImpl> createMilNet(const std::string &kind, int featureDim, int numClasses,
                                         double dropout,
                                         const std::map<std::string, double> &extra);

// Scatters [N, C] rows of the real instances back into a zero [B, T, C] tensor.
torch::Tensor scatterRows(const torch::Tensor &rows, const BagBatch &batch);
// Mean pooling (FC_T): instance scores `f` [real rows, C] of `batch` as MilOutput, the clip
// score the mean over each bag's real instances (padding scores 0 and is not counted).
MilOutput meanPooled(const torch::Tensor &f, const BagBatch &batch);

} // namespace timbre::models
