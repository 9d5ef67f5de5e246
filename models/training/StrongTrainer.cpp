// SPDX-License-Identifier: GPL-3.0-or-later
// engine::trainStrongModel / predictStrongModel (models/api/StrongTraining.h):
// training of the strong-label MLP, CNN and CRNN of Sec. 2.4 with binary cross-entropy and SGD.
#include "models/training/StrongTrainer.h"

#include "models/api/SeededOrder.h"
#include "models/checkpoints/CheckpointFile.h"
#include "models/networks/StrongNet.h"
#include "models/scoring/StrongScorer.h"
#include "models/training/TrainingCommon.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <limits>
#include <numeric>
#include <random>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

namespace timbre::models {

namespace {

torch::Tensor inputsOf(const StrongSet &s)
{
    return torch::from_blob(const_cast<float *>(s.inputs.data()), {s.size(), s.bands, s.frames},
                            torch::kFloat);
}

torch::Tensor targetsOf(const StrongSet &s)
{
    return torch::from_blob(const_cast<float *>(s.targets.data()), {s.size(), s.numClasses},
                            torch::kFloat);
}

// Mean BCE over every (example, class) of a set, eval mode.
double evaluateLoss(StrongNetImpl &net, const StrongSet &data)
{
    torch::NoGradGuard noGrad;
    net.eval();
    const torch::Tensor x = inputsOf(data);
    const torch::Tensor y = targetsOf(data);
    double sum = 0;
    const int64_t n = data.size();
    for (int64_t first = 0; first < n; first += 256) {
        const int64_t count = std::min<int64_t>(256, n - first);
        const torch::Tensor logits = net.logits(x.slice(0, first, first + count));
        sum += torch::binary_cross_entropy_with_logits(logits, y.slice(0, first, first + count), {},
                                                       {}, torch::Reduction::Sum)
                       .item<double>();
    }
    net.train();
    return n > 0 ? sum / (static_cast<double>(n) * data.numClasses)
                 : std::numeric_limits<double>::quiet_NaN();
}

std::string moduleToBytes(torch::nn::Module &module)
{
    torch::serialize::OutputArchive archive;
    module.save(archive);
    std::ostringstream out;
    archive.save_to(out);
    return out.str();
}

void moduleFromBytes(torch::nn::Module &module, const std::string &bytes)
{
    torch::serialize::InputArchive archive;
    archive.load_from(bytes.data(), bytes.size());
    module.load(archive);
}

// Holds out `fraction` of the tracks (of the examples, when they name no tracks) by the one
// seeded split, so no track has examples on both sides.
void splitValidation(const StrongSet &all, double fraction, uint64_t seed, StrongSet *train,
                     StrongSet *validation)
{
    const int n = all.size();
    std::vector<int> trainIdx;
    std::vector<int> valIdx;
    if (!all.trackIndex.empty()) {
        const std::set<int> unique(all.trackIndex.begin(), all.trackIndex.end());
        const std::vector<int> tracks(unique.begin(), unique.end());
        std::set<int> held;
        for (int t : seededSplit(int(tracks.size()), fraction, seed).held)
            held.insert(tracks[size_t(t)]);
        for (int i = 0; i < n; ++i)
            (held.count(all.trackIndex[size_t(i)]) ? valIdx : trainIdx).push_back(i);
    } else {
        SeededSplit split = seededSplit(n, fraction, seed);
        valIdx = std::move(split.held);
        trainIdx = std::move(split.kept);
    }
    *train = all.subset(trainIdx);
    *validation = all.subset(valIdx);
}

TrainResult trainStrongChecked(const TrainConfig &c, const StrongSet &trainIn,
                               const StrongSet *validationIn, const ProgressCallback &progress,
                               const std::atomic<bool> *cancel)
{
    TrainResult result;
    const auto start = TrainClock::now();
    auto fail = [&](const std::string &why) {
        result.error = why;
        return result;
    };
    if (!StrongScorer::isStrongKind(c.modelKind))
        return fail("model kind \"" + c.modelKind + "\" is not a strong-label model");
    std::string problem = trainIn.validate();
    if (!problem.empty())
        return fail("training set: " + problem);
    if (trainIn.size() < 2)
        return fail("training set: fewer than two examples");
    if (validationIn) {
        problem = validationIn->validate();
        if (!problem.empty())
            return fail("validation set: " + problem);
        if (validationIn->bands != trainIn.bands || validationIn->frames != trainIn.frames
            || validationIn->numClasses != trainIn.numClasses)
            return fail("validation set has other dimensions than the training set");
    }
    problem = checkTrainingNumbers(c.batchSize, c.epochs, c.dropout, c.validationFraction);
    if (!problem.empty())
        return fail(problem);
    startTrainer(c.threads, c.seed);

    std::mt19937_64 rng(c.seed);
    StrongSet drawnTrain;
    StrongSet drawnValidation;
    const StrongSet *train = &trainIn;
    const StrongSet *validation = validationIn;
    if (!validation && c.validationFraction > 0.0) {
        splitValidation(trainIn, c.validationFraction, c.seed, &drawnTrain, &drawnValidation);
        if (drawnTrain.size() == 0 || drawnValidation.size() == 0)
            return fail("too few examples or tracks to hold out a validation set");
        train = &drawnTrain;
        validation = &drawnValidation;
    }
    const bool haveValidation = validation && validation->size() > 0;

    StrongNetOptions options;
    options.bands = train->bands;
    options.frames = train->frames;
    options.numClasses = train->numClasses;
    options.dropout = c.dropout;
    // The pools must leave at least one cell: 2*2*3*3 = 36 (CNN), 2^4 = 16 (CRNN).
    const int smallest = c.modelKind == "cnn" ? 36 : c.modelKind == "crnn" ? 16 : 1;
    if (options.bands < smallest || options.frames < smallest)
        return fail("the " + c.modelKind + " needs at least " + std::to_string(smallest)
                    + " bands and frames");
    std::shared_ptr<StrongNetImpl> net = makeStrongNet(c.modelKind, options);

    const torch::Tensor x = inputsOf(*train);
    const torch::Tensor y = targetsOf(*train);
    {
        // Per-band statistics over examples and frames.
        const std::vector<int64_t> examplesAndFrames = {0, 2};
        const torch::Tensor bandMean = x.mean(examplesAndFrames);
        const torch::Tensor bandStd
                = (x - bandMean.view({1, -1, 1})).pow(2).mean(examplesAndFrames).sqrt();
        net->setInputStatistics(bandMean, bandStd);
    }
    torch::optim::SGD optimizer(net->parameters(),
                                torch::optim::SGDOptions(c.learningRate)
                                        .momentum(c.extraOr("momentum", 0.9))
                                        .weight_decay(c.weightDecay));

    CheckpointFile checkpoint;
    checkpoint.info = checkpointInfoFor(c, c.modelKind, train->bands * train->frames,
                                        train->classNames, train->numClasses);

    std::string bestWeights;
    result.bestValidationLoss = std::numeric_limits<double>::infinity();
    int sinceImproved = 0;
    bool stop = false;
    const int64_t n = train->size();
    net->train();
    for (int epoch = 1; epoch <= c.epochs && !stop; ++epoch) {
        std::vector<int64_t> order(static_cast<size_t>(n));
        std::iota(order.begin(), order.end(), 0);
        seededShuffle(order, rng);
        double lossSum = 0;
        int steps = 0;
        const auto epochStart = TrainClock::now();
        for (int64_t first = 0; first < n; first += c.batchSize) {
            if ((cancel && cancel->load())
                || (c.timeBudgetSeconds > 0 && secondsSince(start) > c.timeBudgetSeconds)) {
                result.cancelled = cancel && cancel->load();
                stop = true;
                break;
            }
            const int64_t count = std::min<int64_t>(c.batchSize, n - first);
            const torch::Tensor idx = torch::tensor(
                    std::vector<int64_t>(order.begin() + first, order.begin() + first + count),
                    torch::kLong);
            const torch::Tensor loss = torch::binary_cross_entropy_with_logits(
                    net->logits(x.index_select(0, idx)), y.index_select(0, idx));
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            lossSum += loss.item<double>();
            ++steps;
            if (progress && c.progressEverySteps > 0 && steps % c.progressEverySteps == 0) {
                EpochReport partial;
                partial.epoch = epoch;
                partial.steps = steps;
                partial.trainLosses["bce"] = lossSum / steps;
                partial.seconds = secondsSince(start);
                partial.partial = true;
                progress(partial);
            }
        }
        if (steps == 0)
            break;
        EpochReport report;
        report.epoch = epoch;
        report.steps = steps;
        report.trainSeconds = secondsSince(epochStart);
        report.trainLosses["bce"] = lossSum / steps;
        report.validationLoss = haveValidation ? evaluateLoss(*net, *validation)
                                               : std::numeric_limits<double>::quiet_NaN();
        const double v = report.validationLoss;
        // Without validation data the last epoch is kept, but none is reported as "best".
        const bool keep = std::isnan(v) || v < result.bestValidationLoss;
        report.validated = haveValidation;
        report.improved = haveValidation && keep;
        if (keep) {
            result.bestEpoch = epoch;
            result.bestValidationLoss = v;
            bestWeights = moduleToBytes(*net);
            sinceImproved = 0;
        } else if (c.earlyStoppingPatience > 0 && ++sinceImproved >= c.earlyStoppingPatience) {
            stop = true;
        }
        report.seconds = secondsSince(start);
        result.history.push_back(report);
        if (progress)
            progress(report);
    }
    if (!bestWeights.empty())
        moduleFromBytes(*net, bestWeights);
    net->eval();

    // A cancelled run still leaves its best finished epoch behind.
    if (!c.outputCheckpoint.empty() && !bestWeights.empty()) {
        checkpoint.blobs["strong"] = StrongScorer::toBytes(*net);
        nlohmann::json metrics = nlohmann::json::object();
        metrics["bestEpoch"] = result.bestEpoch;
        if (!std::isnan(result.bestValidationLoss))
            metrics["validationLoss"] = result.bestValidationLoss;
        checkpoint.info.metricsJson = metrics.dump();
        checkpoint.info.created = utcNow();
        ModelError error;
        if (!checkpoint.save(c.outputCheckpoint, &error))
            return fail(error.message);
        result.checkpointPath = c.outputCheckpoint;
    }
    result.seconds = secondsSince(start);
    result.ok = !result.cancelled;
    if (result.cancelled)
        result.error = "training was cancelled";
    return result;
}

} // namespace

namespace engine {

TrainResult trainStrongModel(const TrainConfig &config, const StrongSet &train,
                             const StrongSet *validation, const ProgressCallback &progress,
                             const std::atomic<bool> *cancel)
{
    try {
        return trainStrongChecked(config, train, validation, progress, cancel);
    } catch (const c10::Error &e) {
        TrainResult r;
        r.error = "training " + config.modelKind + " failed: " + e.what_without_backtrace();
        return r;
    } catch (const std::exception &e) {
        TrainResult r;
        r.error = "training " + config.modelKind + " failed: " + e.what();
        return r;
    }
}

std::vector<float> predictStrongModel(const std::string &checkpointPath, const StrongSet &data,
                                      ModelError *error)
{
    CheckpointFile checkpoint;
    if (!checkpoint.load(checkpointPath, error))
        return {};
    if (!StrongScorer::isStrongKind(checkpoint.info.kind)) {
        setModelError(error, ModelError::Code::WrongKind, checkpointPath,
                      checkpointPath + ": holds a " + checkpoint.info.kind
                              + " model, not a strong-label one");
        return {};
    }
    std::unique_ptr<BagScorer> scorer
            = StrongScorer::fromCheckpoint(checkpoint, checkpointPath, error);
    if (!scorer)
        return {};
    const std::string problem = data.validate();
    const StrongNetOptions &o = static_cast<StrongScorer &>(*scorer).net().options();
    if (!problem.empty() || data.bands != o.bands || data.frames != o.frames) {
        setModelError(error, ModelError::Code::Mismatch, checkpointPath,
                      checkpointPath + ": the data does not fit the model ("
                              + (problem.empty() ? std::string("other patch size") : problem)
                              + ")");
        return {};
    }
    try {
        return static_cast<StrongScorer &>(*scorer).scorePatches(data.inputs.data(), data.size(),
                                                                 256);
    } catch (const std::exception &e) {
        setModelError(error, ModelError::Code::Failed, checkpointPath,
                      checkpointPath + ": prediction failed (" + e.what() + ")");
        return {};
    }
}

} // namespace engine

} // namespace timbre::models
