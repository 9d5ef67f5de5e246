// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/training/MilTrainer.h"

#include "models/api/ModelKinds.h"
#include "models/api/SeededOrder.h"
#include "models/checkpoints/CheckpointFile.h"
#include "models/checkpoints/MilCheckpoint.h"
#include "models/inputs/BagTensors.h"
#include "models/kernels/ActivationPool.h"
#include "models/kernels/FusedAdam.h"
#include "models/networks/AttentionMil.h"
#include "models/networks/MilNet.h"
#include "models/training/InputNoise.h"
#include "models/training/Losses.h"
#include "models/training/MeanTeacher.h"
#include "models/training/Ramps.h"
#include "models/training/TrainingCommon.h"

#include <algorithm>
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
    if (!isMilKind(c.modelKind))
        return "model kind \"" + c.modelKind + "\" is not a bag network";
    const std::string problem = checkBagInputs(c, train, validation);
    if (!problem.empty())
        return problem;
    if (c.fineTune != "scratch" && c.fineTune != "all" && c.fineTune != "heads")
        return "fineTune must be scratch, all or heads";
    if (c.fineTune != "scratch" && c.warmStartCheckpoint.empty())
        return "fine-tuning (" + c.fineTune + ") needs a warm-start checkpoint";
    return {};
}

// Copies every tensor whose name and shape agree; heads of another class count stay fresh.
void loadMatching(torch::nn::Module &target, torch::nn::Module &source)
{
    torch::NoGradGuard noGrad;
    auto src = source.named_parameters();
    for (auto &item : target.named_parameters()) {
        const torch::Tensor *s = src.find(item.key());
        if (s && s->sizes() == item.value().sizes())
            item.value().copy_(*s);
    }
    auto srcBuffers = source.named_buffers();
    for (auto &item : target.named_buffers()) {
        const torch::Tensor *s = srcBuffers.find(item.key());
        if (s && s->sizes() == item.value().sizes())
            item.value().copy_(*s);
    }
}

struct Nets
{
    std::shared_ptr<MilNetImpl> student;
    std::shared_ptr<MilNetImpl> teacher; // MT only
    std::string optimizerState; // from a compatible warm start
    // The teacher came from the warm-start checkpoint's own teacher (an "mt" checkpoint), not
    // from a copy of a student: its average is kept, so the EMA starts at its full decay.
    bool teacherLoaded = false;
};

std::string warmStart(const TrainConfig &c, const BagSet &train, Nets &nets)
{
    CheckpointFile checkpoint;
    ModelError error;
    if (!checkpoint.load(c.warmStartCheckpoint, &error))
        return error.message;
    const CheckpointInfo &info = checkpoint.info;
    if (!warmStartFits(info.kind, c.modelKind))
        return "warm-start checkpoint " + c.warmStartCheckpoint + " holds a " + info.kind
                + " model, not " + c.modelKind;
    if (info.featureDim != train.featureDim)
        return "warm-start checkpoint " + c.warmStartCheckpoint + " expects "
                + std::to_string(info.featureDim) + "-d features, the data has "
                + std::to_string(train.featureDim);
    auto student = loadMilNet(checkpoint, "student", c.warmStartCheckpoint, &error);
    if (!student)
        return error.message;
    loadMatching(*nets.student, *student);
    if (nets.teacher) {
        auto teacher = checkpoint.hasBlob("teacher")
                ? loadMilNet(checkpoint, "teacher", c.warmStartCheckpoint, &error)
                : student;
        if (!teacher)
            return error.message;
        loadMatching(*nets.teacher, *teacher);
        nets.teacherLoaded = checkpoint.hasBlob("teacher");
    }
    const bool sameClasses = train.classNames.empty() || info.classNames == train.classNames;
    if (info.kind == c.modelKind && sameClasses && c.fineTune != "heads"
        && static_cast<int>(info.classNames.size()) == train.numClasses)
        nets.optimizerState = checkpoint.blobs["optimizer"];
    return {};
}

