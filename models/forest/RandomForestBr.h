// SPDX-License-Identifier: GPL-3.0-or-later
// RF-BR baseline (thesis Sec. 3.3.1): binary relevance with one random forest per instrument,
// trained on the flattened bag features of the bags where that instrument is observed, using
// OpenCV's ml module (cv::ml::RTrees). trainModel's "rf" kind.
//
// Each forest is a regression forest on the 0/1 labels: for binary targets the variance
// criterion is the Gini criterion up to a factor 2, and the mean of the trees' leaf means is
// exactly the averaged leaf class fraction that scikit-learn's predict_proba returns (the
// OpenMIC-2018 baseline), a graded score that AUROC can rank, where vote counts would tie.
//
// Config: seed, threads (forests trained in parallel, one per thread), extra: rf_trees (100),
// rf_max_depth (25), rf_min_samples (2: the fewest bags a node needs to be split),
// rf_active_vars (0 = sqrt of the input dimension), rf_flatten (1 = flatten, 0 = mean-pool),
// rf_instances (instances per flattened row; 0 = the most common bag length). Validation sets
// are only scored, never used for selection; without one every training bag is used.
// Checkpoint blob "rf": the forests in OpenCV's YAML (cv::FileStorage in memory),
// zlib-compressed, behind a small header.
#pragma once

#include "models/api/Training.h"
#include "models/scoring/BagScorer.h"

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace timbre::models {

class RandomForestBr : public BagScorer
{
public:
    struct Options
    {
        int trees = 100;
        int maxDepth = 25;
        int minSamples = 2;
        int activeVars = 0;
        bool flatten = true;
        int instances = 0;
    };

    RandomForestBr();
    ~RandomForestBr() override;

    // Trains one forest per class on train's observed labels; "" or the reason it failed.
    // A class with no observed label, or only one label value, predicts its labelled rate
    // (0.5 without labels). cancel is checked between forests.
    std::string train(const BagSet &train, const Options &options, uint64_t seed, int threads,
                      const std::atomic<bool> *cancel);

    int numClasses() const;
    int featureDim() const;
    // q(class present) per bag, [numBags x numClasses] row-major.
    std::vector<float> clipScores(const BagSet &bags) const;
    // Clip scores only: a forest over whole bags has no instance scores or attention.
    std::vector<BagPrediction> predict(const BagSet &bags, int batchSize) override;

    std::string toBytes() const;
    // nullptr and *error when the bytes are not a forest set.
    static std::unique_ptr<RandomForestBr> fromBytes(const std::string &bytes, ModelError *error);
    static std::unique_ptr<BagScorer> fromCheckpoint(const CheckpointFile &checkpoint,
                                                     const std::string &path, ModelError *error);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

// May throw (std::exception); trainModel catches at the API boundary.
TrainResult trainRandomForest(const TrainConfig &config, const BagSet &train,
                              const BagSet *validation, const ProgressCallback &progress,
                              const std::atomic<bool> *cancel);

} // namespace timbre::models
