// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Test fixtures for the bag networks: BagBatch values as BagTensors builds them, from tensors
// made in the test, a parameter count, and the small ATT the planted-data training tests use.
#include "models/api/TrainConfig.h"
#include "models/networks/MilNet.h"

#include <algorithm>
#include <vector>

namespace timbre::models::testing {

inline int64_t parameterCount(torch::nn::Module &m)
{
    int64_t n = 0;
    for (const auto &p : m.parameters())
        n += p.numel();
    return n;
}

// ATT with a 32-wide embedding, batches of 32, Adam at 3e-3, one thread, no validation split
// (the last epoch is kept), written to out: small planted sets learn in a second.
inline TrainConfig plantedAttConfig(const std::string &out, int epochs, uint64_t seed)
{
    TrainConfig c = TrainConfig::defaultsFor("att");
    c.extra["hidden"] = 32;
    c.epochs = epochs;
    c.batchSize = 32;
    c.learningRate = 3e-3;
    c.seed = seed;
    c.threads = 1;
    c.validationFraction = 0.0;
    c.outputCheckpoint = out;
    return c;
}

// Bags that all have x.size(1) instances: no mask, no valid rows.
inline BagBatch fullBatch(const torch::Tensor &x)
{
    BagBatch b;
    b.features = x;
    b.lengths.assign(static_cast<size_t>(x.size(0)), x.size(1));
    return b;
}

// Pads bags (each [n_i, D]) to the longest and builds the mask like BagTensors does.
inline BagBatch paddedBatch(const std::vector<torch::Tensor> &bags)
{
    int64_t T = 0;
    for (const auto &b : bags)
        T = std::max(T, b.size(0));
    const int64_t D = bags[0].size(1);
    BagBatch out;
    out.features = torch::zeros({static_cast<int64_t>(bags.size()), T, D});
    out.mask = torch::zeros({static_cast<int64_t>(bags.size()), T});
    std::vector<int64_t> rows;
    for (size_t i = 0; i < bags.size(); ++i) {
        const int64_t n = bags[i].size(0);
        out.features[i].narrow(0, 0, n).copy_(bags[i]);
        out.mask[i].narrow(0, 0, n).fill_(1.0);
        out.lengths.push_back(n);
        for (int64_t t = 0; t < n; ++t)
            rows.push_back(static_cast<int64_t>(i) * T + t);
    }
    out.validRows = torch::tensor(rows, torch::kInt64);
    return out;
}

} // namespace timbre::models::testing