double evaluateLoss(MilNetImpl &net, const BagTensors &data, const PartialBceOptions &loss,
                    const torch::Tensor &positiveWeight)
{
    if (data.size() == 0)
        return std::numeric_limits<double>::quiet_NaN();
    torch::NoGradGuard noGrad;
    net.eval();
    double sum = 0.0;
    double bags = 0.0;
    const int64_t chunk = 512;
    for (int64_t first = 0; first < data.size(); first += chunk) {
        const int64_t n = std::min(chunk, data.size() - first);
        std::vector<int64_t> idx(static_cast<size_t>(n));
        std::iota(idx.begin(), idx.end(), first);
        const MilOutput out = net.forward(data.batch(first, n));
        const torch::Tensor observed = data.observed(idx);
        const double labelled = (observed.sum(1) > 0).sum().item<double>();
        if (labelled == 0.0)
            continue;
        sum += partialBce(out.clip, data.labels(idx), observed, loss, positiveWeight).item<double>()
                * labelled;
        bags += labelled;
    }
    net.train();
    return bags > 0 ? sum / bags : std::numeric_limits<double>::quiet_NaN();
}

// Clip scores of every bag of data, [bags x classes] row-major, in eval mode.
std::vector<float> clipScores(MilNetImpl &net, const BagTensors &data)
{
    std::vector<float> scores;
    torch::NoGradGuard noGrad;
    net.eval();
    const int64_t chunk = 512;
    for (int64_t first = 0; first < data.size(); first += chunk) {
        const int64_t n = std::min(chunk, data.size() - first);
        const torch::Tensor clip = net.forward(data.batch(first, n)).clip.contiguous();
        scores.insert(scores.end(), clip.data_ptr<float>(), clip.data_ptr<float>() + clip.numel());
    }
    net.train();
    return scores;
}

// "fused_kernels" = 0 makes ATT (and Mean Teacher's nets) run the composed LibTorch operators
// instead of the hand-written kernels: the reference the fused path is tested against.
void applyKernelChoice(const TrainConfig &c, MilNetImpl *net)
{
    if (auto *att = dynamic_cast<AttentionMilImpl *>(net)) {
        att->fusedKernels = c.extraOr("fused_kernels", 1.0) != 0.0;
        att->instanceGradients = c.extraOr("instance_loss", 0.0) > 0.0;
    }
}

// The student (and for Mean Teacher the teacher) of a run: fresh, or warm-started from
// c.warmStartCheckpoint; a fresh teacher starts as a copy of the student. "" or why not.
std::string buildNets(const TrainConfig &c, const BagSet &train, bool meanTeacher, Nets *out)
{
    Nets &nets = *out;
    nets.student
            = createMilNet(c.modelKind, train.featureDim, train.numClasses, c.dropout, c.extra);
    nets.student->reseedDropout(c.seed * 2654435761ULL + 1);
    applyKernelChoice(c, nets.student.get());
    if (meanTeacher) {
        nets.teacher
                = createMilNet(c.modelKind, train.featureDim, train.numClasses, c.dropout, c.extra);
        nets.teacher->reseedDropout(c.seed * 2654435761ULL + 2);
        applyKernelChoice(c, nets.teacher.get());
    }
    if (!c.warmStartCheckpoint.empty()) {
        const std::string problem = warmStart(c, train, nets);
        if (!problem.empty())
            return problem;
    }
    if (meanTeacher) {
        if (c.warmStartCheckpoint.empty())
            copyWeights(*nets.teacher, *nets.student);
        for (auto &p : nets.teacher->parameters())
            p.set_requires_grad(false);
        nets.teacher->train();
    }
    return {};
}

// Sec. 5.5's labelled batch of one step: the next B labelled bags (fewer when there are fewer),
// drawn from a pass over them that is reshuffled whenever it runs out.
std::vector<int64_t> nextLabelledBatch(std::vector<int64_t> &labelled, size_t *cursor, int64_t B,
                                       std::mt19937_64 &rng)
{
    std::vector<int64_t> lab;
    while (static_cast<int64_t>(lab.size()) < B) {
        if (*cursor >= labelled.size()) {
            seededShuffle(labelled, rng);
            *cursor = 0;
        }
        lab.push_back(labelled[(*cursor)++]);
        if (static_cast<int64_t>(lab.size()) >= static_cast<int64_t>(labelled.size()))
            break;
    }
    return lab;
}

