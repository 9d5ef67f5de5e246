// SPDX-License-Identifier: GPL-3.0-or-later
// The trained DGM of Ch. 4: one M2 network per instrument (binary relevance, Sec. 4.2) plus the
// input pipeline they share (pooling, [0, 1] scaling). Clip score of instrument c =
// q(y_c = 1 | x) of its classifier. In mean-pooling mode the instance scores are that
// classifier applied to each single (scaled) instance, a one-second "bag" of its own; with
// flattened input there are none. Checkpoint blob: "dgm" (one torch archive).
#pragma once

#include "models/networks/DgmNet.h"
#include "models/scoring/BagScorer.h"

#include <string>
#include <vector>

namespace timbre::models {

class DgmScorer : public BagScorer
{
public:
    DgmScorer() = default;

    DgmNetOptions options;
    bool flatten = false;
    int instances = 1; // instances per flattened row
    std::vector<float> low; // per-column range of the training rows, for [0, 1] scaling
    std::vector<float> high;
    std::vector<DgmNet> nets; // one per class
    // Per class: < 0 when nets[c] was trained, else the constant probability it predicts
    // (no labelled bag of that class, or only one label value).
    std::vector<float> fallback;

    int numClasses() const { return static_cast<int>(nets.size()); }
    // Rows of bags as scaled network input [numBags x rowDim].
    torch::Tensor inputRows(const BagSet &bags) const;
    // q(y_c = 1 | x) for scaled rows x, [n x C], eval mode, no gradients.
    torch::Tensor classProbabilities(const torch::Tensor &rows);

    std::vector<BagPrediction> predict(const BagSet &bags, int batchSize) override;

    std::string toBytes() const;
    // Throws c10::Error / std::runtime_error when the bytes are not a DGM of this shape.
    static std::unique_ptr<DgmScorer> fromBytes(const std::string &bytes);
    // nullptr and *error naming path when the checkpoint holds no usable "dgm" blob.
    static std::unique_ptr<BagScorer> fromCheckpoint(const CheckpointFile &checkpoint,
                                                     const std::string &path, ModelError *error);
};

} // namespace timbre::models
