// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The LibTorch half of the models layer sits behind this interface, in a plugin
// (libtimbre_model_engine.so) that is dlopen'ed on first use. Why: loading LibTorch 1.13 with
// what it pulls in (288 shared objects, 150 000 symbol relocations, the operator registry's
// static initialisers) costs 0.4-0.8 s on these machines (docs/BENCHMARKS.md). Linked into a
// program, every start paid it before main(), even `timbre-workbench FILE` that never uses a
// model; behind dlopen a program pays it when it first scores or trains, and the workbench
// pays it on a worker thread while the GUI thread paints.
//
// The api's classes and functions (Predictor, ScriptedEmbedding, trainModel, ...) forward to
// the engine; nothing here includes <torch/...>. Code outside models/ never needs this header
// except to preload the engine or to report why it cannot be loaded.
#include "models/api/PatchTraining.h"
#include "models/api/Predictor.h"
#include "models/api/StrongSet.h"
#include "models/api/Training.h"

#include <memory>
#include <string>
#include <vector>

namespace timbre::models {

// A loaded checkpoint, as Predictor holds it.
class PredictorBackend
{
public:
    virtual ~PredictorBackend();
    virtual const CheckpointInfo &info() const = 0;
    virtual std::vector<BagPrediction> predict(const BagSet &bags, int batchSize,
                                               ModelError *error) const = 0;
};

// A loaded TorchScript extractor, as ScriptedEmbedding holds it.
class EmbeddingBackend
{
public:
    virtual ~EmbeddingBackend();
    virtual const std::string &path() const = 0;
    virtual int dimension() const = 0;
    virtual bool embed(const float *patches, int count, std::vector<float> &out,
                       ModelError *error) const = 0;
};

// What the plugin implements; the api's documentation of each entry point applies.
class ModelEngine
{
public:
    // Bumped whenever this interface or a type it passes changes, so that a stale plugin from
    // another build is refused with a message instead of crashing. 2: EpochReport's learning
    // rate and consistency weight, TrainResult::checkpointEpoch. 3: errors as ModelError values.
    // 4: instance truth in BagSet and PatchBagSet, PatchTrainConfig::instanceLossWeight.
    static constexpr int kAbiVersion = 4;

    virtual ~ModelEngine();

    virtual std::unique_ptr<PredictorBackend> loadPredictor(const std::string &path,
                                                            ModelError *error)
            = 0;
    virtual bool readCheckpointInfo(const std::string &path, CheckpointInfo *info,
                                    ModelError *error)
            = 0;
    virtual bool writeCheckpointMetrics(const std::string &path, const std::string &metricsJson,
                                        ModelError *error)
            = 0;

    virtual std::unique_ptr<EmbeddingBackend> loadEmbedding(const std::string &path,
                                                            ModelError *error)
            = 0;
    virtual std::unique_ptr<EmbeddingBackend>
    loadEmbeddingBytes(const std::string &name, const std::string &bytes, ModelError *error) = 0;

    virtual TrainResult trainModel(const TrainConfig &config, const BagSet &train,
                                   const BagSet *validation, const ProgressCallback &progress,
                                   const std::atomic<bool> *cancel, const BagSet *monitor)
            = 0;
    virtual TrainResult
    trainStrongModel(const TrainConfig &config, const StrongSet &train, const StrongSet *validation,
                     const ProgressCallback &progress, const std::atomic<bool> *cancel)
            = 0;
    virtual std::vector<float> predictStrongModel(const std::string &checkpointPath,
                                                  const StrongSet &data, ModelError *error)
            = 0;
    virtual PatchTrainResult
    trainPatchEmbedding(const PatchTrainConfig &config, const PatchBagSet &train,
                        const PatchProgress &progress, const std::atomic<bool> *cancel,
                        const PatchBagSet *monitor)
            = 0;

    virtual std::string libtorchVersion() = 0;
    virtual int threads() = 0;
    virtual void setThreads(int threads) = 0;
};

// The engine, loaded on the first call; concurrent first callers wait for the one load.
// nullptr and *error ("the model engine PATH cannot be loaded: why") when it cannot be. A
// failed load is not retried: the file does not change while the program runs.
ModelEngine *modelEngine(ModelError *error = nullptr);

// Starts loading the engine on a background thread and returns at once (no-op once started).
void preloadModelEngine();

// True once the engine has been loaded (never blocks).
bool modelEngineLoaded();

// Where the engine is loaded from: $TIMBRE_MODEL_ENGINE when set, else the plugin's build
// path, else libtimbre_model_engine.so beside the program or in ../lib or ../../lib from it.
std::string modelEnginePath();

} // namespace timbre::models

// The plugin's one exported symbol: the engine when abiVersion matches its own, else nullptr.
extern "C" timbre::models::ModelEngine *timbre_model_engine(int abiVersion);
