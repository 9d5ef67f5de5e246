// SPDX-License-Identifier: GPL-3.0-or-later
// trainModel: the one entry point of training, dispatching on TrainConfig::modelKind.
//
// Which trainer a kind goes to is its family in models/api/ModelKinds.h: the MIL networks
// ("mt", "att", "fct", "fc", "rnn") train in MilTrainer, "dgm" in DgmTrainer, "rf" in
// RandomForestBr; a new family hooks in with one case here. Exceptions are caught here, so the
// trainers may throw c10::Error / std::exception.
#include "models/api/ModelKinds.h"
#include "models/api/Training.h"
#include "models/engine/TorchEngine.h"

#include "models/forest/RandomForestBr.h"
#include "models/training/DgmTrainer.h"
#include "models/training/MilTrainer.h"

#include <torch/torch.h>

namespace timbre::models {

namespace {

TrainResult failed(const std::string &error)
{
    TrainResult r;
    r.error = error;
    return r;
}

} // namespace

namespace engine {

TrainResult trainModel(const TrainConfig &config, const BagSet &train, const BagSet *validation,
                       const ProgressCallback &progress, const std::atomic<bool> *cancel,
                       const BagSet *monitor)
{
    const std::string &kind = config.modelKind;
    try {
        const ModelKind *k = findModelKind(kind);
        if (!k)
            return failed("unknown model kind \"" + kind + "\"");
        switch (k->family) {
        case KindFamily::MilNetwork:
            return trainMil(config, train, validation, progress, cancel, monitor);
        case KindFamily::Generative:
            return trainDgm(config, train, validation, progress, cancel);
        case KindFamily::Forest:
            return trainRandomForest(config, train, validation, progress, cancel);
        case KindFamily::StrongNetwork:
            // 1 s log-mel patches with per-second targets, not bags.
            return failed("model kind \"" + kind
                          + "\" trains on a StrongSet: use trainStrongModel "
                            "(models/api/StrongTraining.h)");
        }
        return failed("unknown model kind \"" + kind + "\"");
    } catch (const c10::Error &e) {
        return failed("training " + kind + " failed: " + e.what_without_backtrace());
    } catch (const std::exception &e) {
        return failed("training " + kind + " failed: " + e.what());
    }
}

} // namespace engine

} // namespace timbre::models
