// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "models/api/BagSet.h"
#include "models/api/ModelError.h"

#include <memory>
#include <string>
#include <vector>

namespace timbre::models {

class PredictorBackend;

struct BagPrediction
{
    int instances = 0;
    int numClasses = 0;
    std::vector<float> clipScores; // [numClasses]
    std::vector<float> instanceScores; // [instances x numClasses]
    // [instances x numClasses], each column sums to 1 over the bag's instances; empty for
    // models without attention.
    std::vector<float> attention;
};

// The metadata every checkpoint carries.
struct CheckpointInfo
{
    std::string kind;
    std::string hyperParametersJson; // TrainConfig::toJson()
    std::string extractorId;
    int extractorVersion = 0;
    int featureDim = 0;
    std::vector<std::string> classNames;
    std::string labelSnapshot;
    std::string metricsJson;
    std::string parentModel;
    std::string created; // ISO 8601 UTC
};

// A trained model loaded from its checkpoint, for inference. predict() is const but not
// re-entrant: use one Predictor per thread. The first load() loads the model engine
// (models/api/ModelEngine.h, 0.4-0.8 s); when it cannot be loaded, load() says why in *error.
class Predictor
{
public:
    ~Predictor();
    Predictor(const Predictor &) = delete;
    Predictor &operator=(const Predictor &) = delete;

    // nullptr and *error naming the file when it is missing, corrupt or of another format.
    static std::unique_ptr<Predictor> load(const std::string &path, ModelError *error);
    // Reads only the metadata (validated like load); false and *error on failure.
    static bool readInfo(const std::string &path, CheckpointInfo *info, ModelError *error);
    // Replaces the metrics JSON stored in a checkpoint (atomically); false and *error on failure.
    static bool writeMetrics(const std::string &path, const std::string &metricsJson,
                             ModelError *error);

    const CheckpointInfo &info() const;
    // Scores every bag; bags.featureDim must equal info().featureDim. On an error returns
    // an empty vector and sets *error when given.
    std::vector<BagPrediction> predict(const BagSet &bags, int batchSize = 256,
                                       ModelError *error = nullptr) const;

private:
    explicit Predictor(std::unique_ptr<PredictorBackend> backend);
    std::unique_ptr<PredictorBackend> d;
};

} // namespace timbre::models
