#include "models/api/Predictor.h"

#include "models/checkpoints/CheckpointFile.h"
#include "models/scoring/BagScorer.h"

#include <torch/torch.h>

namespace timbre::models {

struct Predictor::Impl
{
    std::string path;
    CheckpointInfo info;
    std::unique_ptr<BagScorer> scorer;
};

Predictor::Predictor(std::unique_ptr<Impl> impl) : d(std::move(impl)) {}

Predictor::~Predictor() = default;

std::unique_ptr<Predictor> Predictor::load(const std::string &path, std::string *error)
{
    try {
        CheckpointFile checkpoint;
        if (!checkpoint.load(path, error))
            return nullptr;
        auto impl = std::make_unique<Impl>();
        impl->path = path;
        impl->info = checkpoint.info;
        impl->scorer = makeBagScorer(checkpoint, path, error);
        if (!impl->scorer)
            return nullptr;
        return std::unique_ptr<Predictor>(new Predictor(std::move(impl)));
    } catch (const c10::Error &e) {
        if (error)
            *error = "checkpoint " + path + ": " + e.what_without_backtrace();
    } catch (const std::exception &e) {
        if (error)
            *error = "checkpoint " + path + ": " + e.what();
    }
    return nullptr;
}

bool Predictor::readInfo(const std::string &path, CheckpointInfo *info, std::string *error)
{
    try {
        CheckpointFile checkpoint;
        if (!checkpoint.loadInfo(path, error))
            return false;
        if (info)
            *info = checkpoint.info;
        return true;
    } catch (const std::exception &e) {
        if (error)
            *error = "checkpoint " + path + ": " + e.what();
    }
    return false;
}

bool Predictor::writeMetrics(const std::string &path, const std::string &metricsJson,
                             std::string *error)
{
    try {
        CheckpointFile checkpoint;
        if (!checkpoint.load(path, error))
            return false;
        checkpoint.info.metricsJson = metricsJson;
        return checkpoint.save(path, error);
    } catch (const std::exception &e) {
        if (error)
            *error = "checkpoint " + path + ": " + e.what();
    }
    return false;
}

const CheckpointInfo &Predictor::info() const
{
    return d->info;
}

std::vector<BagPrediction> Predictor::predict(const BagSet &bags, int batchSize,
                                              std::string *error) const
{
    auto fail = [&](const std::string &why) {
        if (error)
            *error = "predicting with " + d->path + ": " + why;
        return std::vector<BagPrediction>();
    };
    if (bags.featureDim != d->info.featureDim)
        return fail("the model expects " + std::to_string(d->info.featureDim)
                    + "-d features, the bags have " + std::to_string(bags.featureDim));
    if (bags.bagOffsets.empty() || bags.bagOffsets.front() != 0
        || bags.features.size()
                != static_cast<size_t>(bags.bagOffsets.back()) * bags.featureDim)
        return fail("bag offsets and features disagree");
    for (int b = 0; b < bags.numBags(); ++b) {
        if (bags.bagSize(b) < 1)
            return fail("bag " + std::to_string(b) + " has no instances");
    }
    try {
        if (error)
            error->clear();
        return d->scorer->predict(bags, batchSize);
    } catch (const c10::Error &e) {
        return fail(e.what_without_backtrace());
    } catch (const std::exception &e) {
        return fail(e.what());
    }
}

} // namespace timbre::models
