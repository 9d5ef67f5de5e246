// SPDX-License-Identifier: GPL-3.0-or-later
// Inference with a strong-label model (MLP, CNN, CRNN of Sec. 2.4) from its checkpoint.
// Blob "strong": a torch archive with "shape" = [bands, frames, classes], "dropout" and the
// network ("net", weights plus batch-norm and input-standardisation buffers).
// As a BagScorer each instance of a bag is one flattened 1 s patch (featureDim = bands *
// frames): instance scores are the per-second outputs, the clip score their maximum
// (Sec. 2.4's max-pooling to coarser resolutions).
#pragma once

#include "models/networks/StrongNet.h"
#include "models/scoring/BagScorer.h"

namespace timbre::models {

class StrongScorer : public BagScorer
{
public:
    explicit StrongScorer(std::shared_ptr<StrongNetImpl> net) : m_net(std::move(net)) { }

    // Sigmoid outputs for patches [n x bands x frames] (flattened), [n x C] row-major.
    std::vector<float> scorePatches(const float *patches, int64_t n, int batchSize) const;
    std::vector<BagPrediction> predict(const BagSet &bags, int batchSize) override;
    StrongNetImpl &net() const { return *m_net; }

    static std::string toBytes(StrongNetImpl &net);
    // Throws c10::Error / std::runtime_error when the bytes are not a network of that kind.
    static std::shared_ptr<StrongNetImpl> netFromBytes(const std::string &kind,
                                                       const std::string &bytes);
    static std::unique_ptr<BagScorer> fromCheckpoint(const CheckpointFile &checkpoint,
                                                     const std::string &path, ModelError *error);
    static bool isStrongKind(const std::string &kind);

private:
    std::shared_ptr<StrongNetImpl> m_net;
};

} // namespace timbre::models
