// SPDX-License-Identifier: GPL-3.0-or-later
// makeBagScorer: which scorer serves a checkpoint, by CheckpointInfo::kind.
//
// For the second models helper: add your kinds ("dgm", "rf", "mlp", "cnn", "crnn") below by
// including your scorer's header and returning it; keep the edit minimal.
#include "models/scoring/BagScorer.h"

#include "models/forest/RandomForestBr.h"
#include "models/scoring/DgmScorer.h"
#include "models/scoring/StrongScorer.h"

#include "models/checkpoints/MilCheckpoint.h"
#include "models/scoring/MilScorer.h"

namespace timbre::models {

std::unique_ptr<BagScorer> makeBagScorer(const CheckpointFile &checkpoint, const std::string &path,
                                         ModelError *error)
{
    const std::string &kind = checkpoint.info.kind;
    if (isMilKind(kind))
        return MilScorer::fromCheckpoint(checkpoint, path, error);
    if (kind == "dgm")
        return DgmScorer::fromCheckpoint(checkpoint, path, error);
    if (kind == "rf")
        return RandomForestBr::fromCheckpoint(checkpoint, path, error);
    if (StrongScorer::isStrongKind(kind))
        return StrongScorer::fromCheckpoint(checkpoint, path, error);
    setModelError(error, ModelError::Code::WrongKind, path,
                  "checkpoint " + path + ": model kind \"" + kind
                          + "\" cannot be loaded by this build");
    return nullptr;
}

} // namespace timbre::models
