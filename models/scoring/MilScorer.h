// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Internal: inference with a bag network from its checkpoint (the teacher for Mean Teacher,
// Ch. 5: "test with the teacher that had the lowest validation loss").
#include "models/networks/MilNet.h"
#include "models/scoring/BagScorer.h"

namespace timbre::models {

class MilScorer : public BagScorer
{
public:
    explicit MilScorer(std::shared_ptr<MilNetImpl> net) : m_net(std::move(net)) { }
    std::vector<BagPrediction> predict(const BagSet &bags, int batchSize) override;

    static std::unique_ptr<BagScorer> fromCheckpoint(const CheckpointFile &checkpoint,
                                                     const std::string &path, ModelError *error);

private:
    std::shared_ptr<MilNetImpl> m_net;
};

} // namespace timbre::models
