// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Internal: a BagSet turned into tensors once, so that every training step builds its batch
// with one index_select (bags of equal length) or one padded copy (unequal lengths).
// The features are a view of the BagSet's own memory (no copy of what may be gigabytes), so
// the BagSet must outlive its BagTensors; labels and observed flags are copied.
#include "models/api/BagSet.h"
#include "models/networks/MilNet.h"

#include <torch/torch.h>

#include <vector>

namespace timbre::models {

class BagTensors
{
public:
    explicit BagTensors(const BagSet &bags);

    int64_t size() const { return m_bags; }
    bool uniform() const { return m_uniform; }
    // Bags idx as one padded batch; mask/validRows stay undefined when all have equal length.
    BagBatch batch(const std::vector<int64_t> &idx) const;
    BagBatch batch(int64_t first, int64_t count) const;
    torch::Tensor labels(const std::vector<int64_t> &idx) const;
    torch::Tensor observed(const std::vector<int64_t> &idx) const;
    // Every real instance's features: [N, T, D] when uniform, else [totalInstances, D].
    const torch::Tensor &instances() const { return m_features; }
    const torch::Tensor &allLabels() const { return m_labels; }
    const torch::Tensor &allObserved() const { return m_observed; }
    int64_t observedCount(int64_t bag) const;
    // The BagSet's instanceTruth of bags idx as [B, T, C] float, 0 at padding (the batch's
    // own layout); undefined when the BagSet has none.
    bool hasInstanceTruth() const { return m_truth.defined(); }
    torch::Tensor instanceTruth(const std::vector<int64_t> &idx) const;

private:
    int64_t m_bags = 0;
    int64_t m_dim = 0;
    bool m_uniform = false;
    torch::Tensor m_features; // [N, T, D] when uniform, else [totalInstances, D]
    std::vector<int64_t> m_offsets;
    torch::Tensor m_labels; // [N, C] float
    torch::Tensor m_observed; // [N, C] float 0/1
    torch::Tensor m_truth; // [totalInstances, C] float 0/1, or undefined
};

} // namespace timbre::models