// The losses of one optimiser step.
struct StepLosses
{
    torch::Tensor bce, consistency, instance, total;
};

// One optimiser step on a step's batches (one mixed batch, or with Sec. 5.5's separate batches
// a labelled and an unlabelled one): the partial BCE on the observed labels (Eq. 3.5), for Mean
// Teacher plus consWeight x the consistency to the teacher (Sec. 5.3), plus instanceWeight x
// the strong-label BCE of the instance scores where the data knows them (docs/METHOD.md
// §5.4), then Adam and the teacher's EMA update with `emaDecay`. With noiseScale defined,
// every batch's features get Gaussian noise of that standard deviation per dimension first
// (§5.5), the teacher's input the same as the student's.
StepLosses trainStep(const std::vector<std::vector<int64_t>> &batches, const BagTensors &data,
                     Nets &nets, bool meanTeacher, double consWeight, double instanceWeight,
                     const PartialBceOptions &lossOptions, const torch::Tensor &positiveWeight,
                     const torch::Tensor &noiseScale, torch::optim::Adam &optimizer,
                     double emaDecay)
{
    MilNetImpl &student = *nets.student;
    torch::Tensor bce = torch::zeros({});
    torch::Tensor cons = torch::zeros({});
    torch::Tensor inst = torch::zeros({});
    for (const auto &idx : batches) {
        BagBatch batch = data.batch(idx);
        if (noiseScale.defined())
            batch.features = withInputNoise(batch.features, noiseScale);
        const MilOutput out = student.forward(batch);
        const torch::Tensor observed = data.observed(idx);
        if (observed.sum().item<double>() > 0)
            bce = bce
                    + partialBce(out.clip, data.labels(idx), observed, lossOptions, positiveWeight);
        if (instanceWeight > 0.0 && out.instance.defined() && data.hasInstanceTruth())
            inst = inst + instanceBce(out.instance, data.instanceTruth(idx), batch.mask);
        if (meanTeacher) {
            torch::Tensor target;
            {
                torch::NoGradGuard noGrad;
                target = nets.teacher->forward(batch).clip;
            }
            cons = cons + consistencyMse(out.clip, target);
        }
    }
    torch::Tensor total = meanTeacher ? bce + consWeight * cons : bce;
    if (instanceWeight > 0.0)
        total = total + instanceWeight * inst;
    optimizer.zero_grad();
    if (total.requires_grad()) {
        total.backward();
        fusedAdamStep(optimizer);
    }
    if (meanTeacher)
        emaUpdate(*nets.teacher, student, emaDecay);
    return {bce, cons, inst, total};
}

} // namespace

