// SPDX-License-Identifier: GPL-3.0-or-later
// The engine side of Predictor (models/api/Predictor.h): a checkpoint and its scorer.
#include "models/engine/TorchEngine.h"

#include "models/checkpoints/CheckpointFile.h"
#include "models/scoring/BagScorer.h"

#include <torch/torch.h>

namespace timbre::models::engine {

namespace {

class TorchPredictor : public PredictorBackend
{
public:
    std::string path;
    CheckpointInfo checkpointInfo;
    std::unique_ptr<BagScorer> scorer;

    const CheckpointInfo &info() const override { return checkpointInfo; }
    std::vector<BagPrediction> predict(const BagSet &bags, int batchSize,
                                       ModelError *error) const override;
};

} // namespace

std::unique_ptr<PredictorBackend> loadPredictor(const std::string &path, ModelError *error)
{
    try {
        CheckpointFile checkpoint;
        if (!checkpoint.load(path, error))
            return nullptr;
        auto impl = std::make_unique<TorchPredictor>();
        impl->path = path;
        impl->checkpointInfo = checkpoint.info;
        impl->scorer = makeBagScorer(checkpoint, path, error);
        if (!impl->scorer)
            return nullptr;
        return impl;
    } catch (const c10::Error &e) {
        setModelError(error, ModelError::Code::Corrupt, path,
                      "checkpoint " + path + ": " + e.what_without_backtrace());
    } catch (const std::exception &e) {
        setModelError(error, ModelError::Code::Corrupt, path,
                      "checkpoint " + path + ": " + e.what());
    }
    return nullptr;
}

bool readCheckpointInfo(const std::string &path, CheckpointInfo *info, ModelError *error)
{
    try {
        CheckpointFile checkpoint;
        if (!checkpoint.loadInfo(path, error))
            return false;
        if (info)
            *info = checkpoint.info;
        return true;
    } catch (const std::exception &e) {
        setModelError(error, ModelError::Code::Corrupt, path,
                      "checkpoint " + path + ": " + e.what());
    }
    return false;
}

bool writeCheckpointMetrics(const std::string &path, const std::string &metricsJson,
                            ModelError *error)
{
    try {
        CheckpointFile checkpoint;
        if (!checkpoint.load(path, error))
            return false;
        checkpoint.info.metricsJson = metricsJson;
        return checkpoint.save(path, error);
    } catch (const std::exception &e) {
        setModelError(error, ModelError::Code::Corrupt, path,
                      "checkpoint " + path + ": " + e.what());
    }
    return false;
}

std::vector<BagPrediction> TorchPredictor::predict(const BagSet &bags, int batchSize,
                                                   ModelError *error) const
{
    auto fail = [&](const std::string &why, ModelError::Code code = ModelError::Code::Mismatch) {
        setModelError(error, code, path, "predicting with " + path + ": " + why);
        return std::vector<BagPrediction>();
    };
    if (bags.featureDim != checkpointInfo.featureDim)
        return fail("the model expects " + std::to_string(checkpointInfo.featureDim)
                    + "-d features, the bags have " + std::to_string(bags.featureDim));
    if (bags.bagOffsets.empty() || bags.bagOffsets.front() != 0
        || bags.features.size() != static_cast<size_t>(bags.bagOffsets.back()) * bags.featureDim)
        return fail("bag offsets and features disagree");
    for (int b = 0; b < bags.numBags(); ++b) {
        if (bags.bagSize(b) < 1)
            return fail("bag " + std::to_string(b) + " has no instances");
    }
    try {
        if (error)
            *error = ModelError();
        return scorer->predict(bags, batchSize);
    } catch (const c10::Error &e) {
        return fail(e.what_without_backtrace(), ModelError::Code::Failed);
    } catch (const std::exception &e) {
        return fail(e.what(), ModelError::Code::Failed);
    }
}

} // namespace timbre::models::engine
