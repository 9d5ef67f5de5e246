// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/training/DgmTrainer.h"

#include "models/api/SeededOrder.h"

#include "models/checkpoints/CheckpointFile.h"
#include "models/inputs/DgmInputs.h"
#include "models/scoring/DgmScorer.h"
#include "models/training/ClassThreads.h"
#include "models/training/TrainingCommon.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <ctime>
#include <limits>
#include <numeric>
#include <random>

#include <nlohmann/json.hpp>

namespace timbre::models {

namespace {

std::string checkInputs(const TrainConfig &c, const BagSet &train, const BagSet *validation)
{
    const std::string problem = checkBagInputs(c, train, validation);
    if (!problem.empty())
        return problem;
    if (c.extraOr("dgm_latent", 64) < 1 || c.extraOr("dgm_h1", 512) < 1
        || c.extraOr("dgm_beta", 32) < 0)
        return "dgm_latent and dgm_h1 must be positive, dgm_beta not negative";
    if (!c.warmStartCheckpoint.empty())
        return "the DGM does not support warm starts";
    return {};
}

std::vector<int64_t> indicesWhere(const BagSet &bags, int c, bool observed)
{
    std::vector<int64_t> out;
    for (int b = 0; b < bags.numBags(); ++b) {
        if ((bags.observed[static_cast<size_t>(b) * bags.numClasses + c] != 0) == observed)
            out.push_back(b);
    }
    return out;
}

// BCEp of the classifiers' probabilities [bags, classes] (TrainingCommon.h).
double partialBce(const torch::Tensor &probabilities, const BagSet &bags)
{
    const torch::Tensor p = probabilities.to(torch::kFloat).contiguous();
    return meanPartialBce(p.data_ptr<float>(), bags);
}

// BCE of instrument c's classifier on the validation bags observed for c; NaN when none.
double classBce(const torch::Tensor &probabilities, const BagSet &bags, int c)
{
    const torch::Tensor p = probabilities.clamp(1e-7, 1 - 1e-7).contiguous();
    const float *q = p.data_ptr<float>();
    double sum = 0;
    int n = 0;
    for (int b = 0; b < bags.numBags(); ++b) {
        const size_t k = static_cast<size_t>(b) * bags.numClasses + c;
        if (!bags.observed[k])
            continue;
        sum -= bags.labels[k] > 0.5f ? std::log(q[b]) : std::log(1 - q[b]);
        ++n;
    }
    return n > 0 ? sum / n : std::numeric_limits<double>::quiet_NaN();
}

std::vector<torch::Tensor> snapshot(DgmNet &net)
{
    std::vector<torch::Tensor> out;
    for (const torch::Tensor &p : net->parameters())
        out.push_back(p.detach().clone());
    return out;
}

void restore(DgmNet &net, const std::vector<torch::Tensor> &state)
{
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> params = net->parameters();
    for (size_t i = 0; i < params.size(); ++i)
        params[i].copy_(state[i]);
}

// Draws the next labelled batch from a reshuffled pass over Dl.
struct LabelledStream
{
    std::vector<int64_t> order;
    size_t next = 0;