TrainResult trainMil(const TrainConfig &c, const BagSet &trainIn, const BagSet *validationIn,
                     const ProgressCallback &progress, const std::atomic<bool> *cancel,
                     const BagSet *monitor)
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
    std::mt19937_64 rng(c.seed);
    const BagTensors trainData(*train);
    const BagTensors validData = validation ? BagTensors(*validation) : BagTensors(BagSet());
    // A validation split with no observed label (Mean Teacher's unlabelled clips only, a
    // library with few labels) has an undefined loss: treat it as no validation and keep the
    // last epoch, rather than never keeping one and writing no checkpoint at all.
    const bool validated = validation && validData.size() > 0
            && std::any_of(validation->observed.begin(), validation->observed.end(),
                           [](uint8_t v) { return v != 0; });
    const BagTensors monitorData = monitor ? BagTensors(*monitor) : BagTensors(BagSet());
    double monitorSeconds = 0.0; // excluded from the reported training time

    const ModelKind *kind = findModelKind(c.modelKind);
    const bool meanTeacher = kind && kind->teacher;
    Nets nets;
    result.error = buildNets(c, *train, meanTeacher, &nets);
    if (!result.error.empty())
        return result;
    MilNetImpl &student = *nets.student;
    student.train();

    // Table 3.2 "FT final": only the heads learn; the embedding gets no gradient at all.
    std::vector<torch::Tensor> trainable = student.parameters();
    if (c.fineTune == "heads") {
        for (auto &p : student.parameters())
            p.set_requires_grad(false);
        trainable = student.headParameters();
        for (auto &p : trainable)
            p.set_requires_grad(true);
    }
    torch::optim::Adam optimizer(
            trainable, torch::optim::AdamOptions(c.learningRate).weight_decay(c.weightDecay));
    if (!nets.optimizerState.empty()) {
        try {
            loadOptimizerBytes(optimizer, nets.optimizerState);
        } catch (const c10::Error &) {
            // The stored state belongs to another parameter layout: start Adam afresh.
        }
    }

    const PartialBceOptions lossOptions {c.lossAlpha, c.lossBeta, c.lossGamma};
    // A frame-level auxiliary loss needs strong labels: without them it is an error, not a
    // silent plain run.
    const double instanceWeight = c.extraOr("instance_loss", 0.0);
    if (instanceWeight > 0.0 && !trainData.hasInstanceTruth()) {
        result.error = "instance_loss needs instance activity (activity.csv or planted instance "
                       "truth) for the training bags; this data has none";
        return result;
    }
    // §5.5: input noise, its scale from the training instances (not the validation ones).
    const double inputNoise = c.extraOr("input_noise", 0.0);
    if (inputNoise < 0.0 || !std::isfinite(inputNoise)) {
        result.error = "input_noise must be a number >= 0 (a multiple of each feature "
                       "dimension's standard deviation)";
        return result;
    }
    const torch::Tensor noiseScale = inputNoise > 0.0
            ? inputNoiseScale(trainData.instances(), inputNoise)
            : torch::Tensor();
    const torch::Tensor positiveWeight = c.balanced
            ? balancedPositiveWeights(trainData.allLabels(), trainData.allObserved())
            : torch::Tensor();

    // Sec. 5.5: labelled bags (any observed label) and unlabelled bags drawn in separate batches.
    std::vector<int64_t> labelled;
    std::vector<int64_t> unlabelled;
    for (int64_t b = 0; b < trainData.size(); ++b)
        (trainData.observedCount(b) > 0 ? labelled : unlabelled).push_back(b);
    const bool separate = meanTeacher && c.separateUnlabelledBatches && !unlabelled.empty()
            && !labelled.empty();
    std::vector<int64_t> order(static_cast<size_t>(trainData.size()));
    std::iota(order.begin(), order.end(), 0);
    if (separate)
        order = unlabelled;
    const int64_t B = c.batchSize;
    const int64_t stepsPerEpoch = (static_cast<int64_t>(order.size()) + B - 1) / B;
    size_t labelledCursor = labelled.size();

    CheckpointFile checkpoint;
    checkpoint.info = checkpointInfoFor(c, c.modelKind, train->featureDim, train->classNames,
                                        train->numClasses);

    // The weights of one epoch as checkpoint blobs.
    struct Snapshot
    {
        int epoch = 0;
        std::string student, teacher, optimizer;
    };
    auto snapshot = [&](int epoch) {
        Snapshot s;
        s.epoch = epoch;
        s.student = moduleBytes(student);
        if (meanTeacher)
            s.teacher = moduleBytes(*nets.teacher);
        s.optimizer = optimizerBytes(optimizer);
        return s;
    };
    // The checkpoint of an epoch: the best-validation one, or without validation the last (the
    // last finished one when cancelled).
    auto saveCheckpoint = [&](Snapshot s, double validationLoss) {
        if (c.outputCheckpoint.empty())
            return true;
        checkpoint.blobs["student"] = std::move(s.student);
        if (meanTeacher)
            checkpoint.blobs["teacher"] = std::move(s.teacher);
        checkpoint.blobs["optimizer"] = std::move(s.optimizer);
        nlohmann::json metrics = nlohmann::json::object();
        metrics["bestEpoch"] = s.epoch;
        if (std::isfinite(validationLoss))
            metrics["validationLoss"] = validationLoss;
        else
            metrics["keptLastEpoch"] = true;
        if (result.cancelled)
            metrics["cancelled"] = true;
        checkpoint.info.metricsJson = metrics.dump();
        checkpoint.info.created = utcNow();
        ModelError error;
        if (!checkpoint.save(c.outputCheckpoint, &error)) {
            result.error = error.message;
            return false;
        }
        result.checkpointPath = c.outputCheckpoint;
        result.checkpointEpoch = s.epoch;
        return true;
    };
    // Without validation the checkpoint is written after the last epoch; a cancel comes in the
    // middle of an epoch, whose half-trained weights are no epoch's. So the state at the end of
    // every finished epoch is kept in memory (a few serialised small nets per epoch, well
    // under 1 % of an epoch's time) and written should training be cancelled.
    const bool keepFinished = !validated && cancel && !c.outputCheckpoint.empty();
    Snapshot lastFinished;

    int64_t globalStep = 0;
    int sinceImproved = 0;
    result.bestValidationLoss = std::numeric_limits<double>::infinity();
    bool stop = false;
    for (int epoch = 1; epoch <= c.epochs && !stop; ++epoch) {
        seededShuffle(order, rng);
        const auto epochStart = TrainClock::now();
        EpochReport report;
        report.epoch = epoch;
        double sumBce = 0.0, sumCons = 0.0, sumInst = 0.0, sumTotal = 0.0;
        // Before the first step of an epoch (an empty training set): the schedule at its start.
        report.learningRate
                = learningRateAt(c.learningRate, epoch - 1.0, c.epochs, c.lrHalvingEpochs,
                                 c.lrRampUpEpochs, c.lrRampDownEpochs);
        report.consistencyWeight = meanTeacher
                ? c.consistencyWeight * rampUpAt(epoch - 1.0, c.consistencyRampEpochs)
                : 0.0;
        for (int64_t step = 0; step < stepsPerEpoch; ++step) {
            if (cancel && cancel->load(std::memory_order_relaxed)) {
                result.cancelled = true;
                stop = true;
                break;
            }
            const double epochPos = (epoch - 1) + static_cast<double>(step) / stepsPerEpoch;
            const double lr = learningRateAt(c.learningRate, epochPos, c.epochs, c.lrHalvingEpochs,
                                             c.lrRampUpEpochs, c.lrRampDownEpochs);
            for (auto &group : optimizer.param_groups())
                static_cast<torch::optim::AdamOptions &>(group.options()).lr(lr);

            const auto first = order.begin() + step * B;
            const auto last = order.begin() + std::min<int64_t>((step + 1) * B, order.size());
            std::vector<std::vector<int64_t>> batches {std::vector<int64_t>(first, last)};
            if (separate) {
                std::vector<int64_t> lab = nextLabelledBatch(labelled, &labelledCursor, B, rng);
                batches.insert(batches.begin(), lab);
            }

            const double consWeight = meanTeacher
                    ? c.consistencyWeight * rampUpAt(epochPos, c.consistencyRampEpochs)
                    : 0.0;
            report.learningRate = lr;
            report.consistencyWeight = consWeight;
            // The EMA warm-up (alpha_t = min(1 - 1/(t + 1), alpha)) lets a fresh teacher track
            // the student; at t = 0 it copies the student, which would throw away a teacher
            // loaded from a warm-start checkpoint, so that one is averaged at full decay.
            const double emaDecay
                    = nets.teacherLoaded ? c.emaDecay : emaDecayAt(globalStep, c.emaDecay);
            const StepLosses losses
                    = trainStep(batches, trainData, nets, meanTeacher, consWeight, instanceWeight,
                                lossOptions, positiveWeight, noiseScale, optimizer, emaDecay);
            const torch::Tensor &bce = losses.bce;
            const torch::Tensor &cons = losses.consistency;
            const torch::Tensor &total = losses.total;
            ++globalStep;

            sumBce += bce.item<double>();
            sumCons += cons.item<double>();
            if (instanceWeight > 0.0)
                sumInst += losses.instance.item<double>();
            sumTotal += total.item<double>();
            report.steps = static_cast<int>(step + 1);
            if (c.timeBudgetSeconds > 0 && secondsSince(start) >= c.timeBudgetSeconds)
                stop = true;
            if (c.progressEverySteps > 0 && progress && !stop
                && report.steps % c.progressEverySteps == 0 && step + 1 < stepsPerEpoch) {
                EpochReport partial = report;
                partial.partial = true;
                partial.trainLosses
                        = {{"bce", sumBce / report.steps}, {"total", sumTotal / report.steps}};
                if (meanTeacher)
                    partial.trainLosses["consistency"] = sumCons / report.steps;
                partial.validationLoss = std::numeric_limits<double>::quiet_NaN();
                partial.seconds = secondsSince(start) - monitorSeconds;
                progress(partial);
            }
            if (stop)
                break;
        }
        if (result.cancelled)
            break;
        report.trainSeconds = secondsSince(epochStart);
        const double steps = std::max(1, report.steps);
        report.trainLosses = {{"bce", sumBce / steps}, {"total", sumTotal / steps}};
        if (instanceWeight > 0.0)
            report.trainLosses["instance"] = sumInst / steps;
        if (meanTeacher) {
            report.trainLosses["consistency"] = sumCons / steps;
            if (validated)
                report.trainLosses["student_validation"]
                        = evaluateLoss(student, validData, lossOptions, positiveWeight);
            report.validationLoss
                    = evaluateLoss(*nets.teacher, validData, lossOptions, positiveWeight);
            nets.teacher->train();
        } else {
            report.validationLoss = evaluateLoss(student, validData, lossOptions, positiveWeight);
        }
        report.validated = validated;
        if (validated) {
            const double v = report.validationLoss;
            report.improved = v < result.bestValidationLoss;
            if (report.improved) {
                result.bestEpoch = epoch;
                result.bestValidationLoss = v;
                sinceImproved = 0;
                if (!saveCheckpoint(snapshot(epoch), v))
                    return result;
            } else if (c.earlyStoppingPatience > 0 && ++sinceImproved >= c.earlyStoppingPatience) {
                stop = true;
            }
        } else {
            // No validation set: no epoch is "best"; the last one run is kept (written below).
            result.bestEpoch = epoch;
            result.bestValidationLoss = std::numeric_limits<double>::quiet_NaN();
        }
        if (monitorData.size() > 0) {
            const auto monitorStart = TrainClock::now();
            report.monitorScores = clipScores(meanTeacher ? *nets.teacher : student, monitorData);
            monitorSeconds += secondsSince(monitorStart);
        }
        if (keepFinished)
            lastFinished = snapshot(epoch);
        report.seconds = secondsSince(start) - monitorSeconds;
        if (progress)
            progress(report);
        // The scores were for the callback; the history keeps only what is small.
        report.monitorScores = {};
        result.history.push_back(std::move(report));
    }
    if (!validated && result.bestEpoch > 0) {
        // The last epoch run; cancelled, the last one finished (bestEpoch is never the
        // cancelled one: it is set only once an epoch's steps are done).
        const bool reuse = lastFinished.epoch == result.bestEpoch;
        if (!result.cancelled || reuse) {
            if (!saveCheckpoint(reuse ? std::move(lastFinished) : snapshot(result.bestEpoch),
                                std::numeric_limits<double>::quiet_NaN()))
                return result;
        }
    }
    releasePooledMemory();
    result.seconds = secondsSince(start) - monitorSeconds;
    result.ok = !result.cancelled;
    if (result.cancelled)
        result.error = "training cancelled";
    return result;
}

} // namespace timbre::models
