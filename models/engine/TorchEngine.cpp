// SPDX-License-Identifier: GPL-3.0-or-later
// The model engine: ModelEngine (models/api/ModelEngine.h) over the LibTorch implementations.
#include "models/engine/TorchEngine.h"

#include "models/training/PatchMilTrainer.h"
#include "models/training/StrongTrainer.h"

#include <torch/torch.h>
#include <torch/version.h>

#include <exception>

namespace timbre::models::engine {

namespace {

PatchTrainResult trainPatchEmbedding(const PatchTrainConfig &config, const PatchBagSet &train,
                                     const PatchProgress &progress, const std::atomic<bool> *cancel,
                                     const PatchBagSet *monitor)
{
    try {
        return trainPatchMil(config, train, progress, cancel, monitor);
    } catch (const c10::Error &e) {
        PatchTrainResult r;
        r.error = e.what_without_backtrace();
        return r;
    } catch (const std::exception &e) {
        PatchTrainResult r;
        r.error = e.what();
        return r;
    }
}

class TorchEngine final : public ModelEngine
{
public:
    std::unique_ptr<PredictorBackend> loadPredictor(const std::string &path,
                                                    ModelError *error) override
    {
        return engine::loadPredictor(path, error);
    }
    bool readCheckpointInfo(const std::string &path, CheckpointInfo *info,
                            ModelError *error) override
    {
        return engine::readCheckpointInfo(path, info, error);
    }
    bool writeCheckpointMetrics(const std::string &path, const std::string &metricsJson,
                                ModelError *error) override
    {
        return engine::writeCheckpointMetrics(path, metricsJson, error);
    }
    std::unique_ptr<EmbeddingBackend> loadEmbedding(const std::string &path,
                                                    ModelError *error) override
    {
        return engine::loadEmbedding(path, error);
    }
    std::unique_ptr<EmbeddingBackend> loadEmbeddingBytes(const std::string &name,
                                                         const std::string &bytes,
                                                         ModelError *error) override
    {
        return engine::loadEmbeddingBytes(name, bytes, error);
    }
    TrainResult trainModel(const TrainConfig &config, const BagSet &train, const BagSet *validation,
                           const ProgressCallback &progress, const std::atomic<bool> *cancel,
                           const BagSet *monitor) override
    {
        return engine::trainModel(config, train, validation, progress, cancel, monitor);
    }
    TrainResult trainStrongModel(const TrainConfig &config, const StrongSet &train,
                                 const StrongSet *validation, const ProgressCallback &progress,
                                 const std::atomic<bool> *cancel) override
    {
        return engine::trainStrongModel(config, train, validation, progress, cancel);
    }
    std::vector<float> predictStrongModel(const std::string &checkpointPath, const StrongSet &data,
                                          ModelError *error) override
    {
        return engine::predictStrongModel(checkpointPath, data, error);
    }
    PatchTrainResult trainPatchEmbedding(const PatchTrainConfig &config, const PatchBagSet &train,
                                         const PatchProgress &progress,
                                         const std::atomic<bool> *cancel,
                                         const PatchBagSet *monitor) override
    {
        return engine::trainPatchEmbedding(config, train, progress, cancel, monitor);
    }
    std::string libtorchVersion() override { return TORCH_VERSION; }
    int threads() override { return torch::get_num_threads(); }
    void setThreads(int threads) override
    {
        if (threads > 0)
            torch::set_num_threads(threads);
    }
};

} // namespace

ModelEngine &torchEngine()
{
    static TorchEngine engine;
    return engine;
}

} // namespace timbre::models::engine
