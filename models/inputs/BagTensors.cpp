// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/inputs/BagTensors.h"

#include <algorithm>
#include <cstring>

namespace timbre::models {

BagTensors::BagTensors(const BagSet &bags)
    : m_bags(bags.numBags()), m_dim(bags.featureDim), m_offsets(bags.bagOffsets)
{
    const int64_t C = bags.numClasses;
    const int64_t total = bags.numInstances();
    m_uniform = m_bags > 0;
    for (int64_t b = 1; b < m_bags && m_uniform; ++b)
        m_uniform = bags.bagSize(static_cast<int>(b)) == bags.bagSize(0);
    // Read only: every batch is an index_select, a narrow or a copy of it.
    torch::Tensor flat = torch::from_blob(const_cast<float *>(bags.features.data()), {total, m_dim},
                                          torch::kFloat32);
    m_features = m_uniform ? flat.view({m_bags, total / m_bags, m_dim}) : flat;
    // Bags to score may come without labels: treat every label as unknown.
    const size_t cells = static_cast<size_t>(m_bags * C);
    if (C > 0 && bags.labels.size() == cells && bags.observed.size() == cells) {
        m_labels = torch::from_blob(const_cast<float *>(bags.labels.data()), {m_bags, C},
                                    torch::kFloat32)
                           .clone();
        m_observed = torch::from_blob(const_cast<uint8_t *>(bags.observed.data()), {m_bags, C},
                                      torch::kUInt8)
                             .to(torch::kFloat32)
                             .clamp_max(1.0);
    } else {
        m_labels = torch::zeros({m_bags, C}, torch::kFloat32);
        m_observed = torch::zeros({m_bags, C}, torch::kFloat32);
    }
    m_labels = m_labels.mul(m_observed).nan_to_num(0.0);
    if (C > 0 && bags.instanceTruth.size() == static_cast<size_t>(total * C))
        m_truth = torch::from_blob(const_cast<uint8_t *>(bags.instanceTruth.data()), {total, C},
                                   torch::kUInt8)
                          .to(torch::kFloat32)
                          .clamp_max(1.0);
}

BagBatch BagTensors::batch(const std::vector<int64_t> &idx) const
{
    BagBatch out;
    const int64_t B = static_cast<int64_t>(idx.size());
    if (m_uniform) {
        const torch::Tensor index
                = torch::from_blob(const_cast<int64_t *>(idx.data()), {B}, torch::kInt64);
        out.features = m_features.index_select(0, index);
        out.lengths.assign(idx.size(), m_features.size(1));
        return out;
    }
    int64_t T = 0;
    bool equal = true;
    for (int64_t b : idx) {
        const int64_t n = m_offsets[b + 1] - m_offsets[b];
        if (T != 0 && n != T)
            equal = false;
        T = std::max(T, n);
        out.lengths.push_back(n);
    }
    out.features = torch::zeros({B, T, m_dim}, torch::kFloat32);
    float *dst = out.features.data_ptr<float>();
    const float *src = m_features.data_ptr<float>();
    for (int64_t i = 0; i < B; ++i) {
        const int64_t first = m_offsets[idx[i]];
        std::memcpy(dst + i * T * m_dim, src + first * m_dim,
                    sizeof(float) * out.lengths[i] * m_dim);
    }
    if (equal)
        return out;
    out.mask = torch::zeros({B, T}, torch::kFloat32);
    std::vector<int64_t> rows;
    float *mask = out.mask.data_ptr<float>();
    for (int64_t i = 0; i < B; ++i) {
        for (int64_t t = 0; t < out.lengths[i]; ++t) {
            mask[i * T + t] = 1.0f;
            rows.push_back(i * T + t);
        }
    }
    out.validRows = torch::tensor(rows, torch::kInt64);
    return out;
}

BagBatch BagTensors::batch(int64_t first, int64_t count) const
{
    if (m_uniform) {
        // Consecutive bags (prediction, validation): a view, no copy.
        BagBatch out;
        out.features = m_features.narrow(0, first, count);
        out.lengths.assign(static_cast<size_t>(count), m_features.size(1));
        return out;
    }
    std::vector<int64_t> idx(static_cast<size_t>(count));
    for (int64_t i = 0; i < count; ++i)
        idx[i] = first + i;
    return batch(idx);
}

torch::Tensor BagTensors::labels(const std::vector<int64_t> &idx) const
{
    return m_labels.index_select(0, torch::tensor(idx, torch::kInt64));
}

torch::Tensor BagTensors::observed(const std::vector<int64_t> &idx) const
{
    return m_observed.index_select(0, torch::tensor(idx, torch::kInt64));
}

torch::Tensor BagTensors::instanceTruth(const std::vector<int64_t> &idx) const
{
    if (!m_truth.defined())
        return {};
    const int64_t B = static_cast<int64_t>(idx.size());
    const int64_t C = m_truth.size(1);
    int64_t T = 0;
    for (int64_t b : idx)
        T = std::max(T, m_offsets[b + 1] - m_offsets[b]);
    torch::Tensor out = torch::zeros({B, T, C}, torch::kFloat32);
    for (int64_t i = 0; i < B; ++i) {
        const int64_t first = m_offsets[idx[i]];
        const int64_t n = m_offsets[idx[i] + 1] - first;
        out[i].narrow(0, 0, n).copy_(m_truth.narrow(0, first, n));
    }
    return out;
}

int64_t BagTensors::observedCount(int64_t bag) const
{
    return static_cast<int64_t>(m_observed[bag].sum().item<float>());
}

} // namespace timbre::models