    std::vector<int64_t> draw(size_t count, std::mt19937_64 &rng)
    {
        std::vector<int64_t> out;
        while (out.size() < count && !order.empty()) {
            if (next == 0)
                seededShuffle(order, rng);
            out.push_back(order[next]);
            next = (next + 1) % order.size();
        }
        return out;
    }
};

torch::Tensor indexTensor(const std::vector<int64_t> &idx)
{
    return torch::tensor(idx, torch::kLong);
}

// The network of every instrument's DGM (Sec. 4) from the run's extras.
DgmNetOptions dgmOptionsFor(const TrainConfig &c, int rowDim)
{
    DgmNetOptions options;
    options.inputDim = rowDim;
    options.latentDim = static_cast<int>(c.extraOr("dgm_latent", 64));
    options.hidden = {static_cast<int>(c.extraOr("dgm_h1", 512)),
                      static_cast<int>(c.extraOr("dgm_h2", 256)),
                      static_cast<int>(c.extraOr("dgm_h3", 0))};
    const int classifierWidth = static_cast<int>(c.extraOr("dgm_classifier_hidden", 256));
    options.classifierHidden = {classifierWidth, classifierWidth, classifierWidth};
    options.classifierDropout = c.dropout;
    options.gaussianDecoder = c.extraOr("dgm_gaussian", 0) != 0;
    return options;
}

// The seed of instrument k's random streams: a splitmix64 step of (run seed, k), so that every
// instrument draws its own sequence whatever thread trains it.
uint64_t classSeed(uint64_t seed, int k)
{
    uint64_t z
            = seed * 0x9e3779b97f4a7c15ULL + static_cast<uint64_t>(k + 1) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

// One instrument's training state: its labelled and unlabelled bags, the weight alpha of its
// classification term, its optimiser (none when it cannot learn), its best weights so far, the
// random stream that orders its bags (its network holds the noise and dropout streams) and the
// loss sums of the epoch under way.
struct ClassState
{
    std::vector<int64_t> labelled;
    std::vector<int64_t> unlabelled;
    double alpha = 0;
    std::unique_ptr<torch::optim::Adam> optimizer;
    std::vector<torch::Tensor> best;
    double bestLoss = std::numeric_limits<double>::infinity();
    std::mt19937_64 rng;
    LabelledStream stream;
    double sums[4] = {0, 0, 0, 0}; // L, U, -log q(y|x), J^alpha
    int steps = 0;
};

// A network per instrument in model->nets; an instrument whose observed labels are all of one
// value (or absent) gets a fallback probability instead of an optimiser.
std::vector<ClassState> setUpClasses(const TrainConfig &c, const BagSet &train, double beta,
                                     DgmScorer *model)
{
    const int C = train.numClasses;
    std::vector<ClassState> classes(static_cast<size_t>(C));
    model->fallback.assign(static_cast<size_t>(C), -1.0f);
    for (int k = 0; k < C; ++k) {
        ClassState &s = classes[k];
        s.labelled = indicesWhere(train, k, true);
        s.unlabelled = indicesWhere(train, k, false);
        model->nets.emplace_back(model->options);
        double positives = 0;
        for (int64_t b : s.labelled)
            positives += train.labels[static_cast<size_t>(b) * C + k] > 0.5f ? 1 : 0;
        if (s.labelled.empty() || positives == 0
            || positives == static_cast<double>(s.labelled.size())) {
            // Nothing to learn the class boundary from: predict the labelled rate (0.5 when
            // there is no label at all).
            model->fallback[k] = s.labelled.empty()
                    ? 0.5f
                    : static_cast<float>(positives / static_cast<double>(s.labelled.size()));
            continue;
        }
        s.alpha = s.unlabelled.empty()
                ? beta
                : beta * static_cast<double>(s.unlabelled.size()) / s.labelled.size();
        s.optimizer
                = std::make_unique<torch::optim::Adam>(model->nets[k]->parameters(),
                                                       torch::optim::AdamOptions(c.learningRate)
                                                               .betas(std::make_tuple(0.9, 0.999))
                                                               .weight_decay(c.weightDecay));
        s.best = snapshot(model->nets[k]);
        const uint64_t seed = classSeed(c.seed, k);
        s.rng.seed(seed);
        s.stream.order = s.labelled;
        model->nets[k]->useOwnRandomness(seed ^ 0x6a09e667f3bcc909ULL);
    }
    return classes;
}

// One epoch of instrument k (Algorithm 1): a pass over its Du in batches, each step paired with a
// batch drawn from its Dl (a pass over Dl itself when Du is empty). Returns false when stopNow()
// ended it early. Touches only k's state, network and optimiser: safe beside other instruments.
bool trainClassEpoch(ClassState &s, DgmNet &net, const torch::Tensor &x, const torch::Tensor &yk,
                     size_t batch, const std::function<bool()> &stopNow)
{
    std::fill(std::begin(s.sums), std::end(s.sums), 0.0);
    s.steps = 0;
    net->train();
    std::vector<int64_t> pass = s.unlabelled.empty() ? s.labelled : s.unlabelled;
    seededShuffle(pass, s.rng);
    for (size_t first = 0; first < pass.size(); first += batch) {
        if (stopNow())
            return false;
        const size_t count = std::min(batch, pass.size() - first);
        const std::vector<int64_t> part(pass.begin() + first, pass.begin() + first + count);
        torch::Tensor labelledIdx;
        torch::Tensor unlabelledIdx;
        if (s.unlabelled.empty()) {
            labelledIdx = indexTensor(part);
        } else {
            labelledIdx = indexTensor(s.stream.draw(batch, s.rng));
            unlabelledIdx = indexTensor(part);
        }
        const torch::Tensor xu
                = unlabelledIdx.defined() ? x.index_select(0, unlabelledIdx) : torch::Tensor();
        DgmObjective objective = dgmObjective(net, x.index_select(0, labelledIdx),
                                              yk.index_select(0, labelledIdx), xu, s.alpha);
        s.optimizer->zero_grad();
        objective.total.backward();
        s.optimizer->step();
        s.sums[0] += objective.labelled;
        s.sums[1] += objective.unlabelled;
        s.sums[2] += objective.classification;
        s.sums[3] += objective.total.item<double>();
        ++s.steps;
    }
    return true;
}

} // namespace

TrainResult trainDgm(const TrainConfig &c, const BagSet &trainIn, const BagSet *validationIn,
                     const ProgressCallback &progress, const std::atomic<bool> *cancel)
{
    TrainResult result;
    const auto start = TrainClock::now();
    result.error = checkInputs(c, trainIn, validationIn);
    if (!result.error.empty())
        return result;
    startTrainer(c.threads, c.seed);
    TrainingBags sets;
    result.error = chooseValidation(trainIn, validationIn, c.validationFraction, c.seed, &sets);
    if (!result.error.empty())
        return result;
    const BagSet *train = sets.train;
    const BagSet *validation = sets.validation;

    const int C = train->numClasses;
    DgmScorer model;
    model.flatten = c.extraOr("dgm_flatten", 0) != 0;
    const int wanted = static_cast<int>(c.extraOr("dgm_instances", 0));
    model.instances
            = model.flatten ? (wanted > 0 ? wanted : DgmInputs::typicalBagLength(*train)) : 1;
    int rowDim = 0;
    std::vector<float> rows = DgmInputs::rows(*train, model.flatten, model.instances, &rowDim);
    DgmInputs::columnRange(rows, rowDim, &model.low, &model.high);
    DgmInputs::scaleToUnit(&rows, model.low, model.high);
    const torch::Tensor x
            = torch::from_blob(rows.data(), {train->numBags(), rowDim}, torch::kFloat).clone();
    const bool haveValidation = validation && validation->numBags() > 0;
    const torch::Tensor xVal = haveValidation ? model.inputRows(*validation) : torch::Tensor();
    const torch::Tensor y = torch::from_blob(const_cast<float *>(train->labels.data()),
                                             {train->numBags(), C}, torch::kFloat)
                                    .gt(0.5)
                                    .to(torch::kLong);

    model.options = dgmOptionsFor(c, rowDim);
    const double beta = c.extraOr("dgm_beta", 32);

    std::vector<ClassState> classes = setUpClasses(c, *train, beta, &model);

    CheckpointFile checkpoint;
    checkpoint.info = checkpointInfoFor(c, "dgm", train->featureDim, train->classNames, C);

    const size_t batch = static_cast<size_t>(c.batchSize);
    int sinceImproved = 0;
    bool stop = false;
    result.bestValidationLoss = std::numeric_limits<double>::infinity();
    std::vector<int> trainable;
    for (int k = 0; k < C; ++k) {
        if (classes[k].optimizer)
            trainable.push_back(k);
    }
    // Set by the first instrument that sees the cancel flag or the time budget run out; the
    // others see it at their next step.
    std::atomic<bool> stopped {false};
    const std::function<bool()> stopNow = [&] {
        if (stopped.load())
            return true;
        if ((cancel && cancel->load())
            || (c.timeBudgetSeconds > 0 && secondsSince(start) > c.timeBudgetSeconds))
            stopped = true;
        return stopped.load();
    };

    for (int epoch = 1; epoch <= c.epochs && !stop; ++epoch) {
        EpochReport report;
        report.epoch = epoch;
        const auto epochStart = TrainClock::now();
        // The instruments share no weight (Sec. 4.2): each trains on a thread of its own.
        forEachOnClassThreads(
                static_cast<int>(trainable.size()), std::max(1, c.threads), [&](int i) {
                    const int k = trainable[i];
                    trainClassEpoch(classes[k], model.nets[k], x, y.select(1, k), batch, stopNow);
                });
        stop = stopped.load();
        result.cancelled = stop && cancel && cancel->load();
        double sums[4] = {0, 0, 0, 0};
        int steps = 0;
        for (int k : trainable) {
            for (int i = 0; i < 4; ++i)
                sums[i] += classes[k].sums[i];
            steps += classes[k].steps;
        }
        // A cancelled epoch is no epoch: its half-trained weights are not snapshot below, so the
        // checkpoint keeps the epochs finished before it.
        if (result.cancelled)
            break;
        report.steps = steps;
        report.trainSeconds = secondsSince(epochStart);
        report.learningRate = c.learningRate; // constant: no schedule
        report.consistencyWeight = 0.0;
        const char *names[4] = {"labelled", "unlabelled", "classification", "total"};
        for (int i = 0; i < 4; ++i)
            report.trainLosses[names[i]] = steps > 0 ? sums[i] / steps : 0.0;
        if (stop && steps == 0 && epoch > 1)
            break;

        bool anyImproved = false;
        if (haveValidation) {
            const torch::Tensor p = model.classProbabilities(xVal);
            report.validationLoss = partialBce(p, *validation);
            for (int k = 0; k < C; ++k) {
                ClassState &s = classes[k];
                if (!s.optimizer)
                    continue;
                const double loss = classBce(p.select(1, k), *validation, k);
                // Without validation labels for this class the latest weights are kept.
                if (std::isnan(loss) || loss < s.bestLoss) {
                    s.bestLoss = std::isnan(loss) ? s.bestLoss : loss;
                    s.best = snapshot(model.nets[k]);
                    anyImproved = true;
                }
            }
        } else {
            report.validationLoss = std::numeric_limits<double>::quiet_NaN();
            for (int k = 0; k < C; ++k) {
                if (classes[k].optimizer)
                    classes[k].best = snapshot(model.nets[k]);
            }
            anyImproved = true;
        }
        // Without validation the latest weights are kept, but no epoch is reported as "best".
        report.validated = haveValidation;
        report.improved = haveValidation && anyImproved;
        if (anyImproved) {
            result.bestEpoch = epoch;
            sinceImproved = 0;
        } else if (c.earlyStoppingPatience > 0 && ++sinceImproved >= c.earlyStoppingPatience) {
            stop = true;
        }
        report.seconds = secondsSince(start);
        result.history.push_back(report);
        if (progress)
            progress(report);
    }

    // Assemble every instrument's best weights.
    for (int k = 0; k < C; ++k) {
        if (classes[k].optimizer)
            restore(model.nets[k], classes[k].best);
        model.nets[k]->eval();
    }
    result.bestValidationLoss = haveValidation
            ? partialBce(model.classProbabilities(xVal), *validation)
            : std::numeric_limits<double>::quiet_NaN();

    if (!c.outputCheckpoint.empty() && (!result.cancelled || result.bestEpoch > 0)) {
        checkpoint.blobs["dgm"] = model.toBytes();
        nlohmann::json metrics = nlohmann::json::object();
        metrics["bestEpoch"] = result.bestEpoch;
        if (!std::isnan(result.bestValidationLoss))
            metrics["validationLoss"] = result.bestValidationLoss;
        checkpoint.info.metricsJson = metrics.dump();
        checkpoint.info.created = utcNow();
        ModelError error;
        if (!checkpoint.save(c.outputCheckpoint, &error)) {
            result.error = error.message;
            return result;
        }
        result.checkpointPath = c.outputCheckpoint;
        result.checkpointEpoch
                = result.bestEpoch > 0 ? result.bestEpoch : static_cast<int>(result.history.size());
    }
    result.seconds = secondsSince(start);
    result.ok = !result.cancelled;
    if (result.cancelled)
        result.error = "training was cancelled";
    return result;
}

} // namespace timbre::models
