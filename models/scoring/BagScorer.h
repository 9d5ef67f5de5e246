// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Internal: what Predictor runs. Every model kind provides a scorer built from its checkpoint;
// makeBagScorer (models/engine/ScorerDispatch.cpp) picks it by CheckpointInfo::kind.
#include "models/api/BagSet.h"
#include "models/api/Predictor.h"
#include "models/checkpoints/CheckpointFile.h"

#include <memory>
#include <string>
#include <vector>

namespace timbre::models {

class BagScorer
{
public:
    virtual ~BagScorer() = default;
    // May throw (c10::Error, std::exception): Predictor catches at the API boundary.
    virtual std::vector<BagPrediction> predict(const BagSet &bags, int batchSize) = 0;
};

// nullptr and *error when the kind is unknown or the checkpoint's blobs do not fit the kind.
std::unique_ptr<BagScorer> makeBagScorer(const CheckpointFile &checkpoint, const std::string &path,
                                         ModelError *error);

} // namespace timbre::models
