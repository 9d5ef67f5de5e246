// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/training/PatchMilTrainer.h"

#include "models/api/SeededOrder.h"
#include "models/api/TrainConfig.h"
#include "models/checkpoints/CheckpointFile.h"
#include "models/checkpoints/MilCheckpoint.h"
#include "models/networks/PatchAttentionMil.h"
#include "models/networks/PatchCnnScript.h"
#include "models/training/Losses.h"
#include "models/training/PatchAugment.h"
#include "models/training/TrainingCommon.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <numeric>
#include <random>

#include <nlohmann/json.hpp>

namespace timbre::models {

namespace {

PatchAugmentOptions augmentOptions(const PatchTrainConfig &c)
{
    PatchAugmentOptions augment;
    augment.gainDb = c.gainDb;
    augment.tiltDb = c.tiltDb;
    augment.pitchBands = c.pitchBands;
    augment.stretch = c.stretch;
    augment.mixProbability = c.mixProbability;
    augment.noiseProbability = c.noiseProbability;
    return augment;
}

// The set as c.renders renders of the same clips (PatchTrainConfig::renders).
std::string checkRenders(const PatchTrainConfig &c, const PatchBagSet &train)
{
    if (!(c.pairLossWeight >= 0.0))
        return "the pair loss weight must be 0 or more";
    if (c.renders < 1)
        return "renders must be at least 1";
    if (c.pairLossWeight > 0.0 && c.renders < 2)
        return "the pair loss needs at least two renders of the same clips";
    if (c.renders == 1)
        return {};
    if (augmentOptions(c).any())
        return "renders of the same clips cannot be augmented (each render would hear other "
               "music)";
    if (train.numBags() % c.renders != 0)
        return std::to_string(train.numBags()) + " clips are not " + std::to_string(c.renders)
                + " renders of the same clips";
    const int N = train.numBags() / c.renders;
    const int C = train.numClasses;
    for (int r = 1; r < c.renders; ++r)
        for (int b = 0; b < N; ++b) {
            const int other = r * N + b;
            const bool sameLabels
                    = std::equal(train.labels.begin() + static_cast<std::ptrdiff_t>(b) * C,
                                 train.labels.begin() + static_cast<std::ptrdiff_t>(b + 1) * C,
                                 train.labels.begin() + static_cast<std::ptrdiff_t>(other) * C);
            if (train.bagSize(other) != train.bagSize(b) || !sameLabels) {
                const std::string key = static_cast<size_t>(other) < train.keys.size()
                        ? train.keys[static_cast<size_t>(other)]
                        : "clip " + std::to_string(other);
                return "render " + std::to_string(r + 1) + " of the clips, " + key
                        + ", has another length or other labels than its first render";
            }
        }
    return {};
}

std::string checkInputs(const PatchTrainConfig &c, const PatchBagSet &train)
{
    std::string problem = train.validate();
    if (!problem.empty())
        return "training set: " + problem;
    problem = checkTrainingNumbers(c.batchBags, c.epochs, c.attDropout, c.validationFraction);
    if (!problem.empty())
        return problem;
    if (c.patchesPerBag < 1)
        return "patchesPerBag must be at least 1";
    if (!(c.instanceLossWeight >= 0.0))
        return "the instance loss weight must be 0 or more";
    if (c.instanceLossWeight > 0.0 && !train.hasInstanceTruth())
        return "the instance loss needs instance activity (activity.csv) for every training "
               "corpus; this data has none";
    if (c.instanceLossWeight > 0.0 && c.mixProbability > 0.0)
        return "the instance loss cannot be combined with the mix augmentation";
    if (c.channels.empty() || c.embedDim < 1)
        return "the CNN needs at least one conv block and a positive embedding size";
    if (c.headOnlyEpochs < 0 || c.headOnlyEpochs >= c.epochs)
        return "the head-only epochs must be fewer than the epochs";
    if (!(c.embeddingLearningRate >= 0.0))
        return "the CNN's learning rate must be 0 (the head's) or more";
    return checkRenders(c, train);
}

// The first patch of each bag's window of T: a longer bag contributes T consecutive patches
// (a random window when rng is given, else the first T), a shorter one is repeated until T:
// either way every instrument labelled present may still be heard.
std::vector<int> windowStarts(const PatchBagSet &set, const std::vector<int> &bags, int T,
                              std::mt19937_64 *rng)
{
    std::vector<int> starts(bags.size(), 0);
    for (size_t i = 0; i < bags.size(); ++i) {
        const int n = set.bagSize(bags[i]);
        if (n > T && rng)
            starts[i] = uniformInt(*rng, 0, n - T);
    }
    return starts;
}

// Patch t of bag b's window (see windowStarts).
int64_t windowPatch(const PatchBagSet &set, int b, int start, int t, int T)
{
    const int n = set.bagSize(b);
    return set.bagOffsets[static_cast<size_t>(b)] + (n > T ? start + t : t % n);
}

// The windows' patches as one float batch [B, T, 96, 64].
torch::Tensor gatherBags(const PatchBagSet &set, const std::vector<int> &bags,
                         const std::vector<int> &starts, int T)
{
    const size_t P = PatchBagSet::kPatchValues;
    std::vector<uint16_t> half(bags.size() * static_cast<size_t>(T) * P);
    for (size_t i = 0; i < bags.size(); ++i)
        for (int t = 0; t < T; ++t)
            std::copy_n(set.patches.data()
                                + windowPatch(set, bags[i], starts[i], t, T)
                                        * static_cast<int64_t>(P),
                        P, half.data() + (i * T + t) * P);
    return torch::from_blob(half.data(),
                            {static_cast<int64_t>(bags.size()), T, PatchBagSet::kFrames,
                             PatchBagSet::kBands},
                            torch::kHalf)
            .to(torch::kFloat);
}

// The windows' instance truth [B, T, C] as 0/1 floats (the set must have it).
torch::Tensor gatherTruth(const PatchBagSet &set, const std::vector<int> &bags,
                          const std::vector<int> &starts, int T)
{
    const int C = set.numClasses;
    torch::Tensor truth = torch::empty({static_cast<int64_t>(bags.size()), T, C});
    float *out = truth.data_ptr<float>();
    for (size_t i = 0; i < bags.size(); ++i)
        for (int t = 0; t < T; ++t) {
            const int64_t patch = windowPatch(set, bags[i], starts[i], t, T);
            for (int c = 0; c < C; ++c)
                *out++ = set.instanceTruth[static_cast<size_t>(patch) * C + c] ? 1.0f : 0.0f;
        }
    return truth;
}

torch::Tensor gatherRows(const std::vector<float> &values, const std::vector<int> &bags,
                         int classes)
{
    torch::Tensor t = torch::empty({static_cast<int64_t>(bags.size()), classes});
    float *out = t.data_ptr<float>();
    for (size_t i = 0; i < bags.size(); ++i)
        std::copy_n(values.data() + static_cast<size_t>(bags[i]) * classes, classes,
                    out + i * classes);
    return t;
}

torch::Tensor gatherObserved(const PatchBagSet &set, const std::vector<int> &bags)
{
    const int C = set.numClasses;
    torch::Tensor t = torch::empty({static_cast<int64_t>(bags.size()), C});
    float *out = t.data_ptr<float>();
    for (size_t i = 0; i < bags.size(); ++i)
        for (int c = 0; c < C; ++c)
            out[i * C + c] = set.observed[static_cast<size_t>(bags[i]) * C + c] ? 1.0f : 0.0f;
    return t;
}

// The bags of clips in every one of S renders, render-major (PatchTrainConfig::renders).
std::vector<int> bagsOf(const std::vector<int> &clips, int S, int N)
{
    if (S == 1)
        return clips;
    std::vector<int> bags;
    bags.reserve(clips.size() * static_cast<size_t>(S));
    for (int r = 0; r < S; ++r)
        for (int c : clips)
            bags.push_back(r * N + c);
    return bags;
}

// The same window starts for every render of a clip, so that pairs are the same music.
std::vector<int> repeatStarts(const std::vector<int> &starts, int S)
{
    std::vector<int> all;
    all.reserve(starts.size() * static_cast<size_t>(S));
    for (int r = 0; r < S; ++r)
        all.insert(all.end(), starts.begin(), starts.end());
    return all;
}

// embedded: [S * B * T, D], render-major. The share of its variance (about the batch's mean)
// that lies between the S renders of the same patch (about the patch's mean over renders).
torch::Tensor pairRatio(const torch::Tensor &embedded, int S)
{
    const torch::Tensor e = embedded.view({S, -1, embedded.size(1)});
    const torch::Tensor within = (e - e.mean(0, true)).pow(2).sum();
    const torch::Tensor total = (embedded - embedded.mean(0, true)).pow(2).sum();
    return within / total.clamp_min(1e-8);
}

struct Evaluation
{
    double loss = std::numeric_limits<double>::quiet_NaN();
    double auroc = std::numeric_limits<double>::quiet_NaN();
    double pairRatio = std::numeric_limits<double>::quiet_NaN();
};

// clips: bags of render 0 (every bag when S = 1); each is scored in all S renders.
Evaluation evaluate(PatchAttentionMilImpl &net, const PatchBagSet &set,
                    const std::vector<int> &clips, int T, int S = 1)
{
    Evaluation e;
    if (clips.empty())
        return e;
    torch::NoGradGuard noGrad;
    net.eval();
    const int C = set.numClasses;
    const int N = set.numBags() / S;
    std::vector<float> scores;
    std::vector<float> labels;
    std::vector<uint8_t> observed;
    double sum = 0.0;
    double weight = 0.0;
    double pairSum = 0.0;
    const size_t chunk = 32;
    for (size_t first = 0; first < clips.size(); first += chunk) {
        const std::vector<int> chunkClips(clips.begin() + first,
                                          clips.begin() + std::min(clips.size(), first + chunk));
        const std::vector<int> idx = bagsOf(chunkClips, S, N);
        torch::Tensor embedded;
        const torch::Tensor clip
                = net.forward(gatherBags(set, idx, windowStarts(set, idx, T, nullptr), T),
                              S > 1 ? &embedded : nullptr)
                          .clip.contiguous();
        if (S > 1)
            pairSum += pairRatio(embedded, S).item<double>() * chunkClips.size();
        const torch::Tensor y = gatherRows(set.labels, idx, C);
        const torch::Tensor o = gatherObserved(set, idx);
        const double labelled = (o.sum(1) > 0).sum().item<double>();
        if (labelled > 0) {
            sum += partialBce(clip, y, o).item<double>() * labelled;
            weight += labelled;
        }
        scores.insert(scores.end(), clip.data_ptr<float>(), clip.data_ptr<float>() + clip.numel());
        for (int b : idx)
            for (int c = 0; c < C; ++c) {
                labels.push_back(set.labels[static_cast<size_t>(b) * C + c]);
                observed.push_back(set.observed[static_cast<size_t>(b) * C + c]);
            }
    }
    net.train();
    if (weight > 0)
        e.loss = sum / weight;
    e.auroc = meanObservedAuroc(scores, labels, observed, C);
    if (S > 1)
        e.pairRatio = pairSum / clips.size();
    return e;
}

// Adam over the whole network, or (embeddingLearningRate > 0) over two parameter groups,
// CNN and head, with their own rates; with headOnly, the head's parameters alone.
std::unique_ptr<torch::optim::Adam> makeOptimizer(const PatchTrainConfig &c,
                                                  PatchAttentionMilImpl &net, bool headOnly,
                                                  std::vector<double> *baseRates)
{
    const auto options = torch::optim::AdamOptions(c.learningRate).weight_decay(c.weightDecay);
    if (headOnly) {
        *baseRates = {c.learningRate};
        return std::make_unique<torch::optim::Adam>(net.attention->parameters(), options);
    }
    if (c.embeddingLearningRate <= 0.0) {
        *baseRates = {c.learningRate};
        return std::make_unique<torch::optim::Adam>(net.parameters(), options);
    }
    auto cnnOptions = std::make_unique<torch::optim::AdamOptions>(options);
    cnnOptions->lr(c.embeddingLearningRate);
    std::vector<torch::optim::OptimizerParamGroup> groups;
    groups.emplace_back(net.cnn->parameters(), std::move(cnnOptions));
    groups.emplace_back(net.attention->parameters(),
                        std::make_unique<torch::optim::AdamOptions>(options));
    *baseRates = {c.embeddingLearningRate, c.learningRate};
    return std::make_unique<torch::optim::Adam>(std::move(groups), options);
}

void writeHeadCheckpoint(const PatchTrainConfig &c, const PatchBagSet &train,
                         PatchAttentionMilImpl &net, const PatchTrainResult &result)
{
    TrainConfig head = TrainConfig::defaultsFor("att");
    head.dropout = c.attDropout;
    head.seed = c.seed;
    head.epochs = c.epochs;
    head.batchSize = c.batchBags;
    head.learningRate = c.learningRate;
    head.weightDecay = c.weightDecay;
    head.extractorId = c.extractorId;
    head.extractorVersion = c.extractorVersion;
    head.extra["hidden"] = c.attHidden;
    CheckpointFile checkpoint;
    checkpoint.info.kind = "att";
    checkpoint.info.hyperParametersJson = head.toJson();
    checkpoint.info.extractorId = c.extractorId;
    checkpoint.info.extractorVersion = c.extractorVersion;
    checkpoint.info.featureDim = c.embedDim;
    checkpoint.info.classNames = train.classNames;
    if (checkpoint.info.classNames.empty())
        for (int i = 0; i < train.numClasses; ++i)
            checkpoint.info.classNames.push_back("class" + std::to_string(i));
    nlohmann::json metrics = nlohmann::json::object();
    metrics["bestEpoch"] = result.bestEpoch;
    if (std::isfinite(result.bestValidationLoss))
        metrics["validationLoss"] = result.bestValidationLoss;
    if (std::isfinite(result.bestValidationAuroc))
        metrics["validationAuroc"] = result.bestValidationAuroc;
    metrics["trainedWith"] = "end to end with the " + c.extractorId + " CNN";
    // In the metrics, not the hyper-parameters: a library's retraining warm-started from this
    // head reads those, and has no activity to give an instance loss.
    if (c.instanceLossWeight > 0.0)
        metrics["instanceLoss"] = c.instanceLossWeight;
    if (c.renders > 1) {
        metrics["renders"] = c.renders;
        metrics["pairLoss"] = c.pairLossWeight;
    }
    if (!c.initEmbedding.empty())
        metrics["startedFrom"] = c.initEmbedding;
    checkpoint.info.metricsJson = metrics.dump();
    checkpoint.info.created = utcNow();
    checkpoint.blobs["student"] = moduleBytes(*net.attention);
    ModelError error;
    if (!checkpoint.save(c.headCheckpoint, &error))
        throw std::runtime_error(error.message);
}

} // namespace

double meanObservedAuroc(const std::vector<float> &scores, const std::vector<float> &labels,
                         const std::vector<uint8_t> &observed, int classes)
{
    const size_t rows = classes > 0 ? scores.size() / static_cast<size_t>(classes) : 0;
    double sum = 0.0;
    int used = 0;
    for (int c = 0; c < classes; ++c) {
        std::vector<std::pair<float, int>> items;
        for (size_t r = 0; r < rows; ++r)
            if (observed[r * classes + c])
                items.push_back({scores[r * classes + c], labels[r * classes + c] > 0.5f ? 1 : 0});
        std::sort(items.begin(), items.end());
        double positives = 0, negatives = 0, rankSum = 0;
        for (size_t i = 0; i < items.size();) {
            size_t j = i;
            while (j < items.size() && items[j].first == items[i].first)
                ++j;
            const double rank = 0.5 * (static_cast<double>(i + 1) + static_cast<double>(j));
            for (size_t k = i; k < j; ++k)
                if (items[k].second) {
                    rankSum += rank;
                    ++positives;
                } else {
                    ++negatives;
                }
            i = j;
        }
        if (positives == 0 || negatives == 0)
            continue;
        sum += (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
        ++used;
    }
    return used ? sum / used : std::numeric_limits<double>::quiet_NaN();
}

PatchTrainResult trainPatchMil(const PatchTrainConfig &c, const PatchBagSet &data,
                               const PatchProgress &progress, const std::atomic<bool> *cancel,
                               const PatchBagSet *monitor)
{
    PatchTrainResult result;
    const auto start = TrainClock::now();
    result.error = checkInputs(c, data);
    if (!result.error.empty())
        return result;
    if (monitor) {
        const std::string problem = monitor->validate();
        if (!problem.empty() || monitor->numClasses != data.numClasses) {
            result.error = "monitored set: "
                    + (problem.empty() ? std::string("other classes than the training set")
                                       : problem);
            return result;
        }
    }
    std::vector<int> monitorBags;
    if (monitor)
        for (int b = 0; b < monitor->numBags(); ++b)
            monitorBags.push_back(b);
    double monitorSeconds = 0.0; // not training time
    startTrainer(c.threads, c.seed);
    const int S = c.renders;
    const int N = data.numBags() / S; // clips; each is S bags
    std::vector<int> order(static_cast<size_t>(N));
    std::iota(order.begin(), order.end(), 0);
    std::vector<int> validation;
    if (c.validationFraction > 0.0) {
        SeededSplit split = seededSplit(N, c.validationFraction, c.seed);
        if (split.held.empty() || split.kept.empty()) {
            result.error = "too few bags to hold out a validation set";
            return result;
        }
        validation = std::move(split.held);
        order = std::move(split.kept);
    }
    const bool validated = !validation.empty();
    std::mt19937_64 rng(c.seed);

    PatchCnnOptions cnnOptions;
    cnnOptions.channels(c.channels).embedDim(c.embedDim);
    AttentionMilOptions attOptions(c.embedDim, data.numClasses);
    attOptions.hidden(c.attHidden).dropout(c.attDropout);
    PatchAttentionMil net(cnnOptions, attOptions);
    if (!c.initEmbedding.empty()) {
        try {
            loadPatchCnnScript(*net->cnn, torch::jit::load(c.initEmbedding));
        } catch (const std::exception &e) {
            result.error = c.initEmbedding + ": cannot start the CNN from it: " + e.what();
            return result;
        }
    }
    net->attention->reseedDropout(c.seed * 2654435761ULL + 1);
    const bool instanceLoss = c.instanceLossWeight > 0.0;
    net->attention->instanceGradients = instanceLoss;
    net->train();
    for (const auto &p : net->cnn->parameters())
        result.parameters += p.numel();

    std::vector<double> baseRates;
    std::unique_ptr<torch::optim::Adam> optimizer
            = makeOptimizer(c, *net, c.headOnlyEpochs > 0, &baseRates);
    const bool pairs = S > 1;
    const PatchAugmentOptions augment = augmentOptions(c);
    auto generator = at::make_generator<at::CPUGeneratorImpl>(c.seed * 7919 + 3);

    const int T = c.patchesPerBag;
    const size_t B = static_cast<size_t>(c.batchBags);
    std::string bestState;
    result.bestValidationLoss = std::numeric_limits<double>::infinity();
    result.bestValidationAuroc = std::numeric_limits<double>::quiet_NaN();
    int sinceImproved = 0;
    bool stop = false;
    for (int epoch = 1; epoch <= c.epochs && !stop; ++epoch) {
        const bool headOnly = epoch <= c.headOnlyEpochs;
        if (epoch == c.headOnlyEpochs + 1 && c.headOnlyEpochs > 0)
            optimizer = makeOptimizer(c, *net, false, &baseRates);
        net->cnn->setLearning(!headOnly);
        net->train();
        if (headOnly)
            net->cnn->eval(); // fixed: its batch norms keep their statistics
        const double factor
                = c.lrHalvingEpochs > 0 ? std::pow(0.5, (epoch - 1) / c.lrHalvingEpochs) : 1.0;
        const double lr = c.learningRate * factor;
        for (size_t g = 0; g < optimizer->param_groups().size(); ++g)
            static_cast<torch::optim::AdamOptions &>(optimizer->param_groups()[g].options())
                    .lr(baseRates[g] * factor);
        seededShuffle(order, rng);
        const auto epochStart = TrainClock::now();
        double lossSum = 0.0;
        double instanceSum = 0.0;
        double pairSum = 0.0;
        int steps = 0;
        int64_t patches = 0;
        for (size_t first = 0; first < order.size(); first += B) {
            if (cancel && cancel->load(std::memory_order_relaxed)) {
                result.cancelled = true;
                stop = true;
                break;
            }
            const std::vector<int> idx(
                    order.begin() + static_cast<std::ptrdiff_t>(first),
                    order.begin() + static_cast<std::ptrdiff_t>(std::min(order.size(), first + B)));
            // Batch norm needs two instances; a last batch of one bag still has T patches,
            // but with T = 1 it is skipped.
            if (idx.size() * static_cast<size_t>(T) < 2)
                continue;
            // idx: clips; bags: those clips in every render (the same when S = 1).
            const std::vector<int> bags = bagsOf(idx, S, N);
            const std::vector<int> starts = repeatStarts(windowStarts(data, idx, T, &rng), S);
            const AugmentedBatch batch
                    = augmentPatches(gatherBags(data, bags, starts, T),
                                     gatherRows(data.labels, bags, data.numClasses),
                                     gatherObserved(data, bags), augment, generator);
            torch::Tensor embedded;
            const MilOutput out = net->forward(batch.patches, pairs ? &embedded : nullptr);
            if (batch.observed.sum().item<double>() == 0.0)
                continue;
            torch::Tensor loss = partialBce(out.clip, batch.labels, batch.observed);
            if (instanceLoss) {
                const torch::Tensor inst
                        = instanceBce(out.instance, gatherTruth(data, bags, starts, T), {});
                loss = loss + c.instanceLossWeight * inst;
                instanceSum += inst.item<double>();
            }
            if (pairs) {
                const torch::Tensor ratio = pairRatio(embedded, S);
                if (c.pairLossWeight > 0.0 && !headOnly)
                    loss = loss + c.pairLossWeight * ratio;
                pairSum += ratio.item<double>();
            }
            optimizer->zero_grad();
            loss.backward();
            optimizer->step();
            lossSum += loss.item<double>();
            ++steps;
            patches += static_cast<int64_t>(bags.size()) * T;
            if (c.timeBudgetSeconds > 0 && secondsSince(start) >= c.timeBudgetSeconds)
                stop = true;
            if (stop)
                break;
        }
        if (result.cancelled)
            break;
        PatchEpochReport report;
        report.epoch = epoch;
        report.trainLoss = steps ? lossSum / steps : std::numeric_limits<double>::quiet_NaN();
        report.trainInstanceLoss = steps && instanceLoss ? instanceSum / steps
                                                         : std::numeric_limits<double>::quiet_NaN();
        report.learningRate = lr;
        report.headOnly = headOnly;
        report.trainPairRatio
                = pairs && steps ? pairSum / steps : std::numeric_limits<double>::quiet_NaN();
        const double epochSeconds = secondsSince(epochStart);
        report.patchesPerSecond = epochSeconds > 0 ? patches / epochSeconds : 0.0;
        const Evaluation v = evaluate(*net, data, validation, T, S);
        report.validationLoss = v.loss;
        report.validationAuroc = v.auroc;
        report.validationPairRatio = v.pairRatio;
        if (validated) {
            report.improved = v.loss < result.bestValidationLoss;
            if (report.improved) {
                result.bestEpoch = epoch;
                result.bestValidationLoss = v.loss;
                result.bestValidationAuroc = v.auroc;
                bestState = moduleBytes(*net);
                sinceImproved = 0;
            } else if (c.earlyStoppingPatience > 0 && ++sinceImproved >= c.earlyStoppingPatience) {
                stop = true;
            }
        } else {
            result.bestEpoch = epoch;
            result.bestValidationLoss = std::numeric_limits<double>::quiet_NaN();
            bestState = moduleBytes(*net);
        }
        report.monitorAuroc = std::numeric_limits<double>::quiet_NaN();
        report.monitorLoss = std::numeric_limits<double>::quiet_NaN();
        if (monitor) {
            const auto monitorStart = TrainClock::now();
            const Evaluation m = evaluate(*net, *monitor, monitorBags, T);
            report.monitorAuroc = m.auroc;
            report.monitorLoss = m.loss;
            monitorSeconds += secondsSince(monitorStart);
        }
        report.seconds = secondsSince(start) - monitorSeconds;
        if (progress)
            progress(report);
        result.history.push_back(report);
    }
    if (result.cancelled) {
        result.error = "training cancelled";
        result.seconds = secondsSince(start) - monitorSeconds;
        return result;
    }
    if (bestState.empty()) {
        result.error = "no epoch finished";
        return result;
    }
    loadModuleBytes(*net, bestState);
    net->cnn->toChannelsLast();
    net->eval();
    if (!c.embeddingScript.empty())
        scriptPatchCnn(*net->cnn).save(c.embeddingScript);
    if (!c.headCheckpoint.empty())
        writeHeadCheckpoint(c, data, *net, result);
    if (!c.fullCheckpoint.empty())
        torch::save(net, c.fullCheckpoint);
    result.seconds = secondsSince(start) - monitorSeconds;
    result.ok = true;
    return result;
}

} // namespace timbre::models
