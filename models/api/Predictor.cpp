// SPDX-License-Identifier: GPL-3.0-or-later
// Predictor forwards to the model engine (models/api/ModelEngine.h).
#include "models/api/Predictor.h"

#include "models/api/ModelEngine.h"

namespace timbre::models {

Predictor::Predictor(std::unique_ptr<PredictorBackend> backend) : d(std::move(backend)) { }

Predictor::~Predictor() = default;

std::unique_ptr<Predictor> Predictor::load(const std::string &path, ModelError *error)
{
    ModelEngine *engine = modelEngine(error);
    if (!engine)
        return nullptr;
    std::unique_ptr<PredictorBackend> backend = engine->loadPredictor(path, error);
    if (!backend)
        return nullptr;
    return std::unique_ptr<Predictor>(new Predictor(std::move(backend)));
}

bool Predictor::readInfo(const std::string &path, CheckpointInfo *info, ModelError *error)
{
    ModelEngine *engine = modelEngine(error);
    return engine && engine->readCheckpointInfo(path, info, error);
}

bool Predictor::writeMetrics(const std::string &path, const std::string &metricsJson,
                             ModelError *error)
{
    ModelEngine *engine = modelEngine(error);
    return engine && engine->writeCheckpointMetrics(path, metricsJson, error);
}

const CheckpointInfo &Predictor::info() const
{
    return d->info();
}

std::vector<BagPrediction> Predictor::predict(const BagSet &bags, int batchSize,
                                              ModelError *error) const
{
    return d->predict(bags, batchSize, error);
}

} // namespace timbre::models
