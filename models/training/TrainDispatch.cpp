// trainModel: the one entry point of training, dispatching on TrainConfig::modelKind.
//
// The bag networks ("att", "mt", "fc", "fct", "rnn") train in MilTrainer; "dgm" and "rf" are
// the second models helper's (DgmTrainer, RandomForestBr). New kinds hook in with one branch
// here. Exceptions are caught here, so the trainers may throw c10::Error / std::exception.
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
        if (kind == "att" || kind == "mt" || kind == "fc" || kind == "fct" || kind == "rnn")
            return trainMil(config, train, validation, progress, cancel, monitor);
        // Hook: trainDgm (models/Dgm*), trainRandomForest (models/RandomForest*),
        // trainStrong... (models/Strong*: "mlp", "cnn", "crnn").
        if (kind == "dgm")
            return trainDgm(config, train, validation, progress, cancel);
        if (kind == "rf")
            return trainRandomForest(config, train, validation, progress, cancel);
        // Strong-label models train on 1 s log-mel patches with per-second targets, not bags.
        if (kind == "mlp" || kind == "cnn" || kind == "crnn")
            return failed("model kind \"" + kind
                          + "\" trains on a StrongSet: use trainStrongModel "
                            "(models/api/StrongTraining.h)");
        return failed("unknown model kind \"" + kind + "\"");
    } catch (const c10::Error &e) {
        return failed("training " + kind + " failed: " + e.what_without_backtrace());
    } catch (const std::exception &e) {
        return failed("training " + kind + " failed: " + e.what());
    }
}

} // namespace engine

} // namespace timbre::models
